"""Redaction services on real scans and a generated born-digital PDF: detection into a
project, no duplicates on re-run, review, statistics, and placeholder page text."""
from __future__ import annotations

import shutil

import pymupdf
import pytest

from recto.annotations import ocr_store
from recto.annotations import redactions as store
from recto.annotations.model import Box, Origin, RedactionStyle, Status
from recto.app import documents as doc_service
from recto.app.errors import CancelledError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.pdf.text_layer import import_text_layer
from recto.app.redactions import service
from recto.app.text.search import search
from tests.conftest import SCANS


def _add(project, tmp_path, name):
    shutil.copy(SCANS / name, tmp_path / name)
    return doc_service.add_pdf(project, tmp_path / name).document


def test_detection_stores_suggestions_with_codes_and_extent(project, tmp_path):
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    plain = _add(project, tmp_path, "pdb_0006466926_p14_plain.pdf")
    progress = []
    reports = service.detect_documents(project, [cib, plain],
                                       TaskState(lambda d, t, m: progress.append((d, t))))
    assert [(r.found, r.added, r.duplicates, r.skipped) for r in reports] == [
        (7, 7, 0, ()), (0, 0, 0, ())]
    assert progress[-1] == (2, 2)
    found = store.list_redactions(project, cib.id)
    assert all(r.status is Status.SUGGESTED and r.origin is Origin.DETECTED for r in found)
    assert all(0 < r.confidence <= 1 and r.style is RedactionStyle.OUTLINE_BOX for r in found)
    assert {c for r in found for c in r.codes} == {"3.3(h)(2)", "3.5(c)"}
    assert all(r.extent_chars > 10 and r.extent_lines >= 1 for r in found)
    assert store.list_redactions(project, plain.id) == []
    assert project.undo_label() == "Detect redactions in 2 documents"
    project.undo()   # one command, one step
    assert store.list_redactions(project, cib.id) == []


def test_rerun_does_not_duplicate_accepted_or_rejected(project, tmp_path):
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    service.detect_document(project, court)
    found = service.suggestions(project, court.id)
    assert len(found) == 11
    assert service.accept(project, [found[0].id]) == 1
    assert project.undo_label() == "Accept suggestion"
    assert service.reject(project, [r.id for r in found[1:3]]) == 2
    assert project.undo_label() == "Reject 2 suggestions"
    service.add_redaction(project, court.id, 0, found[5].bbox.as_list())   # drawn by hand too
    again = service.detect_document(project, court)
    assert (again.found, again.added, again.duplicates) == (11, 0, 11)
    assert len(store.list_redactions(project, court.id)) == 12
    assert len(store.list_redactions(project, court.id, status="rejected")) == 2


