"""The main window driven as a person would: real widgets, real project, real PDFs."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from recto.annotations import documents as store
from recto.app import documents as service
from tests.conftest import SAMPLES
from tests.gui_drop import drop_files


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    from recto.ui.main_window import MainWindow
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def two_doc_project(tmp_path):
    from recto.annotations.project import Project
    path = tmp_path / "gui.recto"
    with Project.open(path, create=True) as project:
        for name in ("pdb_0006007849_p10_plain.pdf", "cib_02733122_p2.pdf"):
            shutil.copy(SAMPLES / name, tmp_path / name)
            service.add_pdf(project, tmp_path / name)
    return path


def _wait_for_page_image(qtbot, window):
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=10000)


def test_opening_a_project_lists_documents_and_renders_the_page(qtbot, window, two_doc_project):
    assert window.open_project(two_doc_project)
    assert window.documents.count() == 2
    _wait_for_page_image(qtbot, window)
    assert window.page_label.text() == "Page 1 of 1"
    assert "gui" in window.windowTitle()
    window.documents.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.session.document.title == "cib_02733122_p2", timeout=5000)
    _wait_for_page_image(qtbot, window)
    assert window.view.page_size == pytest.approx((610.56, 743.52), abs=0.1)


def test_zoom_and_fit(qtbot, window, two_doc_project):
    window.open_project(two_doc_project)
    _wait_for_page_image(qtbot, window)
    window.named_actions["fit_page"].trigger()
    fit_page = window.view.zoom
    window.named_actions["fit_width"].trigger()
    assert window.view.zoom >= fit_page
    window.named_actions["actual"].trigger()
    assert window.view.zoom == pytest.approx(1.0)
    window.named_actions["zoom_in"].trigger()
    assert window.view.zoom == pytest.approx(1.25)
    for _ in range(30):
        window.named_actions["zoom_in"].trigger()
    assert window.view.zoom == pytest.approx(8.0)
    assert window.zoom_label.text() == "800%"


def test_reference_edit_is_stored_and_undone_with_ctrl_z(qtbot, window, two_doc_project):
    window.open_project(two_doc_project)
    project = window.session.project
    doc_id = window.session.document.id
    field = window.reference.edits["archive"]
    field.setText("ICRC Archives")
    field.editingFinished.emit()
    assert store.get_document(project, doc_id).reference.archive == "ICRC Archives"
    qtbot.waitUntil(lambda: "Edit archival reference" in window.named_actions["undo"].text())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_document(project, doc_id).reference.archive == ""
    qtbot.waitUntil(lambda: field.text() == "")
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert store.get_document(project, doc_id).reference.archive == "ICRC Archives"
    qtbot.waitUntil(lambda: field.text() == "ICRC Archives")


def test_dropping_pdfs_adds_them_and_bad_ones_get_a_dialog(qtbot, window, tmp_path, bad_pdfs):
    window.open_project(tmp_path / "new.recto", create=True)
    good = tmp_path / "court.pdf"
    shutil.copy(SAMPLES / "court_cacd_630649_326_p10.pdf", good)
    drop_files(window, [good, bad_pdfs["encrypted"]])
    qtbot.waitUntil(lambda: window.documents.count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: _visible_error(window) is not None, timeout=5000)
    assert "password" in _visible_error(window).text()
    assert window.session.document.title == "court"


def _visible_error(window):
    for box in window.findChildren(QMessageBox, "error-dialog"):
        if box.isVisible():
            return box
    return None


def test_opening_a_project_in_use_shows_a_dialog(qtbot, window, two_doc_project):
    from recto.annotations.project import Project
    holder = Project.open(two_doc_project)
    try:
        assert not window.open_project(two_doc_project)
        qtbot.waitUntil(lambda: _visible_error(window) is not None)
        assert "open in another" in _visible_error(window).text()
    finally:
        holder.close()


def test_page_navigation_with_keys(qtbot, window, tmp_path):
    from tests.pdf_factory import image_pdf
    pdf = image_pdf(tmp_path / "five.pdf", 5, dpi=50)
    window.open_project(tmp_path / "nav.recto", create=True)
    service.add_pdf(window.session.project, pdf)
    window.documents.reload()
    window.session.select_document(store.list_documents(window.session.project)[0])
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.session.page_index == 2
    assert window.page_label.text() == "Page 3 of 5"
    qtbot.keyClick(window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.session.page_index == 4
    assert window.thumbnails.currentRow() == 4
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.session.page_index == 4


def test_window_layout_and_recent_projects_are_remembered(qtbot, settings, two_doc_project):
    from recto.ui.main_window import MainWindow
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.open_project(two_doc_project)
    first.resize(760, 590)
    first.ref_dock.hide()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.recent_projects()[0] == str(two_doc_project)
    assert second.size().width() == 760
    assert not second.ref_dock.isVisible()
    second.close()


def test_shortcuts_dialog_lists_standard_shortcuts(qtbot, window):
    window.named_actions["shortcuts"].trigger()
    from recto.ui.shortcuts_dialog import ShortcutsDialog
    (dialog,) = window.findChildren(ShortcutsDialog)
    names = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"Undo", "Redo", "Open Project…", "Next Page", "Fit Width"} <= names


def test_a_burst_of_undos_removing_the_open_document_is_handled(qtbot, window, tmp_path):
    """Three Ctrl+Z before the window hears of the first: views must not use the gone doc."""
    from recto.app.actors.mentions import add_mention
    from recto.app.actors.service import add_actor
    from recto.app.redactions.service import add_redaction
    window.open_project(tmp_path / "burst.recto", create=True)
    pdf = tmp_path / "notes.pdf"
    shutil.copy(SAMPLES / "pdb_0006007849_p10_plain.pdf", pdf)
    project = window.session.project
    doc = service.add_pdf(project, pdf).document
    qtbot.waitUntil(lambda: window.documents.count() == 1)
    window.session.select_document(doc)
    actor = add_actor(project, "Makarios").actor
    add_mention(project, actor.id, doc.id, 0, bbox=(100, 200, 160, 212))
    add_redaction(project, doc.id, 0, (100, 300, 200, 312))
    qtbot.wait(100)
    for _ in range(4):  # redaction, mention, actor, document: no event loop in between
        window.named_actions["undo"].trigger()
    confirm = window.findChild(QMessageBox, "undo-add-document")  # removing a document asks
    confirm.findChild(QPushButton, "undo-add-document-remove").click()
    qtbot.waitUntil(lambda: window.documents.count() == 0)
    qtbot.wait(300)
    assert window.session.document is None
    assert store.list_documents(project) == []


def test_a_page_that_cannot_be_drawn_leaves_the_window_responsive(qtbot, tmp_path, monkeypatch,
                                                                   settings):
    """A damaged scan on which MuPDF spins: the page says so, the window never freezes."""
    import time

    from PySide6.QtCore import QTimer

    from recto.app.pdf import render_service
    from recto.ui.main_window import MainWindow
    from tests.fuzz_pdfs import Mutator, seed_files
    monkeypatch.setattr(render_service, "DRAW_TIMEOUT_S", 3.0)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    spins = tmp_path / "spins.pdf"
    spins.write_bytes(Mutator(seed_files(tmp_path / "seeds"), 2).case(1024).data)
    win.open_project(tmp_path / "damaged.recto", create=True)
    doc = service.add_pdf(win.session.project, spins).document
    ticks = []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start(20)
    win.session.select_document(doc)
    qtbot.waitUntil(lambda: "could not be drawn" in win.view._message.text(), timeout=15000)
    beat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < 0.5, f"the window froze for {max(gaps):.1f} s"
    win.close()


def test_dropping_a_folder_of_photos_and_a_tiff_adds_two_documents(qtbot, window, tmp_path):
    from tests.photo_fixtures import multipage_tiff, photo_folder
    photo_folder(tmp_path / "box 3", count=3)
    tiff = multipage_tiff(tmp_path / "scan.tif", count=2)
    window.open_project(tmp_path / "new.recto", create=True)
    drop_files(window, [tmp_path / "box 3", tiff])
    qtbot.waitUntil(lambda: window.documents.count() == 2, timeout=20000)
    docs = {d.title: d for d in store.list_documents(window.session.project)}
    assert (docs["box 3"].page_count, docs["scan"].page_count) == (3, 2)
    assert _visible_error(window) is None
    window.session.select_document(docs["box 3"])
    qtbot.waitUntil(lambda: window.thumbnails.count() == 3, timeout=10000)
