"""What the side-by-side view draws over a page, in PDF points.

Each release's redactions are outlined in red; where the other release shows
what a box hides, that text is written into the box on a yellow ground (fitted to
it, so no neighbouring line is covered), and the words that reveal it are framed
in green on the other side. The finding in focus is drawn thicker.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from recto.annotations.model import Box
from recto.ui.plain_text import plain_tip

RED = QColor(220, 30, 30)
GREEN = QColor(20, 150, 60)
LABEL_BG = QColor(255, 236, 130, 235)
LAYER = "releases"


def _rect(box: Box) -> QRectF:
    return QRectF(box.x0, box.y0, box.width, box.height)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    return pen


def outline(group, box: Box, color: QColor, focused: bool = False) -> QGraphicsRectItem:
    item = QGraphicsRectItem(_rect(box))
    item.setPen(_pen(color, 3.5 if focused else 2.0))
    if focused:
        item.setBrush(QBrush(QColor(color.red(), color.green(), color.blue(), 40)))
    group.addToGroup(item)
    return item


def _wrap(words: list[str], lines: int) -> str:
    per_line = max(1, -(-sum(len(w) + 1 for w in words) // lines))
    out, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > per_line:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    return "\n".join(out)


def _fitted_text(text: str, box: Box, font: QFont) -> QGraphicsSimpleTextItem:
    """The text wrapped into as many lines as make it largest, scaled into the box
    (measured, so the font's real width and the screen's DPI do not matter)."""
    words = text.split() or [text]
    best: QGraphicsSimpleTextItem | None = None
    best_scale = 0.0
    for lines in range(1, min(len(words), 6) + 1):
        item = QGraphicsSimpleTextItem(_wrap(words, lines))
        item.setFont(font)
        bounds = item.boundingRect()
        scale = min((box.width - 2) / max(1.0, bounds.width()),
                    (box.height - 1) / max(1.0, bounds.height()))
        if best is None or scale > best_scale:  # a box too small for any still gets text
            best, best_scale = item, scale
    assert best is not None  # `words` is never empty, so the loop ran
    best.setScale(max(0.05, best_scale))
    return best


def label(group, box: Box, text: str, focused: bool = False):
    """The revealed text written into the box it fills, on a yellow ground (the red
    outline still shows that this release withholds it)."""
    font = QFont("Courier New")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(12)
    font.setBold(focused)
    bg = QGraphicsRectItem(_rect(box))
    bg.setBrush(QBrush(LABEL_BG))
    bg.setPen(_pen(RED, 3.5 if focused else 2.0))
    bg.setToolTip(plain_tip(text))
    item = _fitted_text(text, box, font)
    item.setBrush(QBrush(QColor(20, 20, 20)))
    bounds = item.boundingRect()
    w, h = bounds.width() * item.scale(), bounds.height() * item.scale()
    item.setPos(box.x0 + (box.width - w) / 2, box.y0 + (box.height - h) / 2)
    bg.setZValue(1)
    item.setZValue(2)
    group.addToGroup(bg)
    group.addToGroup(item)
    return item


def draw_page(view, boxes, findings, side: str, focus, page_width: float) -> None:
    """Outline `boxes`; for findings on this page, label hidden boxes or frame shown words.

    `side` is "a" or "b"; `findings` are (finding, hidden_side) for this page.
    """
    view.clear_layer(LAYER)
    group = view.layer(LAYER, z=20)
    for box in boxes:
        outline(group, box, RED)
    for f, hidden_side in findings:
        focused = f is focus
        box = f.bbox_a if side == "a" else f.bbox_b
        if hidden_side == side:
            label(group, box, f.text_revealed, focused)
        else:
            outline(group, box, GREEN, focused)
