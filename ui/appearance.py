"""View > Theme: follow the system, or force light or dark (remembered)."""
from __future__ import annotations

import weakref

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QActionGroup, QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory
from shiboken6 import isValid

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    base, text, mid = QColor(37, 37, 40), QColor(225, 225, 225), QColor(53, 53, 58)
    for role, color in (
        (QPalette.ColorRole.Window, mid),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, mid),
        (QPalette.ColorRole.ToolTipBase, mid),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, mid),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(Qt.GlobalColor.red)),
        (QPalette.ColorRole.Highlight, QColor(42, 130, 218)),
        (QPalette.ColorRole.HighlightedText, QColor(Qt.GlobalColor.black)),
        (QPalette.ColorRole.Link, QColor(90, 160, 255)),
        # Grey hint text in empty fields: Qt's default is for a white field, nearly
        # invisible on this one.
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 155)),
        # Fusion draws bevels, frames and the dock title buttons from these.
        (QPalette.ColorRole.Light, QColor(90, 90, 96)),
        (QPalette.ColorRole.Midlight, QColor(70, 70, 76)),
        (QPalette.ColorRole.Mid, QColor(45, 45, 50)),
        (QPalette.ColorRole.Dark, QColor(25, 25, 28)),
        (QPalette.ColorRole.Shadow, QColor(10, 10, 12)),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(128, 128, 128))
    return p


class DarkStyle(QProxyStyle):
    """Fusion with dock title buttons (float, close) drawn in the light text colour: its
    own are grey glyphs meant for a light title bar, nearly invisible on a dark one."""

    GLYPHS = {QStyle.StandardPixmap.SP_TitleBarCloseButton: "close",
              QStyle.StandardPixmap.SP_DockWidgetCloseButton: "close",
              QStyle.StandardPixmap.SP_TitleBarNormalButton: "float"}

    def standardIcon(self, standard_icon, option=None, widget=None):
        glyph = self.GLYPHS.get(standard_icon)
        if glyph is None:
            return super().standardIcon(standard_icon, option, widget)
        icon = QIcon()
        for size in (10, 16, 24, 32):
            icon.addPixmap(_glyph(glyph, size))
        return icon


def _glyph(kind: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(235, 235, 235), max(1.2, size / 9))
    painter.setPen(pen)
    m = size * 0.22
    if kind == "close":
        painter.drawLine(QPointF(m, m), QPointF(size - m, size - m))
        painter.drawLine(QPointF(size - m, m), QPointF(m, size - m))
    else:   # a window with its title bar: float
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        box = QRectF(m, m, size - 2 * m, size - 2 * m).toRect()
        painter.drawRect(box)
        painter.fillRect(box.adjusted(0, 0, 1, -box.height() + max(2, size // 6)),
                         QColor(235, 235, 235))
    painter.end()
    return pixmap


# Message colours, (on a light window, on a dark one): each at least 4.5:1 against its
# theme's window colour (WCAG AA for text); the light theme's red is 2.3:1 on the dark one.
TONES = {"error": ("#b00020", "#ff8a80"), "warning": ("#8a5a00", "#ffcc80")}
# The toned widgets and their tones, so that a theme change re-colours them alone: walking
# every widget of the application also reached windows being torn down, and Qt aborted in
# one's setStyleSheet (once in a CI run, after a test had closed its window).
_TONED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def set_tone(widget, kind: str) -> None:
    """Colour a message as an error or a warning, readable on the theme in use, and
    again whenever the theme changes (`apply_theme` re-colours every toned widget)."""
    widget.setStyleSheet(f"color: {_tone(kind)}")
    _TONED[widget] = kind


def _tone(kind: str) -> str:
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return TONES[kind][window.lightness() < 128]


def _retone() -> None:
    for widget, kind in list(_TONED.items()):
        if isValid(widget):
            widget.setStyleSheet(f"color: {_tone(kind)}")


def apply_theme(name: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # themes apply to the running GUI
    if name == "system":
        app.setPalette(app.style().standardPalette())
        hints = app.styleHints()
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8+
            hints.unsetColorScheme()
    else:
        fusion = QStyleFactory.create("Fusion")
        app.setStyle(DarkStyle(fusion) if name == "dark" else fusion)
        app.setPalette(dark_palette() if name == "dark" else app.style().standardPalette())
    _retone()


def install(window) -> None:
    menu = window.view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    current = window.settings.value("theme", "system")
    for name in THEMES:
        action = menu.addAction(name.title())
        action.setCheckable(True)
        action.setChecked(name == current)
        action.setObjectName(f"theme-{name}")
        group.addAction(action)
        action.triggered.connect(lambda _c=False, n=name: _choose(window, n))
    if current != "system":
        apply_theme(current)


def _choose(window, name: str) -> None:
    window.settings.setValue("theme", name)
    apply_theme(name)
