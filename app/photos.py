"""Photographs and folders of them as documents: adding, finding, arranging pages.

A photo document is its image bytes in page order (SHA-256 over the files one after
the other), so the same folder added twice is one document. Its path is the folder
(or the one image file); the originals stay where they are. What Recto renders is a
PDF derived from them beside the project (`<project>.derived/`), rebuilt whenever
it is missing or the pages were reordered, rotated or cropped.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

from recto.annotations import documents as store
from recto.annotations import image_pages as pages_store
from recto.annotations.image_pages import ImagePage
from recto.annotations.model import ArchivalReference, Document, Page, new_id
from recto.annotations.project import Project
from recto.app.documents import AddResult
from recto.app.errors import FileMissingError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.pdf.images import (
    PageSource,
    build_pdf,
    compose_crop,
    content_sha256,
    frame_count,
    image_files,
    page_size,
    rotate_crop,
)


def add_images(project: Project, path: str | os.PathLike, *,
               reference: ArchivalReference | None = None, title: str | None = None,
               state: TaskState | None = None) -> AddResult:
    """Add an image, a multi-page TIFF or a folder of images as one document."""
    path = Path(path).absolute()
    return add_image_files(project, path, image_files(path), reference=reference,
                           title=title or path.stem, state=state)


def add_image_files(project: Project, base: Path, files: list[Path], *, title: str,
                    reference: ArchivalReference | None = None,
                    state: TaskState | None = None) -> AddResult:
    """Add `files` (in page order) as one document whose path is `base`: a folder
    holding them all (sources are stored relative to it) or the one image itself."""
    sha = content_sha256(files)
    existing = store.find_by_sha256(project, sha)
    if existing is not None:
        if existing.path != str(base):
            size, mtime = _stat(files)
            store.relink(project, existing.id, str(base), size, mtime)
        return AddResult(store.get_document(project, existing.id), created=False)
    doc_id = new_id()
    image_pages: list[ImagePage] = []
    pages: list[Page] = []
    for i, file in enumerate(files):
        if state is not None:
            state.check()
            state.report(i, len(files), file.name)
        source = file.relative_to(base).as_posix() if base.is_dir() else ""
        for frame in range(frame_count(file)):
            index = len(pages)
            width, height = page_size(PageSource(file, frame))
            image_pages.append(ImagePage(doc_id, index, source, i, frame))
            pages.append(Page(doc_id, index, width, height, 0, has_text_layer=False))
    size, mtime = _stat(files)
    document = Document(
        id=doc_id, sha256=sha, title=title, path=str(base), page_count=len(pages),
        reference=reference or ArchivalReference(), file_size=size, file_mtime=mtime)
    added = store.add_document(project, document, pages, pages_store.rows_for_add(image_pages))
    return AddResult(added, created=True)


def add_each(project: Project, folder: str | os.PathLike, *,
             reference: ArchivalReference | None = None) -> list[AddResult]:
    """One document per image file of a folder (a multi-page TIFF stays one document)."""
    return [add_images(project, f, reference=reference) for f in image_files(folder)]


def is_image_document(project: Project, document: Document) -> bool:
    return pages_store.is_image_document(project, document.id)


def derived_pdf(project: Project, document: Document) -> Path:
    """The PDF Recto renders for a photo document, built from the originals if needed."""
    layout = pages_store.image_pages_of(project, document.id)
    key = hashlib.sha256(json.dumps([p.row() for p in layout]).encode()).hexdigest()[:12]
    folder = project.path.parent / f"{project.path.name}.derived"
    out = folder / f"{document.sha256[:16]}-{key}.pdf"
    if out.is_file():
        return out
    sources = _sources(project, document, layout)
    build_pdf(sources, out)
    for stale in folder.glob(f"{document.sha256[:16]}-*.pdf"):
        if stale != out:
            stale.unlink(missing_ok=True)
    return out


def check_originals(project: Project, document: Document) -> None:
    """The photos must still be there with the same bytes (relinked if they only moved)."""
    files = _files(project, document, Path(document.path or ""))
    if all(f.is_file() for f in files):
        size, mtime = _stat(files)
        if size == document.file_size and mtime == document.file_mtime:
            return
        if content_sha256(files) == document.sha256:
            store.relink(project, document.id, str(document.path), size, mtime)
            return
    raise FileMissingError(
        f"The photos of \"{document.title}\" are no longer at {document.path}. "
        "Use Relink to show Recto where they are now; their annotations are kept.")


def relink_images(project: Project, document: Document, path: str | os.PathLike) -> Document:
    """The folder (or image) now holding the document's photos, under the same names."""
    path = Path(path).absolute()
    files = _files(project, document, path)
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise FileMissingError(f"{missing[0].name} is not in {path}.")
    if content_sha256(files) != document.sha256:
        raise InvalidInputError(
            f"{path.name} does not hold the same photos as \"{document.title}\" "
            "(their contents differ).")
    size, mtime = _stat(files)
    store.relink(project, document.id, str(path), size, mtime)
    return store.get_document(project, document.id)


