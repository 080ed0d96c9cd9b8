"""OCR of a whole document: pages in parallel worker processes, each stored as it ends.

A recipe in four steps: plan (which pages still need text under these settings,
and which cannot be OCR'd at all), run (a process pool; each worker opens the
PDF itself, since PyMuPDF is not thread-safe, and runs one Tesseract with
OMP_THREAD_LIMIT=1), store (the parent writes each page in its own transaction
the moment it arrives, so a cancel, crash or kill -9 loses only pages in flight)
and report. A page that fails is stored as failed with its reason and the run
goes on; a re-run does only what is missing.
"""
from __future__ import annotations

import math
import os
import signal
import threading
import time
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

import numpy as np
import pymupdf

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.model import Document, OcrWord
from recto.annotations.ocr_store import PageText
from recto.annotations.project import Project
from recto.app.documents import resolve_path
from recto.app.errors import InvalidInputError, RectoError
from recto.app.jobs import TaskState
from recto.app.ocr.engine import (
    OcrSettings,
    check_languages,
    check_tesseract,
    has_real_text_layer,
    ocr_image,
    text_layer_words,
)
from recto.app.ocr.preprocess import MAX_SIDE_PX
from recto.app.pdf.limits import OCR_DRAW_SECONDS, OCR_MEMORY_BYTES, helper_context, limit_memory
from recto.app.pdf.reader import kept_open, page_not_drawn
from recto.app.processes import (
    kill_group,
    kill_own_group,
    lead_own_group_at_low_priority,
    script_hint,
)
from recto.app.text.page_text import refresh_page_text

POLL_S = 0.05
# Tesseract has its own time limit; this watchdog catches a worker stuck anywhere else
# (MuPDF can spin for minutes drawing a corrupt image): page failed, worker replaced.
STUCK_GRACE_S = 60.0
# Workers (and their Tesseracts) run niced: OCR takes all cores, the window stays responsive.
WORKER_NICE = 10
PREPROCESSING = "clahe+deskew+otsu+despeckle"


# --- values that cross the process boundary ------------------------------------------

@dataclass(frozen=True)
class PageJob:
    """One page to OCR: small and picklable, so any worker process can take it."""
    path: str
    page_index: int
    settings: OcrSettings
    width: float
    height: float
    passes_at_once: int = 1   # fallback Tesseract passes run side by side (see run_pages)


@dataclass(frozen=True)
class PageOutcome:
    page_index: int
    settings: OcrSettings
    status: str                      # "ok" | "failed"
    source: str = "ocr"              # "ocr" | "text_layer"
    words: tuple[OcrWord, ...] = ()
    text: str = ""
    engine: str = "tesseract"
    engine_version: str = ""
    orientation: int = 0
    deskew: float = 0.0
    error: str = ""
    seconds: float = 0.0
    layout: str = ""
    passes: tuple[str, ...] = ()     # Tesseract passes run ("psm 3", "osd", "psm 6", ...)


@dataclass(frozen=True)
class OcrRunReport:
    """What one run did, 0-based page indexes (the edges add 1)."""
    document_id: str
    title: str
    requested: tuple[int, ...]
    done: tuple[int, ...]                 # given text by this run (OCR or text layer)
    skipped: tuple[int, ...]              # already had text under these settings
    failed: tuple[tuple[int, str], ...]   # (page_index, reason)
    text_layer: tuple[int, ...]           # subset of `done` taken from the PDF's text
    seconds: float
    passes: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (page_index, passes) per page OCR'd
    from_store: tuple[int, ...] = ()      # taken from an archive store before OCR (`many.read`)
    store: str = ""                       # the archive store consulted, if any

    @property
    def complete(self) -> bool:
        return not self.failed


# --- languages and page ranges --------------------------------------------------------

def document_languages(document: Document, default: str = "eng") -> str:
    """The document's OCR languages in Tesseract form ('jpn+eng')."""
    return "+".join(document.languages) or default


def parse_pages(text: str, page_count: int) -> list[int]:
    """'1-5,9' (1-based, as people cite pages) -> sorted 0-based indexes."""
    indexes: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        lo, _, hi = part.partition("-")
        try:
            first, last = int(lo), int(hi or lo)
        except ValueError:
            raise InvalidInputError(f"'{part}' is not a page or a range such as 1-5.") from None
        if first < 1 or last > page_count or first > last:
            raise InvalidInputError(
                f"Pages {part} are outside the document, which has pages 1-{page_count}.")
        indexes.update(range(first - 1, last))
    if not indexes:
        raise InvalidInputError("No pages given; use e.g. 1-5,9.")
    return sorted(indexes)


