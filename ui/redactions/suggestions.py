"""The suggestions list: review detected redactions with the keyboard only.

Up/Down moves (the page follows and the box is brought on screen), Enter or a
double-click centres the box, A accepts, X or Delete rejects, Shift+A accepts
every suggestion on the current item's page. The keys are claimed
through ShortcutOverride so a window shortcut on the same key cannot steal them
while the list has focus.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from recto.annotations.model import Redaction
from recto.app.errors import RectoError
from recto.app.redactions import service
from recto.ui.plain_text import PlainLabel
from recto.ui.review_list import NONE, SHIFT, ReviewList

ACCEPT, REJECT, ACCEPT_PAGE = "accept", "reject", "accept_page"


KEYS = {
    (Qt.Key.Key_A, NONE): ACCEPT,
    (Qt.Key.Key_X, NONE): REJECT,
    (Qt.Key.Key_Delete, NONE): REJECT,
    (Qt.Key.Key_A, SHIFT): ACCEPT_PAGE,
}


class SuggestionList(QWidget):
    chosen = Signal(object)    # Redaction: show it
    centred = Signal(object)   # Redaction: show it in the middle of the view

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("redaction-suggestions")
        self.session = session
        self.header = PlainLabel()
        self.header.setWordWrap(True)
        self.list = ReviewList(KEYS)
        self.list.setObjectName("redaction-suggestion-list")
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.list.currentRowChanged.connect(self._on_row)
        self.list.command.connect(self.run_command)
        self.list.centre.connect(self._centre)
        self.list.itemClicked.connect(lambda _item: self.show_current())
        self.reload()

    def items(self) -> list[Redaction]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def current(self) -> Redaction | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self) -> None:
        project, doc = self.session.project, self.session.document
        keep = self.current()
        row = max(self.list.currentRow(), 0)
        found = service.suggestions(project, doc.id) if project and doc else []
        self.list.blockSignals(True)
        self.list.clear()
        for r in found:
            item = QListWidgetItem(_label(r))
            item.setData(Qt.ItemDataRole.UserRole, r)
            if r.text_recoverable:
                item.setToolTip("The text under this box is still in the PDF.")
            self.list.addItem(item)
        ids = [r.id for r in found]
        if found:
            self.list.setCurrentRow(ids.index(keep.id) if keep and keep.id in ids
                                    else min(row, len(found) - 1))
        self.list.blockSignals(False)
        self.header.setText(f"{len(found)} suggestion(s) to review. "
                            "A accept · X reject · Shift+A accept page" if doc else
                            "No document.")

    def run_command(self, name: str) -> None:
        r = self.current()
        project = self.session.project
        if r is None or project is None:
            return
        row = self.list.currentRow()
        try:
            if name == ACCEPT:
                service.accept(project, [r.id])
            elif name == REJECT:
                service.reject(project, [r.id])
            else:
                service.review_suggestions(project, True, r.document_id, r.page_index)
        except RectoError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.reload_at(row)

    def reload_at(self, row: int) -> None:
        """After a review the next suggestion takes the reviewed one's place."""
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self._on_row(self.list.currentRow())

    def _on_row(self, row: int) -> None:
        r = self.current()
        if r is not None:
            self.chosen.emit(r)

    def show_current(self) -> None:
        """Show the current suggestion (the first row too, which no move selected)."""
        self._on_row(self.list.currentRow())

    def _centre(self) -> None:
        r = self.current()
        if r is not None:
            self.centred.emit(r)


def _label(r: Redaction) -> str:
    code = ", ".join(r.codes) or "no code"
    conf = f"{r.confidence:.2f}" if r.confidence is not None else "–"
    warn = " ⚠" if r.text_recoverable else ""
    return f"p. {r.page_index + 1} · {r.style.value.replace('_', ' ')} · {code} · {conf}{warn}"
