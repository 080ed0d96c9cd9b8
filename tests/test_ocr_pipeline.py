"""The OCR pipeline on real PDFs with real Tesseract in worker processes.

One mixed document serves most tests: a real image-only 1974 typewritten scan, a
generated born-digital page and a page too large to render. Tesseract runs:
the scan twice (the shared run and the cancel test) plus two cheap generated pages.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import threading
import time
import uuid
from pathlib import Path

import pymupdf
import pytest

from recto.annotations import ocr_store
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.errors import (
    CancelledError,
    FileMissingError,
    InvalidInputError,
    LanguageMissingError,
)
from recto.app.jobs import TaskState
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import _page_problem, ocr_document, parse_pages
from tests.ocr_fixtures import PDB_PLAIN

ENGLISH = ["Minutes of the Geneva committee", "on the repatriation of Koreans",
           "from Japan, December 1959."]


def mixed_pdf(path: Path) -> Path:
    """p. 1 the real scan (image only), p. 2 born-digital text, p. 3 a 5000 pt square."""
    doc = pymupdf.open()
    with pymupdf.open(PDB_PLAIN) as scan:
        doc.insert_pdf(scan)
    page = doc.new_page(width=595, height=842)
    for i, line in enumerate(ENGLISH):
        page.insert_text((60, 100 + 30 * i), line, fontsize=18)
    huge = doc.new_page(width=5000, height=5000)
    huge.insert_text((100, 100), "a poster", fontsize=40)
    doc.save(path)
    return path


def rows(project_path: Path) -> dict[int, dict]:
    """page_texts as another program sees them (read-only connection)."""
    with sqlite3.connect(f"file:{project_path}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return {r["page_index"]: dict(r) for r in conn.execute(
            "SELECT * FROM page_texts ORDER BY page_index")}


@pytest.fixture(scope="module")
def ocrd_once(tmp_path_factory):
    """The mixed document OCR'd once with default settings; project left closed."""
    folder = tmp_path_factory.mktemp("pipeline")
    path = folder / "p.recto"
    with Project.open(path, create=True) as project:
        doc = add_pdf(project, mixed_pdf(folder / "mixed.pdf")).document
        progress: list[tuple[int, int, str]] = []
        report = ocr_document(project, doc, OcrSettings(), None, 2,
                              TaskState(lambda d, t, m: progress.append((d, t, m))))
    return path, doc, report, progress


@pytest.fixture
def ocrd(ocrd_once):
    """A copy of the OCR'd project for each test (beside the PDF), so no test sees another's
    edits whatever the order they run in."""
    path, *rest = ocrd_once
    copy = path.with_name(f"p-{uuid.uuid4().hex[:8]}.recto")
    shutil.copyfile(path, copy)
    return (copy, *rest)


def test_scan_is_ocrd_born_digital_page_keeps_its_text_and_huge_page_fails(ocrd):
    path, doc, report, progress = ocrd
    assert report.requested == (0, 1, 2)
    assert report.done == (0, 1) and report.text_layer == (1,) and report.skipped == ()
    assert [i for i, _ in report.failed] == [2]
    assert "pixels" in report.failed[0][1] and "lower DPI" in report.failed[0][1]
    stored = rows(path)
    assert stored[0]["source"] == "ocr" and stored[0]["engine"] == "tesseract"
    assert stored[0]["languages"] == "eng" and stored[0]["dpi"] == 300
    assert "Archbishop Makarios" in stored[0]["text"]
    assert stored[1]["source"] == "text_layer" and "Geneva committee" in stored[1]["text"]
    assert stored[2]["status"] == "failed" and "pixels" in stored[2]["error"]
    assert progress[-1][:2] == (2, 2)


