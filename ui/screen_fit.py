"""Windows and dialogs sized from the screen they open on, never larger than it.

The target is a 1366x768 laptop in a reading room (and 1280x720 projectors): a size
that suits a 1080p monitor is only a wish, capped by the available geometry (screen
minus task bars) and centred on it. Long titles are elided so they cannot widen a
window past the screen.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QComboBox, QWidget

COMPACT_WIDTH = 1400   # below this, panels share one tab group beside the page
FRAME_ALLOWANCE = 8    # pixels kept free for window-manager borders
TITLE_CHARS = 60       # longest title shown whole in a window title or a combo box


def available(widget: QWidget | None = None) -> QRect:
    """The usable geometry of the screen `widget` is on (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(wish: QSize, widget: QWidget | None = None, share: float = 1.0) -> QSize:
    """`wish`, capped at `share` of the available screen (less the frame allowance)."""
    area = available(widget)
    return QSize(min(wish.width(), int(area.width() * share) - FRAME_ALLOWANCE),
                 min(wish.height(), int(area.height() * share) - FRAME_ALLOWANCE))


def fit_window(widget: QWidget, width: int, height: int, share: float = 1.0,
               centre: bool = True) -> None:
    """Resize a top-level window to at most `share` of the screen and keep it on it."""
    size = fitted_size(QSize(width, height), widget, share)
    widget.setMaximumSize(max_size(widget))
    widget.resize(size)
    if centre:
        area = available(widget)
        widget.move(area.x() + (area.width() - size.width()) // 2,
                    area.y() + max(0, (area.height() - size.height()) // 2))


def max_size(widget: QWidget | None = None) -> QSize:
    area = available(widget)
    return QSize(area.width() - FRAME_ALLOWANCE, area.height() - FRAME_ALLOWANCE)


def cap_dialog(dialog: QWidget, width: int | None = None, height: int | None = None) -> None:
    """For dialogs: a wished size (if any) capped to the screen, and never grown past it."""
    dialog.setMaximumSize(max_size(dialog))
    if width is not None and height is not None:
        dialog.resize(fitted_size(QSize(width, height), dialog))


def fits(rect: QRect, widget: QWidget | None = None) -> bool:
    """Whether a saved window rectangle lies wholly on the current screen."""
    return available(widget).contains(rect)


def is_compact(widget: QWidget | None = None) -> bool:
    return available(widget).width() < COMPACT_WIDTH


def elide(text: str, chars: int = TITLE_CHARS) -> str:
    """A long title cut in the middle, so its start and its end (often a date) both show."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    head = (chars - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (chars - 1 - head):]}"


def elide_px(text: str, widget: QWidget, pixels: int) -> str:
    return QFontMetrics(widget.font()).elidedText(text, Qt.TextElideMode.ElideMiddle, pixels)


def narrow_combo(combo: QComboBox, chars: int = 30) -> None:
    """A combo box whose width does not follow its longest item (long document titles)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)


def keep_on_screen(window: QWidget) -> None:
    """A window (restored from settings), once its frame is known: the whole frame on the
    screen, shrunk and moved as little as needed."""
    area, frame, inner = available(window), window.frameGeometry(), window.geometry()
    if window.isMaximized() or window.isFullScreen() or area.contains(frame):
        return
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    window.resize(min(inner.width(), area.width() - extra_w),
                  min(inner.height(), area.height() - extra_h))
    size = window.frameGeometry().size()
    window.move(max(area.left(), min(frame.left(), area.right() + 1 - size.width())),
                max(area.top(), min(frame.top(), area.bottom() + 1 - size.height())))
