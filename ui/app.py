"""Starting the desktop app."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from recto.ui.errors import install_excepthook
from recto.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName("Recto")
    QCoreApplication.setApplicationName("Recto")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # Recto never makes a bare QCoreApplication
    app.setApplicationDisplayName("Recto")
    return app


def run(project: str | None = None, sample: bool = False) -> int:
    app = make_application()
    window = MainWindow()
    install_excepthook(window)
    window.show()
    if project:
        QTimer.singleShot(
            0, lambda: window.open_project(project, create=not Path(project).exists())
        )
    elif sample:
        QTimer.singleShot(0, window.open_sample)
    else:
        def start() -> None:
            if not window.open_last_project():
                from recto.ui.first_run import show_first_run
                show_first_run(window)
        QTimer.singleShot(0, start)
    return app.exec()
