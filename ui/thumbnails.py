"""A strip of page thumbnails; thumbnails render lazily through the shared render worker.

The strip is a view on a model that holds only a page count and the thumbnails drawn
lately (at most MAX_ICONS): a 100,000-page PDF costs no more than a 10-page one. One
list item and icon per page took the app past 2 GB on such a file.
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListView

THUMB_SCALE = 0.18
MAX_ICONS = 300          # thumbnails kept; the strip shows about a dozen
_NEAR_PX = 300           # pages this far beyond the viewport are drawn ahead

_Index = QModelIndex | QPersistentModelIndex


class PageThumbnails(QAbstractListModel):
    """Rows are pages ("1", "2", ...) with their thumbnail once drawn, else a grey blank."""

    def __init__(self, icon_size: QSize, parent=None):
        super().__init__(parent)
        self.pages = 0
        self.icons: OrderedDict[int, QIcon] = OrderedDict()
        blank = QPixmap(icon_size)
        blank.fill(QColor("#e8e8e8"))
        self.blank = QIcon(blank)

    def reset(self, pages: int) -> None:
        self.beginResetModel()
        self.pages = pages
        self.icons.clear()
        self.endResetModel()

    def set_icon(self, row: int, icon: QIcon) -> None:
        """Keep `row`'s thumbnail, dropping the oldest beyond MAX_ICONS (drawn again
        when they come back into view)."""
        self.icons[row] = icon
        self.icons.move_to_end(row)
        while len(self.icons) > MAX_ICONS:
            old, _ = self.icons.popitem(last=False)
            self.dataChanged.emit(self.index(old), self.index(old))
        self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.pages

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.pages:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(index.row() + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icons.get(index.row(), self.blank)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignHCenter
        return None


class ThumbnailStrip(QListView):
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
        self.model_ = PageThumbnails(self.iconSize(), self)
        self.setModel(self.model_)
        self.path: str | None = None
        self._requested: set[int] = set()
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._row_changed)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._request_visible())
        render_worker.rendered.connect(self._rendered)

    def count(self) -> int:
        return self.model_.pages

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.page_chosen.emit(current.row())

    def show_document(self, path: str | None, page_count: int) -> None:
        self._quiet = True
        self.model_.reset(page_count)
        self._requested.clear()
        self.path = path
        self._quiet = False
        self._request_visible()

    def set_current(self, page_index: int) -> None:
        self._quiet = True
        self.setCurrentIndex(self.model_.index(page_index))
        self._quiet = False
        self._request_visible()

    def visible_rows(self) -> range:
        """The pages in (or near) the viewport: found by probing down and up its middle
        (items sit between gaps of spacing), never by walking every page."""
        if self.model_.pages == 0:
            return range(0)
        area = self.viewport().rect()
        x = area.center().x()
        ys = range(area.top(), area.bottom() + 1, 6)
        first = next((r for y in ys if (r := self.indexAt(QPoint(x, y)).row()) >= 0), -1)
        last = next((r for y in reversed(ys) if (r := self.indexAt(QPoint(x, y)).row()) >= 0),
                    first)
        if first < 0:
            return range(0)
        ahead = _NEAR_PX // max(1, self.visualRect(self.model_.index(first)).height()) + 1
        return range(max(0, first - ahead), min(self.model_.pages, last + ahead + 1))

    def _request_visible(self) -> None:
        """Ask for the thumbnails in view not drawn yet; asks for pages scrolled past
        before they were drawn are forgotten (the worker keeps only recent asks), so
        they are asked again when they come back into view."""
        if not self.path:
            return
        visible = self.visible_rows()
        self._requested = {r for r in self._requested if r in visible or r in self.model_.icons}
        for row in visible:
            if row not in self._requested:
                self._requested.add(row)
                self.worker.request(self.path, row, THUMB_SCALE)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._request_visible()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._request_visible()

    def _rendered(self, path: str, page_index: int, scale: float, image: QImage) -> None:
        if path == self.path and scale == THUMB_SCALE and page_index < self.model_.pages:
            pix = QPixmap.fromImage(image).scaled(
                self.iconSize(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.model_.set_icon(page_index, QIcon(pix))
