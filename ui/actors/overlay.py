"""Mentions on the page shown, as boxes in PDF points coloured by status, and the
mention tool (M without a word selection): drag a rectangle, then pick the actor.

Confirmed mentions are green, suggestions amber and dashed, rejected ones faint
grey; the focused mention (jumped to from the Actor view or the review list) is
drawn thicker. The overlay redraws on the page view's `page_shown` and whenever
mentions change.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from recto.annotations.model import Box, Mention, Status
from recto.app.actors import service
from recto.ui.box_tool import BoxDragTool
from recto.ui.plain_text import plain_tip

LAYER = "actors"
DRAG_LAYER = "actor-drag"
COLOURS = {Status.CONFIRMED: "#2e7d32", Status.SUGGESTED: "#e08a00",
           Status.REJECTED: "#9e9e9e"}


class MentionOverlay:
    def __init__(self, window):
        self.window, self.view, self.session = window, window.view, window.session
        self.focused: str | None = None
        self.items: dict[str, QGraphicsRectItem] = {}
        self.names: dict[str, str] = {}

    def reload(self, *_args) -> None:
        self.view.clear_layer(LAYER)
        self.items = {}
        project, doc = self.session.project, self.session.document
        if project is None or doc is None or not self.view.path:
            return
        self.names = {s.actor.id: s.actor.name for s in service.list_actors(project)}
        page_index = self.view.page_index
        group = self.view.layer(LAYER, z=15)
        for m in service.list_mentions(project, document_id=doc.id):
            if m.anchor.page_index == page_index and m.anchor.bbox is not None:
                item = self._item(m)
                group.addToGroup(item)
                self.items[m.id] = item

    def _item(self, m: Mention) -> QGraphicsRectItem:
        b = m.anchor.bbox
        assert b is not None  # the caller draws only mentions with a box
        item = QGraphicsRectItem(QRectF(b.x0, b.y0, b.width, b.height))
        colour = QColor(COLOURS[m.status])
        focused = m.id == self.focused
        pen = QPen(colour, 2.5 if focused else 1.2,
                   Qt.PenStyle.DashLine if m.status is Status.SUGGESTED else Qt.PenStyle.SolidLine)
        pen.setCosmetic(True)
        item.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(110 if focused else 35 if m.status is not Status.REJECTED else 15)
        item.setBrush(QBrush(fill))
        name = self.names.get(m.actor_id, '?')
        item.setToolTip(plain_tip(f"{name} — {m.status.value}: “{m.text}”"))
        item.setData(0, m.id)
        return item

    def focus(self, mention_id: str | None) -> None:
        self.focused = mention_id
        self.reload()
        item = self.items.get(mention_id) if mention_id else None
        if item is not None:
            self.view.ensureVisible(item, 40, 40)


class MentionTool(BoxDragTool):
    """Drag a rectangle on the page to tag it as a mention (confirmed-colour outline)."""

    def __init__(self, view, on_box: Callable[[Box], None]):
        pen = QPen(QColor(COLOURS[Status.CONFIRMED]), 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        super().__init__(view, on_box, pen, layer=DRAG_LAYER)
