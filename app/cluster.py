"""Whole archives on a Dask cluster: the part `recto batch ocr` and `recto batch
detect-redactions` share.

Dask does the scheduling, retries and worker loss; this module only says what the tasks
are. A first task per file (on a worker, which reads the PDF from the shared path)
hashes it, counts its pages and asks the archive store which are missing; then one
task per missing page does the feature's work and writes the result to the store
itself, so only a small summary travels back through the scheduler. A worker killed
mid-page loses that page only: Dask runs it again elsewhere, and a page found in the
store is not done twice. A re-run does only what is missing.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

from recto.app.errors import ClusterError, InvalidInputError
from recto.app.jobs import TaskState

PAGE_RETRIES = 2
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
    read: int                # done and stored by this run
    already: int             # in the store before this run
    failures: tuple[BatchFailure, ...]
    seconds: float


# A page's work on a worker: (path, sha256, page_index, (width, height)) -> PageResult.
PageTask = Callable[[str, str, int, tuple[float, float]], PageResult]


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


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- the first task per file (on a worker) ------------------------------------------------

def plan_file(path: str, done: Callable[[str], set[int]]) -> FilePlan:
    """Hash and size one PDF; `done(sha256)` names the pages the store has already."""
    try:
        sha = sha256_of(path)
        with pymupdf.open(path, filetype="pdf") as doc:
            if doc.needs_pass:
                return FilePlan(path, sha, error="The PDF is encrypted; it cannot be read.")
            sizes = tuple((p.rect.width, p.rect.height) for p in doc)
    except Exception as exc:  # noqa: BLE001 - one damaged file never ends the run
        return FilePlan(path, error=f"The PDF could not be opened ({type(exc).__name__}: "
                                    f"{str(exc).strip() or 'damaged'}).")
    finished = done(sha)
    return FilePlan(path, sha, sizes, tuple(i for i in range(len(sizes)) if i not in finished))


# --- the client --------------------------------------------------------------------------

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


def run_batch(client, paths: list[Path], done: Callable[[str], set[int]], page_task: PageTask,
              name: str, state: TaskState | None = None) -> BatchReport:
    """Run `page_task` on every page of `paths` that `done` does not list; see the module doc.

    `done` and `page_task` run on the workers (module-level functions or partials of
    them, so they pickle); `name` keys the page tasks (one key per page and settings).
    Raises CancelledError when `state` is cancelled (stored pages are kept).
    """
    from dask.distributed import as_completed
    state = state or TaskState()
    started = time.monotonic()
    files = [str(Path(p).resolve()) for p in paths]
    plans = client.map(plan_file, files, done=done, pure=False)
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
                    f = client.submit(page_task, plan.path, plan.sha256, i, plan.sizes[i],
                                      retries=PAGE_RETRIES, key=f"{name}-{plan.sha256}-{i}")
                    page_of[f.key] = (plan.path, i)
                    futures.append(f)
                    pending.add(f)
                state.report(finished, total, f"{Path(plan.path).name}: {len(plan.missing)} "
                                              "pages to do")
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
