"""A one-shot page-view tool: drag a rectangle, get it in PDF points, back to panning.

Claims and mentions anchor on a box drawn this way. Positions arrive in PDF points
(the page view maps them) and are clamped to the page; a click without a drag
(smaller than MIN_SIZE) simply cancels.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from recto.annotations.model import Box

MIN_SIZE = 3.0  # points: smaller drags are clicks, not selections


class BoxDragTool:
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view, on_box: Callable[[Box], None], pen: QPen,
                 brush: QBrush | None = None, layer: str = "box-drag"):
        self.view, self.on_box = view, on_box
        self.pen, self.brush, self.layer = pen, brush, layer
        self._start = None
        self._rect: QGraphicsRectItem | None = None

    def press(self, point, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._start = self._clamp(point)
        self._rect = QGraphicsRectItem()
        self._rect.setPen(self.pen)
        if self.brush is not None:
            self._rect.setBrush(self.brush)
        self.view.layer(self.layer, z=40).addToGroup(self._rect)
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
        self.deactivate()
        self.view.set_tool(None)
        if rect.width() >= MIN_SIZE and rect.height() >= MIN_SIZE:
            self.on_box(Box(round(rect.left(), 2), round(rect.top(), 2),
                            round(rect.right(), 2), round(rect.bottom(), 2)))
        return True

    def deactivate(self) -> None:
        self._start = None
        if self._rect is not None:
            self.view.clear_layer(self.layer)
            self._rect = None

    def _clamp(self, point):
        width, height = self.view.page_size
        point.setX(min(max(point.x(), 0.0), width))
        point.setY(min(max(point.y(), 0.0), height))
        return point
