"""Outside text shown as text, never as Qt rich text.

Qt guesses: a QLabel (AutoText) or a tooltip that *looks* like HTML is rendered as
HTML, so a colleague's citation `<img src="file:///dev/zero">` would make Qt read
/dev/zero, and `<a href>` or `<b>` would render. Every string from a PDF, a set or
the user goes through these helpers; only markup Recto writes itself is rich.
"""
from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


class PlainLabel(QLabel):
    """A QLabel that always shows its text literally (Qt.TextFormat.PlainText)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)


def escaped(text: str) -> str:
    """`text` escaped for use inside markup Recto builds (line breaks kept)."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def plain_tip(text: str | None) -> str:
    """A tooltip string that Qt shows as `text`, literally.

    Tooltips have no text-format switch: Qt renders anything that might be rich text
    as HTML. Such text is escaped inside Recto's own wrapper; other text is left as is
    (so ordinary tooltips keep Qt's plain-text look)."""
    text = text or ""
    if not QtGui.Qt.mightBeRichText(text) and "<" not in text and "&" not in text:
        return text
    return f"<p style='white-space:pre-wrap'>{escaped(text)}</p>"


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """A message box whose text (often naming a file or quoting a PDF) stays literal."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
