"""Where the historian left off, and what a new project must not show: real main
window, real project files, real PDFs made with PyMuPDF."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QGraphicsRectItem

from recto.app import documents as service
from tests.pdf_factory import text_pdf


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, settings):
    from recto.ui.main_window import MainWindow
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, settings):
    win = make_window(qtbot, settings)
    yield win
    win.close()


@pytest.fixture
def project_path(tmp_path):
    from recto.annotations.project import Project
    path = tmp_path / "where.recto"
    with Project.open(path, create=True) as project:
        for name, n in (("first", 2), ("second", 3)):
            pages = [f"{name} page {i + 1}\n" + "line of typed text\n" * 30 for i in range(n)]
            service.add_pdf(project, text_pdf(tmp_path / f"{name}.pdf", pages))
    return path


def test_each_document_opens_at_the_top_of_its_first_page(qtbot, window, project_path):
    window.open_project(project_path)
    window.view.set_zoom(2.0)
    bar = window.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    bar.setValue(bar.maximum())
    window.documents.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.session.document.title == "second")
    assert bar.value() == bar.minimum()
    assert window.view.mapToScene(0, 0).y() <= 0, "the first line of page 1 is in view"
    bar.setValue(bar.maximum())
    window.step_page(1)
    assert bar.value() == bar.minimum()


def test_restart_restores_document_page_and_zoom(qtbot, settings, project_path):
    first = make_window(qtbot, settings)
    first.open_project(project_path)
    first.documents.setCurrentRow(1)
    qtbot.waitUntil(lambda: first.session.document.title == "second")
    first.session.select_page(2)
    first.view.set_zoom(1.5)
    first.close()

    second = make_window(qtbot, settings)
    assert second.open_last_project()
    assert str(second.session.project.path) == str(project_path)
    assert second.session.document.title == "second"
    assert second.session.page_index == 2
    assert second.view.page_index == 2
    assert second.view.zoom == pytest.approx(1.5)
    assert second.view.fit_mode is None
    second.close()


def test_a_new_project_shows_nothing_of_the_previous_one(qtbot, window, project_path, tmp_path):
    window.open_project(project_path)
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=10000)
    window.view.layer("search-hits").addToGroup(QGraphicsRectItem(10, 10, 50, 12))
    window.statusBar().showMessage("3 hits for “Geneva”")
    assert window.thumbnails.count() == 2

    window.open_project(tmp_path / "fresh.recto", create=True)
    assert window.session.document is None
    assert window.view.path is None
    assert window.view._pixmap.pixmap().isNull()
    assert all(not g.childItems() for g in window.view._layers.values())
    assert window.statusBar().currentMessage() == ""
    assert window.page_label.text() == ""
    assert window.thumbnails.count() == 0
    assert "first" not in window.windowTitle()


def _open_claim(qtbot, window, project_path):
    from recto.app.claims import service as claim_service
    window.open_project(project_path)
    project = window.session.project
    claim = claim_service.create_claim(project, "Talks opened in Geneva",
                                       window.session.document.id, 0)
    window.claims.open_claim(claim.id)
    editor = window.claims.editor
    qtbot.waitUntil(lambda: editor.statement.isEnabled())
    window.activateWindow()
    editor.statement.setFocus()
    qtbot.waitUntil(lambda: editor.statement.hasFocus())
    return editor


class ClaimsCtrlE(QObject):
    """What QLineEdit does on X11 (Ctrl+E = end of line): claim the key before any
    shortcut. The offscreen platform binds no such key, so the test brings the X11 one."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_E:
            event.accept()
            return True
        return False


