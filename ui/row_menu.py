"""Context menus on list and tree rows: a right-click makes the row current and offers
what the panel's buttons and keys already do, so a mouse user finds every action."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu

Builder = Callable[[QMenu, object], None]   # (menu, the row's item) -> adds actions


def attach(view: QAbstractItemView, build: Builder) -> None:
    """Right-click on a row of `view` (a QListWidget or QTreeWidget) shows `build`'s menu."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view._row_menu_builder = build

    def show(pos) -> None:
        item = view.itemAt(pos)  # type: ignore[attr-defined]
        menu = menu_for(view, item) if item is not None else None
        if menu is not None and not menu.isEmpty():
            menu.popup(view.viewport().mapToGlobal(pos))
    view.customContextMenuRequested.connect(show)


def menu_for(view: QAbstractItemView, item) -> QMenu:
    """The menu a right-click on `item` shows (the item becomes current; tests call this)."""
    if not item.isSelected():
        view.setCurrentItem(item)  # type: ignore[attr-defined]
    menu = QMenu(view)
    menu.setObjectName(f"{view.objectName() or 'row'}-menu")
    view._row_menu_builder(menu, item)
    return menu