def test_stored_words_are_in_pdf_points_of_the_page(ocrd):
    path, doc, _, _ = ocrd
    with Project.open(path) as project:
        scan_words = ocr_store.current_words(project, doc.sha256, 0)
        layer_words = ocr_store.current_words(project, doc.sha256, 1)
    notes = next(w for w in scan_words if w.text == "NOTES")
    # ink bounds of the typed heading, measured on the 300 dpi render (as the engine test)
    assert notes.bbox.as_list() == pytest.approx([209.5, 103.2, 237.1, 110.2], abs=2.0)
    assert all(w.bbox.within(612, 792) for w in scan_words)
    geneva = next(w for w in layer_words if w.text == "Geneva")
    assert geneva.conf == 100 and 95 < geneva.bbox.y1 < 135   # exact, from the text layer


def test_rerun_does_only_what_is_missing(ocrd):
    path, doc, _, _ = ocrd
    before = rows(path)
    with Project.open(path) as project:
        report = ocr_document(project, doc, OcrSettings(), None, 2)
    assert report.skipped == (0, 1) and report.done == ()
    assert [i for i, _ in report.failed] == [2]             # failed pages are retried
    after = rows(path)
    assert [after[i]["created_at"] for i in (0, 1)] == [before[i]["created_at"] for i in (0, 1)]
    assert report.seconds < 5


def test_force_ocr_reads_a_born_digital_page_with_tesseract(ocrd):
    path, doc, _, _ = ocrd
    with Project.open(path) as project:
        report = ocr_document(project, doc, OcrSettings(force_ocr=True), [1], 1)
        page = ocr_store.current_text(project, doc.sha256, 1)
    assert report.done == (1,) and report.text_layer == ()
    assert page.source == "ocr" and "Geneva committee" in page.text


def test_a_page_that_times_out_is_marked_and_the_run_goes_on(ocrd):
    path, doc, _, _ = ocrd
    settings = OcrSettings(dpi=200, timeout_s=0.05)   # another key: nothing is done yet
    with Project.open(path) as project:
        report = ocr_document(project, doc, settings, None, 2)
        failed = ocr_store.failed_pages(project, doc.sha256, settings.key())
    assert report.text_layer == (1,)
    assert [i for i, _ in report.failed] == [0, 2]
    assert "timed out" in dict(report.failed)[0]
    assert [i for i, _ in failed] == [0, 2]


def test_missing_language_pack_stops_before_any_work(ocrd):
    path, doc, _, _ = ocrd
    before = rows(path)
    with Project.open(path) as project:
        with pytest.raises(LanguageMissingError, match="tesseract-ocr-ita"):
            ocr_document(project, doc, OcrSettings(languages="ita"), None, 2)
        ocr_store.set_page_languages(project, doc.id, [1], "eng+chi_sim")
        with pytest.raises(LanguageMissingError, match="tesseract-ocr-chi-sim"):
            ocr_document(project, doc, OcrSettings(force_ocr=True), [1], 1)
        project.undo()
        assert ocr_store.page_languages(project, doc.id) == {}
    assert rows(path) == before


def test_page_override_changes_the_settings_of_that_page_only(ocrd):
    path, doc, _, _ = ocrd
    with Project.open(path) as project:
        ocr_store.set_page_languages(project, doc.id, [1], "deu")
        report = ocr_document(project, doc, OcrSettings(), [0, 1], 2)
    # p. 1 is done under eng; p. 2 now wants deu, a new key: its text layer is taken again
    assert report.skipped == (0,) and report.done == (1,) and report.text_layer == (1,)
    key = OcrSettings(languages="deu").key()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM page_texts WHERE settings_key = ?",
                            [key]).fetchone()[0] == 1


def test_bad_input_gets_clear_errors(ocrd, tmp_path):
    path, doc, _, _ = ocrd
    with Project.open(path) as project:
        with pytest.raises(InvalidInputError, match="outside"):
            ocr_document(project, doc, OcrSettings(), [7], 1)
        moved = dataclasses.replace(doc, path=str(tmp_path / "gone.pdf"))
        with pytest.raises(FileMissingError):
            ocr_document(project, moved, OcrSettings(), None, 1)
    with pytest.raises(InvalidInputError, match="DPI"):
        OcrSettings(dpi=5000)
    assert "zero size" in _page_problem(0, 792, 300)
    assert "20834 x 20834" in _page_problem(5000, 5000, 300)
    assert _page_problem(612, 792, 600) == ""


