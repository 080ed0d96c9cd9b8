"""Page rendering off the UI thread: a worker thread asks a helper process to draw
(app/render_service: MuPDF holds Python's lock while drawing, and can spin on a damaged
page; in a process it can neither stall the window nor freeze it).

Requests go into a LIFO set: the newest request (the page the person is looking
at) is rendered first; stale thumbnail requests wait or are dropped.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from recto.app.pdf.render import DEFAULT_CACHE_BYTES, PageImage
from recto.app.pdf.render_service import IsolatedRenderer


def to_qimage(image: PageImage) -> QImage:
    fmt = QImage.Format.Format_RGB888 if image.channels == 3 else QImage.Format.Format_Grayscale8
    qimg = QImage(image.samples, image.width, image.height, image.stride, fmt)
    return qimg.copy()  # own the pixels: the bytes object may go away


class RenderWorker(QThread):
    rendered = Signal(str, int, float, QImage)  # path, page_index, zoom, image
    failed = Signal(str, int, str)
    links_found = Signal(str, int, object)      # path, page_index, list of LinkInfo

    MAX_PENDING = 64

    def __init__(self, parent: QObject | None = None, cache_bytes: int = DEFAULT_CACHE_BYTES):
        super().__init__(parent)
        self._pending: list[tuple[str, int, float]] = []
        self._cond = threading.Condition()
        self._stop = False
        self._cache_bytes = cache_bytes
        self._links_wanted: tuple[str, int] | None = None

    def request_links(self, path: str, page_index: int) -> None:
        """Read a page's links in the drawing process (the newest request wins)."""
        with self._cond:
            self._links_wanted = (path, page_index)
            self._cond.notify()

    def request(self, path: str, page_index: int, zoom: float) -> None:
        key = (path, page_index, round(zoom, 3))
        with self._cond:
            if key in self._pending:
                self._pending.remove(key)
            self._pending.append(key)
            del self._pending[:-self.MAX_PENDING]
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self.wait(5000)

    def run(self) -> None:
        renderer = IsolatedRenderer(cache_bytes=self._cache_bytes)
        renderer.start()
        try:
            while True:
                with self._cond:
                    while not self._pending and not self._links_wanted and not self._stop:
                        self._cond.wait()
                    if self._stop:
                        return
                    links, self._links_wanted = self._links_wanted, None
                    if links is None:
                        path, index, zoom = self._pending.pop()
                if links is not None:
                    self.links_found.emit(*links, renderer.links(*links) or [])
                    continue
                try:
                    image = renderer.render(path, index, zoom, gray=None)
                except Exception as exc:  # noqa: BLE001 - shown on the page, never a crash
                    self.failed.emit(path, index, getattr(exc, "message", str(exc)))
                    continue
                self.rendered.emit(path, index, zoom, to_qimage(image))
        finally:
            renderer.close()