def page_settings(project: Project, document: Document, settings: OcrSettings,
                  pages: list[int]) -> dict[int, OcrSettings]:
    """Settings per page: a page's own language override beats the run's languages."""
    overrides = ocr_store.page_languages(project, document.id)
    return {i: replace(settings, languages=overrides[i]) if i in overrides else settings
            for i in pages}


# --- planning ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    jobs: tuple[PageJob, ...]
    skipped: tuple[int, ...]
    invalid: tuple[PageOutcome, ...]


def _page_problem(width: float, height: float, dpi: int) -> str:
    if width <= 0 or height <= 0:
        return "The page has zero size; there is nothing to OCR."
    w_px, h_px = math.ceil(width * dpi / 72), math.ceil(height * dpi / 72)
    if max(w_px, h_px) > MAX_SIDE_PX:
        return (f"At {dpi} DPI the page image would be {w_px} x {h_px} pixels, larger than the "
                f"{MAX_SIDE_PX} x {MAX_SIDE_PX} Recto can OCR; OCR it at a lower DPI.")
    return ""


def plan(project: Project, document: Document, settings: OcrSettings,
         pages: list[int] | None, again: bool = False) -> _Plan:
    """Check pages, then dependencies for the pages to OCR, before any work; never starts
    a worker. With `again`, pages done under the same settings are read again (hand
    corrections are kept)."""
    pages = list(range(document.page_count)) if pages is None else sorted(set(pages))
    bad = [i + 1 for i in pages if not 0 <= i < document.page_count]
    if bad:
        raise InvalidInputError(f"Page {bad[0]} is outside \"{document.title}\", which has "
                                f"{document.page_count} pages.")
    per_page = page_settings(project, document, settings, pages)
    path = str(resolve_path(project, document))
    sizes = {p.page_index: p for p in doc_store.pages_of(project, document.id)}
    jobs, skipped, invalid = [], [], []
    done_by_key: dict[str, set[int]] = {}
    for i in pages:
        s = per_page[i]
        if s.key() not in done_by_key:
            sources = ocr_store.page_sources(project, document.sha256, s.key())
            done_by_key[s.key()] = {p for p, src in sources.items()
                                    if not (s.force_ocr and src == "text_layer")}
        page = sizes[i]
        problem = _page_problem(page.width, page.height, s.dpi)
        if i in done_by_key[s.key()] and not again:
            skipped.append(i)
        elif problem:
            invalid.append(PageOutcome(i, s, "failed", error=problem))
        else:
            jobs.append(PageJob(path, i, s, page.width, page.height))
    if jobs:  # pages all done (or taken from an archive store) need no Tesseract
        check_tesseract()
        for languages in sorted({j.settings.languages for j in jobs}):
            check_languages(languages)
    return _Plan(tuple(jobs), tuple(skipped), tuple(invalid))


# --- the run ----------------------------------------------------------------------------

def ocr_document(project: Project, document: Document, settings: OcrSettings,
                 pages: list[int] | None = None, jobs: int | None = None,
                 state: TaskState | None = None, again: bool = False) -> OcrRunReport:
    """OCR the pages of one document that lack text under `settings`; see the module doc.

    Raises CancelledError (pages finished so far are kept) and, before any work,
    MissingDependencyError / InvalidInputError / FileMissingError.
    """
    state = state or TaskState()
    started = time.monotonic()
    work = plan(project, document, settings, pages, again)
    outcomes: list[PageOutcome] = []

    def finished(outcome: PageOutcome) -> None:
        store_outcome(project, document, outcome)
        if outcome.status == "ok":  # new text: put confirmed redactions' placeholders back
            refresh_page_text(project, document.id, outcome.page_index)
        outcomes.append(outcome)
        _report_progress(state, outcome, len(outcomes) - len(work.invalid), len(work.jobs))

    for outcome in work.invalid:
        finished(outcome)
    state.report(0, len(work.jobs), f"{document.title}: {len(work.jobs)} pages to read")
    if work.jobs:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(work.jobs)))
        run_pages(list(work.jobs), workers, state, finished)
    requested = tuple(sorted([*work.skipped, *(j.page_index for j in work.jobs),
                              *(o.page_index for o in work.invalid)]))
    ok = [o for o in outcomes if o.status == "ok"]
    return OcrRunReport(
        document_id=document.id, title=document.title, requested=requested,
        done=tuple(sorted(o.page_index for o in ok)), skipped=work.skipped,
        failed=tuple(sorted((o.page_index, o.error) for o in outcomes if o.status != "ok")),
        text_layer=tuple(sorted(o.page_index for o in ok if o.source == "text_layer")),
        seconds=time.monotonic() - started,
        passes=tuple(sorted((o.page_index, o.passes) for o in ok if o.passes)))


