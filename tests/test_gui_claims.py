"""Claims through the GUI: real project file, real PDFs with their text-layer words,
the real main window driven by keyboard and mouse; every check reads the store."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from recto.annotations import documents as doc_store
from recto.app.claims import service as claim_service
from recto.app.claims.citations import claim_citation
from tests.claims_fixtures import (
    CIB_MUNITIONS,
    CIB_MUNITIONS_QUOTE,
    CIB_PETROLEUM,
    CIB_PETROLEUM_QUOTE,
    COURT_BOARD,
    COURT_BOARD_QUOTE,
    counts,
    make_sample,
)


@pytest.fixture
def opened(window, tmp_path):
    sample = make_sample(tmp_path / "claims.recto")
    ids = sample.cib, sample.court, sample.soviet, sample.cia
    sample.project.close()
    assert window.open_project(tmp_path / "claims.recto")
    return window, ids


def show(qtbot, window, document_id: str, page_index: int = 0) -> None:
    project = window.session.project
    window.session.select_document(doc_store.get_document(project, document_id), page_index)
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=10000)


def drag(qtbot, window, box) -> None:
    """Drag a rectangle on the page from (x0, y0) to (x1, y1) in PDF points."""
    view = window.view
    view.centerOn(QPointF((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    start = view.mapFromScene(QPointF(box[0], box[1]))
    end = view.mapFromScene(QPointF(box[2], box[3]))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def new_claim(qtbot, window, box, statement: str, claimant: str | None = None,
              date: str = "") -> str:
    editor = window.claims.editor
    before = {c.id for c in claim_service.list_claims(window.session.project)}
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tool is not None  # no word selection: the box tool is armed
    drag(qtbot, window, box)
    assert window.view.tool is None and editor.draft is not None
    if claimant:
        qtbot.keyClicks(editor.claimants.line, claimant)
        qtbot.keyClick(editor.claimants.line, Qt.Key.Key_Return)
    if date:
        editor.date.setText(date)
        editor.date.editingFinished.emit()
    qtbot.keyClicks(editor.statement, statement)
    qtbot.keyClick(editor.statement, Qt.Key.Key_Return)
    after = {c.id for c in claim_service.list_claims(window.session.project)}
    assert len(after - before) == 1, editor.message.text()
    return (after - before).pop()


def press(qtbot, window, key, modifiers) -> None:
    """A shortcut as a person types it, in the main window (active again after dialogs)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def ctrl_z(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_two_claims_evidence_link_citation_and_undo(qtbot, opened):
    window, (cib, court, soviet, cia) = opened
    project, editor = window.session.project, window.claims.editor
    base = counts(project)

    show(qtbot, window, cib)
    first = new_claim(qtbot, window, CIB_MUNITIONS, "Soviet munitions output rose",
                      claimant="Soviet", date="1955-12")
    claim = claim_service.get_claim(project, first)
    assert claim.quote == CIB_MUNITIONS_QUOTE  # filled from the words under the box
    assert claim.claimants == (soviet,) and claim.date_text == "1955-12"
    assert [e.anchor.document_id for e in claim.evidence] == [cib]
    assert editor.claim.id == first and editor.statement.text() == "Soviet munitions output rose"

    show(qtbot, window, court)
    second = new_claim(qtbot, window, COURT_BOARD, "The board approved the fee",
                       claimant="Central Intelligence Agency")
    assert claim_service.get_claim(project, second).quote == COURT_BOARD_QUOTE

    # more evidence for the open (second) claim, from a page of the other document
    show(qtbot, window, cib)
    editor.relations.findChild(type(editor.create_button), "claim-add-evidence").click()
    drag(qtbot, window, CIB_PETROLEUM)
    evidence = claim_service.get_claim(project, second).evidence
    assert [(e.anchor.document_id, e.quote) for e in evidence] == [
        (court, COURT_BOARD_QUOTE), (cib, CIB_PETROLEUM_QUOTE)]
    qtbot.waitUntil(lambda: editor.relations.evidence.count() == 2)

    # clicking the first evidence row jumps to the court page and highlights its box
    row = editor.relations.evidence.item(0)
    rect = editor.relations.evidence.visualItemRect(row)
    qtbot.mouseClick(
        editor.relations.evidence.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert window.session.document.id == court
    qtbot.waitUntil(lambda: len(window.claims.highlighted_boxes()) == 1)
    box = window.claims.highlighted_boxes()[0]
    assert (box.left(), box.top()) == pytest.approx(evidence[0].anchor.bbox.as_list()[:2])

    # link "second contradicts first" through the searchable picker
    editor.relations.findChild(type(editor.create_button), "claim-link-to").click()
    dialog = window.claims.link_picker
    qtbot.keyClicks(dialog.filter, "munitions")
    visible = [dialog.candidates.item(i) for i in range(dialog.candidates.count())
               if not dialog.candidates.item(i).isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == [first]
    dialog.type.setCurrentIndex(dialog.type.findData("contradicts"))
    dialog.accept()
    link = claim_service.get_claim(project, second).links
    assert [(k.to_claim_id, k.type.value) for k in link] == [(first, "contradicts")]
    qtbot.waitUntil(lambda: editor.relations.link_rows() != [])
    assert [(r[1], r[2], r[3]) for r in editor.relations.link_rows()] == [
        (first, True, "contradicts")]
    assert "this claim contradicts" in editor.relations.links.item(0).text()

    # the other end shows it as incoming; its citation goes to the clipboard in one key
    window.claims.panel.claim_activated.emit(first)
    assert editor.claim.id == first
    assert [(r[1], r[2], r[3]) for r in editor.relations.link_rows()] == [
        (second, False, "contradicts")]
    assert "contradicts this claim" in editor.relations.links.item(0).text()
    QApplication.clipboard().clear()
    press(
        qtbot,
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    expected = claim_citation(project, claim_service.get_claim(project, first))
    assert expected == "CIA CREST, CIA-RDP79T00975A, C02733122, p. 1"
    assert QApplication.clipboard().text() == expected

    # Ctrl+Z undoes each step, newest first, down to the project we started with
    steps = [("claim_links", 0), ("claim_evidence", 2), ("claims", 1), ("claims", 0)]
    for table, left in steps:
        ctrl_z(qtbot, window)
        assert counts(project)[table] == left
    assert {k: v for k, v in counts(project).items() if k != "undo_steps"} == \
        {k: v for k, v in base.items() if k != "undo_steps"}
    qtbot.waitUntil(lambda: editor.claim is None)


def test_editor_writes_each_field_and_shows_bad_dates_inline(qtbot, opened):
    window, (cib, _court, soviet, cia) = opened
    project, editor = window.session.project, window.claims.editor
    show(qtbot, window, cib)
    claim_id = new_claim(qtbot, window, CIB_MUNITIONS, "Munitions up")
    undo_before = counts(project)["undo_steps"]

    editor.date.setText("1955-02-30")
    editor.date.editingFinished.emit()
    assert editor.date_error.isVisibleTo(editor) and "28 days" in editor.date_error.text()
    assert claim_service.get_claim(project, claim_id).date_text == ""
    assert counts(project)["undo_steps"] == undo_before  # nothing written

    editor.date.setText("1955-10/1955-12")
    editor.date.editingFinished.emit()
    assert not editor.date_error.isVisibleTo(editor)
    editor.certainty.setCurrentIndex(editor.certainty.findData("disputed"))
    editor.tags.setText("origins,  numbers")
    editor.tags.editingFinished.emit()
    qtbot.keyClicks(editor.subjects.line, "intelligence")
    qtbot.keyClick(editor.subjects.line, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.claimants.line, "Nobody at all")
    qtbot.keyClick(editor.claimants.line, Qt.Key.Key_Return)
    assert "No actor called" in editor.claimants.hint.text()
    claim = claim_service.get_claim(project, claim_id)
    assert (claim.date_text, claim.date_start, claim.date_end) == \
        ("1955-10/1955-12", "1955-10-01", "1955-12-31")
    assert claim.certainty.value == "disputed" and claim.subjects == (cia,)
    assert set(claim.tags) == {"origins", "numbers"} and claim.claimants == ()

    editor.statement.setText("   ")
    editor.statement.editingFinished.emit()
    assert "needs a statement" in editor.message.text()
    assert claim_service.get_claim(project, claim_id).statement == "Munitions up"

    ctrl_z(qtbot, window)  # undo the subject: the picker follows the store
    qtbot.waitUntil(lambda: editor.subjects.ids() == [])
    assert claim_service.get_claim(project, claim_id).subjects == ()


def test_claims_panel_filters_sorts_and_opens_at_the_evidence(qtbot, opened):
    window, (cib, court, soviet, cia) = opened
    project, panel = window.session.project, window.claims.panel
    a = claim_service.create_claim(project, "Late claim", court, 0, COURT_BOARD,
                                   claimants=[cia], date="1959", tags=["numbers"])
    b = claim_service.create_claim(project, "Early claim", cib, 0, CIB_MUNITIONS,
                                   claimants=[soviet], date="1955-12-15", certainty="probable")
    qtbot.waitUntil(lambda: len(panel.claim_ids()) == 2)
    assert panel.claim_ids() == [b.id, a.id]  # by date
    panel.tree.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert panel.claim_ids() == [a.id, b.id]
    panel.set_filter("actor", soviet)
    assert panel.claim_ids() == [b.id]
    panel.set_filter("actor", None)
    panel.set_filter("document", court)
    assert panel.claim_ids() == [a.id]
    panel.set_filter("document", None)
    panel.set_filter("certainty", "probable")
    assert panel.claim_ids() == [b.id]
    panel.set_filter("certainty", None)
    panel.search.setText("late")
    assert panel.claim_ids() == [a.id]
    panel.search.setText("")
    qtbot.waitUntil(lambda: panel.filters["tag"].findData("numbers") >= 0)
    panel.set_filter("tag", "numbers")
    assert panel.claim_ids() == [a.id]
    window.claims.list_dock.raise_()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter (or double-click) opens the claim
    assert window.claims.editor.claim.id == a.id
    assert window.session.document.id == court
    qtbot.waitUntil(lambda: len(window.claims.highlighted_boxes()) == 1)
