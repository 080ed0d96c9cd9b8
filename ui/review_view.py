"""Showing a suggestion under review: turn to its page, bring its box on screen, flash it.

Shared by every review list (redaction suggestions, mention suggestions, release
findings), so a historian never accepts a box they have not seen: the box is scrolled
into view (zoomed in when too small to judge, centred when asked or when it cannot
fit), then a thick outline blinks over it for a moment to catch the eye.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QVariantAnimation
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

MIN_BOX_PX = 48        # a box narrower (or lower, / 4) than this on screen is zoomed to
MAX_AUTO_ZOOM = 4.0
FLASH_LAYER = "review-flash"
FLASH_MS = 1200
FLASH_COLOUR = QColor(0, 140, 255)


def _rect(box) -> QRectF:
    return QRectF(box.x0, box.y0, box.width, box.height)


def bring_into_view(view, box, centre: bool = False) -> None:
    """Make `box` (PDF points, which are the page's scene units) visible in `view`."""
    rect = _rect(box)
    small = min(rect.width() * view.zoom / MIN_BOX_PX, 4 * rect.height() * view.zoom / MIN_BOX_PX)
    port = view.viewport().size()
    if 0 < small < 1 and view.zoom < MAX_AUTO_ZOOM:
        fits = min(port.width() / max(rect.width(), 1), port.height() / max(rect.height(), 1))
        view.set_zoom(min(MAX_AUTO_ZOOM, view.zoom / small, 0.8 * fits))
        centre = True
    elif rect.width() * view.zoom > port.width() or rect.height() * view.zoom > port.height():
        centre = True   # larger than the window: its middle is the best that can be shown
    if centre:
        view.centerOn(rect.center())
    else:
        view.ensureVisible(rect, 40, 40)


def flash(view, box) -> QGraphicsRectItem:
    """A thick outline over `box` that fades out (and is removed) after FLASH_MS."""
    view.clear_layer(FLASH_LAYER)
    item = QGraphicsRectItem(_rect(box).adjusted(-3, -3, 3, 3))
    pen = QPen(FLASH_COLOUR, 5)
    pen.setCosmetic(True)
    item.setPen(pen)
    view.layer(FLASH_LAYER, z=50).addToGroup(item)
    fade = QVariantAnimation(view)
    fade.setStartValue(1.0)
    fade.setEndValue(0.0)
    fade.setDuration(FLASH_MS)
    fade.valueChanged.connect(lambda v: item.setOpacity(0.25 + 0.75 * abs(
        ((float(v) * 3) % 2) - 1) * float(v)) if item.scene() is not None else None)
    fade.finished.connect(lambda: view.clear_layer(FLASH_LAYER)
                          if item.scene() is not None else None)
    fade.start(QVariantAnimation.DeletionPolicy.DeleteWhenStopped)
    return item


def show_box(view, box, centre: bool = False) -> None:
    """Bring a reviewed box on screen and flash it."""
    bring_into_view(view, box, centre)
    flash(view, box)


def box_visible(view, box) -> bool:
    """Whether any of `box` is inside the view's viewport (tests and callers ask)."""
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return shown.intersects(_rect(box))