def _files(project: Project, document: Document, base: Path) -> list[Path]:
    """The document's image files under `base`, each once, in page order."""
    by_seq = {p.file_seq: p.source for p in pages_store.image_pages_of(project, document.id)}
    return [base / by_seq[seq] if by_seq[seq] else base for seq in sorted(by_seq)]


def reorder_pages(project: Project, document_id: str, order: list[int]) -> None:
    """Put the pages in a new order, given as the current 1-based page numbers."""
    document, layout = _arrangeable(project, document_id)
    if sorted(order) != list(range(1, len(layout) + 1)):
        raise InvalidInputError(
            f"Give each page number from 1 to {len(layout)} exactly once, in the new order.")
    moved = [replace(layout[n - 1], page_index=i) for i, n in enumerate(order)]
    _rewrite(project, document, moved, "Reorder pages")


def rotate_page(project: Project, document_id: str, page_number: int, degrees: int) -> None:
    """Turn one page clockwise by a quarter turn, a half turn or three quarters."""
    if degrees % 90:
        raise InvalidInputError("Pages turn by 90, 180 or 270 degrees.")
    document, layout = _arrangeable(project, document_id)
    page = _page(layout, page_number)
    turned = replace(page, rotation=(page.rotation + degrees) % 360,
                     crop=rotate_crop(page.crop, degrees % 360))
    _rewrite(project, document, _replace(layout, turned), f"Rotate page {page_number}")


def crop_page(project: Project, document_id: str, page_number: int,
              box: tuple[float, float, float, float]) -> None:
    """Keep only `box` of a page: fractions (0-1) of the page as it looks now."""
    x0, y0, x1, y1 = box
    if not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
        raise InvalidInputError(
            "A crop is x0,y0,x1,y1 as fractions of the page, with 0 <= x0 < x1 <= 1 "
            "and 0 <= y0 < y1 <= 1.")
    document, layout = _arrangeable(project, document_id)
    page = _page(layout, page_number)
    cropped = replace(page, crop=compose_crop(page.crop, box))
    _rewrite(project, document, _replace(layout, cropped), f"Crop page {page_number}")


def _arrangeable(project: Project, document_id: str) -> tuple[Document, list[ImagePage]]:
    document = store.get_document(project, document_id)
    layout = pages_store.image_pages_of(project, document.id)
    if not layout:
        raise InvalidInputError(
            f"\"{document.title}\" is a PDF; only photo documents can have their pages "
            "reordered, rotated or cropped.")
    if pages_store.has_work(project, document.id, document.sha256):
        raise InvalidInputError(
            f"\"{document.title}\" already has OCR text or annotations on its pages; arrange "
            "pages before OCR so nothing lands on the wrong image.")
    return document, layout


def _rewrite(project: Project, document: Document, layout: list[ImagePage], label: str) -> None:
    sizes = [page_size(s) for s in _sources(project, document, layout)]
    pages_store.rewrite_pages(project, label, layout, sizes)


def _sources(project: Project, document: Document, layout: list[ImagePage]) -> list[PageSource]:
    check_originals(project, document)
    document = store.get_document(project, document.id)
    if document.path is None:
        raise FileMissingError(f"\"{document.title}\" has no folder on record; relink it.")
    base = Path(document.path)
    return [PageSource(base / p.source if p.source else base, p.frame, p.rotation, p.crop)
            for p in layout]


def _page(layout: list[ImagePage], page_number: int) -> ImagePage:
    if not 1 <= page_number <= len(layout):
        raise InvalidInputError(f"The document has no page {page_number}.")
    return layout[page_number - 1]


def _replace(layout: list[ImagePage], page: ImagePage) -> list[ImagePage]:
    return [page if p.page_index == page.page_index else p for p in layout]


def _stat(files: list[Path]) -> tuple[int, float]:
    stats = [f.stat() for f in files]
    return sum(s.st_size for s in stats), max(s.st_mtime for s in stats)
