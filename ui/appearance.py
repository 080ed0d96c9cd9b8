"""View > Theme: follow the system, or force light or dark (remembered)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

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
    ):
        p.setColor(role, color)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(128, 128, 128))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(128, 128, 128))
    return p


def apply_theme(name: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # themes apply to the running GUI
    if name == "system":
        app.setPalette(app.style().standardPalette())
        hints = app.styleHints()
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8+
            hints.unsetColorScheme()
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if name == "dark" else app.style().standardPalette())


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
