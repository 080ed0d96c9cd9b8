"""First run: the welcome screen explains the steps and opens the sample project."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QPushButton


def test_first_run_opens_the_sample_project(qtbot, tmp_path):
    from recto.ui.first_run import FirstRunDialog, show_first_run
    from recto.ui.main_window import MainWindow
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    show_first_run(window)
    (dialog,) = window.findChildren(FirstRunDialog)
    from PySide6.QtWidgets import QLabel
    assert "Add your scans" in dialog.findChild(QLabel).text()
    dialog.findChild(QPushButton, "first-run-sample").click()
    qtbot.waitUntil(lambda: window.session.project is not None, timeout=20000)
    assert window.documents.count() == 6
    assert window.session.project.name.startswith("Sample")
    window.close()


def test_dark_theme_is_applied_and_remembered(qtbot, tmp_path):
    from recto.ui.main_window import MainWindow
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.findChild(type(window.named_actions["undo"]), "theme-dark").trigger()
    assert QApplication.instance().palette().window().color().lightness() < 100
    assert settings.value("theme") == "dark"
    window.findChild(type(window.named_actions["undo"]), "theme-light").trigger()
    assert QApplication.instance().palette().window().color().lightness() > 150
    window.close()


def test_dark_theme_keeps_hints_and_dock_buttons_readable(qtbot, tmp_path):
    """Placeholder text and the docks' float/close buttons stand out from a dark ground."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLineEdit, QStyle

    from recto.ui.appearance import apply_theme
    app = QApplication.instance()
    try:
        apply_theme("dark")
        field = QLineEdit()
        qtbot.addWidget(field)
        palette = field.palette()
        hint = palette.color(QPalette.ColorRole.PlaceholderText).lightness()
        ground = palette.color(QPalette.ColorRole.Base).lightness()
        assert hint - ground >= 80, (hint, ground)
        title = palette.color(QPalette.ColorRole.Window).lightness()
        for which in (QStyle.StandardPixmap.SP_TitleBarCloseButton,
                      QStyle.StandardPixmap.SP_TitleBarNormalButton):
            image = app.style().standardIcon(which).pixmap(16, 16).toImage()
            brightest = max(image.pixelColor(x, y).lightness() for x in range(16)
                            for y in range(16) if image.pixelColor(x, y).alpha() > 128)
            assert brightest - title >= 120, (which, brightest, title)
    finally:
        apply_theme("light")


def _contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two QColors."""
    def lum(c):
        def lin(v):
            v /= 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_error_messages_stay_readable_when_the_theme_changes(qtbot, tmp_path):
    """The reference panel's error line, made in the light theme, is re-coloured for the
    dark one (the light theme's red reads at 2.3:1 on the dark window) and back."""
    import re

    from PySide6.QtGui import QColor, QPalette

    from recto.ui.appearance import apply_theme
    from recto.ui.main_window import MainWindow
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    error = window.findChild(QLabel, "ref-error")
    assert error is not None

    def readable() -> float:
        colour = QColor(re.search(r"color: (#[0-9a-f]{6})", error.styleSheet()).group(1))
        ground = QApplication.instance().palette().color(QPalette.ColorRole.Window)
        return _contrast(colour, ground)
    try:
        for theme in ("light", "dark", "light"):
            apply_theme(theme)
            assert readable() >= 4.5, (theme, error.styleSheet())
    finally:
        apply_theme("light")
        window.close()
