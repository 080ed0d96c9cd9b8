"""Side panel: a document's title and archival reference, edited in place.

Each field writes through the core when editing finishes, as one undoable step;
the panel listens for changes (undo included) and refreshes under blocked signals.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from annotations.model import ArchivalReference
from app import documents as doc_service
from ui.plain_text import PlainLabel

FIELDS = [("title", "Title"), ("archive", "Archive"), ("collection", "Collection / series"),
          ("box_folder", "Box / folder"), ("item", "Item"), ("citation", "Citation (free text)")]


class ReferencePanel(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("reference-panel")
        self.session = session
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"ref-{key}")
            edit.editingFinished.connect(self._commit)
            self.edits[key] = edit
            form.addRow(label, edit)
        self.cite_label = PlainLabel()
        self.cite_label.setWordWrap(True)
        self.cite_label.setObjectName("ref-cite-preview")
        self.path_label = PlainLabel()
        self.path_label.setWordWrap(True)
        form.addRow("Cited as", self.cite_label)
        form.addRow("File", self.path_label)
        session.document_selected.connect(lambda _d: self.refresh())
        session.changed.connect(lambda ch: ch.touches("documents") and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.session.refresh_document()
        doc = self.session.document
        self.setEnabled(doc is not None)
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            if doc is None:
                edit.setText("")
            elif key == "title":
                edit.setText(doc.title)
            else:
                edit.setText(getattr(doc.reference, key))
            edit.setCursorPosition(0)
            edit.blockSignals(False)
        self.cite_label.setText(doc.citation(1) if doc else "")
        self.path_label.setText(doc.path or "document missing" if doc else "")

    def _commit(self) -> None:
        doc = self.session.document
        if doc is None or self.session.project is None:
            return
        values = {k: e.text().strip() for k, e in self.edits.items()}
        reference = ArchivalReference(**{k: values[k] for k in values if k != "title"})
        if reference == doc.reference and values["title"] == doc.title:
            return
        doc_service.edit_reference(self.session.project, doc.id, reference,
                                   values["title"] or doc.title)
