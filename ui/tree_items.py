"""The top-level rows of a QTreeWidget as a list.

`topLevelItem(i)` is typed as possibly None (for an index out of range); walking
`range(topLevelItemCount())` never goes out of range, so this filter only narrows the type.
"""
from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """Every top-level row, in the order shown."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]
