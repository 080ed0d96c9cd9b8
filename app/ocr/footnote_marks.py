"""Footnote marks set as raised digits, read as the digits they are.

Court filings and printed reports cite their footnotes by small raised digits after a word
("benefits¹⁵", "217).¹¹") and open each footnote with the same digits. Tesseract reads
them as marks of its own: "benefits!>", "217).'!", and "'!" or "'S" alone at a
footnote's start (court filings, measured), so a quoted sentence carries junk where the
filing points to its note.

The ink tells them apart from the word: the word's last pieces stand well above its
letters' line (their foot at least `RAISE` of the letters' height above it), each as tall
as a small digit and narrower than tall. Quote marks and apostrophes are raised too, and
a typed '"' is as tall and narrow as a raised "1" (measured on the 39 bench pages: 0.5-0.7
of the letters' height), so a word read ending in a quote mark, an apostrophe, a colon or a
hyphen is left as read, and so is one whose raised end was read as letters. The raised
pieces are cropped and read on one sheet with Tesseract told to expect digits; the mark is
taken only when that reading gives as many digits as there are pieces, surely.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from recto.app.ocr.punctuation import Piece, letters_line, word_pieces
from recto.app.ocr.rows import box_of, copy, is_word, lines

RAISE = 0.4          # x the letters' height: a raised piece's foot is this far above their line
MIN_TALL = 0.6       # x the letters' height: a raised digit is at least this tall ...
MAX_TALL = 1.2       # ... and no taller than this
MIN_WIDE = 0.12      # x the letters' height: no thinner (a frame's edge is 0.01)
NARROW = 1.0         # a digit is no wider than tall
MAX_DIGITS = 3
MIN_CONF = 60.0      # the digits read at least this surely
NOT_MARKS = "\"'’”“‘:;-–—,"   # a word read ending in one of these is left as read
PAD = 6              # px of white round a crop


def footnote_marks(data: dict, image: np.ndarray,
                   read_digits: Callable[[list[np.ndarray]], list[dict]],
                   dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with the raised digits ending a
    word, or standing first on a line, read as digits. `read_digits(crops)` reads each
    crop's words with digits only (`gaps.read_crops` on a sheet)."""
    found: list[tuple[int, str, list[Piece], tuple[int, int]]] = []
    for i in range(len(data["text"])):
        if is_word(data, i):
            tail = _raised_end(data, i, image, dpi_scale)
            if tail:
                found.append((i, "end", tail, box_of(data, i)[:2]))
    for rows in lines(data).values():
        if len(rows) >= 2:
            lead = _raised_word(data, rows[0], rows[1], image, dpi_scale)
            if lead:
                found.append((rows[0], "all", lead, box_of(data, rows[0])[:2]))
    if not found:
        return data
    crops = [_crop(image, origin, pieces) for _, _, pieces, origin in found]
    out = copy(data)
    for (i, where, pieces, _), read in zip(found, read_digits(crops), strict=True):
        digits = _digits(read, len(pieces))
        if digits is None:
            continue
        text = out["text"][i]
        out["text"][i] = digits if where == "all" else text[:-len(pieces)] + digits
    return out


def _raised_end(data: dict, i: int, image: np.ndarray, dpi_scale: float) -> list[Piece]:
    """The raised digit-shaped pieces ending word `i` (boxes relative to its box), when the
    text read for them may be a misread mark: [] otherwise."""
    text = data["text"][i]
    if len(text) < 2 or text[-1] in NOT_MARKS:
        return []
    last = text[-MAX_DIGITS:]   # every end the pieces could stand for is a suffix of it
    if last.isalpha() or last.isdigit():
        return []               # read as letters, or as digits already: no ink looked at
    pieces = sorted(word_pieces(image, box_of(data, i)), key=lambda p: p[0] + p[2])
    measured = letters_line(pieces, dpi_scale) if len(pieces) >= 2 else None
    if measured is None:
        return []
    line, height = measured
    raised: list[Piece] = []
    for piece in reversed(pieces):
        if piece[1] + piece[3] > line - RAISE * height:
            break
        raised.insert(0, piece)
    tail = _glyphs(raised)
    if not all(_raised(glyph, line, height) for glyph in tail):
        return []
    k = len(tail)
    if not 0 < k <= MAX_DIGITS or k >= len(text):
        return []
    base, end = text[:-k], text[-k:]
    if (not any(ch.isalnum() for ch in base) or end.isdigit()
            or all(ch.isalpha() for ch in end)):
        return []
    return tail


def _raised_word(data: dict, i: int, after: int, image: np.ndarray,
                 dpi_scale: float) -> list[Piece]:
    """A line's first word all of whose pieces stand raised against the next word's
    letters, digit-shaped: a footnote's own mark ("'!" for "11")."""
    text = data["text"][i]
    if not text or len(text) > MAX_DIGITS or text.isdigit() or any(ch.islower() for ch in text):
        return []
    y = box_of(data, i)[1]
    ny = box_of(data, after)[1]
    others = word_pieces(image, box_of(data, after))
    measured = letters_line(others, dpi_scale) if len(others) >= 2 else None
    if measured is None:
        return []
    line, height = measured[0] + ny - y, measured[1]   # in word i's box
    pieces = _glyphs(sorted(word_pieces(image, box_of(data, i)), key=lambda p: p[0]))
    if not 0 < len(pieces) <= MAX_DIGITS or not all(_raised(p, line, height) for p in pieces):
        return []
    return pieces


def _glyphs(pieces: list[Piece]) -> list[Piece]:
    """`pieces` (left to right) with those overlapping across as one: a thin digit's
    strokes come apart when binarised (a "3" in two pieces, drawn Times at 7.5 pt)."""
    out: list[Piece] = []
    for x, y, w, h, area in pieces:
        if out and x < out[-1][0] + out[-1][2]:
            px, py, pw, ph, pa = out[-1]
            x0, y0 = min(px, x), min(py, y)
            x1, y1 = max(px + pw, x + w), max(py + ph, y + h)
            out[-1] = (x0, y0, x1 - x0, y1 - y0, pa + area)
        else:
            out.append((x, y, w, h, area))
    return out


def _raised(piece: Piece, line: float, height: float) -> bool:
    _, top, w, h, _ = piece
    return (top + h <= line - RAISE * height and MIN_TALL * height <= h <= MAX_TALL * height
            and MIN_WIDE * height <= w <= NARROW * h)


def _crop(image: np.ndarray, origin: tuple[int, int], pieces: list[Piece]) -> np.ndarray:
    x0 = origin[0] + min(p[0] for p in pieces)
    y0 = origin[1] + min(p[1] for p in pieces)
    x1 = origin[0] + max(p[0] + p[2] for p in pieces)
    y1 = origin[1] + max(p[1] + p[3] for p in pieces)
    crop = np.full((y1 - y0 + 2 * PAD, x1 - x0 + 2 * PAD), 255, dtype=np.uint8)
    crop[PAD:PAD + y1 - y0, PAD:PAD + x1 - x0] = image[y0:y1, x0:x1]
    return crop


def _digits(read: dict, count: int) -> str | None:
    """The digits read, when they are `count` and read surely."""
    words = [(t.strip(), float(c)) for t, c in zip(read["text"], read["conf"], strict=True)
             if (t or "").strip()]
    text = "".join(t for t, _ in words)
    if len(text) != count or not text.isdigit() or min(c for _, c in words) < MIN_CONF:
        return None
    return text
