"""The page view: one page in a QGraphicsScene whose units are PDF points.

Overlays (redactions, OCR words, search hits) are added in PDF points and never
know about zoom or DPI; only this view maps points to screen pixels.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsItemGroup,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
)

MIN_ZOOM, MAX_ZOOM = 0.25, 8.0
SCENE_MARGIN = 12.0  # points of grey around the page


def quantise(scale: float) -> float:
    """Render scales in quarter-octave steps so the cache is reused while zooming."""
    return round(2 ** (round(math.log2(max(scale, 0.05)) * 4) / 4), 3)


class PageView(QGraphicsView):
    zoom_changed = Signal(float)
    render_wanted = Signal(str, int, float)  # path, page_index, render scale
    page_step = Signal(int)                  # +1 / -1 at the page's end (wheel)
    tool_changed = Signal(object)
    page_shown = Signal(str, int)            # path, page_index: overlays redraw on this
    context_menu_wanted = Signal(object, object)  # QMenu, QPointF in PDF points: fill it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("#5a5f66")))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.path: str | None = None
        self.page_index = 0
        self.page_size = (612.0, 792.0)
        self.fit_mode: str | None = "width"
        self._paper = QGraphicsRectItem()
        self._paper.setBrush(QBrush(Qt.GlobalColor.white))
        self._paper.setPen(Qt.PenStyle.NoPen)
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._message = QGraphicsSimpleTextItem()
        self._layers: dict[str, QGraphicsItemGroup] = {}
        for item in (self._paper, self._pixmap, self._message):
            self.scene().addItem(item)
        self._pixmap_scale = 0.0

    # -- content ----------------------------------------------------------------
    def show_page(self, path: str | None, page_index: int, width: float, height: float) -> None:
        same = (path, page_index) == (self.path, self.page_index)
        self.path, self.page_index, self.page_size = path, page_index, (width, height)
        rect = QRectF(0, 0, width, height)
        m = SCENE_MARGIN
        self.scene().setSceneRect(rect.adjusted(-m, -m, m, m))
        self._paper.setRect(rect)
        if not same:
            self._pixmap.setPixmap(QPixmap())
            self._pixmap_scale = 0.0
            self.set_message("Rendering…" if path else "")
        self._apply_fit()
        if not same:
            self.to_top()
        self._want_render()
        if not same:
            for name in list(self._layers):
                self.clear_layer(name)
        self.page_shown.emit(path or "", page_index)

    def to_top(self) -> None:
        """A newly shown page starts at its top-left corner, not where the last one was."""
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def set_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.setPos(24, 24)
        self._message.setVisible(bool(text))

    def set_image(self, path: str, page_index: int, scale: float, image: QImage) -> None:
        if (path, page_index) != (self.path, self.page_index):
            return
        if abs(scale - self._target_scale()) > abs(self._pixmap_scale - self._target_scale()):
            return  # an older, less fitting render arrived late
        self._pixmap.setPixmap(QPixmap.fromImage(image))
        self._pixmap.setTransform(QTransform.fromScale(1 / scale, 1 / scale))
        self._pixmap_scale = scale
        self.set_message("")

    def layer(self, name: str, z: float = 10) -> QGraphicsItemGroup:
        """A named overlay group in PDF points (cleared when the page changes)."""
        group = self._layers.get(name)
        if group is None:
            group = QGraphicsItemGroup()
            group.setZValue(z)
            group.setHandlesChildEvents(False)
            self.scene().addItem(group)
            self._layers[name] = group
        return group

    def clear_layer(self, name: str) -> None:
        group = self._layers.get(name)
        if group is not None:
            for child in group.childItems():
                group.removeFromGroup(child)
                self.scene().removeItem(child)

    # -- zoom -------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, keep_fit: bool = False) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if not keep_fit:
            self.fit_mode = None
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.zoom_changed.emit(zoom)
        self._want_render()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / 1.25)

    def fit_width(self) -> None:
        self.fit_mode = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self.fit_mode = "page"
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self.fit_mode is None:
            return
        width, height = self.page_size
        view = self.viewport().size()
        frame = 4 + (0 if self.verticalScrollBar().isVisible()
                     else self.verticalScrollBar().sizeHint().width())
        zx = (view.width() - frame) / (width + 2 * SCENE_MARGIN)
        zy = (view.height() - 4) / (height + 2 * SCENE_MARGIN)
        self.set_zoom(zx if self.fit_mode == "width" else min(zx, zy), keep_fit=True)

    def _target_scale(self) -> float:
        return quantise(self.zoom * self.devicePixelRatioF())

    def _want_render(self) -> None:
        if self.path and abs(self._pixmap_scale - self._target_scale()) > 1e-3:
            self.render_wanted.emit(self.path, self.page_index, self._target_scale())

    # -- tools: what a mouse drag on the page does -------------------------------
    def set_tool(self, tool) -> None:
        """A tool gets press/move/release with positions in PDF points; None = pan.

        A tool is any object with `press(point, event)`, `move(point, event)`,
        `release(point, event)` methods (each may be absent) and an optional
        `cursor`; it returns True from a handler to consume the event.
        """
        previous = getattr(self, "_tool", None)
        if previous is not None and hasattr(previous, "deactivate"):
            previous.deactivate()
        self._tool = tool
        self.setDragMode(
            QGraphicsView.DragMode.NoDrag if tool else QGraphicsView.DragMode.ScrollHandDrag
        )
        cursor = getattr(tool, "cursor", None)
        if cursor is not None:
            self.viewport().setCursor(cursor)
        else:
            self.viewport().unsetCursor()
        self.tool_changed.emit(tool)

    @property
    def tool(self):
        return getattr(self, "_tool", None)

    def _dispatch(self, name: str, event) -> bool:
        tool = self.tool
        handler = getattr(tool, name, None) if tool is not None else None
        if handler is None:
            return False
        return bool(handler(self.mapToScene(event.position().toPoint()), event))

    def mousePressEvent(self, event) -> None:
        if not self._dispatch("press", event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if not self._dispatch("move", event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if not self._dispatch("release", event):
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        """The tool may take keys too (e.g. Shift+arrows extend a word selection)."""
        handler = getattr(self.tool, "key", None) if self.tool is not None else None
        if handler is not None and handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- context menu: features add what applies at the point clicked ----------------
    def add_context_entries(self, provider) -> None:
        """`provider(point, menu)` adds actions for a right-click at `point` (PDF points);
        the same as connecting to context_menu_wanted(menu, point)."""
        self.context_menu_wanted.connect(lambda menu, point: provider(point, menu))

    def context_menu(self, at) -> QMenu:
        """The menu for a right-click at `at`: a viewport position (QPoint, as an event
        gives it) or a point on the page (QPointF, PDF points). Tests call it."""
        point = at if isinstance(at, QPointF) else self.mapToScene(at)
        menu = QMenu(self)
        menu.setObjectName("page-menu")
        self.context_menu_wanted.emit(menu, point)
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        if not menu.isEmpty():
            menu.popup(event.globalPos())

    # -- events -----------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_fit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom * (1.15 ** steps))
            return
        bar = self.verticalScrollBar()
        before = bar.value()
        super().wheelEvent(event)
        if bar.value() == before and event.angleDelta().y():
            self.page_step.emit(-1 if event.angleDelta().y() > 0 else 1)

    def map_to_page(self, pos) -> QPointF:
        """A viewport position in PDF points of the unrotated page."""
        return self.mapToScene(pos)
