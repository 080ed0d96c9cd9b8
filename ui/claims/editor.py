"""Side panel editing one claim: statement, quote, actors, date, certainty, tags, note.

Two modes. A *draft* comes from a new selection: the quote is filled from the words
under the box and nothing is stored until "Create claim". An open *claim* writes
each field through app.claims.service when its editing finishes (one undoable step each)
and re-reads itself when the project changes (undo included), under blocked
signals. Problems a person can fix (a bad date, a missing statement) show inline.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recto.annotations.claims import EvidenceDraft
from recto.annotations.model import Certainty
from recto.app.actors.complete import actor_choices
from recto.app.claims import service as claim_service
from recto.app.claims.citations import claim_citation
from recto.app.claims.dates import EXAMPLES, parse_date
from recto.app.errors import RectoError
from recto.ui.appearance import set_tone
from recto.ui.claims.actor_picker import ActorPicker
from recto.ui.claims.relations import ClaimRelations
from recto.ui.named import named
from recto.ui.plain_text import PlainLabel


class NoteEdit(QPlainTextEdit):
    """A multi-line field that, like QLineEdit, says when editing finished (focus out)."""
    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ClaimEditor(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("claim-editor")
        self.controller = controller
        self.claim = None        # ClaimRecord being edited
        self.draft = None        # (EvidenceDraft) of a claim not yet created
        self._build()
        self.show_nothing()

    # -- layout -----------------------------------------------------------------
    def _build(self) -> None:
        self.header = PlainLabel()
        self.header.setObjectName("claim-header")
        self.header.setWordWrap(True)
        self.message = PlainLabel()
        self.message.setObjectName("claim-message")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self.statement = named(QLineEdit(), "claim-statement")
        self.statement.setPlaceholderText("What is claimed, in your words")
        self.quote = named(NoteEdit(), "claim-quote")
        self.quote.setMaximumHeight(70)
        self.claimants, self.subjects = ActorPicker("claimants"), ActorPicker("subjects")
        self.date = named(QLineEdit(), "claim-date")
        self.date.setPlaceholderText("1955-12-15, 1955-12, 1955, 1955-10/1955-12")
        self.date.setToolTip(f"The date or period the claim refers to: {EXAMPLES}.")
        self.date_error = PlainLabel(objectName="claim-date-error")
        self.date_error.setWordWrap(True)
        set_tone(self.date_error, "error")
        self.certainty = named(QComboBox(), "claim-certainty")
        for c in Certainty:
            self.certainty.addItem(c.value, c.value)
        self.tags = named(QLineEdit(), "claim-tags")
        self.tags.setPlaceholderText("comma-separated, e.g. origins, numbers")
        self.note = named(NoteEdit(), "claim-note")
        self.note.setMaximumHeight(70)
        self.citation = PlainLabel(objectName="claim-citation")
        self.citation.setWordWrap(True)
        form = QFormLayout()
        for label, widget in (("Statement", self.statement), ("Quote", self.quote),
                              ("Claimants", self.claimants), ("About", self.subjects),
                              ("Date", self.date), ("", self.date_error),
                              ("Certainty", self.certainty), ("Tags", self.tags),
                              ("Note", self.note), ("Cited as", self.citation)):
            form.addRow(label, widget)
        self.relations = ClaimRelations(self.controller)
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(self.header)
        box.addWidget(self.message)
        box.addLayout(form)
        box.addLayout(self._buttons())
        box.addWidget(self.relations)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._connect()

    def _buttons(self) -> QHBoxLayout:
        self.create_button = named(QPushButton("Create claim"), "claim-create")
        self.create_button.clicked.connect(self.create_claim)
        self.copy_button = named(QPushButton("Copy citation"), "claim-copy-citation")
        self.copy_button.setToolTip("Ctrl+Alt+C")
        self.copy_button.clicked.connect(self.controller.copy_citation)
        self.delete_button = named(QPushButton("Delete claim"), "claim-delete")
        self.delete_button.clicked.connect(self._delete)
        row = QHBoxLayout()
        for b in (self.create_button, self.copy_button, self.delete_button):
            row.addWidget(b)
        return row

    def _connect(self) -> None:
        self.statement.editingFinished.connect(lambda: self._commit("statement"))
        self.statement.returnPressed.connect(self._create_on_return)
        self.quote.editingFinished.connect(lambda: self._commit("quote"))
        self.date.editingFinished.connect(self._date_finished)
        self.date.textEdited.connect(lambda _t: self.date_error.hide())
        self.certainty.currentIndexChanged.connect(lambda _i: self._commit("certainty"))
        self.tags.editingFinished.connect(lambda: self._commit("tags"))
        self.note.editingFinished.connect(lambda: self._commit("note"))
        self.claimants.changed.connect(lambda _ids: self._commit("claimants"))
        self.subjects.changed.connect(lambda _ids: self._commit("subjects"))

    # -- modes ------------------------------------------------------------------
    @property
    def project(self):
        return self.controller.session.project

    def show_nothing(self) -> None:
        self.claim, self.draft = None, None
        self._fill(None)
        self.header.setText("No claim open. Select words on a page (or drag a box after "
                            "Ctrl+K) to start one; double-click a claim in the Claims panel "
                            "to open it.")
        self._set_mode()

    def start_draft(self, draft: EvidenceDraft, citation: str) -> None:
        self.claim, self.draft = None, draft
        self._fill(None)
        self.quote.setPlainText(draft.quote)
        self.header.setText(f"New claim from {citation}. Write the statement, then press "
                            "Enter or “Create claim”.")
        self.citation.setText(citation)
        self._set_mode()
        self.statement.setFocus()

    def show_claim(self, claim_id: str) -> None:
        self.draft = None
        self.claim = claim_service.get_claim(self.project, claim_id)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the open claim (after any change, undo included)."""
        if self.draft is not None:
            self._load_names()
            return
        if self.claim is None or self.project is None:
            self.show_nothing()
            return
        try:
            self.claim = claim_service.get_claim(self.project, self.claim.id)
        except RectoError:
            self.show_nothing()
            return
        self._fill(self.claim)
        self.header.setText(f"Claim {self.claim.id[:8]} · by {self.claim.author or 'unknown'}")
        self.citation.setText(claim_citation(self.project, self.claim) or "no evidence yet")
        self._set_mode()

    def _set_mode(self) -> None:
        drafting, open_ = self.draft is not None, self.claim is not None
        self.create_button.setVisible(drafting)
        self.copy_button.setEnabled(open_)
        self.delete_button.setVisible(open_)
        for w in (self.statement, self.quote, self.claimants, self.subjects, self.date,
                  self.certainty, self.tags, self.note):
            w.setEnabled(drafting or open_)
        self.relations.setVisible(open_)
        self.relations.show_claim(self.claim)

    def _load_names(self) -> None:
        choices = actor_choices(self.project) if self.project is not None else []
        self.claimants.set_choices(choices)
        self.subjects.set_choices(choices)

    def _fill(self, claim) -> None:
        widgets = (self.statement, self.quote, self.date, self.certainty, self.tags, self.note,
                   self.claimants, self.subjects)
        for w in widgets:
            w.blockSignals(True)
        self._load_names()
        self.statement.setText(claim.statement if claim else "")
        self.statement.setCursorPosition(0)  # a long statement shows its start
        self.quote.setPlainText(claim.quote if claim else "")
        self.date.setText(claim.date_text if claim else "")
        self.certainty.setCurrentIndex(self.certainty.findData(
            claim.certainty.value if claim else Certainty.ASSERTED.value))
        self.tags.setText(", ".join(claim.tags) if claim else "")
        self.note.setPlainText(claim.note if claim else "")
        self.claimants.set_ids(claim.claimants if claim else ())
        self.subjects.set_ids(claim.subjects if claim else ())
        for w in widgets:
            w.blockSignals(False)
        self.date_error.hide()
        self.set_message("")

    # -- writing ----------------------------------------------------------------
    def values(self) -> dict:
        return {"statement": self.statement.text(), "quote": self.quote.toPlainText(),
                "date": self.date.text().strip() or None,
                "certainty": self.certainty.currentData(),
                "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
                "note": self.note.toPlainText(), "claimants": self.claimants.ids(),
                "subjects": self.subjects.ids()}

    def _commit(self, name: str) -> None:
        if self.claim is None or self.project is None:
            return
        value = self.values()[name]
        current = {
            "date": self.claim.date_text or None,
            "tags": list(self.claim.tags),
            "claimants": list(self.claim.claimants),
            "subjects": list(self.claim.subjects),
            "certainty": self.claim.certainty.value,
        }.get(name, getattr(self.claim, name, None))
        if value == current or (name == "statement" and " ".join(value.split()) == current):
            return
        try:
            claim_service.update_claim(self.project, self.claim.id, **{name: value})
            self.set_message("")
        except RectoError as exc:
            self.set_message(exc.message)

    def _date_finished(self) -> None:
        try:
            parse_date(self.date.text())
        except RectoError as exc:
            self.date_error.setText(exc.message)
            self.date_error.show()
            return
        self.date_error.hide()
        self._commit("date")

    def _create_on_return(self) -> None:
        if self.draft is not None:
            self.create_claim()

    def create_claim(self) -> None:
        if self.draft is None or self.project is None:
            return
        try:
            parse_date(self.date.text())
        except RectoError as exc:
            self.date_error.setText(exc.message)
            self.date_error.show()
            return
        anchor, v = self.draft.anchor, self.values()
        try:
            claim = claim_service.create_claim(
                self.project, v["statement"], anchor.document_id, anchor.page_index,
                anchor.bbox, quote=v["quote"], claimants=v["claimants"],
                subjects=v["subjects"], date=v["date"], certainty=v["certainty"],
                tags=v["tags"], note=v["note"])
        except RectoError as exc:
            self.set_message(exc.message)
            return
        self.draft = None
        self.controller.open_claim(claim.id)

    def _delete(self) -> None:
        if self.claim is None:
            return
        try:
            claim_service.delete_claim(self.project, self.claim.id)
        except RectoError as exc:
            self.set_message(exc.message)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

