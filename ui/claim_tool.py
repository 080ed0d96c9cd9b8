"""A page-view tool: drag a rectangle on the page to anchor a claim or its evidence.

Positions arrive in PDF points (the page view maps them), the box is clamped to
the page, and the tool switches itself off after one rectangle so the view goes
back to panning. Escape-free: a click without a drag simply cancels.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from annotations.model import Box

MIN_SIZE = 3.0  # points: smaller drags are clicks, not selections
LAYER = "claim-drag"


class ClaimBoxTool:
    cursor = Qt.CrossCursor

    def __init__(self, view, on_box: Callable[[Box], None], purpose: str = "claim"):
        self.view, self.on_box, self.purpose = view, on_box, purpose
        self._start = None
        self._rect: QGraphicsRectItem | None = None

    def press(self, point, event) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        self._start = self._clamp(point)
        self._rect = QGraphicsRectItem()
        self._rect.setPen(QPen(QColor("#d1342f"), 0))
        fill = QColor("#d1342f")
        fill.setAlpha(40)
        self._rect.setBrush(QBrush(fill))
        self.view.layer(LAYER, z=40).addToGroup(self._rect)
        return True

    def move(self, point, event) -> bool:
        if self._start is None or self._rect is None:
            return False
        self._rect.setRect(QRectF(self._start, self._clamp(point)).normalized())
        return True

    def release(self, point, event) -> bool:
        if self._start is None:
            return False
        rect = QRectF(self._start, self._clamp(point)).normalized()
        self._start = None
        self.view.clear_layer(LAYER)
        self._rect = None
        self.view.set_tool(None)
        if rect.width() >= MIN_SIZE and rect.height() >= MIN_SIZE:
            self.on_box(Box(round(rect.left(), 2), round(rect.top(), 2),
                            round(rect.right(), 2), round(rect.bottom(), 2)))
        return True

    def deactivate(self) -> None:
        self._start = None
        if self._rect is not None:
            self.view.clear_layer(LAYER)
            self._rect = None

    def _clamp(self, point):
        width, height = self.view.page_size
        point.setX(min(max(point.x(), 0.0), width))
        point.setY(min(max(point.y(), 0.0), height))
        return point