def _report_progress(state: TaskState, outcome: PageOutcome, done: int, total: int) -> None:
    what = "failed" if outcome.status != "ok" else (
        "text layer" if outcome.source == "text_layer" else f"{len(outcome.words)} words")
    state.report(max(0, done), total, f"p. {outcome.page_index + 1}: {what}")


def store_outcome(project: Project, document: Document, outcome: PageOutcome) -> None:
    """One short transaction per page (the GUI reads the same connection meanwhile)."""
    s = outcome.settings
    text_layer = outcome.source == "text_layer"
    result = PageText(
        doc_sha256=document.sha256, page_index=outcome.page_index, settings_key=s.key(),
        source=outcome.source, status=outcome.status, text=outcome.text, engine=outcome.engine,
        engine_version=outcome.engine_version, languages="" if text_layer else s.languages,
        dpi=None if text_layer else s.dpi,
        preprocessing=PREPROCESSING if s.preprocess and not text_layer else "",
        orientation=outcome.orientation, deskew=outcome.deskew, error=outcome.error,
        seconds=round(outcome.seconds, 3), layout=outcome.layout)
    ocr_store.store_page(project, result, list(outcome.words))


def run_pages(jobs: list[PageJob], workers: int, state: TaskState, on_outcome) -> None:
    """Feed `jobs` to a pool of `workers` processes; call `on_outcome` in this thread.

    At most workers + 1 pages are queued, so a cancel has little to throw away;
    on cancel (or any exception) the workers and their Tesseracts are killed. A
    page that outlives its time limit by STUCK_GRACE_S is marked failed and the
    pool is replaced (the other pages in flight are queued again). The last pages of a
    run (one per worker) read their fallback layouts side by side, `workers` at once: by then
    the other workers have nothing left to read, and a page needing three passes would
    otherwise keep one core busy while the rest idle.
    """
    pool = _new_pool(workers)
    pending = list(reversed(jobs))
    running: dict = {}
    since: dict = {}
    try:
        while pending or running:
            while pending and len(running) <= workers and not state.cancelled:
                job = pending.pop()
                if len(pending) < workers > 1:  # among the last pages
                    job = replace(job, passes_at_once=workers)
                future = pool.submit(ocr_page, job)
                running[future], since[future] = job, time.monotonic()
            done, _ = wait(list(running), timeout=POLL_S, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                outcome, crashed = _outcome_of(future, running.pop(future))
                broken |= crashed
                on_outcome(outcome)
            stuck = [f for f in running if _overdue(running[f], since[f], workers)]
            for future in stuck:
                job = running.pop(future)
                on_outcome(PageOutcome(job.page_index, job.settings, "failed", error=(
                    "Reading this page took far too long (the page may be damaged); "
                    "it was skipped.")))
            state.check()
            if broken or stuck:
                _stop_pool(pool, list(running) + stuck)
                pending.extend(reversed(list(running.values())))
                running.clear()
                pool = _new_pool(workers)
    finally:
        _stop_pool(pool, list(running))


def _overdue(job: PageJob, submitted: float, workers: int) -> bool:
    """Queued pages wait for at most one page per worker ahead of them."""
    limit = (job.settings.timeout_s + STUCK_GRACE_S) * (1 + 1 / max(1, workers))
    return time.monotonic() - submitted > limit


def _outcome_of(future: Future, job: PageJob) -> tuple[PageOutcome, bool]:
    try:
        return future.result(), False
    except BrokenProcessPool:
        return PageOutcome(job.page_index, job.settings, "failed", error=(
            f"Page {job.page_index + 1} could not be read: the OCR worker stopped (the page "
            f"may be damaged, or need more memory or time than Recto allows)."
            f"{script_hint()}")), True
    except Exception as exc:  # noqa: BLE001 - one page's failure never ends the run
        return PageOutcome(job.page_index, job.settings, "failed",
                           error=f"Unexpected error: {type(exc).__name__}: {exc}"), False


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: workers never inherit the project's lock file, sqlite handles or Qt.
    ctx = helper_context("recto.app.ocr.pipeline")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(os.getpid(),))


