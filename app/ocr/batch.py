"""OCR of a whole archive on a Dask cluster, into an archive store (see app/cluster.py
for the tasks and app/archive_store.py for the store): what one page's task does."""
from __future__ import annotations

import os
import threading
from functools import partial
from pathlib import Path

from recto.app import archive_store
from recto.app.archive_store import StoredPage
from recto.app.cluster import BatchReport, PageResult, run_batch
from recto.app.jobs import TaskState
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import PageJob, ocr_page

# PyMuPDF is not thread-safe and the pipeline keeps one open PDF per process: a worker
# started with --nthreads > 1 still reads one page at a time (start one worker per core).
_ONE_PAGE_AT_A_TIME = threading.Lock()


def done_pages(store: str, settings_key: str, sha: str) -> set[int]:
    return archive_store.done_pages(Path(store), sha, settings_key)


def ocr_to_store(path: str, sha: str, page_index: int, size: tuple[float, float], *,
                 settings: OcrSettings, store: str) -> PageResult:
    if page_index in archive_store.done_pages(Path(store), sha, settings.key()):
        return PageResult(path, page_index, "ok")  # a retry after its worker died
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one page per worker thread; no nested threads
    with _ONE_PAGE_AT_A_TIME:
        outcome = ocr_page(PageJob(path, page_index, settings, *size))
    if outcome.status != "ok":
        return PageResult(path, page_index, "failed", error=outcome.error)
    added = archive_store.add_page(Path(store), sha, StoredPage(
        page_index, settings.key(), outcome.source, outcome.text, outcome.words, outcome.engine,
        outcome.engine_version, outcome.orientation, outcome.deskew, outcome.seconds))
    return PageResult(path, page_index, "ok", added=added)


def run_ocr_batch(client, paths: list[Path], store: Path, settings: OcrSettings,
                  state: TaskState | None = None) -> BatchReport:
    """OCR every page of `paths` missing from `store` (see app/cluster.run_batch)."""
    store = Path(store).resolve()
    store.mkdir(parents=True, exist_ok=True)
    return run_batch(client, paths, partial(done_pages, str(store), settings.key()),
                     partial(ocr_to_store, settings=settings, store=str(store)),
                     f"ocr-{settings.key()}", state)
