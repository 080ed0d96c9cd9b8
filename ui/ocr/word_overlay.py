"""The OCR words of the page on screen: loaded once per page, drawn as faint boxes.

`PageWords` is the one place the UI reads a page's words (the selection tool and
the overlay share it); it reloads when the page changes or OCR stores new text.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from recto.annotations import ocr_store
from recto.annotations.model import OcrWord

LAYER = "ocr-words"


class PageWords(QObject):
    """Words of the page the view shows, in reading order (as stored)."""
    changed = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.words: list[OcrWord] = []
        self.key: tuple[str, int] | None = None
        window.view.page_shown.connect(lambda *_: self.reload())
        window.session.changed.connect(self._on_change)
        window.session.project_closed.connect(self.reload)

    def reload(self) -> None:
        session, view = self.window.session, self.window.view
        if session.project is None or session.document is None or not view.path:
            self.key, self.words = None, []
        else:
            self.key = (session.document.id, view.page_index)
            self.words = ocr_store.current_words(session.project, session.document.sha256,
                                                 view.page_index)
        self.changed.emit()

    def _on_change(self, changes) -> None:
        if changes is not None and changes.touches("page_texts"):
            self.reload()


class WordOverlay(QObject):
    """Faint boxes over every OCR word (one path item: cheap at 500+ words a page)."""

    def __init__(self, view, words: PageWords):
        super().__init__(view)
        self.view, self.words = view, words
        self.visible = False
        self.item: QGraphicsPathItem | None = None
        words.changed.connect(self.redraw)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.redraw()

    def redraw(self) -> None:
        self.view.clear_layer(LAYER)
        self.item = None
        if not self.visible or not self.words.words:
            return
        path = QPainterPath()
        for w in self.words.words:
            path.addRect(QRectF(w.bbox.x0, w.bbox.y0, w.bbox.width, w.bbox.height))
        pen = QPen(QColor(0, 110, 220, 150))
        pen.setCosmetic(True)
        self.item = QGraphicsPathItem(path)
        self.item.setPen(pen)
        self.item.setBrush(QBrush(QColor(0, 110, 220, 28)))
        self.view.layer(LAYER, z=5).addToGroup(self.item)
