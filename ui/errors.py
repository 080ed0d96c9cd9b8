"""Showing errors: a known error is one sentence; an unknown one offers details to copy."""
from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import RectoError


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Recto") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.PlainText)  # messages quote file names and PDF text
    if isinstance(exc, RectoError):
        box.setText(exc.message)
    else:
        box.setText("Something went wrong inside Recto. Your project is saved; "
                    "the details below help to fix it.")
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("error-dialog")
    box.open()
