"""Application-wide shortcuts that work while a text field has the focus.

A QLineEdit claims many Ctrl+letter keys for itself (on Linux, Ctrl+E moves to the
end of the line), so after typing a claim's statement Ctrl+E would move the cursor
instead of opening Export. This filter lets the window's actions win in its text
fields, except the keys a person edits text with (copy, paste, undo, word moves...).
Escape in a field of the main window leaves it for the page.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from recto.ui.main_window import MainWindow

_EDITING = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.MoveToStartOfDocument,
    QKeySequence.StandardKey.MoveToEndOfDocument,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.MoveToNextPage,
    QKeySequence.StandardKey.MoveToPreviousPage,
)
_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def editing_keys() -> set[QKeySequence]:
    keys = {k for std in _EDITING for k in QKeySequence.keyBindings(std)}
    return keys | {QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")}


def is_text_field(widget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, _TEXT_WIDGETS)


class GlobalKeys(QObject):
    """Installed on the QApplication by the main window; `page` takes the focus on Escape."""

    def __init__(self, window: MainWindow, page: QWidget):
        super().__init__(window)
        self.window, self.page = window, page
        self._editing = editing_keys()
        app = QApplication.instance()
        assert app is not None  # a shortcut filter only exists inside the running GUI
        app.installEventFilter(self)
        window.destroyed.connect(lambda _=None: self._uninstall())

    def _uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _action_keys(self) -> set[QKeySequence]:
        actions = self.window.named_actions.values()
        return {k for a in actions if a.isEnabled() for k in a.shortcuts()}

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not (isinstance(obj, QWidget) and is_text_field(obj) and obj.window() is self.window):
            return False
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.page.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if kind != QEvent.Type.ShortcutOverride:
            return False
        if not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        sequence = QKeySequence(event.keyCombination())
        # Returning True leaves the override unaccepted: the window's shortcut fires.
        return sequence not in self._editing and sequence in self._action_keys()
