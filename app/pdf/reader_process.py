"""Reading a PDF's pages and text layer in a short-lived helper process.

Adding a PDF reads every page (size, rotation, whether it has text) and its text layer.
MuPDF keeps Python's interpreter lock while it works, so on a GUI job thread a hostile
page (a 2.6 MB file whose content inflates to a gigabyte of drawing operators) froze
the window for as long as MuPDF took, and grew the app without bound. Here a child
process does that work under the drawing helper's memory cap, answering page by page;
a page that takes longer than READ_TIMEOUT_S ends the child and refuses the file with
one sentence. The caller only waits on a pipe (no lock held), so the window stays live.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from recto.annotations.model import OcrWord
from recto.app.document_metadata import pdf_page_labels
from recto.app.errors import CorruptPdfError, HelperStartError, RectoError
from recto.app.jobs import TaskState
from recto.app.pdf.limits import DRAW_MEMORY_BYTES, helper_context, limit_memory
from recto.app.pdf.reader import open_pdf, short_reason
from recto.app.pdf.text_layer_words import has_real_text_layer, layer_text, layer_words
from recto.app.processes import script_hint

READ_TIMEOUT_S = 20.0   # one page's facts or text layer; real pages take milliseconds
START_TIMEOUT_S = 120.0  # the helper's imports, before any page is read
_BATCH = 256            # page facts per message: a 100,000-page file is 400 messages
_POLL_S = 0.2           # how often a wait looks at the cancel button


@dataclass(frozen=True)
class PdfOutline:
    page_count: int
    title: str
    labels: tuple[str, ...]  # printed page labels, () when the PDF has none


@dataclass(frozen=True)
class PageFacts:
    index: int
    width: float
    height: float
    rotation: int
    has_text: bool


@dataclass(frozen=True)
class PageLayer:
    text: str
    words: tuple[OcrWord, ...]


def _outline(pdf) -> PdfOutline:
    title = (pdf.metadata or {}).get("title") or ""
    return PdfOutline(pdf.page_count, title, pdf_page_labels(pdf))


def _facts(pdf, start: int) -> list[PageFacts]:
    out = []
    for index in range(start, min(start + _BATCH, pdf.page_count)):
        try:
            page = pdf.load_page(index)
            rect = page.cropbox  # unrotated size: boxes are stored on the unrotated page
            out.append(PageFacts(index, float(rect.width), float(rect.height),
                                 int(page.rotation), bool(page.get_text("text").strip())))
        except Exception as exc:  # noqa: BLE001 - a truncated file fails here, at add time
            raise CorruptPdfError(f"Page {index + 1} of {Path(pdf.name).name} is damaged "
                                  f"({short_reason(exc)}).") from None
    return out


def _layer(pdf, index: int, real_only: bool) -> PageLayer | None:
    page = pdf.load_page(index)
    if real_only and not has_real_text_layer(page):
        return None
    words = layer_words(page)
    return PageLayer(layer_text(page), tuple(words)) if words else None


def _serve(conn: Connection, path: str) -> None:
    """The child: open the file, then answer ("pages", start) and ("layer", i, real_only)
    until the pipe closes."""
    limit_memory(DRAW_MEMORY_BYTES)
    conn.send(("ready", None))
    pdf = None
    request: Any = ("open",)
    while True:
        try:
            if request[0] == "open":
                pdf = open_pdf(path)
                reply: Any = _outline(pdf)
            elif request[0] == "pages":
                reply = _facts(pdf, request[1])
            else:
                reply = _layer(pdf, request[1], request[2])
            conn.send(("ok", reply))
        except RectoError as exc:
            conn.send(("error", exc))
        except MemoryError:
            conn.send(("error", CorruptPdfError(
                f"{Path(path).name} needs more memory than Recto allows for one file.")))
        except Exception as exc:  # noqa: BLE001 - MuPDF's failure is the file's
            conn.send(("error", CorruptPdfError(
                f"{Path(path).name} is damaged and cannot be read ({short_reason(exc)}).")))
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return


class PdfReaderProcess:
    """One PDF opened in a helper process; use as a context manager (the child ends on
    exit). Methods raise InputFileError subclasses with one sentence."""

    def __init__(self, path: str | os.PathLike, state: TaskState | None = None,
                 timeout_s: float | None = None):
        self.path = Path(path)
        self.state = state
        self.timeout_s = READ_TIMEOUT_S if timeout_s is None else timeout_s
        ctx = helper_context()
        self._conn, child = ctx.Pipe()
        self._child = ctx.Process(target=_serve, args=(child, str(self.path)), daemon=True,
                                  name="recto-read")
        self._child.start()
        child.close()
        self._answer("starting", START_TIMEOUT_S)  # imports: seconds on a loaded machine
        self.outline: PdfOutline = self._answer("opening it")

    def pages(self) -> Iterator[PageFacts]:
        """Every page's size, rotation and whether it has text, in order."""
        for start in range(0, self.outline.page_count, _BATCH):
            self._conn.send(("pages", start))
            yield from self._answer(f"reading page {start + 1}")

    def layer(self, index: int, real_only: bool = False) -> PageLayer | None:
        """The page's text and words (None when it has none, or with `real_only` when its
        text is invisible or under a scan: app.pdf.text_layer_words)."""
        self._conn.send(("layer", index, real_only))
        return self._answer(f"reading the text of page {index + 1}")

    def _answer(self, doing: str, timeout_s: float | None = None) -> Any:
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + timeout_s
        status: str | None = None
        value: Any = None
        try:
            while time.monotonic() < deadline:
                if self.state is not None and self.state.cancelled:
                    self.close()
                    self.state.check()
                ready = wait([self._conn, self._child.sentinel], _POLL_S)
                if self._conn in ready or self._conn.poll(0):
                    status, value = self._conn.recv()
                    break
                if ready:  # the child ended without answering (killed, crashed)
                    break
        except (EOFError, OSError):
            pass
        if status is None:
            late = time.monotonic() >= deadline and self._child.is_alive()
            self.close()
            if doing == "starting" and not late:   # no page read yet: not the file's fault
                raise HelperStartError(
                    f"Recto's PDF reader stopped as it started, before opening "
                    f"{self.path.name}.{script_hint()}")
            why = (f"{doing} took longer than {timeout_s:g} s" if late
                   else f"the reading process stopped while {doing}")
            raise CorruptPdfError(
                f"{self.path.name} could not be read: {why} (its content is damaged or "
                "too complex for Recto).")
        if status == "error":
            self.close()
            raise value
        return value

    def close(self) -> None:
        self._conn.close()
        if self._child.is_alive():
            self._child.kill()
        self._child.join(5)

    def __enter__(self) -> PdfReaderProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
