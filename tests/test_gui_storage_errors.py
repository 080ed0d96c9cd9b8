"""In the app, an undo the disk or another program refuses is a sentence in a dialog."""
from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from recto.annotations import project as project_module
from tests.test_storage_errors import _project_with_undo


def test_undo_on_a_locked_project_shows_a_sentence(window, tmp_path, monkeypatch):
    monkeypatch.setattr(project_module, "BUSY_TIMEOUT_MS", 200)  # fail fast, not after 5 s
    path = tmp_path / "p.recto"
    _project_with_undo(path)
    assert window.open_project(path)
    other = sqlite3.connect(path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.undo()
    finally:
        other.rollback()
        other.close()
    texts = [b.text() for b in window.findChildren(QMessageBox, "error-dialog") if b.isVisible()]
    assert len(texts) == 1 and "locked by another program" in texts[0]
    assert window.session.project.undo_label() == "Delete tag"
    window.undo()  # once the other program lets go, the same undo goes through
    assert window.session.project.undo_label() == "Add tag"
