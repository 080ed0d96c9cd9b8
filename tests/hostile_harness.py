"""Run real-world hostile PDFs (tests/data/hostile/, from pdf.js's and qpdf's test
corpora) through what a historian does first: add, OCR of page 1, redaction detection.

Each file goes to a worker process (`python -m tests.hostile_harness PROJECT`) with a
memory limit, watched by a per-file time limit; two workers run side by side, each on
its own project, checked with `PRAGMA integrity_check` after every file. A file must be
processed, or refused (or have a page skipped) with one sentence: no MuPDF "code=",
no traceback, no exception type name. Outcomes as in tests/fuzz_harness.py.
"""
from __future__ import annotations

import json
import resource
import sys
import threading
import time
import traceback
from pathlib import Path

from tests.fuzz_harness import MEMORY_LIMIT, FuzzReport, Outcome, Worker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "hostile"
OCR_DPI = 150   # a lower resolution than usual: MuPDF, not Tesseract, is under test
# Redaction detection's line analysis (app/redactions/detect.py) takes 80+ s on these
# pages (many thin coloured rules); not bounded by the drawing limits. Still added and OCR'd.
SLOW_DETECTION = frozenset({"pdfjs__calrgb.pdf"})
_RAW = ("code=", "Traceback", "RuntimeError", "ValueError", "Error:")


def sentence_problem(message: str) -> str:
    """Why `message` is not one clear sentence for a person ('' when it is)."""
    text = message.strip()
    if not 0 < len(text) <= 400 or "\n" in text:
        return "not one short line"
    raw = [r for r in _RAW if r in text]
    return f"raw error text {raw[0]!r}" if raw else ""


def _stages(project, path: str, say, detect: bool = True) -> list[str]:
    """add, OCR page 1, detect; the per-page reasons given for pages skipped."""
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
    if not detect:
        return reasons
    detected = detect_document(project, document)
    say({"stage": "detect"})
    return reasons + [reason for _, reason in detected.skipped]


def _integrity(project) -> str:
    rows = project.query("PRAGMA integrity_check")
    return "ok" if [r["integrity_check"] for r in rows] == ["ok"] else str(rows[:2])


def worker(project_path: str) -> None:
    from recto.annotations.project import Project
    from recto.app.errors import RectoError

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    project = Project.open(project_path, create=True)

    def say(obj: dict) -> None:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    say({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        added = False

        def tell(obj: dict, request: dict = request) -> None:
            nonlocal added
            added = added or obj.get("stage") == "add"
            say({"id": request["id"], **obj})
        try:
            reasons = _stages(project, request["path"], tell, request.get("detect", True))
            bad = [(r, sentence_problem(r)) for r in reasons if sentence_problem(r)]
            outcome, kind, message = "ok", "", "; ".join(reasons)[:600]
            if bad:
                outcome, kind, message = "bad_message", bad[0][1], bad[0][0][:600]
        except RectoError as exc:
            kind, message = type(exc).__name__, exc.message
            outcome = "failed_later" if added else "rejected"
            if sentence_problem(message):
                outcome = "bad_message"
        except BaseException as exc:  # noqa: BLE001 - exactly what the corpus looks for
            kind, message = type(exc).__name__, "".join(
                traceback.format_exception(exc)[-3:])[-600:]
            outcome = "unexpected"
        check = _integrity(project)
        if check != "ok":
            outcome, message = "damaged", f"integrity_check after this file: {check}"
        say({"id": request["id"], "done": True, "outcome": outcome, "error": kind,
             "message": message})
    project.close()


def run_corpus(folder: Path, files: list[Path], workers: int = 2, timeout: float = 60.0,
               progress=None, no_detect: frozenset[str] = frozenset()) -> FuzzReport:
    """Every file through a worker; files are shared out to `workers` parallel lanes.
    Files named in `no_detect` skip redaction detection (see SLOW_DETECTION)."""
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
            request = {"id": index, "path": str(path), "detect": path.name not in no_detect}
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
    worker(sys.argv[1])
