"""kill -9 in the middle of `recto ocr`, then a re-run: no page is OCR'd twice.

The proof is in the project file: rows stored before the kill keep their
created_at after the re-run, the re-run reports exactly those pages as skipped
and OCRs only the others, and every page ends with text.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.cli_runner import RECTO, recto, recto_env
from tests.ocr_pipeline_fixtures import image_only_pdf

LINES = ["The delegation reached Niigata on", "the fourteenth of December and met",
         "the Red Cross observers at the pier.", "Page {n} of the Geneva minutes."]
PAGES = 8


def stored(project) -> dict[int, str]:
    """page_index -> created_at of ok rows, read as another program would (read-only)."""
    try:
        with sqlite3.connect(f"file:{project}?mode=ro", uri=True, timeout=1) as conn:
            return dict(conn.execute(
                "SELECT page_index, created_at FROM page_texts WHERE status = 'ok'").fetchall())
    except sqlite3.OperationalError:  # not created yet, or mid-checkpoint
        return {}


def _no_process_reads(path: Path, within: float) -> bool:
    """True once no process has `path` open (the killed run's workers must exit too)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_has_open(proc, path) for proc in Path("/proc").glob("[0-9]*")):
            return True
        time.sleep(0.1)
    return False


def _has_open(proc: Path, path: Path) -> bool:
    try:
        return any(os.readlink(fd) == str(path) for fd in (proc / "fd").iterdir())
    except OSError:
        return False


def test_kill_9_during_ocr_then_rerun_finishes_without_redoing_pages(tmp_path):
    pdf = image_only_pdf(tmp_path / "minutes.pdf",
                         [([*LINES[:3], LINES[3].format(n=n + 1)], "helv") for n in range(PAGES)])
    project = tmp_path / "k.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    run = subprocess.Popen([RECTO, "ocr", str(project), doc_id, "--jobs", "2", "--lang", "eng"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=recto_env())
    try:
        deadline = time.monotonic() + 120
        while len(stored(project)) < 2 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        assert run.wait(10) == -signal.SIGKILL, "recto ocr ended before it could be killed"
    finally:
        if run.poll() is None:
            run.kill()
    before = stored(project)
    assert 2 <= len(before) < PAGES, f"{len(before)} pages were stored before the kill"
    assert _no_process_reads(pdf, within=5.0), "orphaned OCR workers outlived the kill"

    again = recto("ocr", project, doc_id, "--jobs", "2", "--lang", "eng", "--json")
    (report,) = json.loads(again.stdout)
    after = stored(project)
    assert sorted(after) == list(range(PAGES))
    assert {p - 1 for p in report["skipped"]} == set(before)
    assert {p - 1 for p in report["done"]} == set(range(PAGES)) - set(before)
    assert {i: after[i] for i in before} == before, "a page stored before the kill was redone"
    text = recto("text", project, doc_id, "--page", PAGES).stdout
    assert f"Page {PAGES} of the Geneva minutes." in text
