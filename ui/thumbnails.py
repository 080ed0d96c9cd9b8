"""A strip of page thumbnails; thumbnails render lazily through the shared render worker."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

THUMB_SCALE = 0.18


class ThumbnailStrip(QListWidget):
    page_chosen = Signal(int)

    def __init__(self, render_worker, parent=None):
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setAccessibleName("Pages of the document")
        self.worker = render_worker
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(110, 142))
        self.setSpacing(6)
        self.setUniformItemSizes(True)
        self.path: str | None = None
        self._requested: set[int] = set()
        self.currentRowChanged.connect(self._row_changed)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._request_visible())
        render_worker.rendered.connect(self._rendered)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.page_chosen.emit(row)

    def show_document(self, path: str | None, page_count: int) -> None:
        self.blockSignals(True)
        self.clear()
        self._requested.clear()
        self.path = path
        blank = QPixmap(self.iconSize())
        blank.fill(QColor("#e8e8e8"))
        for index in range(page_count):
            item = QListWidgetItem(QIcon(blank), f"{index + 1}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self.blockSignals(False)
        self._request_visible()

    def set_current(self, page_index: int) -> None:
        self.blockSignals(True)
        self.setCurrentRow(page_index)
        self.blockSignals(False)
        self._request_visible()

    def _request_visible(self) -> None:
        if not self.path:
            return
        for row in range(self.count()):
            if row in self._requested:
                continue
            rect = self.visualItemRect(self.item(row))
            if rect.intersects(self.viewport().rect().adjusted(0, -300, 0, 300)):
                self._requested.add(row)
                self.worker.request(self.path, row, THUMB_SCALE)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._request_visible()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._request_visible()

    def _rendered(self, path: str, page_index: int, scale: float, image: QImage) -> None:
        if path == self.path and scale == THUMB_SCALE and page_index < self.count():
            pix = QPixmap.fromImage(image).scaled(
                self.iconSize(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.item(page_index).setIcon(QIcon(pix))
