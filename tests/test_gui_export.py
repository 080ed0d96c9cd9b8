"""Export and import of annotation sets in the real main window (offscreen): the dialog
writes a valid set, Cancel stops cleanly, a refused target shows one sentence, and an
import shows its report and is undone by Ctrl+Z."""
from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from recto.annotations.project import Project
from recto.app.export import export_annotations
from recto.app.text.page_text import page_text_with_placeholders
from tests.export_fixtures import build_project


@pytest.fixture
def built(tmp_path) -> tuple[Path, dict]:
    """Three real sample scans with redactions, actors, claims and tags."""
    path = tmp_path / "a.recto"
    return path, build_project(path, tmp_path / "pdfs")


def q(path: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def error_texts(window) -> list[str]:
    return [b.text() for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]


def open_dialog(qtbot, window, project_path):
    if window.session.project is None or window.session.project.path != project_path:
        assert window.open_project(project_path)
    previous = window.export_feature.dialog
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_feature.dialog
    assert dialog is not None and dialog is not previous
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def run_export(qtbot, window, dialog, timeout=30000):
    assert dialog.export_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert window.jobs.busy()
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=timeout)


def test_export_through_the_dialog_writes_a_filtered_valid_set(qtbot, window, built, tmp_path):
    project_path, ids = built
    dialog = open_dialog(qtbot, window, project_path)
    assert dialog.documents.count() == 3 and dialog.tags.item(0).text() == "Sōren"
    assert dialog.author.findText("tester") >= 0
    doc0 = ids["documents"][0]
    row = next(
        i for i in range(3) if dialog.documents.item(i).data(Qt.ItemDataRole.UserRole) == doc0
    )
    dialog.documents.item(row).setCheckState(Qt.CheckState.Checked)
    out = tmp_path / "out" / "set.db"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    run_export(qtbot, window, dialog)
    assert q(out, "SELECT value FROM metadata WHERE key = 'format'") == [("recto-annotation-set",)]
    assert q(out, "SELECT id FROM documents") == [(doc0,)]
    assert q(out, "PRAGMA foreign_key_check") == []
    filters = json.loads(q(out, "SELECT value FROM metadata WHERE key = 'filters'")[0][0])
    assert filters["document_ids"] == [doc0] and filters["kinds"] == []
    [(text,)] = q(out, "SELECT text FROM pages WHERE document_id = ?", [doc0])
    assert "[REDACTED ~" in text  # the confirmed redaction, placed by app.text.page_text
    assert window.export_feature.last_result.path == out
    assert "Exported to" in window.statusBar().currentMessage()
    assert error_texts(window) == []


def test_format_choice_follows_through_to_the_file(qtbot, window, built, tmp_path):
    project_path, _ = built
    dialog = open_dialog(qtbot, window, project_path)
    dialog.path_edit.setText(str(tmp_path / "colleague.db"))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("w3c"))
    assert dialog.path_edit.text().endswith("colleague.jsonld")
    dialog.kinds["claims"].setChecked(False)
    dialog.kinds["actors"].setChecked(False)
    dialog.kinds["redactions"].setChecked(False)
    assert not dialog.export_button.isEnabled() and "kind" in dialog.message.text()
    dialog.kinds["claims"].setChecked(True)
    run_export(qtbot, window, dialog)
    data = json.loads((tmp_path / "colleague.jsonld").read_text())
    assert data["type"] == "AnnotationCollection"
    dialog = open_dialog(qtbot, window, project_path)  # remembered: format and folder
    assert dialog.format() == "w3c" and Path(dialog.path_edit.text()).parent == tmp_path
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    run_export(qtbot, window, dialog)
    folder = Path(dialog.path_edit.text())
    assert folder.is_dir() and (folder / "redactions.csv").is_file()


def test_spreadsheet_option_is_for_csv_and_writes_a_bom_and_quoted_formulas(
        qtbot, window, built, tmp_path):
    project_path, ids = built
    with Project.open(project_path) as proj, proj.edit("Rename") as ed:
        ed.update("actors", {"id": ids["actor2"]}, {"name": "=HYPERLINK(\"http://x\")"})
    dialog = open_dialog(qtbot, window, project_path)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("sqlite"))
    assert not dialog.excel.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    assert dialog.excel.isEnabled() and not dialog.excel.isChecked()
    dialog.path_edit.setText(str(tmp_path / "for-excel"))
    qtbot.mouseClick(dialog.excel, Qt.MouseButton.LeftButton)
    assert dialog.options().excel
    run_export(qtbot, window, dialog)
    data = (tmp_path / "for-excel" / "actors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"'=HYPERLINK" in data
    dialog = open_dialog(qtbot, window, project_path)  # remembered with the format
    assert dialog.format() == "csv" and dialog.excel.isChecked()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("w3c"))
    assert not dialog.excel.isEnabled() and not dialog.options().excel
    dialog.reject()


def test_a_folder_of_the_users_files_is_refused_and_kept(qtbot, window, built, tmp_path):
    project_path, _ = built
    research = tmp_path / "research"
    research.mkdir()
    (research / "metadata.csv").write_text("key,value\n")
    (research / "notes.txt").write_text("interview notes")
    dialog = open_dialog(qtbot, window, project_path)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.path_edit.setText(str(research))
    run_export(qtbot, window, dialog)
    qtbot.waitUntil(lambda: bool(error_texts(window)), timeout=3000)
    [message] = error_texts(window)
    assert message.startswith("research is a folder holding files Recto did not write")
    assert sorted(p.name for p in research.iterdir()) == ["metadata.csv", "notes.txt"]
    for box in window.findChildren(QMessageBox, "error-dialog"):
        box.close()


