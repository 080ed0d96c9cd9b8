"""Dialogs of the actors panel: a new actor, and "merge B into A".

Both are non-blocking (`open()`) and write nothing themselves: OK calls the
`submit` function given by the feature, which writes through app.actors.service. If that
raises a RectoError the message shows inside the dialog and it stays open, so a
duplicate alias or an empty name is fixed where it was typed.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from recto.annotations.model import Actor, ActorType
from recto.app.errors import RectoError
from recto.ui.appearance import set_tone
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog


class _Submitting(QDialog):
    """OK runs `submit`; a RectoError keeps the dialog open with its message."""

    def __init__(self, submit: Callable[[], None], parent=None):
        super().__init__(parent)
        self.submit = submit
        self.message = PlainLabel()
        self.message.setObjectName("actor-dialog-message")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        try:
            self.submit()
        except RectoError as exc:
            self.message.setText(exc.message)
            self.message.show()
            return
        super().accept()


class ActorDialog(_Submitting):
    """Name, type, aliases (one a line, "総連@ja"), note and external id of a new actor."""

    def __init__(self, submit, name: str = "", parent=None):
        super().__init__(lambda: submit(self), parent)
        self.setObjectName("actor-dialog")
        self.setWindowTitle("New actor")
        self.name = QLineEdit(name)
        self.name.setObjectName("actor-dialog-name")
        self.type = QComboBox()
        self.type.setObjectName("actor-dialog-type")
        for t in ActorType:
            self.type.addItem(t.value, t)
        self.aliases = QPlainTextEdit()
        self.aliases.setObjectName("actor-dialog-aliases")
        self.aliases.setPlaceholderText("One alias a line, with its language:\n総連@ja\n"
                                        "총련@ko\nChongryun@ko-Latn")
        self.aliases.setTabChangesFocus(True)
        self.note = QLineEdit()
        self.note.setObjectName("actor-dialog-note")
        self.external_id = QLineEdit()
        self.external_id.setObjectName("actor-dialog-external-id")
        self.external_id.setPlaceholderText("e.g. a Wikidata QID (stored, not fetched)")
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Type", self.type)
        form.addRow("&Aliases", self.aliases)
        form.addRow("N&ote", self.note)
        form.addRow("&External id", self.external_id)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        cap_dialog(self, 420, 360)

    def alias_lines(self) -> list[str]:
        return [line for line in self.aliases.toPlainText().splitlines() if line.strip()]

    def values(self) -> dict:
        return {"name": self.name.text(), "type": self.type.currentData(),
                "note": self.note.text(), "external_id": self.external_id.text()}


class MergeDialog(_Submitting):
    """Two actors: which one stays. "Swap" turns "B into A" round."""

    def __init__(self, first: Actor, second: Actor, submit, parent=None):
        super().__init__(lambda: submit(self.keep, self.gone), parent)
        self.setObjectName("actor-merge-dialog")
        self.setWindowTitle("Merge actors")
        self.keep, self.gone = first, second
        self.text = PlainLabel()
        self.text.setObjectName("actor-merge-text")
        self.text.setWordWrap(True)
        self.swap_button = QPushButton("&Swap")
        self.swap_button.setObjectName("actor-merge-swap")
        self.swap_button.clicked.connect(self.swap)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.swap_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show()
        cap_dialog(self, 420, 180)

    def swap(self) -> None:
        self.keep, self.gone = self.gone, self.keep
        self._show()

    def _show(self) -> None:
        self.text.setText(
            f"Merge “{self.gone.name}” into “{self.keep.name}”.\n\n"
            f"Its mentions, aliases, claims and tags move to “{self.keep.name}”, and "
            f"“{self.gone.name}” becomes an alias. Edit > Undo reverses it.")
