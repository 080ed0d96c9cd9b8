"""Side panel: a document's title, archival reference, own metadata and page numbering.

Each field writes through the core when editing finishes, as one undoable step;
the panel listens for changes (undo included) and refreshes under blocked signals.
A value the core refuses (a date that is not EDTF, a bad language tag) is shown in
the panel, and the field goes back to the stored value.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from recto.annotations.model import ArchivalReference
from recto.app import documents as doc_service
from recto.app.document_metadata import DOCUMENT_TYPES, edit_metadata, set_first_page
from recto.app.errors import InvalidInputError
from recto.ui.appearance import set_tone
from recto.ui.plain_text import PlainLabel

FIELDS = [("title", "Title"), ("archive", "Archive"), ("collection", "Collection / series"),
          ("box_folder", "Box / folder"), ("item", "Item"), ("citation", "Citation (free text)")]
META_FIELDS = [("date", "Date (EDTF)"), ("creator", "Creator"), ("type", "Type"),
               ("language", "Language"), ("rights", "Rights"),
               ("archive_place", "Archive place")]
META_HINTS = {"date": "1959-12-15, 1959-12, 1955? (the document's own date)",
              "creator": "who wrote or issued it", "language": "en, ja, ko, fr, zh-Hant",
              "rights": "terms of use", "archive_place": "where the archive is, e.g. Geneva"}


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
        self.meta: dict[str, QLineEdit] = {}
        for key, label in META_FIELDS:
            field: QWidget
            if key == "type":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(["", *DOCUMENT_TYPES])
                combo.setObjectName("ref-type")
                type_edit = combo.lineEdit()
                assert type_edit is not None  # the box is editable
                edit, field = type_edit, combo
            else:
                edit = field = QLineEdit()
                edit.setObjectName(f"ref-{key}")
                edit.setPlaceholderText(META_HINTS[key])
            edit.editingFinished.connect(self._commit_metadata)
            self.meta[key] = edit
            form.addRow(label, field)
        self.first_page = QLineEdit()
        self.first_page.setObjectName("ref-first-page")
        self.first_page.setPlaceholderText("printed number of PDF page 1, e.g. 10")
        self.first_page.editingFinished.connect(self._commit_first_page)
        form.addRow("First page", self.first_page)
        self.error = QLabel()
        self.error.setObjectName("ref-error")
        self.error.setWordWrap(True)
        set_tone(self.error, "error")
        self.error.hide()
        form.addRow(self.error)
        self.cite_label = PlainLabel()
        self.cite_label.setWordWrap(True)
        self.cite_label.setObjectName("ref-cite-preview")
        self.path_label = PlainLabel()
        self.path_label.setWordWrap(True)
        form.addRow("Cited as", self.cite_label)
        form.addRow("File", self.path_label)
        session.document_selected.connect(lambda _d: self.refresh())
        session.changed.connect(self._on_change)
        self.refresh()

    def _on_change(self, change) -> None:
        if change.touches("documents"):
            self.refresh()

    def refresh(self) -> None:
        self.session.refresh_document()
        doc = self.session.document
        self.setEnabled(doc is not None)
        values = {}
        if doc is not None:
            values = {"title": doc.title, **{k: getattr(doc.reference, k) for k in self.edits
                                             if k != "title"},
                      **{k: getattr(doc.metadata, k) for k in self.meta}}
            values["first_page"] = "" if doc.first_page is None else str(doc.first_page)
        for key, edit in [*self.edits.items(), *self.meta.items(),
                          ("first_page", self.first_page)]:
            edit.blockSignals(True)
            edit.setText(values.get(key, ""))
            edit.setCursorPosition(0)
            edit.blockSignals(False)
        self.first_page.setEnabled(doc is not None and not doc.page_labels)
        self.first_page.setToolTip("Page numbers come from the PDF's own page labels."
                                   if doc is not None and doc.page_labels else "")
        self.cite_label.setText(doc.citation(1) if doc else "")
        self.path_label.setText(doc.path or "document missing" if doc else "")

    def _show_error(self, message: str = "") -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

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

    def _commit_metadata(self) -> None:
        doc = self.session.document
        if doc is None or self.session.project is None:
            return
        values = {k: e.text().strip() for k, e in self.meta.items()}
        if all(values[k] == getattr(doc.metadata, k) for k in values):
            self._show_error()
            return
        try:
            edit_metadata(self.session.project, doc.id, **values)
        except InvalidInputError as exc:
            self._show_error(exc.message)
            self.refresh()
            return
        self._show_error()

    def _commit_first_page(self) -> None:
        doc = self.session.document
        if doc is None or self.session.project is None:
            return
        text = self.first_page.text().strip()
        wanted = int(text) if text.isdigit() else None
        if text and wanted is None:
            self._show_error(f"\"{text}\" is not a page number; give a whole number such as 10.")
            self.refresh()
            return
        if wanted == doc.first_page:
            return
        try:
            set_first_page(self.session.project, doc.id, wanted)
        except InvalidInputError as exc:
            self._show_error(exc.message)
            self.refresh()
            return
        self._show_error()
