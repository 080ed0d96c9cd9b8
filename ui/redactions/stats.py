"""Redaction statistics: a summary line and small bar charts (by code, by style),
for the current document or the whole project. Bars are drawn with QPainter."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from recto.app.redactions import service
from recto.ui.plain_text import PlainLabel

MAX_BARS = 8


class BarChart(QWidget):
    """Horizontal bars, one per key, labelled with the key and its count."""
    ROW = 18

    def __init__(self, title: str, colour: QColor, parent=None):
        super().__init__(parent)
        self.title, self.colour = title, colour
        self.data: list[tuple[str, int]] = []

    def set_data(self, counts: dict[str, int]) -> None:
        items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(items) > MAX_BARS:
            rest = sum(n for _, n in items[MAX_BARS - 1:])
            items = items[:MAX_BARS - 1] + [("others", rest)]
        self.data = items
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, self.ROW * (len(self.data) + 1) + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(self.palette().windowText().color())
        p.drawText(
            QRectF(0, 0, self.width(), self.ROW),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title if self.data else f"{self.title}: none",
        )
        if not self.data:
            return
        label_w = min(110, self.width() // 3)
        top = max(n for _, n in self.data) or 1
        bar_space = max(10, self.width() - label_w - 40)
        for i, (key, n) in enumerate(self.data):
            y = self.ROW * (i + 1)
            p.setPen(self.palette().windowText().color())
            p.drawText(
                QRectF(0, y, label_w - 4, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                p.fontMetrics().elidedText(key, Qt.TextElideMode.ElideRight, label_w - 4),
            )
            width = bar_space * n / top
            p.fillRect(QRectF(label_w, y + 3, width, self.ROW - 6), self.colour)
            p.drawText(
                QRectF(label_w + width + 4, y, 40, self.ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(n),
            )
        p.end()


class StatsPanel(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("redaction-stats")
        self.session = session
        self.scope = QComboBox()
        self.scope.addItems(["This document", "Whole project"])
        self.summary = PlainLabel()
        self.summary.setWordWrap(True)
        self.by_code = BarChart("By code", QColor(200, 40, 40))
        self.by_style = BarChart("By style", QColor(60, 90, 170))
        self.top_pages = PlainLabel()
        self.top_pages.setWordWrap(True)
        layout = QVBoxLayout(self)
        for w in (self.scope, self.summary, self.by_code, self.by_style, self.top_pages):
            layout.addWidget(w)
        layout.addStretch(1)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def reload(self) -> None:
        project, doc = self.session.project, self.session.document
        whole = self.scope.currentIndex() == 1
        if project is None or (doc is None and not whole):
            self.summary.setText("No document.")
            self.by_code.set_data({})
            self.by_style.set_data({})
            self.top_pages.clear()
            return
        stats = service.statistics(project, None if whole else doc.id)
        self.summary.setText(
            f"{stats.count} redaction(s) (confirmed and suggested) on {stats.redacted_pages} of "
            f"{stats.pages} page(s); {stats.area_share:.1%} of the page area.")
        self.by_code.set_data(stats.by_code)
        self.by_style.set_data({k.replace("_", " "): n for k, n in stats.by_style.items()})
        titles = {d.id: d.title for d in _documents(project)} if whole else {}
        lines = [f"{titles.get(p.document_id, '') + ' ' if whole else ''}p. {p.page_index + 1}: "
                 f"{p.share:.0%} ({p.count})" for p in stats.top_pages[:5]]
        self.top_pages.setText("Most redacted: " + "; ".join(lines) if lines else "")


def _documents(project):
    from recto.annotations import documents as doc_store
    return doc_store.list_documents(project)
