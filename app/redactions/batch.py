"""Redaction detection over a whole archive on a Dask cluster, into the archive store:
what one page's task does (the tasks and the run are app/cluster.py's).

A page's boxes are found as `recto detect-redactions` finds them on a PDF: black bars
and outlined boxes on the page image, failed redactions in its text layer, exemption
codes from the page's words (the archive's OCR words for the page when it has them
under `ocr_key`, else the text layer, else Tesseract on the margin). The result,
possibly no box at all, is stored under the page and `detect_key(dpi)`, so a re-run
skips the page and a project can take its boxes from the store.
"""
from __future__ import annotations

import hashlib
import json
import threading
from functools import partial
from pathlib import Path

import numpy as np
import pymupdf

from recto.app import archive_store
from recto.app.archive_store import StoredBox
from recto.app.cluster import BatchReport, PageResult, run_batch
from recto.app.jobs import TaskState
from recto.app.redactions.budget import PAGE_SECONDS
from recto.app.redactions.detect import page_text_words
from recto.app.redactions.page_analysis import analyse

DETECTOR_VERSION = "2"   # bump when detection changes, so stored pages are redone
# PyMuPDF is not thread-safe: a worker with --nthreads > 1 still reads one page at a time.
_ONE_PAGE_AT_A_TIME = threading.Lock()


def detect_key(dpi: int) -> str:
    """16 hex chars over what changes the boxes found on a page."""
    payload = json.dumps({"detector": DETECTOR_VERSION, "dpi": dpi}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def done_pages(store: str, key: str, sha: str) -> set[int]:
    return archive_store.done_redactions(Path(store), sha, key)


def page_boxes(page: pymupdf.Page, dpi: int, words) -> list[StoredBox]:
    """The redactions on one page, drawn at `dpi`, as a project's detection finds them
    (`page_analysis.analyse`): boxes, marked where the text under them can still be
    copied, plus failed redactions the image does not show."""
    zoom = round(dpi / 72, 3)  # as the app's renderer rounds it: the same pixels, the same boxes
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY,
                          alpha=False)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w]
    found = analyse(page, gray, words, PAGE_SECONDS)
    return [StoredBox(b.bbox, b.style.value, b.confidence, b.codes[0] if b.codes else None,
                      b.hidden is not None, b.hidden.hidden_text if b.hidden else "")
            for b in found.boxes]


def detect_to_store(path: str, sha: str, page_index: int, size: tuple[float, float], *,
                    dpi: int, store: str, ocr_key: str | None) -> PageResult:
    key = detect_key(dpi)
    if page_index in archive_store.done_redactions(Path(store), sha, key):
        return PageResult(path, page_index, "ok")  # a retry after its worker died
    try:
        with _ONE_PAGE_AT_A_TIME, pymupdf.open(path, filetype="pdf") as doc:
            page = doc.load_page(page_index)
            ocr = (archive_store.get_page(Path(store), sha, page_index, ocr_key)
                   if ocr_key else None)
            words = list(ocr.words) if ocr is not None else page_text_words(page)
            boxes = page_boxes(page, dpi, words)
    except Exception as exc:  # noqa: BLE001 - reported per page, the run goes on
        return PageResult(path, page_index, "failed",
                          error=f"{type(exc).__name__}: {str(exc).strip() or 'damaged page'}")
    added = archive_store.add_redactions(Path(store), sha, page_index, key, boxes)
    return PageResult(path, page_index, "ok", added=added)


def run_detect_batch(client, paths: list[Path], store: Path, dpi: int,
                     ocr_key: str | None = None, state: TaskState | None = None) -> BatchReport:
    """Detect redactions on every page of `paths` missing from `store`."""
    store = Path(store).resolve()
    store.mkdir(parents=True, exist_ok=True)
    key = detect_key(dpi)
    return run_batch(client, paths, partial(done_pages, str(store), key),
                     partial(detect_to_store, dpi=dpi, store=str(store), ocr_key=ocr_key),
                     f"redactions-{key}", state)
