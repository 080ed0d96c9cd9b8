"""The reference panel edits a document's own metadata and page numbering (real widgets)."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt

from recto.annotations import documents as store
from recto.annotations.project import Project
from recto.app import documents as service
from tests.conftest import SAMPLES


@pytest.fixture
def window(qtbot, tmp_path):
    from recto.ui.main_window import MainWindow
    win = MainWindow(QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def one_doc_project(tmp_path):
    path = tmp_path / "gui.recto"
    with Project.open(path, create=True) as project:
        shutil.copy(SAMPLES / "cib_02733122_p2.pdf", tmp_path / "cib.pdf")
        service.add_pdf(project, tmp_path / "cib.pdf")
    return path


def test_metadata_fields_store_refuse_junk_inline_and_undo(qtbot, window, one_doc_project):
    window.open_project(one_doc_project)
    project, panel = window.session.project, window.reference
    doc_id = window.session.document.id
    date = panel.meta["date"]
    date.setText("1951-03-14")
    panel.meta["type"].setText("Memorandum")
    panel.meta["language"].setText("en")
    date.editingFinished.emit()
    stored = store.get_document(project, doc_id).metadata
    assert (stored.date, stored.type, stored.language) == ("1951-03-14", "memorandum", "en")
    qtbot.waitUntil(lambda: panel.meta["type"].text() == "memorandum")
    date.setText("14 March 1951")
    date.editingFinished.emit()
    assert panel.error.isVisible() and "not a date" in panel.error.text()
    assert store.get_document(project, doc_id).metadata.date == "1951-03-14"
    assert date.text() == "1951-03-14"  # the field shows what is stored again
    qtbot.waitUntil(lambda: "Edit document metadata" in window.named_actions["undo"].text())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_document(project, doc_id).metadata.date == ""
    qtbot.waitUntil(lambda: date.text() == "")


def test_first_page_changes_the_citation_preview(qtbot, window, one_doc_project):
    window.open_project(one_doc_project)
    panel = window.reference
    assert panel.cite_label.text().endswith(", p. 1")
    panel.first_page.setText("10")
    panel.first_page.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.cite_label.text().endswith(", p. 10"))
    assert store.get_document(window.session.project, window.session.document.id).first_page == 10
    panel.first_page.setText("ten")
    panel.first_page.editingFinished.emit()
    assert "not a page number" in panel.error.text() and panel.first_page.text() == "10"


def test_export_dialog_offers_csl_json_with_its_suffix(qtbot, one_doc_project):
    from recto.ui.exchange.export_dialog import ExportDialog
    with Project.open(one_doc_project) as project:
        dialog = ExportDialog(project)
        qtbot.addWidget(dialog)
        box = dialog.format_box
        box.setCurrentIndex(box.findData("csl-json"))
        assert dialog.format() == "csl-json" and dialog.options().format == "csl-json"
        assert dialog.out_path().suffix == ".json"
        dialog.close()
