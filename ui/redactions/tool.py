"""The redaction tool: drag on empty paper to draw a box, drag a box to move it,
drag a corner handle to resize it. Positions arrive in PDF points (the page view
maps them); the store is written once, on release, as one undoable step."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from recto.app.errors import RectoError
from recto.app.redactions import service
from recto.ui.redactions.overlay import RedactionOverlay, box_of, opposite

MIN_SIDE_PT = 2.0
MOVE_EPSILON_PT = 0.25


class RedactionTool:
    cursor = QCursor(Qt.CursorShape.CrossCursor)

    def __init__(self, window, overlay: RedactionOverlay, style: str = "black_box"):
        self.window, self.overlay = window, overlay
        self.style = style
        self._mode: str | None = None   # "draw", "move", "resize"
        self._start = QPointF()
        self._origin = QRectF()
        self._anchor = QPointF()
        self._rubber: QGraphicsRectItem | None = None

    # -- the page view calls these ------------------------------------------------
    def press(self, point: QPointF, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self.window.session.document is None:
            return False
        point = self._clamp(point)
        self._start = point
        corner = self.overlay.handle_at(point)
        hit = self.overlay.redaction_at(point)
        if corner is not None:
            assert self.overlay.selected_id is not None  # handles belong to the selected box
            self._mode = "resize"
            self._origin = self.overlay.items[self.overlay.selected_id].rect()
            self._anchor = opposite(self._origin, corner)
        elif hit is not None:
            self.overlay.select(hit)
            self._mode = "move"
            self._origin = self.overlay.items[hit].rect()
        else:
            self.overlay.select(None)
            self._mode = "draw"
            self._rubber = self._new_rubber(point)
        return True

    def move(self, point: QPointF, event) -> bool:
        if self._mode is None:
            return False
        point = self._clamp(point)
        rect = self._rect_for(point)
        if self._mode == "draw" and self._rubber is not None:
            self._rubber.setRect(rect)
        elif self.overlay.selected_id:
            self.overlay.show_rect(self.overlay.selected_id, rect)
        return True

    def release(self, point: QPointF, event) -> bool:
        if self._mode is None:
            return False
        mode, rect = self._mode, self._rect_for(self._clamp(point))
        self._mode = None
        self._drop_rubber()
        try:
            if mode == "draw":
                self._commit_new(rect)
            else:
                self._commit_change(mode, rect)
        except RectoError as exc:
            self.window.statusBar().showMessage(exc.message, 5000)
            self.overlay.reload()
        return True

    def deactivate(self) -> None:
        self._mode = None
        self._drop_rubber()

    # -- geometry ----------------------------------------------------------------
    def _rect_for(self, point: QPointF) -> QRectF:
        if self._mode == "draw":
            return QRectF(self._start, point).normalized()
        if self._mode == "resize":
            return QRectF(self._anchor, point).normalized()
        delta = point - self._start
        rect = self._origin.translated(delta)
        width, height = self.window.view.page_size
        dx = min(0.0, width - rect.right()) + max(0.0, -rect.left())
        dy = min(0.0, height - rect.bottom()) + max(0.0, -rect.top())
        return rect.translated(dx, dy)

    def _clamp(self, point: QPointF) -> QPointF:
        width, height = self.window.view.page_size
        return QPointF(min(max(point.x(), 0.0), width), min(max(point.y(), 0.0), height))

    # -- writing -----------------------------------------------------------------
    def _commit_new(self, rect: QRectF) -> None:
        if rect.width() < MIN_SIDE_PT or rect.height() < MIN_SIDE_PT:
            return
        session = self.window.session
        r = service.add_redaction(session.project, session.document.id,
                                  self.window.view.page_index, box_of(rect), style=self.style)
        self.overlay.selected_id = r.id   # selected once the overlay reloads

    def _commit_change(self, mode: str, rect: QRectF) -> None:
        rid = self.overlay.selected_id
        if rid is None:
            return
        if (abs(rect.left() - self._origin.left()) < MOVE_EPSILON_PT
                and abs(rect.top() - self._origin.top()) < MOVE_EPSILON_PT
                and abs(rect.width() - self._origin.width()) < MOVE_EPSILON_PT
                and abs(rect.height() - self._origin.height()) < MOVE_EPSILON_PT):
            self.overlay.show_rect(rid, self._origin)
            return
        if rect.width() < MIN_SIDE_PT or rect.height() < MIN_SIDE_PT:
            self.overlay.show_rect(rid, self._origin)
            return
        label = "Move redaction" if mode == "move" else "Resize redaction"
        service.edit_redaction(self.window.session.project, rid, bbox=box_of(rect), label=label)

    def _new_rubber(self, point: QPointF) -> QGraphicsRectItem:
        item = QGraphicsRectItem(QRectF(point, point))
        pen = QPen(QColor(210, 20, 20), 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setZValue(50)
        self.window.view.scene().addItem(item)
        return item

    def _drop_rubber(self) -> None:
        if self._rubber is not None:
            self.window.view.scene().removeItem(self._rubber)
            self._rubber = None