def test_cancel_ends_the_export_without_an_error_and_keeps_the_earlier_file(
        qtbot, window, built, tmp_path):
    project_path, _ = built
    out = tmp_path / "set.db"
    with Project.open(project_path) as proj:
        export_annotations(proj, out)
    before = out.read_bytes()
    entered, release = threading.Event(), threading.Event()

    def slow_pages(project):  # holds the worker inside the export until Cancel is pressed
        real = page_text_with_placeholders(project)

        def page_text(document_id, page_index):
            entered.set()
            release.wait(20)
            return real(document_id, page_index)
        return page_text

    window.export_feature.page_text_for = slow_pages
    dialog = open_dialog(qtbot, window, project_path)
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    job = window.export_feature.job
    qtbot.waitUntil(lambda: entered.is_set() and job.dialog.isVisible(), timeout=5000)
    cancel = job.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(job.cancelled, timeout=20000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        release.set()
    with qtbot.waitSignal(job.ended, timeout=5000, raising=False):
        pass
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "tmp-export" in p.name] == []
    assert error_texts(window) == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.jobs.busy()


def test_a_refused_target_shows_the_core_sentence(qtbot, window, built, tmp_path):
    project_path, _ = built
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    out = tmp_path / "shared.db"  # an earlier set, which another program will be writing to
    with Project.open(project_path) as proj:
        export_annotations(proj, out)
    dialog = open_dialog(qtbot, window, project_path)
    dialog.path_edit.setText(str(blocker / "out.db"))
    run_export(qtbot, window, dialog)
    qtbot.waitUntil(lambda: bool(error_texts(window)), timeout=3000)
    assert error_texts(window) == [f"The folder {blocker} does not exist."]
    for box in window.findChildren(QMessageBox, "error-dialog"):
        box.close()

    other = sqlite3.connect(out, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        dialog = open_dialog(qtbot, window, project_path)
        dialog.path_edit.setText(str(out))
        run_export(qtbot, window, dialog)
        qtbot.waitUntil(lambda: bool(error_texts(window)), timeout=3000)
        [message] = error_texts(window)
        assert message.startswith("shared.db is open in another program")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_import_shows_the_report_refreshes_documents_and_ctrl_z_undoes_it(
        qtbot, window, built, tmp_path, monkeypatch):
    project_path, _ = built
    set_path = tmp_path / "a-set.db"
    with Project.open(project_path) as proj:
        export_annotations(proj, set_path, page_text=page_text_with_placeholders(proj))
    assert window.open_project(tmp_path / "b.recto", create=True)
    assert window.documents.count() == 0
    monkeypatch.setattr(
        "recto.ui.exchange.feature.QFileDialog.getOpenFileName", lambda *a, **k: (str(set_path), "")
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    feature = window.export_feature
    assert window.jobs.busy()
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=30000)
    assert error_texts(window) == []
    qtbot.waitUntil(lambda: feature.report_dialog is not None
                    and feature.report_dialog.isVisible(), timeout=3000)
    lines = feature.report_dialog.texts()
    assert "3 documents" in lines and "2 claims" in lines
    assert "Conflicts (0): the newer edit was kept" in lines
    assert any(line.startswith("Documents missing (3)") for line in lines)
    assert any("court_cacd_630649_326_p10.pdf" in line for line in lines)
    qtbot.waitUntil(lambda: window.documents.count() == 3, timeout=3000)
    assert "document missing" in window.documents.item(0).text()
    assert window.named_actions["undo"].text() == "&Undo Import annotation set"
    feature.report_dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.documents.count() == 0, timeout=3000)
    project = window.session.project
    assert project.query("SELECT COUNT(*) AS n FROM claims")[0]["n"] == 0


def test_import_conflict_names_the_kept_side_and_a_bad_file_changes_nothing(
        qtbot, window, built, tmp_path):
    project_path, ids = built
    set_path = tmp_path / "theirs.db"
    with Project.open(project_path) as proj:
        export_annotations(proj, set_path)
    with sqlite3.connect(set_path) as conn:  # the colleague edited the claim later
        conn.execute("UPDATE claims SET statement = 'Sōren said 70,000', "
                     "modified_at = '2999-01-01T00:00:00Z' WHERE id = ?", [ids["claim"]])
    assert window.open_project(project_path)
    feature = window.export_feature
    with qtbot.waitSignal(feature.import_set(set_path).finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: feature.report_dialog is not None, timeout=3000)
    lines = feature.report_dialog.texts()
    assert "Conflicts (1): the newer edit was kept" in lines
    assert any(line.startswith(f"claim {ids['claim'][:8]}: kept theirs (newer, 2999")
               for line in lines)
    feature.report_dialog.close()
    project = window.session.project
    statement = "SELECT statement FROM claims WHERE id = ?"
    assert project.query(statement, [ids["claim"]])[0]["statement"] == "Sōren said 70,000"

    with qtbot.waitSignal(feature.import_set(project_path).failed, timeout=30000):
        pass  # a project file is not an annotation set
    qtbot.waitUntil(lambda: bool(error_texts(window)), timeout=3000)
    assert "not a Recto annotation set" in error_texts(window)[0]
    assert project.query(statement, [ids["claim"]])[0]["statement"] == "Sōren said 70,000"
