"""First run: the welcome screen explains the steps and opens the sample project."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPushButton


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
