"""Looking after the project's documents from the main window: relinking a moved PDF,
and asking before an undo removes a document the historian added."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from recto.app import documents as doc_service
from recto.app.errors import RectoError
from recto.app.text.wording import count
from recto.ui.errors import show_error
from recto.ui.screen_fit import elide


def relink_document(window, doc=None, path: str | None = None) -> bool:
    """Show Recto where a document's PDF is now (the current one by default); the
    file must have the same contents, and the annotations stay as they are."""
    session = window.session
    project, doc = session.project, doc or session.document
    if project is None or doc is None:
        return False
    if path is None:
        start = str(Path(doc.path).parent) if doc.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(window, f"Where is “{elide(doc.title)}” now?",
                                              start, "PDF files (*.pdf);;All files (*)")
        if not path:
            return False
    try:
        relinked = doc_service.relink(project, doc, path)
    except RectoError as exc:
        show_error(window, exc)
        return False
    window.documents.reload()
    if session.document is not None and session.document.id == relinked.id:
        session.select_document(relinked, session.page_index)
    window.statusBar().showMessage(f"Relinked “{elide(relinked.title)}” to {path}.", 5000)
    return True


def remove_documents(window, docs) -> QMessageBox | None:
    """Ask, then remove documents from the project (each one undoable step); the files
    stay on the disk. Non-blocking: returns the question (tests press its buttons)."""
    project = window.session.project
    if project is None or not docs:
        return None
    counts = [doc_service.removal_count(project, d.id) for d in docs]
    what = (f"“{elide(docs[0].title)}”" if len(docs) == 1 else f"{len(docs)} documents")
    lost = (f"{count(sum(c.redactions for c in counts), 'redaction')}, "
            f"{count(sum(c.mentions for c in counts), 'mention')} and "
            f"{count(sum(c.evidence for c in counts), 'piece')} of claim evidence")
    box = QMessageBox(QMessageBox.Icon.Question, "Remove from project",
                      f"Remove {what} from the project, with {lost} on its pages? Claims "
                      "and actors stay; the PDF stays on the disk. Undo (Ctrl+Z) brings it "
                      "all back.", QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("remove-documents")
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    remove.setObjectName("remove-documents-yes")
    box.addButton(QMessageBox.StandardButton.Cancel).setObjectName("remove-documents-cancel")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def done(_result) -> None:
        if box.clickedButton() is remove:
            _remove(window, docs)
        box.deleteLater()
    box.finished.connect(done)
    box.open()
    return box


def _remove(window, docs) -> None:
    project = window.session.project
    try:
        doc_service.remove_many(project, [doc.id for doc in docs])
    except RectoError as exc:
        show_error(window, exc)
        return
    window.statusBar().showMessage(
        f"Removed {count(len(docs), 'document')} from the project; Ctrl+Z brings "
        f"{'it' if len(docs) == 1 else 'them'} back.", 6000)


def confirm_undo_add(window, title: str, undo) -> QMessageBox:
    """Undo walks back past the historian's edits into the adding of a document: that
    removes the document with its pages, so ask first (non-blocking); `undo` runs on yes."""
    box = QMessageBox(QMessageBox.Icon.Question, "Undo adding a document",
                      f"Undoing this step removes the document “{elide(title)}” and "
                      "everything on its pages from the project. Redo brings it back.",
                      QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("undo-add-document")
    remove = box.addButton("Remove document", QMessageBox.ButtonRole.DestructiveRole)
    remove.setObjectName("undo-add-document-remove")
    box.addButton(QMessageBox.StandardButton.Cancel).setObjectName("undo-add-document-cancel")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def done(_result) -> None:
        if box.clickedButton() is remove:
            undo()
        box.deleteLater()
    box.finished.connect(done)
    box.open()
    return box