def test_ctrl_e_from_the_statement_field_opens_export(qtbot, window, project_path):
    from recto.ui.exchange.export_dialog import ExportDialog
    editor = _open_claim(qtbot, window, project_path)
    x11_line_edit = ClaimsCtrlE(editor.statement)
    editor.statement.installEventFilter(x11_line_edit)
    editor.statement.setCursorPosition(0)
    qtbot.keyClick(editor.statement, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert editor.statement.cursorPosition() == 0, "the key did not move the cursor"
    dialogs[0].reject()


def test_text_keys_stay_with_the_field_and_escape_leaves_it(qtbot, window, project_path):
    editor = _open_claim(qtbot, window, project_path)
    qtbot.keyClick(
        editor.statement, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
    )  # select all, not a shortcut
    assert editor.statement.selectedText() == "Talks opened in Geneva"
    qtbot.keyClick(editor.statement, Qt.Key.Key_Escape)
    assert window.view.hasFocus()


def test_quit_works_while_a_progress_dialog_has_the_focus(qtbot, window):
    import time

    def wait_for_cancel(state):
        while not state.cancelled:
            time.sleep(0.01)
        state.check()

    job = window.jobs.run("A long job", wait_for_cancel)
    qtbot.waitUntil(lambda: job.dialog.isVisible(), timeout=5000)
    job.dialog.activateWindow()
    job.dialog.setFocus()
    qtbot.keyClick(job.dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_undoing_add_document_asks_first_and_views_drop_the_document(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from recto.annotations import documents as doc_store
    window.open_project(tmp_path / "undo.recto", create=True)
    project = window.session.project
    doc = service.add_pdf(project, text_pdf(tmp_path / "memo.pdf", ["Geneva talks"])).document
    qtbot.waitUntil(lambda: window.documents.count() == 1)
    window.session.select_document(doc)
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=10000)

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    confirm = window.findChild(QMessageBox, "undo-add-document")
    assert confirm is not None and confirm.isVisible() and "memo" in confirm.text()
    window.named_actions["undo"].trigger()                     # a second Ctrl+Z asks no twice
    assert len([b for b in window.findChildren(QMessageBox) if b.isVisible()]) == 1
    confirm.findChild(QPushButton, "undo-add-document-cancel").click()
    assert [d.id for d in doc_store.list_documents(project)] == [doc.id]

    window.named_actions["undo"].trigger()
    confirm = window.findChild(QMessageBox, "undo-add-document")
    confirm.findChild(QPushButton, "undo-add-document-remove").click()
    assert doc_store.list_documents(project) == []
    qtbot.waitUntil(lambda: window.session.document is None)
    assert window.view.path is None and window.view._pixmap.pixmap().isNull()
    assert window.thumbnails.count() == 0 and window.documents.count() == 0


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_shows_a_sentence_not_only_stderr(qtbot, window, monkeypatch):
    import sys

    from PySide6.QtWidgets import QMessageBox, QPushButton

    from recto.app.errors import RectoError
    from recto.ui.errors import install_excepthook
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)   # restored after the test
    install_excepthook(window)

    def broken_slot() -> None:
        raise RectoError("The PDF of “memo” is no longer where it was; relink it.")

    button = QPushButton("Do it", window)
    button.clicked.connect(broken_slot)
    button.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is not None)
    box = window.findChild(QMessageBox, "error-dialog")
    assert box.isVisible() and "relink it" in box.text()
    assert window.isVisible()


def test_a_window_saved_on_a_bigger_screen_opens_fitted_to_this_one(qtbot, settings):
    first = make_window(qtbot, settings)
    first.resize(2400, 1600)
    first.move(300, 200)
    first.close()                                   # saves its geometry
    from recto.ui.main_window import MainWindow
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    screen = second.screen().availableGeometry()
    assert screen.contains(second.frameGeometry()), (second.frameGeometry(), screen)
    second.close()


def test_a_moved_pdf_is_relinked_from_the_documents_panel(qtbot, window, project_path, tmp_path):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu, QMessageBox
    moved = tmp_path / "moved"
    moved.mkdir()
    (tmp_path / "first.pdf").rename(moved / "first.pdf")
    window.open_project(project_path)
    assert "document missing" in window.documents.item(0).text()
    assert window.session.document.title == "first" and window.view.path is None

    rect = window.documents.visualItemRect(window.documents.item(0))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(),
                              window.documents.mapToGlobal(rect.center()))
    window.documents.contextMenuEvent(event)
    menu = window.documents.findChild(QMenu, "document-menu")
    assert [a.text() for a in menu.actions()] == ["Open", "Relink PDF…"]
    menu.close()

    assert not window.relink_document(path=str(tmp_path / "second.pdf"))  # other contents
    box = window.findChild(QMessageBox, "error-dialog")
    assert "not the same document" in box.text()
    box.close()
    assert window.relink_document(path=str(moved / "first.pdf"))
    assert "document missing" not in window.documents.item(0).text()
    qtbot.waitUntil(lambda: window.view.path == str(moved / "first.pdf"))
