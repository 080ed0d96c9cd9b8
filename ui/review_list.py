"""A list reviewed from the keyboard: letter keys become named commands.

The keys are claimed through ShortcutOverride, so a window shortcut on the same
letter cannot steal them while the list has focus. Used by the redaction and the
mention suggestion lists.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QListWidget

from recto.ui.row_menu import attach

NONE, SHIFT = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier


def _code(value) -> int:
    """Qt keys and modifier flags as plain ints (PySide6 enums are not all int-like)."""
    return value.value if hasattr(value, "value") else int(value)


class ReviewList(QListWidget):
    command = Signal(str)
    centre = Signal()    # Enter or a double-click: bring the current item to the middle

    def __init__(self, keys: dict[tuple, str], parent=None,
                 menu: tuple[tuple[str, str], ...] = ()):
        """`keys` maps (Qt key, modifiers) to a command name; `menu` is (label, command)
        for the rows' context menu, which also offers to centre the row's box."""
        super().__init__(parent)
        self._keys = {(_code(k), _code(m)): name for (k, m), name in keys.items()}
        self.itemDoubleClicked.connect(lambda _item: self.centre.emit())
        self._menu = menu
        attach(self, self._fill_menu)

    def _fill_menu(self, menu, _item) -> None:
        menu.addAction("Show in the Middle (Enter)", self.centre.emit)
        for label, name in self._menu:
            menu.addAction(label, lambda _c=False, n=name: self.command.emit(n))

    def command_for(self, event) -> str | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self._keys.get((_code(event.key()), _code(mods)))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.command_for(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        name = self.command_for(event)
        if name:
            self.command.emit(name)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.centre.emit()
            event.accept()
            return
        super().keyPressEvent(event)
