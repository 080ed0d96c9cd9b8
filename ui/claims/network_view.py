"""Network of claims and actors: who claims what, about whom, and what supports or
contradicts what, drawn at the positions `app.claims.graph.layered_layout` computes.

Actors sit on the top rows, claims below in layers by their chains of links. Link
edges carry an arrow and a colour (supports green, contradicts red, qualifies and
cites grey); claimant and subject edges are thin and drawn as one path each, so
200 claims stay a few hundred items and build in one pass on the UI thread.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from recto.app.claims.graph import ClaimGraph, GraphEdge, GraphNode
from recto.ui.claims.picture_view import CLAIM_ROLE, ClaimPictureView
from recto.ui.plain_text import plain_tip

NODE_W, NODE_H = 156.0, 44.0
ACTOR_H = 26.0
LINK_STYLE = {  # kind -> (colour, pen style, width)
    "supports": ("#2e9d43", Qt.PenStyle.SolidLine, 2.0),
    "contradicts": ("#d1342f", Qt.PenStyle.SolidLine, 2.2),
    "qualifies": ("#7d848c", Qt.PenStyle.SolidLine, 1.6),
    "cites": ("#7d848c", Qt.PenStyle.DashLine, 1.4),
}
ROLE_STYLE = {
    "claimant": ("#4a6fa5", Qt.PenStyle.SolidLine),
    "subject": ("#c08a2a", Qt.PenStyle.SolidLine),
}  # dotted paths this long render very slowly at 2x
CERTAINTY_FILL = {"asserted": "#ffffff", "probable": "#f3f7ff", "possible": "#fbf6e9",
                  "disputed": "#fdeeee"}


class NetworkView(ClaimPictureView):
    def __init__(self, parent=None):
        super().__init__("claims-network", 8, parent)
        self.nodes: dict[str, QGraphicsPathItem] = {}

    def set_graph(self, graph: ClaimGraph, positions: dict[str, tuple[float, float]]) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes = {}
        if not graph.nodes:
            scene.addSimpleText("No claims yet: select words on a page and press Ctrl+K.",
                                self.label_font)
            return
        rects = {}
        for node in graph.nodes:
            x, y = positions.get(node.id, (0.0, 0.0))
            rects[node.id] = self._node(node, x, y)
        self._role_edges(graph.edges, rects)
        for edge in graph.edges:
            if edge.kind in LINK_STYLE and edge.source in rects and edge.target in rects:
                self._link(edge, rects[edge.source], rects[edge.target])
        self._legend(scene.itemsBoundingRect())
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-30, -30, 30, 30))

    # -- nodes ------------------------------------------------------------------
    def _node(self, node: GraphNode, x: float, y: float) -> QRectF:
        actor = node.kind == "actor"
        h = ACTOR_H if actor else NODE_H
        rect = QRectF(x - NODE_W / 2, y - h / 2, NODE_W, h)
        if actor:
            path = QPainterPath()
            path.addRoundedRect(rect, h / 2, h / 2)
            item = QGraphicsPathItem(path)
            item.setBrush(QBrush(QColor("#4a6fa5")))
            item.setPen(QPen(QColor("#2f4a73"), 1))
        else:
            path = QPainterPath()
            path.addRoundedRect(rect, 6, 6)
            item = QGraphicsPathItem(path)
            item.setBrush(QBrush(QColor(CERTAINTY_FILL.get(node.group, "#ffffff"))))
            pen = QPen(QColor("#59606b"), 1)
            if node.group in ("possible", "disputed"):
                pen.setStyle(Qt.PenStyle.DashLine)
            item.setPen(pen)
            item.setData(CLAIM_ROLE, node.id)
            item.setCursor(Qt.CursorShape.PointingHandCursor)
        item.setZValue(2)
        item.setToolTip(plain_tip(f"{node.label}" + (f"\n({node.group})" if node.group else "")))
        self.scene().addItem(item)
        self._label(item, node, rect, actor)
        self.nodes[node.id] = item
        return rect

    def _label(self, parent, node: GraphNode, rect: QRectF, actor: bool) -> None:
        lines = (
            [self.metrics.elidedText(node.label, Qt.TextElideMode.ElideRight, NODE_W - 16)]
            if actor
            else _wrap(node.label, self.metrics, NODE_W - 12, 3)
        )
        line_h = self.metrics.height()
        top = rect.center().y() - line_h * len(lines) / 2
        for i, line in enumerate(lines):
            text = QGraphicsSimpleTextItem(line, parent)
            text.setFont(self.label_font)
            text.setBrush(QColor("white") if actor else QColor("#1b1f24"))
            width = self.metrics.horizontalAdvance(line)
            text.setPos(rect.center().x() - width / 2, top + i * line_h)
            if not actor:
                text.setData(CLAIM_ROLE, node.id)

    # -- edges ------------------------------------------------------------------
    def _role_edges(self, edges: tuple[GraphEdge, ...], rects: dict[str, QRectF]) -> None:
        """All claimant (and all subject) edges as one path each: cheap and faint."""
        for kind, (colour, style) in ROLE_STYLE.items():
            path = QPainterPath()
            for e in edges:
                if e.kind == kind and e.source in rects and e.target in rects:
                    a, b = rects[e.source], rects[e.target]
                    start = QPointF(a.center().x(), a.bottom()) if a.center().y() < b.center().y() \
                        else QPointF(a.center().x(), a.top())
                    end = QPointF(b.center().x(), b.top()) if a.center().y() < b.center().y() \
                        else QPointF(b.center().x(), b.bottom())
                    path.moveTo(start)
                    mid_y = (start.y() + end.y()) / 2
                    path.cubicTo(QPointF(start.x(), mid_y), QPointF(end.x(), mid_y), end)
            colour_ = QColor(colour)
            colour_.setAlpha(70)
            item = QGraphicsPathItem(path)
            item.setPen(QPen(colour_, 0.7, style))
            item.setZValue(0)
            item.setData(1, kind)
            self.scene().addItem(item)

    def _link(self, edge: GraphEdge, a: QRectF, b: QRectF) -> None:
        colour, style, width = LINK_STYLE[edge.kind]
        line = QLineF(a.center(), b.center())
        start, end = _clip(line, a, True), _clip(line, b, False)
        path = QPainterPath(start)
        bend = _bend(start, end)
        path.quadTo(bend, end)
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(colour), width, style, Qt.PenCapStyle.RoundCap))
        item.setZValue(1)
        item.setToolTip(plain_tip(edge.kind + (f": {edge.note}" if edge.note else "")))
        item.setData(1, edge.kind)
        self.scene().addItem(item)
        head = _arrow_head(bend, end, 9.0)
        arrow = self.scene().addPolygon(head, QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
        arrow.setZValue(3)

    def _legend(self, bounds: QRectF) -> None:
        entries = [(k, v[0], v[1]) for k, v in LINK_STYLE.items()]
        entries += [(f"{k} (actor)", v[0], v[1]) for k, v in ROLE_STYLE.items()]
        x, y = bounds.left(), bounds.top() - 34
        for label, colour, style in entries:
            self.scene().addLine(x, y + 7, x + 26, y + 7, QPen(QColor(colour), 2, style))
            text = self.scene().addSimpleText(label, self.label_font)
            text.setPos(x + 32, y)
            x += 44 + self.metrics.horizontalAdvance(label)


def _wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line is elided when the text is longer."""
    lines, current = [], ""
    words = text.split()
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines[:max_lines]


def _clip(line: QLineF, rect: QRectF, at_start: bool) -> QPointF:
    """Where the centre-to-centre line leaves (or enters) the node's box."""
    centre = line.p1() if at_start else line.p2()
    other = line.p2() if at_start else line.p1()
    dx, dy = other.x() - centre.x(), other.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    sx = (rect.width() / 2) / abs(dx) if dx else math.inf
    sy = (rect.height() / 2) / abs(dy) if dy else math.inf
    s = min(sx, sy, 1.0)
    return QPointF(centre.x() + dx * s, centre.y() + dy * s)


def _bend(a: QPointF, b: QPointF) -> QPointF:
    """A control point off to one side so links between neighbours do not overlap."""
    mid = (a + b) / 2
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    offset = min(40.0, length * 0.15)
    return QPointF(mid.x() - dy / length * offset, mid.y() + dx / length * offset)


def _arrow_head(before: QPointF, tip: QPointF, size: float) -> QPolygonF:
    angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
    left = QPointF(tip.x() - size * math.cos(angle - 0.4), tip.y() - size * math.sin(angle - 0.4))
    right = QPointF(tip.x() - size * math.cos(angle + 0.4), tip.y() - size * math.sin(angle + 0.4))
    return QPolygonF([tip, left, right])
