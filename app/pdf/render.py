"""Rendering pages to images, with a bounded cache.

One `PageRenderer` belongs to one thread: it keeps its PyMuPDF documents open
(opening is cheap, but not free) and an LRU of rendered images bounded in bytes,
so paging through hundreds of pages keeps memory flat.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pymupdf

from recto.app.errors import CorruptPdfError, InvalidInputError
from recto.app.pdf.reader import open_pdf, page_not_drawn, short_reason

MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024
# MuPDF keeps decoded page images in its own store (256 MB by default); our LRU
# already holds what the viewer reuses, so MuPDF's store is emptied every few renders.
MAX_PIXELS = 12000 * 12000


@dataclass(frozen=True)
class PageImage:
    """Raw pixels: `samples` rows of `stride` bytes, RGB (3) or gray (1) per pixel."""
    width: int
    height: int
    stride: int
    channels: int
    samples: bytes
    zoom: float


GRAY_SPACES = ("DeviceGray", "CalGray")


def is_gray_scan(page: pymupdf.Page) -> bool:
    """Only gray images, no annotations: drawing it in colour would look the same."""
    try:
        images = page.get_images(full=True)
        return bool(images) and page.first_annot is None and all(
            img[5] in GRAY_SPACES or img[4] == 1 for img in images)
    except Exception:  # noqa: BLE001 - when unsure, draw in colour
        return False


class PageRenderer:
    def __init__(self, cache_bytes: int = DEFAULT_CACHE_BYTES, max_open_docs: int = 8):
        self._docs: OrderedDict[str, pymupdf.Document] = OrderedDict()
        self._cache: OrderedDict[tuple, PageImage] = OrderedDict()
        self._cache_bytes = cache_bytes
        self._used = 0
        self._max_docs = max_open_docs
        self._renders = 0

    def render(self, path: str, page_index: int, zoom: float,
               gray: bool | None = False) -> PageImage:
        """`gray=None`: gray when the page is a gray scan (a third of the bytes, same look)."""
        zoom = round(max(MIN_ZOOM, min(MAX_ZOOM, zoom)), 3)
        key = (path, page_index, zoom, gray)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        image = self._render(path, page_index, zoom, gray)
        self._cache[key] = image
        self._used += len(image.samples)
        while self._used > self._cache_bytes and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._used -= len(old.samples)
        return image

    def cached(self, path: str, page_index: int, zoom: float,
               gray: bool = False) -> PageImage | None:
        return self._cache.get((path, page_index, round(zoom, 3), gray))

    def _render(self, path: str, page_index: int, zoom: float,
                gray: bool | None) -> PageImage:
        doc = self._document(path)
        if not 0 <= page_index < doc.page_count:
            raise InvalidInputError(f"There is no page {page_index + 1} (the document has "
                                    f"{doc.page_count}).")
        try:
            page = doc.load_page(page_index)
            area = page.rect.width * page.rect.height
        except Exception as exc:
            raise CorruptPdfError(f"Page {page_index + 1} is damaged and cannot be shown "
                                  f"({short_reason(exc)}).") from exc
        if not area * zoom * zoom <= MAX_PIXELS:  # NaN sizes from broken files fail too
            raise InvalidInputError("That zoom would make an image too large to show.")
        if gray is None:
            gray = is_gray_scan(page)
        try:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False,
                                  colorspace=pymupdf.csGRAY if gray else pymupdf.csRGB)
        except Exception as exc:
            raise CorruptPdfError(page_not_drawn(page_index, exc)) from exc
        image = PageImage(pix.width, pix.height, pix.stride, pix.n, bytes(pix.samples), zoom)
        del pix
        self._renders += 1
        if self._renders % 4 == 0:  # PyMuPDF cannot report the store's size; trim it often
            pymupdf.TOOLS.store_shrink(100)
        return image

    def _document(self, path: str) -> pymupdf.Document:
        doc = self._docs.get(path)
        if doc is None:
            doc = open_pdf(path)
            self._docs[path] = doc
            while len(self._docs) > self._max_docs:
                _, old = self._docs.popitem(last=False)
                old.close()
        else:
            self._docs.move_to_end(path)
        return doc

    def close(self) -> None:
        for doc in self._docs.values():
            doc.close()
        self._docs.clear()
        self._cache.clear()
        self._used = 0
