"""Retyping OCR words in place: a line editor laid over the selected words on the page.

Enter saves (the feature writes it through app/text/corrections.py, one undoable
step); Escape cancels, and so do clicking elsewhere in the window and turning the
page: nothing is written by accident.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QLineEdit

MIN_WIDTH_PX = 160


class WordEditor(QLineEdit):
    saved = Signal(str)
    closed = Signal()

    def __init__(self, view, rect: QRectF, text: str):
        super().__init__(view.viewport())
        self.setObjectName("word-editor")
        self._done = False
        self.setText(text)
        self.selectAll()
        self.setToolTip("Enter saves, Escape cancels.")
        area = view.mapFromScene(rect).boundingRect()
        font = self.font()
        font.setPixelSize(max(11, min(40, round(area.height() * 0.8))))
        self.setFont(font)
        height = max(area.height() + 8, self.sizeHint().height())
        width = max(area.width() + 24, MIN_WIDTH_PX,
                    self.fontMetrics().horizontalAdvance(text) + 24)
        self.setGeometry(area.left() - 4, area.top() - (height - area.height()) // 2,
                         width, height)

    def open(self) -> None:
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text()
            self._finish()
            self.saved.emit(text)
        elif event.key() == Qt.Key.Key_Escape:
            self._finish()
        else:
            super().keyPressEvent(event)
        event.accept()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason,  # a context menu,
                                  Qt.FocusReason.ActiveWindowFocusReason):  # another window
            self._finish()

    def cancel(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.closed.emit()
        self.deleteLater()
