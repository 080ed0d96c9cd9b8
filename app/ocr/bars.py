"""Black bars out of the page Tesseract reads.

A redaction bar is no text, yet beside a line it throws Tesseract's reading of that
line: on the court filings of tests/data/scans (20 bars a page, 60 px tall at 300 dpi,
up to 1950 px long) psm 3 read "undisputed" beside one as "unctsp ute" and bars as words
("Po", "P|", "es", "(a"); and the bars were 0.66-0.78 of the pages' letter-sized ink, so
the coverage check took psm 3 for a reading that had missed half the page and read each
page again in three more layouts. With the bars' bodies whitened psm 3 alone reads them
better than any layout did: "(see PUF § 212);", "See MSJ II", "(see id. ¶ 187);" where
those had junk or nothing, and no bar is a word (measured on the 39 bench pages: on the
other 36 no component is a bar).

A bar is found as `redactions/detect.py` finds one, by opening the ink with a square
thicker than any text stroke: letters vanish, solid blocks stay. Only the block's body is
whitened, so a letter that touches it ("between█", "█less") keeps its strokes.
"""
from __future__ import annotations

import cv2
import numpy as np

from recto.app.components import connected_components

WHITE = 255
STROKE = 13           # px at 300 dpi, thicker than any text stroke (detect.py's 3.2 pt)
MIN_AREA = 2000       # px at 300 dpi: a solid bullet or a bold full stop is far less
MIN_FILL = 0.8        # a component inks this share of its box at least to be looked at ...
BODY_FILL = 0.9       # ... and its opened body this share of the body's box: a band of
                      # white letters on black is full of holes, and is left to Tesseract
RIM = 2               # px: a bar's ragged edge beyond its opened body goes with it
# A component larger than this share of the page is its ground, not a bar: a negative scan
# (a microfilm's white letters on black), which Tesseract reads as it is (a drawn negative
# page: every word; with its ground whitened, only the black rims left round the letters:
# junk, measured).
MAX_PAGE_SHARE = 0.25


def whiten_bars(binary: np.ndarray, ink: np.ndarray, labels: np.ndarray,
                stats: np.ndarray, dpi: int) -> int:
    """Whiten the bodies of the black bars among the labelled components of `binary`
    (in place), and take them out of `ink`; returns how many were whitened."""
    scale = dpi / 300
    stroke = max(3, round(STROKE * scale))
    heights, widths = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    areas = stats[:, cv2.CC_STAT_AREA]
    found = np.flatnonzero((areas >= MIN_AREA * scale ** 2) & (heights >= stroke)
                           & (widths >= stroke) & (areas <= MAX_PAGE_SHARE * binary.size)
                           & (areas >= MIN_FILL * widths.astype(np.int64) * heights))
    whitened = 0
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (stroke, stroke))
    rim = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * RIM + 1, 2 * RIM + 1))
    for i in found[found > 0]:
        x, y, w, h = (int(v) for v in stats[i, :4])
        piece = (labels[y:y + h, x:x + w] == i).astype(np.uint8)
        body = cv2.morphologyEx(piece, cv2.MORPH_OPEN, square,
                                borderType=cv2.BORDER_CONSTANT, borderValue=0)
        count, parts, part_stats, _ = connected_components(body, connectivity=8)
        for k in range(1, count):
            bx, by, bw, bh, area = (int(v) for v in part_stats[k])
            if area < MIN_AREA * scale ** 2 or area < BODY_FILL * bw * bh:
                continue
            gone = cv2.dilate((parts == k).astype(np.uint8), rim) & piece
            binary[y:y + h, x:x + w][gone > 0] = WHITE
            ink[y:y + h, x:x + w][gone > 0] = False
            whitened += 1
    return whitened
