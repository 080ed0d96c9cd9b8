"""The claim tool: drag a rectangle on the page to anchor a claim or its evidence."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QBrush, QColor, QPen

from recto.annotations.model import Box
from recto.ui.box_tool import BoxDragTool

LAYER = "claim-drag"


class ClaimBoxTool(BoxDragTool):
    def __init__(self, view, on_box: Callable[[Box], None], purpose: str = "claim"):
        fill = QColor("#d1342f")
        fill.setAlpha(40)
        super().__init__(view, on_box, QPen(QColor("#d1342f"), 0), QBrush(fill), LAYER)
        self.purpose = purpose
