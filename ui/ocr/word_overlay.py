"""The OCR words of the page on screen: loaded once per page, drawn as faint boxes.

`PageWords` is the one place the UI reads a page's words (the selection tool and
the overlay share it); it reloads when the page changes, OCR stores new text or a
word is corrected. Words a person corrected are drawn in green with a heavier
line; scanner noise (kept out of page text) is drawn grey, dotted and faint, and
is not selectable, so it never gets into a copy.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from recto.annotations import ocr_store
from recto.annotations.model import OcrWord

LAYER = "ocr-words"
NOISE_OPACITY = 0.45  # with the grey fill: a veil over the noise, fainter than words


class PageWords(QObject):
    """Words of the page the view shows, in reading order (as stored)."""
    changed = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.words: list[OcrWord] = []   # what can be selected: the page text's words
        self.all: list[OcrWord] = []     # every current word, deleted ones too (numbering)
        self.noise: list[OcrWord] = []   # scanner artefacts: shown dimmed, never selected
        self.key: tuple[str, int] | None = None
        window.view.page_shown.connect(lambda *_: self.reload())
        window.session.changed.connect(self._on_change)
        window.session.project_closed.connect(self.reload)

    def reload(self) -> None:
        session, view = self.window.session, self.window.view
        if session.project is None or session.document is None or not view.path:
            self.key, self.words, self.all, self.noise = None, [], [], []
        else:
            self.key = (session.document.id, view.page_index)
            sha = session.document.sha256
            self.all = ocr_store.current_words(session.project, sha, view.page_index)
            self.words = [w for w in self.all if w.text]
            self.noise = [w for w in ocr_store.current_words(
                session.project, sha, view.page_index, noise=True) if w.text]
        self.changed.emit()

    def _on_change(self, changes) -> None:
        if changes is not None and changes.touches("page_texts"):
            self.reload()


class WordOverlay(QObject):
    """Faint boxes over every OCR word: one path item per look (cheap at 500+ words a page)."""

    def __init__(self, view, words: PageWords):
        super().__init__(view)
        self.view, self.words = view, words
        self.visible = False
        self.item: QGraphicsPathItem | None = None            # words as read
        self.corrected_item: QGraphicsPathItem | None = None  # words a person retyped
        self.noise_item: QGraphicsPathItem | None = None      # scanner noise, dimmed
        words.changed.connect(self.redraw)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.redraw()

    def redraw(self) -> None:
        self.view.clear_layer(LAYER)
        self.item = self.corrected_item = self.noise_item = None
        if not self.visible:
            return
        read = [w for w in self.words.words if not w.corrected]
        fixed = [w for w in self.words.words if w.corrected]
        self.noise_item = self._add(self.words.noise, QColor(70, 70, 70), 1.2,
                                    Qt.PenStyle.DotLine, QColor(120, 120, 120, 150),
                                    NOISE_OPACITY)
        self.item = self._add(read, QColor(0, 110, 220, 150), 1.0, Qt.PenStyle.SolidLine,
                              QColor(0, 110, 220, 28))
        self.corrected_item = self._add(fixed, QColor(0, 150, 60), 2.0, Qt.PenStyle.SolidLine,
                                        QColor(0, 170, 70, 45))

    def _add(self, words: list[OcrWord], colour: QColor, width: float, style: Qt.PenStyle,
             fill: QColor, opacity: float = 1.0) -> QGraphicsPathItem | None:
        if not words:
            return None
        path = QPainterPath()
        for w in words:
            path.addRect(QRectF(w.bbox.x0, w.bbox.y0, w.bbox.width, w.bbox.height))
        pen = QPen(colour, width, style)
        pen.setCosmetic(True)
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(QBrush(fill))
        item.setOpacity(opacity)
        self.view.layer(LAYER, z=5).addToGroup(item)
        return item
