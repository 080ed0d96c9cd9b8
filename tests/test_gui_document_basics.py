"""The Documents panel's basics, driven as a person would: its context menu, Remove
(asks, undoable), and several documents selected and read or searched as one job."""
from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import Box
from recto.app.documents import add_pdf
from recto.app.redactions import service as redactions
from tests.pdf_factory import image_pdf, text_pdf


def _menu_action(menu, starts: str):
    return next(a for a in menu.actions() if a.text().startswith(starts))


def _select_all(window) -> None:
    lst = window.documents
    for i in range(lst.count()):
        lst.selectionModel().select(lst.model().index(i, 0),
                                    QItemSelectionModel.SelectionFlag.Select)


def _project_with(window, tmp_path, pdfs) -> list:
    path = tmp_path / "basics.recto"
    assert window.open_project(path, create=True)
    project = window.session.project
    docs = [add_pdf(project, p).document for p in pdfs]
    window.documents.reload()
    return docs


def test_remove_a_document_from_its_menu_asks_and_undo_brings_it_back(qtbot, window, tmp_path):
    a = text_pdf(tmp_path / "a.pdf", ["Memorandum for the record", "Second page"])
    b = text_pdf(tmp_path / "b.pdf", ["Another file"])
    doc_a, doc_b = _project_with(window, tmp_path, [a, b])
    project = window.session.project
    redactions.add_redaction(project, doc_a.id, 0, Box(72, 72, 200, 90), tags=("check",))
    window.session.select_document(doc_a)
    qtbot.waitUntil(lambda: window.view.path is not None, timeout=5000)
    lst = window.documents
    menu = lst.context_menu(lst.item(0))
    _menu_action(menu, "Remove 1 Document").trigger()
    box = window.findChild(QMessageBox, "remove-documents")
    assert box is not None and box.isVisible()
    assert "1 redaction" in box.text() and "PDF stays on the disk" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [d.id for d in doc_store.list_documents(project)] == [doc_a.id, doc_b.id]

    _menu_action(lst.context_menu(lst.item(0)), "Remove 1 Document").trigger()
    box = [b for b in window.findChildren(QMessageBox, "remove-documents") if b.isVisible()][0]
    [b for b in box.buttons() if b.objectName() == "remove-documents-yes"][0].click()
    assert [d.id for d in doc_store.list_documents(project)] == [doc_b.id]
    assert redaction_store.list_redactions(project, doc_a.id) == []
    qtbot.waitUntil(lambda: lst.count() == 1, timeout=3000)
    assert window.session.document is None or window.session.document.id != doc_a.id
    assert a.exists()                                   # the file stays on the disk
    assert project.undo_label() == "Remove document a"
    window.undo()
    assert {d.id for d in doc_store.list_documents(project)} == {doc_a.id, doc_b.id}
    assert len(redaction_store.list_redactions(project, doc_a.id)) == 1
    assert len(doc_store.pages_of(project, doc_a.id)) == 2
    qtbot.waitUntil(lambda: lst.count() == 2, timeout=3000)


@pytest.mark.slow
def test_two_documents_selected_are_read_as_one_job(qtbot, window, tmp_path):
    pdfs = [image_pdf(tmp_path / f"scan{i}.pdf", 1) for i in range(2)]
    docs = _project_with(window, tmp_path, pdfs)
    project = window.session.project
    _select_all(window)
    assert [d.id for d in window.documents.selected_documents()] == [d.id for d in docs]
    menu = window.documents.context_menu(window.documents.item(1))
    labels = [a.text() for a in menu.actions()]
    assert "OCR 2 Documents" in labels and "Detect Redactions in 2 Documents" in labels
    progress: list[tuple[int, int]] = []
    _menu_action(menu, "OCR 2 Documents").trigger()
    job = window.ocr.job
    job.progress.connect(lambda d, t, _m: progress.append((d, t)))
    with qtbot.waitSignal(job.ended, timeout=240000):
        pass
    for doc in docs:
        page = ocr_store.current_text(project, doc.sha256, 0)
        assert page is not None and len(page.text) > 100, doc.title
    assert progress and {t for _d, t in progress} == {2}     # one bar over both documents
    assert "OCR of 2 documents" in window.statusBar().currentMessage()


