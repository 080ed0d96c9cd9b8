"""Redactions drawn over the page, in PDF points, coloured by status.

Suggested: dashed amber; confirmed: solid red; rejected: faint grey; a box whose
text is still recoverable carries a warning mark. The overlay knows which
redaction is selected and draws its corner handles; it never writes: edits go
through app/redactions/service.py (the tool and the panel do that).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from recto.annotations import redactions as store
from recto.annotations.model import Box, Redaction, Status
from recto.ui.plain_text import plain_tip

LAYER = "redactions"
HANDLE_PX = 5            # half-size of a corner handle on screen
CORNERS = ("tl", "tr", "bl", "br")
_STYLE = {
    Status.SUGGESTED: (QColor(230, 150, 0), Qt.PenStyle.DashLine, 1.6, QColor(230, 150, 0, 30)),
    Status.CONFIRMED: (QColor(210, 20, 20), Qt.PenStyle.SolidLine, 2.0, QColor(210, 20, 20, 40)),
    Status.REJECTED: (QColor(140, 140, 140, 120), Qt.PenStyle.DotLine, 1.0, QColor(0, 0, 0, 0)),
}


def rect_of(box: Box) -> QRectF:
    return QRectF(box.x0, box.y0, box.width, box.height)


def box_of(rect: QRectF) -> Box:
    r = rect.normalized()
    return Box(r.left(), r.top(), r.right(), r.bottom())


class RedactionItem(QGraphicsRectItem):
    def __init__(self, redaction: Redaction):
        super().__init__(rect_of(redaction.bbox))
        self.redaction = redaction
        colour, line, width, fill = _STYLE[redaction.status]
        pen = QPen(colour, width, line)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(fill))
        self.setToolTip(plain_tip(_tooltip(redaction)))
        if redaction.text_recoverable:
            mark = QGraphicsSimpleTextItem("⚠", self)
            mark.setBrush(QBrush(QColor(200, 0, 0)))
            mark.setFlag(QGraphicsSimpleTextItem.GraphicsItemFlag.ItemIgnoresTransformations)
            mark.setPos(redaction.bbox.x1 + 1, redaction.bbox.y0 - 2)

    def set_selected_look(self, selected: bool) -> None:
        pen = self.pen()
        pen.setWidthF(pen.widthF() + 1.5 if selected else _STYLE[self.redaction.status][2])
        self.setPen(pen)


def _tooltip(r: Redaction) -> str:
    parts = [r.style.value.replace("_", " "), r.status.value]
    if r.codes:
        parts.append(", ".join(r.codes))
    if r.confidence is not None:
        parts.append(f"confidence {r.confidence:.2f}")
    if r.extent_chars:
        parts.append(f"~{r.extent_chars} chars")
    if r.text_recoverable:
        parts.append("TEXT STILL RECOVERABLE")
    return " · ".join(parts)


class RedactionOverlay(QObject):
    """Draws the current page's redactions and holds the selection."""
    selection_changed = Signal(object)   # Redaction | None

    def __init__(self, window):
        super().__init__(window)
        self.window, self.view, self.session = window, window.view, window.session
        self.items: dict[str, RedactionItem] = {}
        self.selected_id: str | None = None
        self._handles: list[QGraphicsRectItem] = []
        self.view.page_shown.connect(lambda _p, _i: self.reload())
        self.session.changed.connect(self._on_change)
        self.session.project_closed.connect(self.reload)
        self.view.viewport().installEventFilter(self)

    # -- drawing ----------------------------------------------------------------
    def reload(self) -> None:
        self.view.clear_layer(LAYER)
        self.items, self._handles = {}, []
        project, doc = self.session.project, self.session.document
        if project is not None and doc is not None and self.view.path:
            layer = self.view.layer(LAYER, z=20)
            for r in store.list_redactions(project, doc.id, self.view.page_index):
                item = RedactionItem(r)
                layer.addToGroup(item)
                self.items[r.id] = item
        if self.selected_id not in self.items:
            self.selected_id = None
        self._draw_handles()
        self.selection_changed.emit(self.selected())

    def _on_change(self, changes) -> None:
        if changes.touches("redactions", "documents"):
            self.reload()

    def select(self, redaction_id: str | None) -> None:
        if redaction_id is not None and redaction_id not in self.items:
            redaction_id = None
        if redaction_id == self.selected_id:
            return
        self.selected_id = redaction_id
        self._draw_handles()
        self.selection_changed.emit(self.selected())

    def selected(self) -> Redaction | None:
        item = self.items.get(self.selected_id) if self.selected_id else None
        return item.redaction if item else None

    def _draw_handles(self) -> None:
        layer = self.view.layer(LAYER, z=20)
        for h in self._handles:
            layer.removeFromGroup(h)
            self.view.scene().removeItem(h)
        self._handles = []
        for rid, item in self.items.items():
            item.set_selected_look(rid == self.selected_id)
        chosen = self.items.get(self.selected_id) if self.selected_id else None
        if chosen is None:
            return
        for corner in CORNERS:
            handle = QGraphicsRectItem(self._handle_rect(chosen.rect(), corner))
            handle.setBrush(QBrush(Qt.GlobalColor.white))
            pen = QPen(QColor(30, 30, 30), 1)
            pen.setCosmetic(True)
            handle.setPen(pen)
            handle.setData(0, corner)
            layer.addToGroup(handle)
            self._handles.append(handle)

    def show_rect(self, redaction_id: str, rect: QRectF) -> None:
        """Live feedback while dragging (the store is written on release)."""
        item = self.items.get(redaction_id)
        if item is not None:
            item.setRect(rect.normalized())
            for handle in self._handles:
                handle.setRect(self._handle_rect(rect.normalized(), handle.data(0)))

    # -- hit testing (positions in PDF points) ------------------------------------
    def _handle_half(self) -> float:
        return HANDLE_PX / max(self.view.zoom, 1e-6)

    def _handle_rect(self, rect: QRectF, corner: str) -> QRectF:
        point = _corner_point(rect, corner)
        h = self._handle_half()
        return QRectF(point.x() - h, point.y() - h, 2 * h, 2 * h)

    def handle_at(self, point: QPointF) -> str | None:
        item = self.items.get(self.selected_id) if self.selected_id else None
        if item is None:
            return None
        h = self._handle_half() * 1.6
        for corner in CORNERS:
            c = _corner_point(item.rect(), corner)
            if abs(c.x() - point.x()) <= h and abs(c.y() - point.y()) <= h:
                return corner
        return None

    def redaction_at(self, point: QPointF) -> str | None:
        """The smallest redaction under the point (nested boxes stay reachable)."""
        hits = [(item.rect().width() * item.rect().height(), rid)
                for rid, item in self.items.items() if item.rect().contains(point)]
        return min(hits)[1] if hits else None

    def eventFilter(self, obj, event) -> bool:
        """With no tool (pan mode) a click still selects a redaction, and panning goes on."""
        if (event.type() == QEvent.Type.MouseButtonPress and self.view.tool is None
                and event.button() == Qt.MouseButton.LeftButton):
            self.select(self.redaction_at(self.view.mapToScene(event.position().toPoint())))
        return False


def _corner_point(rect: QRectF, corner: str) -> QPointF:
    return {"tl": rect.topLeft(), "tr": rect.topRight(),
            "bl": rect.bottomLeft(), "br": rect.bottomRight()}[corner]


def opposite(rect: QRectF, corner: str) -> QPointF:
    return _corner_point(rect, {"tl": "br", "tr": "bl", "bl": "tr", "br": "tl"}[corner])
