"""Context menus on list and tree rows: a right-click makes the row current and offers
what the panel's buttons and keys already do, so a mouse user finds every action."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu

Builder = Callable[[QMenu, object], None]   # (menu, the row's item) -> adds actions


class _Builder(QObject):
    """Keeps a view's menu builder with the view (a child, so it goes when the view goes)."""

    def __init__(self, build: Builder, parent: QObject):
        super().__init__(parent)
        self.build = build


def attach(view: QAbstractItemView, build: Builder) -> None:
    """Right-click on a row of `view` (a QListWidget or QTreeWidget) shows `build`'s menu."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    _Builder(build, view)

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
    holder = view.findChild(_Builder)
    if holder is not None:
        holder.build(menu, item)
    return menu
