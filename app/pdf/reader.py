"""Opening PDFs safely: every way a file can be unusable becomes one clear sentence.

PyMuPDF objects are not thread-safe: a `pymupdf.Document` returned here belongs
to the thread (or process) that opened it.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pymupdf

from recto.app.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    FileMissingError,
    InputFileError,
    NotAPdfError,
)

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

_CHUNK = 1 << 20


def sha256_of(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_pdf_file(path: str | os.PathLike) -> Path:
    """Cheap checks before PyMuPDF sees the file: exists, readable, non-empty, PDF magic."""
    path = Path(path)
    if not path.exists():
        raise FileMissingError(f"The file {path} does not exist.")
    if path.is_dir():
        raise NotAPdfError(f"{path} is a folder, not a PDF file.")
    if not os.access(path, os.R_OK):
        raise FileMissingError(f"Recto may not read {path.name}: check its permissions.")
    if path.stat().st_size == 0:
        raise EmptyFileError(f"{path.name} is empty (0 bytes); it is not a usable PDF.")
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path.name} is not a PDF file.")
    _check_name_is_text(path)
    return path


def _check_name_is_text(path: Path) -> None:
    """The project keeps each PDF's path as text, and MuPDF opens UTF-8 names only."""
    try:
        str(path.absolute()).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path.name).decode("utf-8", "backslashreplace")
        raise InputFileError(
            f"The name of {shown} (or of a folder above it) is not valid UTF-8 (it comes from "
            "another system's encoding); rename it and add it again.") from None


def open_pdf(path: str | os.PathLike) -> pymupdf.Document:
    """Open and validate a PDF; raises an InputFileError subclass for unusable files."""
    path = check_pdf_file(path)
    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as exc:
        raise CorruptPdfError(
            f"{path.name} is damaged and cannot be read ({short_reason(exc)}).") from exc
    try:
        _check_opened(doc, path)
    except InputFileError:
        doc.close()
        raise
    except Exception as exc:  # MuPDF fails lazily on broken page trees ("Invalid number of pages")
        doc.close()
        raise CorruptPdfError(
            f"{path.name} is damaged and cannot be read ({short_reason(exc)}).") from exc
    return doc


_KEPT: dict[str, pymupdf.Document] = {}


def kept_open(path: str) -> pymupdf.Document:
    """The PDF at `path` (added before, so already checked), kept open in this process
    for the next call: a worker reading page after page of one PDF opens it once, and
    closes it when it moves on to another."""
    doc = _KEPT.get(path)
    if doc is None:
        for old in _KEPT.values():
            old.close()
        _KEPT.clear()
        doc = _KEPT[path] = pymupdf.open(path, filetype="pdf")
    return doc


def user_space_matrices(path: str | os.PathLike) -> list[tuple[float, ...]]:
    """Per page, the matrix (a, b, c, d, e, f) from Recto's page coordinates (points from
    the top left of the unrotated crop box, y down) to PDF user space (y up, from the
    origin the page's boxes are given in): what other tools' PDF regions are in. A crop
    box that does not start at the media box's corner moves the two apart."""
    with pymupdf.open(str(path), filetype="pdf") as doc:
        return [tuple(~page.transformation_matrix) for page in doc]


def _check_opened(doc: pymupdf.Document, path: Path) -> None:
    if doc.needs_pass or doc.is_encrypted:
        raise EncryptedPdfError(
            f"{path.name} is password-protected. Remove the password (for example by "
            "printing it to a new PDF) and add it again.")
    if doc.page_count == 0:
        raise CorruptPdfError(f"{path.name} is damaged: it has no pages that can be read.")
    if doc.is_repaired:
        _check_repaired(doc, path)


def _check_repaired(doc: pymupdf.Document, path: Path) -> None:
    """MuPDF silently repairs broken files; accept a repair only if no page came out blank.

    A truncated scan "repairs" into pages whose images are gone, which would
    show as white pages and OCR to nothing.
    """
    for index in range(doc.page_count):
        try:
            page = doc.load_page(index)
            empty = not (page.get_images() or page.get_text("text").strip()
                         or page.get_drawings())
        except Exception:
            empty = True
        if empty:
            raise CorruptPdfError(
                f"{path.name} is damaged (it looks truncated: page {index + 1} has lost its "
                "content). Copy the file again from its source.")


def page_sizes(doc: pymupdf.Document) -> list[tuple[float, float, int]]:
    """(width, height, rotation) per page, in points of the unrotated page.

    Loads every page once, so a truncated file fails here, at add time, rather
    than later in the viewer.
    """
    sizes = []
    for index in range(doc.page_count):
        try:
            page = doc.load_page(index)
            rect = page.cropbox  # unrotated size: boxes are stored on the unrotated page
            sizes.append((float(rect.width), float(rect.height), int(page.rotation)))
        except Exception as exc:
            raise CorruptPdfError(
                f"Page {index + 1} of {Path(doc.name).name} is damaged "
                f"({short_reason(exc)}).") from exc
    return sizes


_MUPDF_CODE = re.compile(r"^(?:code=\d+:\s*)+")


def short_reason(exc: Exception) -> str:
    """MuPDF's first line, bounded: enough to tell support what broke, still one sentence.

    MuPDF's internal error code ("code=4: ...") means nothing to a reader and is dropped."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = _MUPDF_CODE.sub("", text).strip().rstrip(".") or type(exc).__name__
    return text[:160]


def page_not_drawn(page_index: int, exc: Exception | str) -> str:
    """The one sentence for a page MuPDF fails on (damaged streams, absurd images)."""
    reason = exc if isinstance(exc, str) else short_reason(exc)
    return f"Page {page_index + 1} could not be drawn: the file is damaged ({reason})."