def _stop_pool(pool: ProcessPoolExecutor, unfinished: list[Future]) -> None:
    """Idle pool: a normal shutdown. Pages still running: kill them, don't wait."""
    for future in unfinished:
        future.cancel()
    if unfinished:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            for kill in (lambda p=proc: kill_group(p.pid), proc.kill):
                try:
                    kill()
                except (ProcessLookupError, PermissionError, OSError):
                    pass
    pool.shutdown(wait=not unfinished, cancel_futures=True)


# --- inside a worker process ---------------------------------------------------------------

_IN_WORKER = False  # set in pool workers: their drawing has a memory and a time limit


def _init_worker(main_pid: int) -> None:
    """Own process group (so a cancel kills this worker and its Tesseract together), one
    OpenMP thread, a lower priority than the window, and suicide when the main process
    dies (kill -9 leaves no orphans)."""
    global _IN_WORKER
    _IN_WORKER = True
    os.environ["OMP_THREAD_LIMIT"] = "1"
    limit_memory(OCR_MEMORY_BYTES)
    import cv2
    cv2.setNumThreads(1)  # parallelism is one page per worker; threads inside would fight
    lead_own_group_at_low_priority(WORKER_NICE)
    threading.Thread(target=_watch_main, args=(main_pid,), daemon=True).start()


def _watch_main(main_pid: int) -> None:
    """The forkserver outlives a killed main process (each worker holds its 'alive' pipe),
    so workers watch the main process itself."""
    while _alive(main_pid):
        time.sleep(0.5)
    kill_own_group()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (macOS): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def ocr_page(job: PageJob) -> PageOutcome:
    """Text of one page: its own text layer when real (unless forced), else Tesseract."""
    started = time.monotonic()
    try:
        page = kept_open(job.path).load_page(job.page_index)
        if not job.settings.force_ocr and has_real_text_layer(page):
            return PageOutcome(job.page_index, job.settings, "ok", source="text_layer",
                               words=tuple(text_layer_words(page)),
                               text=unicodedata.normalize("NFKC", page.get_text("text")),
                               engine="pymupdf", engine_version=pymupdf.VersionBind,
                               seconds=time.monotonic() - started)
        if page.rotation:
            page.set_rotation(0)  # words are stored on the unrotated page
        gray = _draw_within_limit(page, job)
        result = ocr_image(gray, job.settings, page.rect.width, page.rect.height,
                           job.passes_at_once)
    except _PageNotDrawn as exc:
        return PageOutcome(job.page_index, job.settings, "failed", error=str(exc),
                           seconds=time.monotonic() - started)
    except RectoError as exc:
        return PageOutcome(job.page_index, job.settings, "failed", error=exc.message,
                           seconds=time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - reported per page, the run goes on
        return PageOutcome(job.page_index, job.settings, "failed",
                           error=f"{type(exc).__name__}: {exc}",
                           seconds=time.monotonic() - started)
    return PageOutcome(job.page_index, job.settings, "ok", words=result.words, text=result.text,
                       engine_version=result.engine_version, orientation=result.orientation,
                       deskew=result.deskew_angle, layout=result.layout, passes=result.passes,
                       seconds=time.monotonic() - started)


class _PageNotDrawn(Exception):
    pass


def _draw_within_limit(page: pymupdf.Page, job: PageJob) -> np.ndarray:
    """Draw the page for OCR; MuPDF's failures become one sentence. MuPDF keeps Python's
    lock while it draws, so no Python timer can stop it: a real-time alarm with its
    default action ends this worker instead, and the pool reports the page."""
    alarm = _IN_WORKER and hasattr(signal, "setitimer")  # POSIX; elsewhere the watchdog alone
    if alarm:  # never in a caller's own process (the CLI, a test): only a worker may die
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, OCR_DRAW_SECONDS)
    try:
        return render_gray(page, job.settings.dpi)
    except MemoryError:
        raise _PageNotDrawn(page_not_drawn(
            job.page_index, "it needs more memory than Recto allows for one page")) from None
    except Exception as exc:  # noqa: BLE001 - MuPDF's own errors are the file's
        raise _PageNotDrawn(page_not_drawn(job.page_index, exc)) from exc
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)


def render_gray(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()
