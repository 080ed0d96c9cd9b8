"""Selecting OCR words as a PDF viewer does: a drag selects in text flow, from the word
under (or nearest to) the press to the word nearest the release, whatever the
direction: diagonal across lines, or perfectly horizontal. Shift+click extends the
selection to a word, Ctrl+click adds or removes one word, and the keyboard extends it
(Shift+Right/Left a word, Shift+Down/Up a line, Esc clears).

The selection is a list of words of the page on screen, kept in reading order, so
Ctrl+C copies them as they are read and claims/mentions can anchor to them. Scanner
noise is not among them (the overlay shows it dimmed), nor words deleted by hand.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from recto.annotations.model import Box, OcrWord
from recto.app.text.reading_order import page_text

SELECTION_LAYER = "word-selection"
CLICK_PT = 2.0  # a drag shorter than this is a click


def _rect(word: OcrWord) -> QRectF:
    return QRectF(word.bbox.x0, word.bbox.y0, word.bbox.width, word.bbox.height)


def _distance(word: OcrWord, point: QPointF) -> float:
    b = word.bbox
    dx = max(b.x0 - point.x(), 0.0, point.x() - b.x1)
    dy = max(b.y0 - point.y(), 0.0, point.y() - b.y1)
    return dx * dx + dy * dy


class WordSelectTool(QObject):
    """A PageView tool (press/move/release in PDF points) over a `PageWords`."""
    selection_changed = Signal()
    cursor = Qt.CursorShape.IBeamCursor

    def __init__(self, view, words, parent=None):
        super().__init__(parent)
        self.view, self.words = view, words
        self.selected: list[OcrWord] = []
        self._origin: QPointF | None = None
        self._anchor: OcrWord | None = None   # where a drag or Shift+click extends from
        self._key = None
        words.changed.connect(self._words_changed)

    def _words_changed(self) -> None:
        """A correction reloads the page's words: the same words stay selected."""
        same = [w for w in self.words.words
                if any((w.seq, w.bbox) == (s.seq, s.bbox) for s in self.selected)]
        self.set_selection(same if self.words.key == self._key else [])
        self._key = self.words.key

    # -- mouse ------------------------------------------------------------------
    def press(self, point: QPointF, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        word = self.word_at(point)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if word is not None:
                chosen = [w for w in self.selected if w is not word]
                self.set_selection(chosen if len(chosen) < len(self.selected)
                                   else [*self.selected, word])
            return True
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            target = word or self.nearest_word(point)
            if target is not None:
                anchor = self._anchor if self._anchor is not None else (
                    self.selected[0] if self.selected else target)
                self._anchor = anchor
                self.set_selection(self.flow(anchor, target))
            return True
        self._origin = point
        self._anchor = self.nearest_word(point)
        return True

    def move(self, point: QPointF, event) -> bool:
        if self._origin is None:
            return False
        end = self.nearest_word(point)
        if self._anchor is not None and end is not None and self._dragged(point):
            self._draw(self.flow(self._anchor, end))
        return True

    def release(self, point: QPointF, event) -> bool:
        if self._origin is None:
            return False
        dragged = self._dragged(point)
        self._origin = None
        if not dragged:
            word = self.word_at(point)
            self._anchor = word
            self.set_selection([word] if word is not None else [])
        else:
            end = self.nearest_word(point)
            self.set_selection(self.flow(self._anchor, end)
                               if self._anchor is not None and end is not None else [])
        return True

    def _dragged(self, point: QPointF) -> bool:
        if self._origin is None:
            return False
        delta = point - self._origin
        return abs(delta.x()) >= CLICK_PT or abs(delta.y()) >= CLICK_PT

    # -- keyboard -----------------------------------------------------------------
    def key(self, event) -> bool:
        """Shift+arrows move the end of the selection through the words in reading order."""
        if event.key() == Qt.Key.Key_Escape and self.selected:
            self.set_selection([])
            return True
        if not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier) or not self.words.words:
            return False
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(event.key())
        lines = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
        if step is None and lines is None:
            return False
        words = self.words.words
        index = {id(w): i for i, w in enumerate(words)}
        start = index[id(self.selected[0])] if self.selected else 0
        end = index[id(self.selected[-1])] if self.selected else -1
        if lines is not None:
            end = self._line_step(end, lines)
        elif step is not None:
            end += step
        end = max(start, min(len(words) - 1, end))
        self.set_selection(words[start:end + 1])
        return True

    def _line_step(self, end: int, lines: int) -> int:
        """The last word of the line `lines` away from the line holding word `end`."""
        words = self.words.words
        keys = [(w.block, w.par, w.line) for w in words]
        order = list(dict.fromkeys(keys))
        here = order.index(keys[max(end, 0)]) + (lines if end >= 0 else lines - 1)
        if here < 0:
            return -1
        target = order[min(here, len(order) - 1)]
        return max(i for i, k in enumerate(keys) if k == target)

    # -- selection ----------------------------------------------------------------
    def word_at(self, point: QPointF) -> OcrWord | None:
        return next((w for w in self.words.words if _rect(w).contains(point)), None)

    def nearest_word(self, point: QPointF) -> OcrWord | None:
        """The word under the point; else the nearest on the line at that height; else
        the nearest on the page (a drag may start in a margin or between lines)."""
        words = self.words.words
        if not words:
            return None
        hit = self.word_at(point)
        if hit is not None:
            return hit
        level = [w for w in words if w.bbox.y0 <= point.y() <= w.bbox.y1]
        return min(level or words, key=lambda w: _distance(w, point))

    def flow(self, first: OcrWord, last: OcrWord) -> list[OcrWord]:
        """Every word from `first` to `last` in reading order (either way round)."""
        index = {id(w): i for i, w in enumerate(self.words.words)}
        a, b = sorted((index[id(first)], index[id(last)]))
        return self.words.words[a:b + 1]

    def select_rect(self, rect: QRectF) -> None:
        self.set_selection([w for w in self.words.words if _rect(w).intersects(rect)])

    def set_selection(self, words: list[OcrWord]) -> None:
        order = {id(w): i for i, w in enumerate(self.words.words)}
        self.selected = sorted((w for w in words if id(w) in order), key=lambda w: order[id(w)])
        if not self.selected or self._anchor is not None and id(self._anchor) not in order:
            self._anchor = None
        self._draw()
        self.selection_changed.emit()

    def _draw(self, words: list[OcrWord] | None = None) -> None:
        words = self.selected if words is None else words
        self.view.clear_layer(SELECTION_LAYER)
        if not words:
            return
        path = QPainterPath()
        for w in words:
            path.addRect(_rect(w))
        item = QGraphicsPathItem(path)
        item.setPen(Qt.PenStyle.NoPen)
        item.setBrush(QBrush(QColor(40, 110, 255, 80)))
        self.view.layer(SELECTION_LAYER, z=20).addToGroup(item)

    def text(self) -> str:
        return page_text(self.selected) if self.selected else ""

    def bbox(self) -> Box | None:
        if not self.selected:
            return None
        return Box.union(w.bbox for w in self.selected)
