"""View > Show Links: a PDF's links drawn as dotted outlines with their target as a
tooltip. Links are never followed: web addresses, launch actions and scripts are
only described (app/pdf/links.py), so a hostile PDF cannot open or run anything."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from recto.ui.plain_text import plain_tip

LAYER = "links"


class LinkOverlay:
    def __init__(self, window):
        self.window = window
        self.action = window.add_action("show_links", "Show &Links (not followed)",
                                        self.redraw, menu="&View")
        self.action.setCheckable(True)
        self.action.setChecked(window.settings.value("show_links", True, type=bool))
        self.action.toggled.connect(self._toggled)
        window.view.page_shown.connect(lambda _path, _index: self.redraw())
        window.renderer.links_found.connect(self._show)

    def _toggled(self, on: bool) -> None:
        self.window.settings.setValue("show_links", on)
        self.redraw()

    def redraw(self) -> None:
        """Ask for the shown page's links; they are read in the drawing process (MuPDF
        never runs on the window's thread) and drawn when they arrive."""
        view = self.window.view
        view.clear_layer(LAYER)
        if self.action.isChecked() and view.path:
            self.window.renderer.request_links(view.path, view.page_index)

    def _show(self, path: str, page_index: int, links: list) -> None:
        view = self.window.view
        if not self.action.isChecked() or (path, page_index) != (view.path, view.page_index):
            return
        view.clear_layer(LAYER)
        pen = QPen(QColor("#2a6fd1"), 1, Qt.PenStyle.DotLine)
        pen.setCosmetic(True)
        for link in links:
            b = link.bbox
            item = QGraphicsRectItem(QRectF(b.x0, b.y0, b.width, b.height))
            item.setPen(pen)
            item.setToolTip(plain_tip(f"{link.kind} link (Recto does not follow links): "
                                      f"{link.target_text}"))
            view.layer(LAYER, z=15).addToGroup(item)


def install(window) -> LinkOverlay:
    window.links = LinkOverlay(window)
    return window.links
