"""OCR of a whole archive on a Dask cluster, into an archive store (see archive_store).

Dask does the scheduling, retries and worker loss; this module only says what one
task is. A first task per file (on a worker, which reads the PDF from the shared
path) hashes it, counts its pages and asks the store which are missing; then one
task per missing page OCRs it with the same code as `recto ocr` and writes it to the
store itself, so only a small summary travels back through the scheduler. A worker
killed mid-page loses that page only: Dask runs it again elsewhere, and a page
found in the store is not read twice. A re-run does only what is missing.
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

from recto.app.errors import ClusterError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.ocr import archive_store
from recto.app.ocr.archive_store import StoredPage
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import PageJob, ocr_page

PAGE_RETRIES = 2
# PyMuPDF is not thread-safe and the pipeline keeps one open PDF per process: a worker
# started with --nthreads > 1 still reads one page at a time (start one worker per core).
_ONE_PAGE_AT_A_TIME = threading.Lock()
CONNECT_TIMEOUT = "30s"


@dataclass(frozen=True)
class FilePlan:
    """What a worker found in one PDF: its hash, page sizes and the pages still missing."""
    path: str
    sha256: str = ""
    sizes: tuple[tuple[float, float], ...] = ()
    missing: tuple[int, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class PageResult:
    path: str
    page_index: int
    status: str              # "ok" | "failed"
    added: bool = False      # False when another task had already stored it
    error: str = ""


@dataclass(frozen=True)
class BatchFailure:
    path: str
    page_index: int | None   # None: the whole file
    error: str


@dataclass(frozen=True)
class BatchReport:
    files: int
    pages: int               # pages in the files that could be opened
    read: int                # OCR'd and stored by this run
    already: int             # in the store before this run
    failures: tuple[BatchFailure, ...]
    seconds: float


# --- inputs ---------------------------------------------------------------------------

def list_pdfs(source: Path) -> list[Path]:
    """A folder (every *.pdf below it), one PDF, or a text file listing one path a line."""
    source = Path(source)
    if source.is_dir():
        return sorted(p for p in source.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
    if not source.exists():
        raise InvalidInputError(f"{source} does not exist.")
    if source.suffix.lower() == ".pdf":
        return [source]
    lines = [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines()]
    return [(source.parent / ln) for ln in lines if ln and not ln.startswith("#")]


# --- tasks (run on the workers) --------------------------------------------------------

def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def plan_file(path: str, settings: OcrSettings, store: str) -> FilePlan:
    try:
        sha = sha256_of(path)
        with pymupdf.open(path, filetype="pdf") as doc:
            if doc.needs_pass:
                return FilePlan(path, sha, error="The PDF is encrypted; it cannot be OCR'd.")
            sizes = tuple((p.rect.width, p.rect.height) for p in doc)
    except Exception as exc:  # noqa: BLE001 - one damaged file never ends the run
        return FilePlan(path, error=f"The PDF could not be opened ({type(exc).__name__}: "
                                    f"{str(exc).strip() or 'damaged'}).")
    done = archive_store.done_pages(Path(store), sha, settings.key())
    return FilePlan(path, sha, sizes, tuple(i for i in range(len(sizes)) if i not in done))


def ocr_to_store(path: str, sha: str, page_index: int, size: tuple[float, float],
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


# --- the run (in the client) -------------------------------------------------------------

def connect(scheduler: str | None, workers: int | None):
    """A Client of the scheduler at `scheduler`, or of a LocalCluster on this machine."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError("Batch runs need dask[distributed]; install Recto's dependencies "
                           "again (scripts/setup.sh).") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"No Dask scheduler answers at {scheduler} ({exc}).") from exc
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    client = Client(cluster)
    _LOCAL_CLUSTERS[id(client)] = cluster  # closed with the client, see close()
    return client


_LOCAL_CLUSTERS: dict[int, Any] = {}


def close(client) -> None:
    cluster = _LOCAL_CLUSTERS.pop(id(client), None)
    client.close()
    if cluster is not None:
        cluster.close()


def run_batch(client, paths: list[Path], store: Path, settings: OcrSettings,
              state: TaskState | None = None) -> BatchReport:
    """OCR every page of `paths` missing from `store`; see the module doc.

    Raises CancelledError when `state` is cancelled (stored pages are kept).
    """
    from dask.distributed import as_completed
    state = state or TaskState()
    started = time.monotonic()
    store = Path(store).resolve()
    store.mkdir(parents=True, exist_ok=True)
    files = [str(Path(p).resolve()) for p in paths]
    plans = client.map(plan_file, files, settings=settings, store=str(store), pure=False)
    plan_paths = {f.key: path for f, path in zip(plans, files, strict=True)}
    page_of: dict[str, tuple[str, int]] = {}
    futures = list(plans)
    failures: list[BatchFailure] = []
    pages = read = already = finished = total = 0
    pending = as_completed(plans)
    try:
        for future in pending:
            state.check()
            if future.key in plan_paths:
                plan = _result(future) or FilePlan(plan_paths[future.key], error=_error_of(future))
                if plan.error:
                    failures.append(BatchFailure(plan.path, None, plan.error))
                    continue
                pages += len(plan.sizes)
                already += len(plan.sizes) - len(plan.missing)
                total += len(plan.missing)
                for i in plan.missing:
                    f = client.submit(ocr_to_store, plan.path, plan.sha256, i, plan.sizes[i],
                                      settings, str(store), retries=PAGE_RETRIES,
                                      key=f"ocr-{plan.sha256}-{i}-{settings.key()}")
                    page_of[f.key] = (plan.path, i)
                    futures.append(f)
                    pending.add(f)
                state.report(finished, total, f"{Path(plan.path).name}: {len(plan.missing)} "
                                              "pages to read")
                continue
            result = _result(future)
            finished += 1
            if result is not None and result.status == "ok":
                read += 1
            else:
                path, index = page_of[future.key]
                failures.append(BatchFailure(path, index, result.error if result
                                             else _error_of(future)))
            state.report(finished, total, "")
    except BaseException:  # cancelled, Ctrl-C or lost scheduler: drop what is queued
        client.cancel(futures, force=True)
        raise
    return BatchReport(len(files), pages, read, already, tuple(failures),
                       time.monotonic() - started)


def _result(future):
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - reported as a failure of that page or file
        return None


def _error_of(future) -> str:
    try:
        future.result()
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return "unknown error"