def test_parse_pages_is_one_based():
    assert parse_pages("1-3, 5,5", 9) == [0, 1, 2, 4]
    for bad in ("0", "4-2", "10", "x", ""):
        with pytest.raises(InvalidInputError):
            parse_pages(bad, 9)


def test_cancel_returns_promptly_keeps_finished_pages_and_kills_workers(tmp_path):
    pdf = tmp_path / "four.pdf"
    doc = pymupdf.open()
    with pymupdf.open(PDB_PLAIN) as scan:
        for _ in range(4):
            doc.insert_pdf(scan)
    doc.save(pdf)
    with Project.open(tmp_path / "c.recto", create=True) as project:
        document = add_pdf(project, pdf).document
        state, outcome = TaskState(), {}
        # pages hold the parent's only connection briefly: a dedicated thread runs the job
        thread = threading.Thread(target=_run, args=(project, document, state, outcome))
        thread.start()
        deadline = time.monotonic() + 60
        while state.done < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert state.done >= 1, "no page finished within 60 s"
        busy = _workers_and_tesseracts()
        assert len(busy) >= 2, "the two workers were not found"
        cancelled_at = time.monotonic()
        state.cancel()
        thread.join(10)
        assert not thread.is_alive()
        assert time.monotonic() - cancelled_at < 2.0
        assert isinstance(outcome.get("error"), CancelledError)
        kept = ocr_store.done_pages(project, document.sha256, OcrSettings().key())
    assert 1 <= len(kept) < 4
    time.sleep(0.3)
    assert not _alive(busy), "a cancelled worker or its Tesseract is still running"


def _run(project, document, state, outcome):
    try:
        outcome["report"] = ocr_document(project, document, OcrSettings(), None, 2, state)
    except BaseException as exc:  # noqa: BLE001 - inspected by the test
        outcome["error"] = exc


def _stat(pid: str) -> tuple[int, str] | None:
    """(parent pid, state) of a process, None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0]


def _workers_and_tesseracts() -> set[str]:
    """Live descendants of this test process below its children (the long-lived
    multiprocessing forkserver and resource tracker): the workers and their Tesseracts."""
    parents = {p.name: _stat(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()}
    found, frontier = set(), {str(os.getpid())}
    while frontier:
        frontier = {pid for pid, st in parents.items()
                    if st and str(st[0]) in frontier and st[1] not in "ZX"} - found
        found |= frontier
    servers = {pid for pid in found if parents[pid][0] == os.getpid()}  # forkserver, tracker
    return found - servers


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pids: set[str]) -> set[str]:
    return {pid for pid in pids if (st := _stat(pid)) and st[1] not in "ZX"}


def test_a_page_that_hangs_outside_tesseract_is_skipped_and_the_run_goes_on(
        project, tmp_path, monkeypatch):
    """A corrupt JBIG2 scan (found by the fuzzer) makes MuPDF spin while drawing the page:
    the watchdog marks it failed, replaces the worker and finishes the other pages."""
    import pymupdf

    from recto.app.documents import add_pdf
    from recto.app.ocr import pipeline as ocr_pipeline
    from recto.app.ocr.engine import OcrSettings
    from tests.fuzz_pdfs import Mutator, seed_files
    bad = tmp_path / "spins.pdf"
    bad.write_bytes(Mutator(seed_files(tmp_path / "seeds"), 2).case(1024).data)
    good = tmp_path / "good.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 100), "Minutes of the committee", fontsize=20)
        doc.save(good)
    monkeypatch.setattr(ocr_pipeline, "STUCK_GRACE_S", 2.0)
    settings = OcrSettings(timeout_s=2)
    stuck = add_pdf(project, bad).document
    report = ocr_pipeline.ocr_document(project, stuck, settings, None, 1)
    assert [index for index, _ in report.failed] == [0]
    assert "too long" in report.failed[0][1]
    fine = add_pdf(project, good).document
    assert ocr_pipeline.ocr_document(project, fine, settings, None, 1).done == (0,)