def test_detect_redactions_on_the_selected_documents_as_one_step(qtbot, window, tmp_path):
    pdfs = []
    for i in range(2):
        path = text_pdf(tmp_path / f"memo{i}.pdf", ["SECRET " * 40])
        doc = pymupdf.open(path)
        doc[0].draw_rect(pymupdf.Rect(100, 300, 400, 330), color=(0, 0, 0), fill=(0, 0, 0))
        out = tmp_path / f"bar{i}.pdf"
        doc.save(out)
        doc.close()
        pdfs.append(out)
    docs = _project_with(window, tmp_path, pdfs)
    project = window.session.project
    _select_all(window)
    _menu_action(window.documents.context_menu(window.documents.item(0)),
                 "Detect Redactions in 2").trigger()
    job = window.redactions.job
    with qtbot.waitSignal(job.ended, timeout=60000):
        pass
    for doc in docs:
        assert redaction_store.list_redactions(project, doc.id), doc.title
    assert project.undo_label() is not None and "2 documents" in project.undo_label()


def _labels(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_context_menus_on_words_boxes_and_rows(qtbot, window, tmp_path):
    from recto.annotations.model import Status
    from recto.app.actors import service as actors
    from recto.app.claims import service as claims
    from recto.ui.row_menu import menu_for
    from tests.word_pages import open_text_page
    doc = open_text_page(qtbot, window, tmp_path, ["Soren estimated sixty thousand returnees",
                                                   "in the report of 1959"])
    project, view = window.session.project, window.view
    # A word: right-click selects it; the menu offers what a selection allows, then the page.
    word = window.ocr.words.words[1]
    at = view.mapFromScene((word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.y0 + word.bbox.y1) / 2)
    labels = _labels(view.context_menu(at))
    assert [w.text for w in window.ocr.selector.selected] == [word.text]
    for key in ("copy_words", "claims.new", "actors.tag", "next_page", "fit_width"):
        assert window.named_actions[key].text() in labels, key
    # A suggested redaction box: selected, and its review offered.
    box = Box(300, 300, 400, 330)
    r = redactions.add_redaction(project, doc.id, 0, box, status="suggested")
    qtbot.waitUntil(lambda: r.id in window.redactions.overlay.items, timeout=3000)
    menu = view.context_menu(view.mapFromScene(350, 315))
    assert window.redactions.overlay.selected_id == r.id
    _menu_action(menu, "Accept Suggested Redaction").trigger()
    assert redaction_store.get_redaction(project, r.id).status is Status.CONFIRMED
    # A row of the redaction suggestions: its commands, as the keys give them.
    r2 = redactions.add_redaction(project, doc.id, 0, Box(300, 400, 400, 430),
                                  status="suggested")
    lst = window.redactions.suggestions.list
    qtbot.waitUntil(lambda: [x.id for x in window.redactions.suggestions.items()] == [r2.id],
                    timeout=3000)
    menu = menu_for(lst, lst.item(0))
    assert "Show in the Middle (Enter)" in _labels(menu)
    _menu_action(menu, "Reject (X)").trigger()
    assert redaction_store.get_redaction(project, r2.id).status is Status.REJECTED
    # A row of the actors panel and of the claims list.
    soren = actors.add_actor(project, "Sōren", "organisation").actor
    tree = window.actors.panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1, timeout=3000)
    menu = menu_for(tree, tree.topLevelItem(0))
    assert {"Show Actor", "Delete Actor", "New Actor…"} <= set(_labels(menu))
    _menu_action(menu, "Show Actor").trigger()
    assert window.actors.view.actor_id == soren.id
    claim = claims.create_claim(project, "Sōren estimated sixty thousand returnees")
    ctree = window.claims.panel.tree
    qtbot.waitUntil(lambda: ctree.topLevelItemCount() == 1, timeout=3000)
    menu = menu_for(ctree, ctree.topLevelItem(0))
    _menu_action(menu, "Open Claim").trigger()
    assert window.claims.editor.claim.id == claim.id
