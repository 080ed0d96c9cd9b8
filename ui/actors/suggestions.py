"""Review suggested mentions with the keyboard: Up/Down move (the page follows and the
box is highlighted), A accepts, X or Delete rejects, Shift+A / Shift+X accept or
reject every suggestion of the current row's actor. The keys are claimed through
ShortcutOverride so a window shortcut on the same letter cannot steal them while
the list has focus. Each review is one undoable step (app.actors.mentions.set_status)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recto.annotations import documents as doc_store
from recto.annotations.model import Mention, Status
from recto.app.actors import service
from recto.app.errors import RectoError
from recto.ui.plain_text import PlainLabel
from recto.ui.review_list import NONE, SHIFT, ReviewList

ACCEPT, REJECT, ACCEPT_ACTOR, REJECT_ACTOR = "accept", "reject", "accept_actor", "reject_actor"


KEYS = {
    (Qt.Key.Key_A, NONE): ACCEPT,
    (Qt.Key.Key_X, NONE): REJECT,
    (Qt.Key.Key_Delete, NONE): REJECT,
    (Qt.Key.Key_A, SHIFT): ACCEPT_ACTOR,
    (Qt.Key.Key_X, SHIFT): REJECT_ACTOR,
}


class MentionSuggestions(QWidget):
    chosen = Signal(object)   # Mention

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("mention-suggestions")
        self.session = session
        self.actor_id: str | None = None
        self.header = PlainLabel()
        self.header.setWordWrap(True)
        self.only_actor = QCheckBox("Only the selected actor")
        self.only_actor.setToolTip("Only suggestions of the actor selected in the Actors panel")
        self.only_actor.setObjectName("mention-suggestions-only-actor")
        self.list = ReviewList(KEYS)
        self.list.setObjectName("mention-suggestion-list")
        self.accept_all = QPushButton("Accept all")
        self.accept_all.setObjectName("mention-suggestions-accept-all")
        self.reject_all = QPushButton("Reject all")
        self.reject_all.setObjectName("mention-suggestions-reject-all")
        self.accept_all.setToolTip("Accept every suggestion of the current row's actor (Shift+A)")
        self.reject_all.setToolTip("Reject every suggestion of the current row's actor (Shift+X)")
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_all)
        buttons.addWidget(self.reject_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.only_actor)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.list.currentRowChanged.connect(self._on_row)
        self.list.command.connect(self.run_command)
        self.only_actor.toggled.connect(lambda _on: self.reload())
        self.accept_all.clicked.connect(lambda: self.run_command(ACCEPT_ACTOR))
        self.reject_all.clicked.connect(lambda: self.run_command(REJECT_ACTOR))
        self.reload()

    def set_actor(self, actor_id: str | None) -> None:
        self.actor_id = actor_id
        if self.only_actor.isChecked():
            self.reload()

    def items(self) -> list[Mention]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def current(self) -> Mention | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self) -> None:
        project = self.session.project
        keep, row = self.current(), max(self.list.currentRow(), 0)
        found: list[Mention] = []
        names: dict[str, str] = {}
        titles: dict[str, str] = {}
        if project is not None:
            only = self.actor_id if self.only_actor.isChecked() else None
            if not self.only_actor.isChecked() or only is not None:
                found = service.list_mentions(project, actor_id=only, status=Status.SUGGESTED)
            names = {s.actor.id: s.actor.name for s in service.list_actors(project)}
            titles = {d.id: d.title for d in doc_store.list_documents(project)}
        self.list.blockSignals(True)
        self.list.clear()
        for m in found:
            item = QListWidgetItem(f"{names.get(m.actor_id, '?')} · "
                                   f"{titles.get(m.anchor.document_id, '?')} "
                                   f"p. {m.anchor.page_index + 1} · “{m.text}”")
            item.setData(Qt.ItemDataRole.UserRole, m)
            self.list.addItem(item)
        ids = [m.id for m in found]
        if found:
            self.list.setCurrentRow(ids.index(keep.id) if keep and keep.id in ids
                                    else min(row, len(found) - 1))
        self.list.blockSignals(False)
        self.accept_all.setEnabled(bool(found))
        self.reject_all.setEnabled(bool(found))
        self.header.setText(f"{len(found)} suggested mention(s). A accept · X reject · "
                            "Shift+A / Shift+X all of this actor")

    def run_command(self, name: str) -> None:
        m, project = self.current(), self.session.project
        if m is None or project is None:
            return
        row = self.list.currentRow()
        status = Status.CONFIRMED if name in (ACCEPT, ACCEPT_ACTOR) else Status.REJECTED
        try:
            if name in (ACCEPT, REJECT):
                count = service.set_status(project, [m.id], status)
            else:
                count = service.set_status_all(project, m.actor_id, status)
        except RectoError as exc:
            self.message.setText(exc.message)
            return
        verb = "Accepted" if status is Status.CONFIRMED else "Rejected"
        self.message.setText(f"{verb} {count} mention(s). Ctrl+Z undoes it.")
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _on_row(self, _row: int) -> None:
        m = self.current()
        if m is not None:
            self.chosen.emit(m)
