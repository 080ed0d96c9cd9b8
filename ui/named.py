"""`named(widget, "object-name")`: the object name tests and style sheets find a widget by.

PySide6 accepts Qt properties as constructor keywords (`QLineEdit(objectName=...)`), but its
type stubs do not list them, so mypy cannot check such calls; this helper keeps them one line.
"""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set to `name`."""
    widget.setObjectName(name)
    return widget
