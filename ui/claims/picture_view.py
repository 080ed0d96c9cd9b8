"""What the timeline and the network share: a white, pannable scene of claim items
that opens a claim on click and zooms with Ctrl+wheel."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

CLAIM_ROLE = 0  # QGraphicsItem.data key holding the claim id


class ClaimPictureView(QGraphicsView):
    claim_activated = Signal(str)

    def __init__(self, name: str, point_size: float, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Claims " + name.rsplit("-", 1)[-1])
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("white")))
        self.label_font = QFont(self.font())
        self.label_font.setPointSizeF(point_size)
        self.metrics = QFontMetricsF(self.label_font)

    def mousePressEvent(self, event) -> None:
        claim_id = self.claim_at(event.position().toPoint())
        if claim_id and event.button() == Qt.MouseButton.LeftButton:
            self.claim_activated.emit(claim_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def claim_at(self, pos) -> str | None:
        for item in self.items(pos):
            claim_id = item.data(CLAIM_ROLE)
            if claim_id:
                return claim_id
        return None

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 ** (event.angleDelta().y() / 120)
            self.scale(factor, factor)
            return
        super().wheelEvent(event)
