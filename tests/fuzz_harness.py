"""Feed mutated PDFs to import, rendering, redaction detection and OCR, in a worker
process watched by a per-case timeout; count what happens to each.

The worker (`python -m tests.fuzz_harness PROJECT`) owns one shared project and reads
one JSON request per line; it answers a line per finished stage, then a final line.
The parent kills a worker that overruns its case's timeout ("hang") and starts a
new one; a worker that dies on its own is a "crash". Outcomes:

- ok: every stage ran; rejected: a RectoError refused the file at import;
- failed_later: imported, then a RectoError at render/detect/OCR (a clear message);
- unexpected: any other exception type (a finding); bad_message: a RectoError whose
  message is not one short sentence; hang; crash.
"""
from __future__ import annotations

import json
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 3 * 1024**3
GOOD = ("ok", "rejected", "failed_later")


# -- the worker -----------------------------------------------------------------------
def _one_sentence(message: str) -> bool:
    """Short, one line, no traceback (it may start with a file name, so any case)."""
    text = message.strip()
    return 0 < len(text) <= 400 and "\n" not in text and "Traceback" not in text


def _stages(project, request: dict, say) -> None:
    import numpy as np

    from recto.app.documents import add_pdf
    from recto.app.pdf.render import PageRenderer

    result = add_pdf(project, request["path"])
    say({"stage": "add", "doc": result.document.id, "created": result.created})
    renderer = PageRenderer(cache_bytes=8 << 20)
    try:
        pages = {0, result.document.page_count - 1}
        for index in sorted(pages):
            image = renderer.render(request["path"], index, 0.15, gray=True)
        say({"stage": "render"})
        if request.get("detect") or request.get("ocr"):
            image = renderer.render(request["path"], 0, 1.0, gray=True)
            gray = np.frombuffer(image.samples, np.uint8).reshape(
                image.height, image.stride)[:, :image.width]
            if request.get("detect"):
                from recto.app.redactions.detect import detect_redactions
                detect_redactions(gray, image.width / image.zoom, image.height / image.zoom)
                say({"stage": "detect"})
            if request.get("ocr"):
                from recto.app.ocr.engine import OcrSettings, ocr_image
                ocr_image(gray, OcrSettings("eng", dpi=72, timeout_s=30),
                          image.width / image.zoom, image.height / image.zoom)
                say({"stage": "ocr"})
    finally:
        renderer.close()


def serve(project_path: str, stages, bad_message=lambda m: not _one_sentence(m),
          damage=None) -> None:
    """The worker loop: one JSON request a line, `stages(project, request, tell)` run on
    it, one answer line a stage (`tell`) and a final one with the outcome. `stages` may
    return its own (outcome, error, message) when it finished; `bad_message(message)` says
    a RectoError's message is not fit for a person; `damage(project)`, after every
    request, describes damage to the project ('' when none)."""
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
            outcome, kind, message = stages(project, request, tell) or ("ok", "", "")
        except RectoError as exc:
            kind, message = type(exc).__name__, exc.message
            outcome = "failed_later" if added else "rejected"
            if bad_message(message):
                outcome = "bad_message"
        except BaseException as exc:  # noqa: BLE001 - exactly what the fuzzer looks for
            kind, message = type(exc).__name__, "".join(
                traceback.format_exception(exc)[-3:])[-600:]
            outcome = "unexpected"
        found = damage(project) if damage else ""
        if found:
            outcome, message = "damaged", found
        say({"id": request["id"], "done": True, "outcome": outcome, "error": kind,
             "message": message})
    project.close()


# -- the parent -----------------------------------------------------------------------
@dataclass
class Outcome:
    index: int
    label: str
    outcome: str
    error: str = ""
    message: str = ""
    stage: str = ""          # the last stage finished before a hang or crash
    doc: str | None = None   # a document this case added to the project