def test_review_a_page_or_above_a_confidence(project, tmp_path):
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    service.detect_document(project, court)
    confidences = sorted(r.confidence for r in service.suggestions(project, court.id))
    cut = confidences[len(confidences) // 2]
    expected = sum(1 for c in confidences if c >= cut)
    assert service.review_suggestions(project, True, court.id, min_confidence=cut) == expected
    assert project.undo_label() == f"Accept {expected} suggestions"
    assert service.review_suggestions(project, False, court.id, page_index=0) == 11 - expected
    assert service.suggestions(project, court.id) == []
    with pytest.raises(InvalidInputError):
        service.review_suggestions(project, True, court.id, min_confidence=1.5)


def test_statistics_by_style_and_code(project, tmp_path):
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    service.detect_documents(project, [cib, court])
    whole = service.statistics(project)
    assert whole.count == 18 and whole.redacted_pages == 2
    assert whole.by_style == {"black_box": 11, "outline_box": 7}
    assert whole.by_code["3.3(h)(2)"] == 4 and whole.by_code["3.5(c)"] == 3
    assert 0.05 < whole.area_share < 0.5
    one = service.statistics(project, cib.id, statuses=["confirmed"])
    assert one.count == 0
    service.review_suggestions(project, True, cib.id)
    data = service.stats_json(service.statistics(project, cib.id, statuses=["confirmed"]))
    assert data["count"] == 7 and data["top_pages"][0]["page"] == 1


def test_confirmed_redactions_put_placeholders_in_search_and_undo_takes_them_out(
        project, tmp_path):
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    assert import_text_layer(project, court) == 1
    unsync = service.keep_page_text_in_sync(project)
    service.detect_document(project, court)
    assert search(project, "[REDACTED").total == 0        # suggestions hide nothing
    service.review_suggestions(project, True, court.id)
    result = search(project, "[REDACTED")
    assert {h.page_index for h in result.hits} == {0} and result.total == 11
    assert all(h.bboxes == () and "redacted" in h.snippet for h in result.hits)
    words = search(project, "the", limit=500)               # hits after a placeholder keep
    on_page = ocr_store.current_words(project, court.sha256, 0)  # their own word's box
    assert words.hits and all(any(w.bbox == h.bboxes[0] and w.text.lower().startswith("the")
                                  for w in on_page) for h in words.hits)
    text = ocr_store.current_text(project, court.sha256, 0).text
    assert text.count("[REDACTED ~") == 11
    project.undo()                                            # the acceptance
    assert search(project, "[REDACTED").total == 0
    assert "REDACTED" not in ocr_store.current_text(project, court.sha256, 0).text
    unsync()


def test_manual_redaction_checks_its_box_and_estimates_extent(project, tmp_path):
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    r = service.add_redaction(project, cib.id, 0, "100,200,300,230", codes="25X1; (b)(3)",
                              style="outline_box", note=" ok ", tags=["x"])
    assert r.codes == ("25X1", "(b)(3)") and r.note == "ok" and r.status is Status.CONFIRMED
    assert r.extent_chars > 0
    for bad in ("1,2,3", "0,0,700,20", "10,10,10.5,50"):
        with pytest.raises(InvalidInputError):
            service.add_redaction(project, cib.id, 0, bad)
    with pytest.raises(InvalidInputError):
        service.add_redaction(project, cib.id, 0, "1,1,50,50", style="scribble")
    moved = service.edit_redaction(project, r.id, bbox="100,200,500,260", label="Resize redaction")
    assert moved.extent_chars > r.extent_chars and moved.extent_lines >= r.extent_lines
    assert project.undo_label() == "Resize redaction"
    assert service.delete_redactions(project, [r.id[:8]]) == 1


def _born_digital(path):
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["The committee met on 15 December 1955 to review the plan.",
             "Agent Operation NIGHTJAR was approved by the director.",
             "Funding came from the reserve for contingencies."]
    for k, line in enumerate(lines):
        page.insert_text((72, 100 + 20 * k), line, fontname="cour", fontsize=11)
    rect = page.search_for("NIGHTJAR")[0]
    page.draw_rect(rect + (-1, -1, 1, 1), color=(0, 0, 0), fill=(0, 0, 0))
    doc.save(path)
    return rect


def test_born_digital_box_over_live_text_is_flagged_recoverable(project, tmp_path):
    rect = _born_digital(tmp_path / "memo.pdf")
    doc = doc_service.add_pdf(project, tmp_path / "memo.pdf").document
    report = service.detect_document(project, doc)
    assert report.recoverable == 1
    [r] = store.list_redactions(project, doc.id)
    assert r.text_recoverable and "NIGHTJAR" in r.hidden_text
    assert r.bbox.iou(Box.of(tuple(rect))) > 0.5
    assert 6 <= r.extent_chars <= 12                      # "NIGHTJAR" is 8 characters
    assert "hidden_text" not in service.redaction_json(r)
    assert service.redaction_json(r, show_hidden=True)["hidden_text"] == r.hidden_text


def test_a_page_that_cannot_be_analysed_in_time_is_reported_and_skipped(project, tmp_path,
                                                                        monkeypatch):
    """Pages are analysed in the helper process: past the page's time limit the helper
    is replaced and the page reported with a sentence; the next run starts a new one."""
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    monkeypatch.setattr(service, "_page_limit", lambda: 0.05)
    report = service.detect_document(project, cib)
    assert report.skipped == ((0, "It took longer than 0.05 s."),) and report.added == 0
    monkeypatch.undo()
    assert service.detect_document(project, cib).added == 7


def test_cancel_keeps_pages_already_done(project, tmp_path):
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    state = TaskState()

    def on_progress(done, total, message):
        if done == 1:
            state.cancel()
    state._on_progress = on_progress
    with pytest.raises(CancelledError):
        service.detect_documents(project, [cib, court], state)
    assert len(store.list_redactions(project, cib.id)) == 7
    assert store.list_redactions(project, court.id) == []


def test_imported_page_text_without_words_is_left_alone(project, sample_pdf):
    """A page whose text came from an annotation set has no words: never rebuild it."""
    from recto.annotations import ocr_store
    from recto.app import documents as documents_service
    from recto.app.redactions import service
    doc = documents_service.add_pdf(project, sample_pdf).document
    text = "The plan [REDACTED ~12 chars] was approved by the committee after review."
    ocr_store.store_page(project, ocr_store.PageText(doc.sha256, 0, "import", "ocr", "ok", text),
                         [])
    service.add_redaction(project, doc.id, 0, (100, 100, 200, 120))
    service.sync_page_texts(project)
    assert ocr_store.current_text(project, doc.sha256, 0).text == text


def test_ocr_after_a_confirmed_redaction_keeps_the_placeholder(project, tmp_path):
    """OCR run after a redaction was confirmed: the new page text carries the placeholder."""
    import pymupdf

    from recto.annotations import ocr_store
    from recto.app import documents as documents_service
    from recto.app.ocr.engine import OcrSettings
    from recto.app.ocr.pipeline import ocr_document
    from recto.app.redactions import service
    path = tmp_path / "memo.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "The delegation met the officials on Monday.",
                         fontsize=14, fontname="cour")
        doc.save(path)
    document = documents_service.add_pdf(project, path).document
    words = {w[4]: w[:4] for w in pymupdf.open(path)[0].get_text("words")}
    x0, y0, _, _ = words["officials"]
    _, _, x1, y1 = words["on"]
    service.add_redaction(project, document.id, 0, (x0 - 1, y0 - 1, x1 + 1, y1 + 1))
    ocr_document(project, document, OcrSettings(), None, 1)
    text = ocr_store.current_text(project, document.sha256, 0).text
    assert "[REDACTED ~" in text and "officials" not in text and "delegation" in text


