"""Short words Tesseract read from a blot flagged as noise.

The CIA bulletins' heads are flanked by two half-round ornaments, solid blots of ink as tall
as a line, and Tesseract reads them as one or two letters, sometimes surely: "w" at 78 beside
"SECURITY INFORMATION" (cib_03003742_p2), "w" at 74 (cib_02869423_p3), "ow" and "ww" at
61-64 (cib_03169410_p2); a dark speck at a page's corner read "I" at 88 (cib_03160568_p2).
A typed letter is strokes 3-6 px thick at 300 dpi: opened by a square thicker than any
text stroke (`bars.STROKE`, as redaction detection finds bars) it vanishes, while most of a
blot stays as one piece. Heavy type keeps some ink too, but in pieces, one for each
letter's thick strokes: a bold head's "TOP" or "SECRET" kept under 0.2 of its ink in its
largest piece; the ornaments 0.58-0.71 (measured over the 3,685 words of six letters or
fewer on the 39 bench pages). A word of one or two letters read from ink whose largest
opened piece is `SOLID` of it or more is kept for the overlay and left out of the text.
Digits are left alone: a bold "2." or "4" is a page or list number. So are words read
below `noise.SPECK_CONF` on a line with no sure word: the noise filter judges those with the
rest of their line, and a blot taken out of a junk line left the line's other ornament
("~w/ wow’" at 0 and 56 on cib_03185137_p2) looking like text on its own. On a line of sure
words the filter keeps a weak word as text, so there the blot is told by its ink: a punch
hole beside a release line read "rr" at 0 and "fr" at 41 on grayscale rescans of
cib_02026614_p2.
"""
from __future__ import annotations

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.bars import STROKE
from recto.app.ocr.noise import SPECK_CONF, solid
from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, line_of, lines

SOLID = 0.5          # share of the word's ink in its largest piece once opened, at least
MAX_RING = 0.4       # a blot sits on paper: at most this share of a band round it is ink
                     # (as redaction detection asks of a bar); white letters on black sit
                     # on ink, and are solid ink in their box ("to" on a negative scan)
MAX_LETTERS = 2      # a blot is read as one or two letters ("w", "ow", "ed")


def blot_words(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> set[int]:
    """Rows of `data` (Tesseract's rows, boxes in `image`'s pixels; black text on white)
    holding one or two letters read from a blot."""
    side = max(3, round(STROKE * dpi_scale))
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    out: set[int] = set()
    sure_lines = {line for line, rows in lines(data).items()
                  if any(solid(data["text"][j] or "", float(data["conf"][j])) for j in rows)}
    for i, text in enumerate(data["text"]):
        core = [ch for ch in (text or "") if ch.isalnum()]
        if not 0 < len(core) <= MAX_LETTERS or not all(ch.isalpha() for ch in core):
            continue
        if float(data["conf"][i]) < SPECK_CONF and line_of(data, i) not in sure_lines:
            continue
        x, y, w, h = box_of(data, i)
        ink = (image[max(0, y):y + h, max(0, x):x + w] < DARK).astype(np.uint8)
        total = int(np.count_nonzero(ink))
        if total == 0 or min(ink.shape) < side or _ring(image, (x, y, w, h), side) > MAX_RING:
            continue
        body = cv2.morphologyEx(ink, cv2.MORPH_OPEN, square,
                                borderType=cv2.BORDER_CONSTANT, borderValue=0)
        count, _, stats, _ = connected_components(body, connectivity=8)
        if count > 1 and stats[1:count, cv2.CC_STAT_AREA].max() >= SOLID * total:
            out.add(i)
    return out


def _ring(image: np.ndarray, box: tuple[int, int, int, int], width: int) -> float:
    """Share of ink in the band `width` px wide round `box` (within the image)."""
    x, y, w, h = box
    x0, y0 = max(0, x - width), max(0, y - width)
    outer = image[y0:y + h + width, x0:x + w + width] < DARK
    inner = outer[y - y0:y - y0 + h, x - x0:x - x0 + w]
    band = outer.size - inner.size
    return (int(np.count_nonzero(outer)) - int(np.count_nonzero(inner))) / band if band else 1.0
