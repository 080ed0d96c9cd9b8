"""Showing errors: a known error is one sentence; an unknown one offers details to copy."""
from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from recto.app.errors import RectoError


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Recto") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file names and PDF text
    if isinstance(exc, RectoError):
        box.setText(exc.message)
    else:
        box.setText("Something went wrong inside Recto. Your project is saved; "
                    "the details below help to fix it.")
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("error-dialog")
    box.open()


def install_excepthook(window: QWidget) -> None:
    """A failure inside a Qt slot reaches sys.excepthook, which only prints to stderr: show
    it with show_error (a RectoError as its sentence, anything else with details to copy)
    over the active window, keep it on stderr too, and keep the app running."""
    previous = sys.excepthook

    def hook(kind, exc, tb) -> None:
        if issubclass(kind, (KeyboardInterrupt, SystemExit)):
            previous(kind, exc, tb)
            return
        traceback.print_exception(kind, exc, tb)
        try:
            show_error(QApplication.activeWindow() or window, exc)
        except Exception:  # never let the error helper itself take the app down
            previous(kind, exc, tb)

    sys.excepthook = hook