@dataclass
class FuzzReport:
    outcomes: list[Outcome] = field(default_factory=list)
    project_check: str = ""
    documents_in_project: int = 0
    documents_added: int = 0
    seconds: float = 0.0

    def counts(self) -> Counter:
        return Counter(o.outcome for o in self.outcomes)

    def findings(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome not in GOOD]

    def text(self) -> str:
        lines = [f"{len(self.outcomes)} cases in {self.seconds:.0f} s"]
        lines += [f"  {name:13} {n}" for name, n in sorted(self.counts().items())]
        errors = Counter(o.error for o in self.outcomes if o.error)
        lines.append("  errors: " + ", ".join(f"{k} {v}" for k, v in errors.most_common()))
        lines.append(f"  project: {self.project_check}; documents {self.documents_in_project} "
                     f"(successful adds {self.documents_added})")
        for o in self.findings()[:20]:
            lines.append(f"  FINDING case {o.index} [{o.label}] {o.outcome} after "
                         f"'{o.stage}': {o.error} {o.message[-300:]!r}")
        return "\n".join(lines)


class Worker:
    """A worker process (`python -m MODULE PROJECT`) speaking the line protocol above."""

    def __init__(self, project: Path, module: str = "tests.fuzz_harness"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", module, str(project)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT,
                                     start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        first = self.lines.get(timeout=120)
        if first is None or not json.loads(first).get("ready"):
            raise RuntimeError("the fuzz worker did not start")

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def run(self, request: dict, outcome: Outcome, timeout: float) -> bool:
        """Fill `outcome`; False when the worker is gone (hang killed, or crash)."""
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                outcome.outcome = "hang"
                self.stop(kill=True)
                return False
            if line is None:
                outcome.outcome, outcome.error = "crash", f"exit {self.proc.wait()}"
                return False
            msg = json.loads(line)
            if msg.get("stage"):
                outcome.stage = msg["stage"]
                if msg.get("created"):
                    outcome.doc = msg["doc"]
            if msg.get("done"):
                outcome.outcome, outcome.error = msg["outcome"], msg["error"]
                outcome.message = msg["message"]
                return True

    def stop(self, kill: bool = False) -> None:
        if kill and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        else:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def run_fuzz(folder: Path, cases: int, seed: int, detect_every: int = 5, ocr_every: int = 100,
             timeout: float = 20.0, progress=None) -> FuzzReport:
    from tests.fuzz_pdfs import Mutator, seed_files

    folder.mkdir(parents=True, exist_ok=True)
    project = folder / "fuzz.recto"
    mutator = Mutator(seed_files(folder), seed)
    report, started = FuzzReport(), time.monotonic()
    worker = Worker(project)
    for i in range(cases):
        case = mutator.case(i)
        path = folder / f"case{i:05d}.pdf"
        path.write_bytes(case.data)
        request = {"id": i, "path": str(path), "detect": i % detect_every == 0,
                   "ocr": i % ocr_every == 0}
        outcome = Outcome(i, case.label, "")
        limit = timeout * (4 if request["ocr"] else 1)
        if not worker.run(request, outcome, limit):
            worker = Worker(project)
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    worker.stop()
    report.seconds = time.monotonic() - started
    _check_project(project, report)
    return report


def _check_project(project: Path, report: FuzzReport) -> None:
    """integrity_check, and exactly one document per successful add (plus, at most,
    one for each case killed right after its add committed)."""
    from recto.annotations.project import Project

    with Project.open(project) as proj:
        check = [r["integrity_check"] for r in proj.query("PRAGMA integrity_check")]
        ids = {r["id"] for r in proj.query("SELECT id FROM documents")}
    added = {o.doc for o in report.outcomes if o.doc}
    report.documents_in_project, report.documents_added = len(ids), len(added)
    killed = sum(o.outcome in ("hang", "crash") for o in report.outcomes)
    extra = ids - added
    problems = [] if check == ["ok"] else [f"integrity_check {check[:2]}"]
    if added - ids:
        problems.append(f"{len(added - ids)} added documents missing")
    if len(extra) > killed:
        problems.append(f"{len(extra)} documents nobody added")
    report.project_check = "; ".join(problems) or "ok"


if __name__ == "__main__":
    serve(sys.argv[1], _stages)