def test_a_page_that_cannot_be_drawn_is_skipped_not_hung(project, tmp_path, monkeypatch):
    """A damaged scan on which MuPDF spins (found by the fuzzer): reported and skipped."""
    import time

    from recto.app import documents as documents_service
    from recto.app.pdf import render_service
    from recto.app.redactions import service
    from tests.fuzz_pdfs import Mutator, seed_files
    monkeypatch.setattr(render_service, "DRAW_TIMEOUT_S", 2.0)
    spins = tmp_path / "spins.pdf"
    spins.write_bytes(Mutator(seed_files(tmp_path / "seeds"), 2).case(1024).data)
    document = documents_service.add_pdf(project, spins).document
    start = time.monotonic()
    report = service.detect_document(project, document)
    assert time.monotonic() - start < 15
    assert [index for index, _ in report.skipped] == [0]
    assert "could not be drawn" in report.skipped[0][1]


def _walkthrough_document(project, tmp_path):
    """README's walkthrough step 3: the sample's Yugoslavia brief, never OCR'd."""
    from recto.app.sample import SAMPLE_DIR, sample_manifest
    entry = next(e for e in sample_manifest() if "Yugoslavia" in e["title"])
    name = entry["file"]
    shutil.copy(SAMPLE_DIR / name, tmp_path / name)
    return doc_service.add_pdf(project, tmp_path / name).document


def test_codes_are_read_beside_the_boxes_on_a_page_never_ocrd(project, tmp_path):
    doc = _walkthrough_document(project, tmp_path)
    assert ocr_store.current_words(project, doc.sha256, 0) == []
    report = service.detect_document(project, doc)
    assert report.added == 17
    service.review_suggestions(project, True, doc.id)
    assert service.statistics(project, doc.id, statuses=["confirmed"]).by_code == {"25X1": 17}


def test_redetection_fills_empty_codes_of_suggestions_and_confirmed_boxes_in_one_step(
        project, tmp_path):
    doc = _walkthrough_document(project, tmp_path)
    service.detect_document(project, doc)
    first, second = service.suggestions(project, doc.id)[:2]
    service.accept(project, [first.id])
    for r in (first, second):
        service.edit_redaction(project, r.id, codes=())
    again = service.detect_document(project, doc)
    assert (again.added, again.duplicates, again.codes_filled) == (0, 17, 2)
    assert store.get_redaction(project, first.id).codes == ("25X1",)
    assert store.get_redaction(project, first.id).status is Status.CONFIRMED
    assert store.get_redaction(project, second.id).codes == ("25X1",)
    assert project.undo_label() == "Detect redactions"
    project.undo()
    assert store.get_redaction(project, first.id).codes == ()
    assert store.get_redaction(project, second.id).codes == ()


def test_detection_on_some_pages_only(project, tmp_path):
    court = _add(project, tmp_path, "court_cacd_630649_326_p20.pdf")
    assert service.detect_document(project, court, pages=[0]).added == 11
    with pytest.raises(InvalidInputError):
        service.detect_document(project, court, pages=[3])


def test_a_page_too_complex_to_analyse_in_its_budget_is_skipped_with_a_sentence(
        project, tmp_path, monkeypatch):
    """Graph paper: thousands of enclosed cells, weighed in pairs; past the page's time
    budget (30 s in use, 6 s here) the page is skipped and the run goes on. A sheet twice
    letter size: its cells take over 25 s here (a letter-size sheet took 20 s on a loaded
    day and 2.4 s on a quiet one, when the budget of 4 s let it through, measured)."""
    from recto.app.redactions import budget
    from tests.pdf_factory import graph_paper
    monkeypatch.setattr(budget, "PAGE_SECONDS", 6.0)
    grid = doc_service.add_pdf(project, graph_paper(tmp_path / "form.pdf",
                                                    size=(1224, 1584))).document
    cib = _add(project, tmp_path, "cib_02733122_p2.pdf")
    grid_report, cib_report = service.detect_documents(project, [grid, cib])
    assert grid_report.skipped == ((0, "Page 1 has too many lines and shapes to analyse in "
                                       "6 s; it was skipped."),)
    assert cib_report.skipped == () and cib_report.added == 7
