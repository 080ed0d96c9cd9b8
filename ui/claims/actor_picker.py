"""Pick the actors of a claim (claimants or subjects) by typing part of a name.

The chosen actors are a short list (Delete or double-click removes one); the line
below completes over every actor's name and alias, folded as the mention matcher
folds them (app.actors.complete: "Soren" and "Chongryun" both find Sōren), each
completion showing the canonical name and the alias that matched. The widget only
reports the new list of ids; the editor writes it through app.claims.service.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recto.app.actors.complete import ActorChoice, best_match, complete
from recto.ui.appearance import set_tone
from recto.ui.plain_text import PlainLabel

ID_ROLE = Qt.ItemDataRole.UserRole


class ActorPicker(QWidget):
    changed = Signal(list)  # actor ids, in order

    def __init__(self, role: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"claim-{role}")
        self.names: dict[str, str] = {}
        self.choices: list[ActorChoice] = []
        self._labels: dict[str, str] = {}   # completion label -> actor id
        self.chosen = QListWidget()
        self.chosen.setObjectName(f"claim-{role}-list")
        self.chosen.setAccessibleName(f"{role.title()} of the claim")
        self.chosen.setMaximumHeight(58)
        self.chosen.itemDoubleClicked.connect(lambda item: self._remove(item))
        self.line = QLineEdit()
        self.line.setObjectName(f"claim-{role}-input")
        self.line.setPlaceholderText("Type a name to add…")
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        # The model holds only the folded matches of the typed text (see _complete).
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.line.setCompleter(self.completer)
        self.line.textEdited.connect(self._complete)
        self.completer.activated.connect(self.add_name)
        self.line.returnPressed.connect(lambda: self.add_name(self.line.text()))
        remove = QPushButton("Remove")
        remove.setObjectName(f"claim-{role}-remove")
        remove.clicked.connect(lambda: self._remove(self.chosen.currentItem()))
        self.hint = PlainLabel()
        self.hint.setObjectName(f"claim-{role}-hint")
        set_tone(self.hint, "error")
        self.hint.setWordWrap(True)
        self.hint.hide()
        row = QHBoxLayout()
        row.addWidget(self.line, 1)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chosen)
        layout.addLayout(row)
        layout.addWidget(self.hint)

    def set_names(self, names: dict[str, str]) -> None:
        """All actors of the project by name only: id -> name (see set_choices)."""
        self.set_choices([ActorChoice(i, n) for i, n in names.items()])

    def set_choices(self, choices: list[ActorChoice]) -> None:
        """All actors of the project, with their aliases."""
        self.choices = list(choices)
        self.names = {c.id: c.name for c in self.choices}
        self._complete(self.line.text())

    def _complete(self, text: str) -> None:
        found = complete(self.choices, text) if text.strip() else []
        self._labels = {c.label: c.actor_id for c in found}
        self.model.setStringList(list(self._labels))

    def ids(self) -> list[str]:
        return [self.chosen.item(i).data(ID_ROLE) for i in range(self.chosen.count())]

    def set_ids(self, ids) -> None:
        self.chosen.clear()
        for actor_id in ids:
            item = QListWidgetItem(self.names.get(actor_id, actor_id))
            item.setData(ID_ROLE, actor_id)
            self.chosen.addItem(item)

    def add_name(self, name: str) -> bool:
        """Add the actor called `name` (exact, else the only one containing it)."""
        name = name.strip()
        if not name:
            return False
        actor_id = self._find(name)
        if actor_id is None:
            self.hint.setText(f"No actor called \"{name}\"; add it in the Actors panel first.")
            self.hint.show()
            return False
        self.hint.hide()
        self.line.clear()
        if actor_id not in self.ids():
            self.set_ids([*self.ids(), actor_id])
            self.changed.emit(self.ids())
        return True

    def _find(self, name: str) -> str | None:
        """A chosen completion, else the actor the text means (folded, name or alias)."""
        if name in self._labels:
            return self._labels[name]
        match = best_match(self.choices, name)
        return match.actor_id if match else None

    def _remove(self, item) -> None:
        if item is None:
            return
        self.chosen.takeItem(self.chosen.row(item))
        self.changed.emit(self.ids())

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.chosen.hasFocus():
            self._remove(self.chosen.currentItem())
            return
        super().keyPressEvent(event)
