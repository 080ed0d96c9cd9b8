"""The type-ahead actor picker: a small popup with a line and a list.

Typing searches canonical names and aliases in any script (app.actors.complete folds
case, diacritics, width and long vowels as the mention matcher does, so "omu" finds
Ōmura, "Chongryun" finds Sōren and 総 finds 総連), each row showing the canonical name
and the alias that matched; Up/Down move in the list without leaving the line; Enter
picks the current row, Escape closes; "New actor…" asks for a new one. The popup is
non-blocking (`open()`), so the page stays visible and tests drive it like a person would.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from recto.app.actors import service
from recto.app.actors.complete import actor_choices, complete
from recto.ui.plain_text import PlainLabel
from recto.ui.screen_fit import cap_dialog

ID_ROLE = Qt.ItemDataRole.UserRole


class ActorPicker(QDialog):
    picked = Signal(str)   # actor id
    new_wanted = Signal(str)  # the typed text: make a new actor instead

    def __init__(self, session, prompt: str = "", text: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("actor-picker")
        self.setWindowTitle("Choose actor")
        self.session = session
        self.actor_id: str | None = None
        self.prompt = PlainLabel(prompt or "Type a name or alias, in any script; Enter picks.")
        self.prompt.setWordWrap(True)
        self.line = QLineEdit(text)
        self.line.setObjectName("actor-picker-input")
        self.line.setPlaceholderText("Sōren, 総連, omura…")
        self.list = QListWidget()
        self.list.setObjectName("actor-picker-list")
        self.hint = PlainLabel()
        self.hint.setObjectName("actor-picker-hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.line)
        layout.addWidget(self.list, 1)
        self.new_button = QPushButton("New actor…")
        self.new_button.setObjectName("actor-picker-new")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self._new)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        cap_dialog(self, 360, 320)
        self.line.textChanged.connect(self.refresh)
        self.line.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.pick())
        self.refresh()

    def refresh(self) -> None:
        project, query = self.session.project, self.line.text().strip()
        rows = []
        if project is not None and query:
            choices = {c.id: c for c in actor_choices(project)}
            rows = [(c.actor_id, c.label, choices[c.actor_id].type)
                    for c in complete(choices.values(), query, limit=50)]
        elif project is not None:
            rows = [(s.actor.id, s.actor.name + (
                f"  —  {', '.join(a.alias for a in s.actor.aliases[:4])}"
                if s.actor.aliases else ""), s.actor.type.value)
                for s in service.list_actors(project)]
        actors = rows
        self.list.clear()
        for actor_id, label, kind in rows:
            item = QListWidgetItem(f"{label}  ({kind})")
            item.setData(ID_ROLE, actor_id)
            self.list.addItem(item)
        if actors:
            self.list.setCurrentRow(0)
        self.hint.setText("" if actors or not query else
                          f'No actor matches "{query}"; New actor… creates one.')

    def eventFilter(self, obj, event) -> bool:
        if obj is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                        Qt.Key.Key_PageUp: -5}[key]
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pick()
                return True
        return super().eventFilter(obj, event)

    def _new(self) -> None:
        self.reject()
        self.new_wanted.emit(self.line.text())

    def pick(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.actor_id = item.data(ID_ROLE)
        self.accept()
        self.picked.emit(self.actor_id)
