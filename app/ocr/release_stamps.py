"""Release stamps read with their first word cut short or run into the next.

Pages from the CIA's reading room carry the stamp "Approved for Release: 2019/03/14
C02003047" at head and foot. Printed over a struck header, the stamp loses its first
letters to it ("roved for Release:", cib_02003047_p2); and where Tesseract stretches the
box of "Approved" over "for", the two are later taken for halves of one word split apart
and joined ("Approvedfor Release:", cib_03169410_p3; `tokens.mend_words`). The stamp's
words are fixed, so the end of "Approved" before "for Release" is spelled as stamped,
over the ink that shows, and the first word's box is ended at its own ink.
"""
from __future__ import annotations

import numpy as np

from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, copy, lines, spans

FIRST = "Approved"
RELEASE = ("Release", "Release:")
MIN_END = 3           # letters of "Approved" at least ("ved" and longer): fewer could be a speck
MIN_MISREAD = 5       # ... and this many when the first of them is misread ("Oproved")


def release_stamps(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with release stamps' first words
    spelled as stamped."""
    out = data
    for rows in lines(data).values():
        texts = [data["text"][i].strip() for i in rows]
        for k in range(len(texts) - 1, 0, -1):
            if texts[k] not in RELEASE:
                continue
            if k >= 2 and texts[k - 1].lower() == "for" and (
                    _cut(texts[k - 2]) or _stretched(data, rows[k - 2], rows[k - 1])):
                out = out if out is not data else copy(data)
                out["text"][rows[k - 2]] = FIRST
                _trim(out, rows[k - 2], rows[k - 1], image)
            break
    return out


def _cut(text: str) -> bool:
    """The end of "Approved", shorter than it: what shows of the stamp's first word; its
    first letter may be misread where a bar or header ends against it ("Oproved",
    cib_02993982_p2)."""
    if not MIN_END <= len(text) <= len(FIRST) or text == FIRST:
        return False
    end = FIRST[-len(text):]
    return text == end or (len(text) >= MIN_MISREAD and text[1:] == end[1:])


def _stretched(data: dict, first: int, then: int) -> bool:
    """Whether the stamp's first word, read whole, has a box reaching over the next word."""
    return (data["text"][first].strip() == FIRST
            and data["left"][first] + data["width"][first] > data["left"][then])


def _trim(data: dict, first: int, then: int, image: np.ndarray) -> None:
    """The first word's box ended at its own ink, short of the next word's: Tesseract
    stretched it over "for" (cib_03169410_p3), and the words were then taken for the two
    halves of one ("Approvedfor")."""
    x, y, w, h = box_of(data, first)
    room = int(data["left"][then]) - x
    if w <= room or room <= 0:
        return
    inked = spans((image[y:y + h, x:x + room] < DARK).any(axis=0))
    data["width"][first] = inked[-1][1] if inked else room
