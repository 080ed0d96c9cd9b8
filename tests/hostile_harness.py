"""Run real-world hostile PDFs (tests/data/hostile/, from pdf.js's and qpdf's test
corpora) through what a historian does first: add, OCR of page 1, redaction detection
of the first DETECT_PAGES pages.

Each file goes to a worker process (`python -m tests.hostile_harness PROJECT`) with a
memory limit, watched by a per-file time limit; two workers run side by side, each on
its own project, checked with `PRAGMA integrity_check` after every file. A file must be
processed, or refused (or have a page skipped) with one sentence: no MuPDF "code=",
no traceback, no exception type name. Outcomes as in tests/fuzz_harness.py.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from tests.fuzz_harness import FuzzReport, Outcome, Worker, serve

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "hostile"
OCR_DPI = 150   # a lower resolution than usual: MuPDF, not Tesseract, is under test
# Detection takes 1-4 s a page on a loaded machine (and is skipped, with a sentence, past
# app.redactions.budget's limit): the first pages are enough to meet each file's hostility,
# and a 17-page file (pdfjs__calrgb.pdf, 50-80 s in all) stays inside the per-file limit.
DETECT_PAGES = 3
_RAW = ("code=", "Traceback", "RuntimeError", "ValueError", "Error:")


def sentence_problem(message: str) -> str:
    """Why `message` is not one clear sentence for a person ('' when it is)."""
    text = message.strip()
    if not 0 < len(text) <= 400 or "\n" in text:
        return "not one short line"
    raw = [r for r in _RAW if r in text]
    return f"raw error text {raw[0]!r}" if raw else ""


def _stages(project, path: str, say) -> list[str]:
    """add, OCR page 1, detect on the first pages; the per-page reasons for pages skipped."""
    from recto.app.documents import add_pdf
    from recto.app.ocr.engine import OcrSettings
    from recto.app.ocr.pipeline import ocr_document
    from recto.app.redactions.service import detect_document

    document = add_pdf(project, path).document
    say({"stage": "add", "doc": document.id, "created": True})
    # as Recto reads page 1 by default: its text layer when real, else drawn and Tesseract
    settings = OcrSettings("eng", dpi=OCR_DPI, preprocess=False, detect_orientation=False,
                           timeout_s=60)
    report = ocr_document(project, document, settings, pages=[0], jobs=1)
    say({"stage": "ocr"})
    reasons = [reason for _, reason in report.failed]
    detected = detect_document(project, document,
                               pages=list(range(min(DETECT_PAGES, document.page_count))))
    say({"stage": "detect"})
    return reasons + [reason for _, reason in detected.skipped]


def _integrity(project) -> str:
    rows = project.query("PRAGMA integrity_check")
    return "ok" if [r["integrity_check"] for r in rows] == ["ok"] else str(rows[:2])


def _outcome(project, request: dict, tell) -> tuple[str, str, str]:
    """The stages, and the first reason for a skipped page that is no sentence."""
    reasons = _stages(project, request["path"], tell)
    bad = [(r, sentence_problem(r)) for r in reasons if sentence_problem(r)]
    if bad:
        return "bad_message", bad[0][1], bad[0][0][:600]
    return "ok", "", "; ".join(reasons)[:600]


def _damage(project) -> str:
    check = _integrity(project)
    return "" if check == "ok" else f"integrity_check after this file: {check}"


def run_corpus(folder: Path, files: list[Path], workers: int = 2, timeout: float = 60.0,
               progress=None) -> FuzzReport:
    """Every file through a worker; files are shared out to `workers` parallel lanes."""
    folder.mkdir(parents=True, exist_ok=True)
    report, started = FuzzReport(), time.monotonic()
    outcomes: list[Outcome | None] = [None] * len(files)
    lock = threading.Lock()
    todo = list(enumerate(files))

    def lane(n: int) -> None:
        project = folder / f"hostile{n}.recto"
        worker = Worker(project, "tests.hostile_harness")
        while True:
            with lock:
                if not todo:
                    break
                index, path = todo.pop(0)
            outcome = Outcome(index, path.name, "")
            request = {"id": index, "path": str(path)}
            if not worker.run(request, outcome, timeout):
                worker = Worker(project, "tests.hostile_harness")
            outcomes[index] = outcome
            if progress is not None:
                progress(outcome)
        worker.stop()

    threads = [threading.Thread(target=lane, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report.outcomes = [o for o in outcomes if o is not None]
    report.seconds = time.monotonic() - started
    _check_projects(sorted(folder.glob("hostile*.recto")), report)
    return report


def _check_projects(projects: list[Path], report: FuzzReport) -> None:
    """Each lane's project at the end: integrity_check, and one document per file added."""
    from recto.annotations.project import Project

    problems, ids = [], set()
    for path in projects:
        with Project.open(path) as project:
            if _integrity(project) != "ok":
                problems.append(f"{path.name} fails integrity_check")
            ids |= {r["id"] for r in project.query("SELECT id FROM documents")}
    damaged = [o.label for o in report.outcomes if o.outcome == "damaged"]
    if damaged:
        problems.append(f"integrity_check failed after {', '.join(damaged[:3])}")
    added = {o.doc for o in report.outcomes if o.doc}
    report.documents_in_project, report.documents_added = len(ids), len(added)
    if added - ids:
        problems.append(f"{len(added - ids)} added documents missing")
    report.project_check = "; ".join(problems) or "ok"


if __name__ == "__main__":
    serve(sys.argv[1], _outcome, lambda m: bool(sentence_problem(m)), _damage)
