"""Lines Tesseract read from joined-up ink (handwriting, blots) flagged as noise.

A typed letter is a piece of ink of its own: a typed line spells about one letter or digit
for each piece of ink in its word boxes (heavy type whose letters touch up to 1.75,
"SUMMARY" read at 96; margin codes "25X11" read at 1-60, 1.25). Cursive handwriting joins
a word's letters: Tesseract reads it weakly and spells two or more letters for each piece
("or JLo a Pickte Kehoe tr" for a handwritten "No articles selected", 2.11 letters a piece
at a mean confidence of 28, cib_03003742_p2). Such a line is no text Tesseract read: kept
for the overlay, left out of the page text. An underline joins a typed word's letters too,
so thin straight rules as long as most of the word are taken out before the count (that
also split two half-round ornaments read "ow ww", 2.0 letters a piece before: blots,
which `blots.py` finds).

Measured on the 39 pages' 840 lines of four or more letters: every line read with a mean
confidence under `WEAK` and `JOINED` or more letters a piece was junk (3 lines, 2 of them
flagged noise already); the weak typed lines stood at 1.25 and under.

Printed handwriting is not joined, but a pen's line is thin: "ICELAND / US" pencilled in
cib_02003047_p3's margin, read "Tob Ae" (at the end of a typed line) and "IWS" at 17-68,
is drawn at 0.64-0.66 of the mean stroke of the page's sure words (a distance transform
of each word's ink). Of the 39 pages' words read under `SURE` with a letter and no digit,
every one so thin was junk (specks, box edges, strike lines, a map's coast); the thinnest
real ones are a printed heading's "INFORMATION." at 0.75 and a stamp's "TOP" at 0.80.
(Release numbers and exemption codes, in a thin sans-serif, reach 0.71: they hold digits.)
"""
from __future__ import annotations

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.drawings import MIN_STROKE_WORDS, SURE, stroke_words
from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, lines

WEAK = 70.0          # mean confidence of the line's words under this
JOINED = 1.8         # letters and digits for each piece of ink, at least
MIN_LETTERS = 4      # fewer letters say too little
MIN_PIECE = 20       # px of ink (at 300 dpi): a piece, not a speck
UNDERLINE = 0.8      # x the word's width: a straight row of ink this long is a rule under it,
THIN = 0.2           # when thinner than this share of the box's height (a blot is solid)
PEN = 0.7            # a weak word's strokes under this share of the page's sure words': a pen's


def joined_up_lines(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> set[int]:
    """Rows of `data` (Tesseract's rows, boxes in `image`'s pixels; black text on white)
    on lines read weakly from too few pieces of ink to be typed."""
    out: set[int] = set()
    for rows in lines(data).values():
        letters = sum(sum(ch.isalnum() for ch in data["text"][i]) for i in rows)
        if letters < MIN_LETTERS or np.mean([float(data["conf"][i]) for i in rows]) >= WEAK:
            continue
        pieces = sum(_pieces(image, box_of(data, i), MIN_PIECE * dpi_scale ** 2) for i in rows)
        if letters >= JOINED * max(1, pieces):
            out.update(rows)
    return out


def pen_words(data: dict, image: np.ndarray) -> set[int]:
    """Rows of `data` read weakly from ink drawn thinner than the page's type: a pen's."""
    sure = stroke_words(data)
    if len(sure) < MIN_STROKE_WORDS:
        return set()
    typed = float(np.median([_stroke(image, box_of(data, i)) for i in sure]))
    return {i for rows in lines(data).values() for i in rows
            if float(data["conf"][i]) < SURE and not any(ch.isdigit() for ch in data["text"][i])
            and any(ch.isalpha() for ch in data["text"][i])
            and _stroke(image, box_of(data, i)) < PEN * typed}


def _stroke(image: np.ndarray, box: tuple[int, int, int, int], pad: int = 2) -> float:
    """The mean distance of the box's ink from the paper: half its strokes' width."""
    x, y, w, h = box
    ink = (image[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad] < DARK
           ).astype(np.uint8)
    if not ink.any():
        return 0.0
    return float(cv2.distanceTransform(ink, cv2.DIST_L2, 3)[ink > 0].mean())


def _pieces(image: np.ndarray, box: tuple[int, int, int, int], least: float) -> int:
    """Pieces of ink in the box once thin straight rows of ink running under most of it
    are taken out: an underline joins a typed word's letters into one piece, as cursive
    does."""
    x, y, w, h = box
    ink = (image[y:y + h, x:x + w] < DARK).astype(np.uint8)

    def opened(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(
            cv2.MORPH_RECT, size), borderType=cv2.BORDER_CONSTANT, borderValue=0)
    long_rows = opened(ink, (max(3, h, round(UNDERLINE * w)), 1))
    rule = long_rows & (1 - opened(long_rows, (1, max(3, round(THIN * h)))))   # thin, not a blot
    count, _, stats, _ = connected_components(ink & (1 - rule))
    return int(np.count_nonzero(stats[1:count, 4] >= least))
