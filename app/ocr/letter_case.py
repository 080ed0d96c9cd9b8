"""Capitals read where the ink shows small letters, for letters whose capital is the same
shape drawn taller (c o s v w x z).

Tesseract tells "s" from "S" by the glyph's height against the line it places the letters
on. A redaction box drawn down onto the next typed line cuts its ascenders at the box's
edge, and that edge, a frame Tesseract's layout needs, sits where a capital's top would:
"2. Iran and Poland Settle press differences" (cib_02869423_p2; its "s" is 28 px tall,
the word's "e" 27-28, the page's capital S 37, at 300 dpi). A worn "s" whose top is
faint reads "Status" as well (cib_02993982_p3). Taking such edges out of the page
mended the first, but changed lines on eight other pages, most for the worse (measured),
so the case is mended on the word alone, from its own ink: a first letter no taller than
the word's small letters is small.
"""
from __future__ import annotations

import re

import numpy as np

from recto.app.ocr.punctuation import word_pieces
from recto.app.ocr.rows import box_of, copy, lines

# A capital whose small letter is the same shape, then small letters, then punctuation.
SAME_SHAPE = re.compile(r"^(?P<first>[COSVWXZ])(?P<rest>[a-z]{2,})(?P<end>[.,;:'’]?)$")
# A first letter within this factor of the word's small letters' height (their median) is
# small: first letters read as capitals but small in the ink measured 1.00-1.09 (a round
# "s" overshoots), true capitals 1.17 or more, about 1.35 on most typed lines (the 39
# bench pages and their 200 and 400 dpi rescans). Below it, a first piece is
# a broken capital's top half, no small letter.
SMALL = 1.13
# The word's small letters are those under 0.85 of the line's tall ones (its 90th
# percentile of heights: capitals, ascenders, descenders), and they must stand at least
# 0.55 of them (0.72-0.78 on typed pages): a word read "Staff" whose "a" is joined to
# its "ff" has none to measure by, and the pieces of worn type are not letters.
X_SHARE = (0.55, 0.85)
MIN_AREA = 60         # px of ink at 300 dpi: a letter, not a speck or a stop
WIDE = 2.0            # x its height: wider is a rule's piece the box caught, no letter
START = 0.25          # x its height: the first letter starts the word's box, or the box
                      # caught a piece of it in something wider


def letter_case(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with such capitals made small."""
    out = data
    for rows in lines(data).values():
        found = [(i, m) for i in rows if (m := SAME_SHAPE.match(data["text"][i] or ""))]
        if not found:
            continue
        letters = {k: _letters(image, box_of(data, k), dpi_scale) for k in rows}
        heights = [p[3] for pieces in letters.values() for p in pieces]
        tall = float(np.percentile(heights, 90)) if heights else 0.0
        for i, m in found:
            if _small_first(letters[i], tall):
                if out is data:
                    out = copy(data)
                out["text"][i] = m["first"].lower() + m["rest"] + m["end"]
    return out


def _letters(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float
             ) -> list[tuple[int, int, int, int, int]]:
    """The word's pieces of ink that may be letters, left to right."""
    return sorted((p for p in word_pieces(image, box)
                   if p[4] >= MIN_AREA * dpi_scale ** 2 and p[2] <= WIDE * p[3]),
                  key=lambda p: p[0])


def _small_first(letters: list[tuple[int, int, int, int, int]], tall: float) -> bool:
    if len(letters) < 2 or letters[0][0] > START * letters[0][3] or not tall:
        return False
    first = letters[0][3]
    lo, hi = X_SHARE
    # the word's small letters: under the line's tall ones, and no stops or commas
    small = [p[3] for p in letters[1:] if first / 2 <= p[3] <= hi * tall]
    if not small:
        return False
    size = float(np.median(small))
    return lo * tall <= size and size / SMALL <= first <= SMALL * size
