"""Timeline of claims by the date they refer to: one lane per claimant, year ticks on top.

A claim dated to a day is a dot; a month, a year or a range is a bar covering the
period, so "1955" visibly spans the year instead of pretending to be 1 January.
Labels are packed into rows inside each lane so none overlap. Items are built in
one pass from `app.claims.graph.timeline_items` (computed off the UI thread).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from recto.app.claims.dates import Precision
from recto.app.claims.graph import TimelineItem
from recto.ui.claims.picture_view import CLAIM_ROLE, ClaimPictureView
from recto.ui.plain_text import plain_tip

PX_PER_YEAR = 170.0
ROW_H = 20.0
LANE_PAD = 8.0
LABEL_W = 190.0   # lane names on the left
TEXT_MAX = 230.0  # longest claim label, in scene units
GAP = 10.0
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173",
           "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#843c39"]


def colour_for(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


class TimelineView(ClaimPictureView):
    def __init__(self, parent=None):
        super().__init__("claims-timeline", 9, parent)
        self.bold = QFont(self.label_font)
        self.bold.setBold(True)
        self.claim_items: dict[str, QGraphicsEllipseItem | QGraphicsRectItem] = {}

    # -- building ---------------------------------------------------------------
    def set_items(self, items: list[TimelineItem]) -> None:
        """Replace the picture with `items` (sorted by date, as timeline_items returns)."""
        scene = self.scene()
        scene.clear()
        self.claim_items = {}
        if not items:
            scene.addSimpleText("No dated claims yet: give a claim a date (1955-12, 1955…) "
                                "to place it here.", self.label_font)
            return
        first = date(min(i.start for i in items).year, 1, 1)
        last_year = max(i.end for i in items).year
        self._origin = first
        self._right = self.x_of(date(last_year + 1, 1, 1))
        lanes = _lanes(items)
        y = 40.0
        for index, (group, members) in enumerate(lanes):
            y += self._lane(group, members, colour_for(index), y, index)
        self._axis(first.year, last_year, 0.0, y)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))

    def x_of(self, day: date) -> float:
        return (day - self._origin).days / 365.2425 * PX_PER_YEAR

    def _lane(self, group: str, members: list[TimelineItem], colour: QColor, top: float,
              index: int) -> float:
        rows: list[float] = []  # right edge of the last label in each row
        placed = []
        for item in members:
            x0, x1 = self.x_of(item.start), self.x_of(item.end) + PX_PER_YEAR / 365.2425
            text = self.metrics.elidedText(item.statement, Qt.TextElideMode.ElideRight, TEXT_MAX)
            right = max(x1, x0 + 12 + self.metrics.horizontalAdvance(text)) + GAP
            row = next((r for r, edge in enumerate(rows) if edge <= x0), None)
            if row is None:
                rows.append(right)
                row = len(rows) - 1
            else:
                rows[row] = right
            placed.append((item, row, x0, x1, text))
        height = len(rows) * ROW_H + 2 * LANE_PAD
        self._lane_background(group, colour, top, height, index)
        for item, row, x0, x1, text in placed:
            self._claim(item, colour, x0, x1, top + LANE_PAD + row * ROW_H, text)
        return height

    def _lane_background(self, group: str, colour: QColor, top: float, height: float,
                         index: int) -> None:
        scene = self.scene()
        band = scene.addRect(
            QRectF(-LABEL_W, top, self._right + LABEL_W, height),
            QPen(Qt.PenStyle.NoPen),
            QBrush(QColor("#f4f5f7") if index % 2 == 0 else QColor("white")),
        )
        band.setZValue(-10)
        label = QGraphicsSimpleTextItem(self.metrics.elidedText(group, Qt.TextElideMode.ElideRight,
                                                                LABEL_W - 24))
        label.setFont(self.bold)
        label.setBrush(colour.darker(130))
        label.setPos(-LABEL_W + 8, top + LANE_PAD)
        scene.addItem(label)
        swatch = scene.addRect(
            QRectF(-LABEL_W, top, 4, height), QPen(Qt.PenStyle.NoPen), QBrush(colour)
        )
        swatch.setZValue(-5)

    def _claim(self, item: TimelineItem, colour: QColor, x0: float, x1: float, y: float,
               text: str) -> None:
        scene = self.scene()
        mid = y + ROW_H / 2
        mark: QGraphicsEllipseItem | QGraphicsRectItem
        if item.precision == Precision.DAY and x1 - x0 < 3 and "/" not in item.date_text:
            mark = QGraphicsEllipseItem(x0 - 4, mid - 4, 8, 8)
            mark.setBrush(QBrush(colour))
            mark.setPen(QPen(colour.darker(150), 0.8))
        else:
            mark = QGraphicsRectItem(QRectF(x0, mid - 5, max(x1 - x0, 4), 10))
            fill = QColor(colour)
            fill.setAlpha(70)
            mark.setBrush(QBrush(fill))
            mark.setPen(QPen(colour, 1.0))
        if item.certainty in ("possible", "disputed"):
            pen = mark.pen()
            pen.setStyle(Qt.PenStyle.DashLine)
            mark.setPen(pen)
        mark.setData(CLAIM_ROLE, item.claim_id)
        mark.setToolTip(plain_tip(_tooltip(item)))
        mark.setCursor(Qt.CursorShape.PointingHandCursor)
        scene.addItem(mark)
        label = QGraphicsSimpleTextItem(text, mark)
        label.setFont(self.label_font)
        label.setBrush(QColor("#1b1f24") if item.certainty != "disputed" else QColor("#8a1c1c"))
        label.setPos(x0 + 8, mid - self.metrics.height() / 2)
        label.setData(CLAIM_ROLE, item.claim_id)
        self.claim_items[item.claim_id] = mark

    def _axis(self, first_year: int, last_year: int, top: float, bottom: float) -> None:
        scene = self.scene()
        step = 1 if PX_PER_YEAR >= 60 else 5
        grid = QPen(QColor("#d0d4da"), 0.8)
        for year in range(first_year, last_year + 2):
            x = self.x_of(date(year, 1, 1))
            line = scene.addLine(x, top + 24, x, bottom, grid)
            line.setZValue(-8)
            scene.addLine(x, top + 16, x, top + 24, QPen(QColor("#59606b"), 1.2))
            if (year - first_year) % step == 0 and year <= last_year:
                label = QGraphicsSimpleTextItem(str(year))
                label.setFont(self.bold)
                label.setBrush(QColor("#3a4048"))
                label.setPos(x + PX_PER_YEAR / 2 - label.boundingRect().width() / 2, top)
                scene.addItem(label)
        scene.addLine(0, top + 24, self._right, top + 24, QPen(QColor("#59606b"), 1.2))


def _lanes(items: list[TimelineItem]) -> list[tuple[str, list[TimelineItem]]]:
    """Claimant groups, the busiest first; "(no claimant)" last."""
    groups: dict[str, list[TimelineItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return sorted(groups.items(), key=lambda kv: (kv[0].startswith("("), -len(kv[1]), kv[0]))


def _tooltip(item: TimelineItem) -> str:
    who = ", ".join(name for _, name in item.claimants) or "no claimant"
    return f"{item.statement}\n{item.date_text} · {who} · {item.certainty}"
