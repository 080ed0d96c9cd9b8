"""A project takes pages' text from an archive store instead of running Tesseract
(`recto add --from-store`, `recto ocr` with a store named by `recto set-store`), and
OCRs the pages again when the store holds them under other settings. Tesseract is
made unreachable (PATH without it) in the subprocess that must not need it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from recto.app.cluster import sha256_of
from recto.app.errors import ExitCode
from recto.app.ocr.batch import ocr_to_store
from recto.app.ocr.engine import OcrSettings
from tests.cli_runner import RECTO, recto_env
from tests.conftest import ROOT
from tests.test_batch_dask import scanned_pdf


def run(env: dict, *args) -> subprocess.CompletedProcess:
    return subprocess.run([RECTO, *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300)


def filled_store(tmp_path: Path) -> tuple[Path, Path]:
    """A two-page scan and a store holding both pages read at 150 dpi (real Tesseract)."""
    pdf = scanned_pdf(tmp_path / "telegram.pdf", "Consulate")
    store = tmp_path / "store"
    sha = sha256_of(str(pdf))
    for i in range(2):
        done = ocr_to_store(str(pdf), sha, i, (300.0, 150.0), settings=OcrSettings(dpi=150),
                            store=str(store))
        assert done.status == "ok" and done.added, done.error
    return pdf, store


def test_a_project_takes_the_text_without_tesseract(tmp_path):
    pdf, store = filled_store(tmp_path)
    env = {**recto_env(), "PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)}
    assert shutil.which("tesseract", path=env["PATH"]) is None
    project = tmp_path / "p.recto"

    added = run(env, "add", project, pdf, "--from-store", store, "--ocr-dpi", "150")
    assert added.returncode == 0, added.stderr
    assert "text of 2 pages" in added.stderr
    doc_id = added.stdout.strip()
    text = run(env, "text", project, doc_id, "--page", "2")
    assert text.stdout.strip() == "Consulate report page 2"
    ocr = run(env, "ocr", project, "--dpi", "150", "--json")
    assert ocr.returncode == 0, ocr.stderr
    assert json.loads(ocr.stdout)[0]["skipped"] == [1, 2]
    # The same run at other settings needs Tesseract, which is not there: it was unreachable.
    other = run(env, "ocr", project, "--dpi", "300")
    assert other.returncode == int(ExitCode.MISSING_DEPENDENCY)
    assert "Tesseract is not installed" in other.stderr


def test_other_settings_fall_back_to_ocr(tmp_path):
    pdf, store = filled_store(tmp_path)
    env = {**recto_env(), "PYTHONPATH": str(ROOT)}
    project = tmp_path / "p.recto"
    doc_id = run(env, "add", project, pdf).stdout.strip()
    named = run(env, "set-store", project, store)
    assert named.returncode == 0, named.stderr
    # The store has 150 dpi readings; a 300 dpi run finds none of its pages there.
    ocr = run(env, "ocr", project, "--dpi", "300", "--json")
    assert ocr.returncode == 0, ocr.stderr
    assert "0 pages taken from the archive store" in ocr.stderr
    assert json.loads(ocr.stdout)[0]["done"] == [1, 2]
    assert "Consulate" in run(env, "text", project, doc_id, "--page", "1").stdout
    # At the store's settings the named store is used: nothing is left to OCR.
    again = run(env, "ocr", project, "--dpi", "150", "--json")
    assert "2 pages taken from the archive store" in again.stderr
    assert json.loads(again.stdout)[0]["done"] == []
    assert json.loads(again.stdout)[0]["skipped"] == [1, 2]
    assert run(env, "set-store", project).returncode == 0
    assert "taken from the archive store" not in run(env, "ocr", project, "--dpi", "150").stderr


def test_the_window_takes_pages_from_the_named_store(window, qtbot, tmp_path):
    """OCR Document in the window reads as `recto ocr` does: the store named with
    `recto set-store` first, Tesseract only for what it lacks."""
    from recto.annotations import ocr_store
    from recto.annotations.project import Project
    from recto.app.archive_store import name_store
    from recto.app.documents import add_pdf

    pdf, store = filled_store(tmp_path)
    path = tmp_path / "w.recto"
    with Project.open(path, create=True) as project:
        doc = add_pdf(project, pdf).document
        name_store(project, store)
    window.open_project(path)
    qtbot.waitUntil(lambda: window.session.document is not None, timeout=10000)
    job = window.ocr.run(OcrSettings(dpi=150))
    with qtbot.waitSignal(job.ended, timeout=120000):
        pass
    report = window.ocr.last_report
    assert report.from_store == (0, 1) and report.done == ()
    assert "2 pages from the archive store" in window.statusBar().currentMessage()
    assert ocr_store.current_text(window.session.project, doc.sha256, 1).text.strip() == (
        "Consulate report page 2")
