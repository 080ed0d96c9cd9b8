"""A dash typed between two words with spaces round it, read where Tesseract passed it over.

Typewritten briefs set a dash apart: "2. North - South Korea", "Only - Top Secret".
Tesseract's layout can leave such a lone short bar out of the line altogether, though
it reads the words either side (pdb_0005996489_p4: "North South", measured), so a quoted
heading names two places where the page names a pair.

The ink shows it: between two words of a line, in a gap wider than a space, one piece
of ink and nothing else, wider than tall, about as long as a letter is tall or shorter,
thin, its middle at mid-height of the letters. That piece is read as "-".
"""
from __future__ import annotations

import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.pieces import DARK
from recto.app.ocr.punctuation import MIN_LETTER, letters_line, piece_strokes, word_pieces
from recto.app.ocr.rows import box_of, copy, lines, put

MIN_GAP = 0.8     # x the letters' height: a gap narrower is a space, no room for a dash
MIN_LONG = 0.3    # x the letters' height: a dash is at least this long ...
MAX_LONG = 1.0    # ... and no longer (a longer bar is a rule, or two typed hyphens)
MIN_THICK = 0.4   # x the letters' stroke (at its thickest): a dash is typed about as
#                   thick (0.9 on the PDB page, 0.55 in Courier), a box's edge far thinner
#                   (1 px against 10)
MAX_THICK = 0.3   # x the letters' height: no thicker
FLAT = 2.0        # at least this many times as wide as thick
MID = (0.25, 0.75)   # its middle within this share of the letters' height, from their line
DASHES = frozenset("-–—~_")
SPECK = 4         # px at 300 dpi: ink this small beside it is dust, not another mark


def spaced_dashes(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with each dash standing alone
    between two words of a line read as "-", as surely as the words beside it: where
    Tesseract left it out, or read it weakly as marks of its own ("—-" at 26, flagged as a
    rule's piece, pdb_0005996489_p4)."""
    found: list[tuple[int, int, int | None, tuple[int, int, int, int]]] = []
    for rows in lines(data).values():
        for k, a in enumerate(rows[:-1]):
            read = rows[k + 1] if _marks(data["text"][rows[k + 1]]) else None
            after = k + 2 if read is not None else k + 1
            if after >= len(rows) or not (_word(data["text"][a])
                                          and _word(data["text"][rows[after]])):
                continue
            dash = _dash_between(data, a, rows[after], image, dpi_scale)
            if dash is not None:
                found.append((a, rows[after], read, dash))
    if not found:
        return data
    out = copy(data)
    for a, b, read, (x, y, w, h) in sorted(found, key=lambda f: f[0], reverse=True):
        sure = min(float(out["conf"][a]), float(out["conf"][b]))
        row = {key: out[key][a] for key in out} if read is None else {}
        row.update(text="-", left=x, top=y, width=w, height=h, conf=sure)
        if read is None:
            put(out, a + 1, row)
        else:
            for key, value in row.items():
                out[key][read] = value
    return out


def _word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _marks(text: str) -> bool:
    """A reading of dashes alone ("—-", "--", "~"), as a lone dash is read."""
    return bool(text) and set(text) <= DASHES


def _dash_between(data: dict, a: int, b: int, image: np.ndarray, dpi_scale: float
                  ) -> tuple[int, int, int, int] | None:
    """The box of the lone dash in the gap between words `a` and `b`, if one is there."""
    ax, ay, aw, ah = box_of(data, a)
    bx, by, bw, bh = box_of(data, b)
    left, right = ax + aw, bx
    # the letters are at least half as tall as the words' boxes: spaces are passed over
    # before any ink is measured
    if right - left < MIN_GAP * min(ah, bh) / 2:
        return None
    if not _one_mark(image, (left, min(ay, by), right, max(ay + ah, by + bh)), dpi_scale):
        return None
    pieces = word_pieces(image, (ax, ay, aw, ah)) + [
        (x + bx - ax, y + by - ay, w, h, n)
        for x, y, w, h, n in word_pieces(image, (bx, by, bw, bh))]
    measured = letters_line(pieces, dpi_scale)
    if measured is None:
        return None
    line, height = measured[0] + ay, measured[1]
    if right - left < MIN_GAP * height:
        return None
    top, bottom = int(line - 1.5 * height), int(line + 0.5 * height)
    if top < 0 or bottom <= top:
        return None
    ink = (image[top:bottom, left:right] < DARK).astype(np.uint8)
    count, _, stats, _ = connected_components(ink)
    marks = [s for s in stats[1:count] if s[4] > SPECK * dpi_scale ** 2]
    if len(marks) != 1:
        return None
    x, y, w, h, _ = (int(v) for v in marks[0])
    middle = line - (top + y + h / 2)
    if not (MIN_LONG * height <= w <= MAX_LONG * height and h <= MAX_THICK * height
            and w >= FLAT * h and MID[0] * height <= middle <= MID[1] * height
            and x > 0 and x + w < right - left):
        return None
    strokes = [stroke for box in ((ax, ay, aw, ah), (bx, by, bw, bh))
               for piece, stroke in piece_strokes(image, box)
               if piece[4] >= MIN_LETTER * dpi_scale ** 2]
    if not strokes or h < MIN_THICK * float(np.median(strokes)):
        return None
    return left + x, top + y, w, h


def _one_mark(image: np.ndarray, gap: tuple[int, int, int, int], dpi_scale: float) -> bool:
    """Whether the gap (left, top, right, bottom) holds one piece of ink larger than a
    speck, and no more."""
    left, top, right, bottom = gap
    ink = (image[top:bottom, left:right] < DARK).astype(np.uint8)
    count, _, stats, _ = connected_components(ink)
    return sum(1 for s in stats[1:count] if s[4] > SPECK * dpi_scale ** 2) == 1
