"""Strike lines taken out of the image Tesseract reads.

Declassified pages strike "TOP SECRET" through with a line across both words;
Tesseract reads it as hyphens that join them ("TOP-SECREL"). Rules are found by
morphology (an opening with a kernel several letters long); only thin ones that
letters cross are removed: a redaction bar is thick and stays for the noise filter.
Letter strokes a rule crossed are put back where ink lies just above and below it.
"""
from __future__ import annotations

import cv2
import numpy as np

WHITE = 255
# At 300 dpi (scaled with the resolution Tesseract sees): a rule is at least this long,
# about four typewriter letters (a letter's own bar, E's or T's, is one letter wide) ...
RULE_LEN_PX = 120
# ... and at most this thick (a strike line is 6 px, a box outline 1-3 px, measured;
# a redaction bar is tens of pixels).
RULE_THICK_PX = 10
# A strike line is crossed by letter stems over at least this many columns (184-223
# across "TOP SECRET"); a frame edge by none, one under a typed line by descenders
# (at most 47 on the PDB bench page, measured).
MIN_CROSSED_PX = 64


def _rect(w: int, h: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, w), max(1, h)))


def _thin_long(ink: np.ndarray, length: int, thick: int) -> np.ndarray:
    """Pixels of `ink` in horizontal runs at least `length` long and at most `thick` thick."""
    # A rule a little off the axis is a staircase of short runs: thicken it by one
    # pixel above and below so the steps overlap into one long run.
    bridged = cv2.dilate(ink, _rect(1, 3))
    long_runs = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, _rect(length, 1))
    thick_parts = cv2.morphologyEx(long_runs, cv2.MORPH_OPEN, _rect(1, thick + 3))
    thick_parts = cv2.dilate(thick_parts, _rect(3, 3))
    return cv2.bitwise_and(long_runs, cv2.bitwise_not(thick_parts))


# Rules are looked for in the gray image with this lenient threshold: deskewing spreads
# a 1 px outline over two half-gray rows, which Otsu breaks into dashes too short to
# be a rule (measured on the CIA bench page: 74 px pieces, 20 px gaps).
SOFT_INK = 200


def remove_rules(binary: np.ndarray, gray: np.ndarray | None = None,
                 dpi: int = 300) -> np.ndarray:
    """`binary` (black text on white) without the long thin horizontal rules that text
    crosses (strike lines), the letter strokes they crossed repaired.

    Rules shorter than a few letters are left (they may be letters' bars), and so are
    rules no text crosses: frame outlines separate the margin's codes from the text in
    Tesseract's layout analysis (removing them merged "50X1" into text lines, measured),
    and a form's underline is only touched by descenders. `gray` is the image `binary`
    was thresholded from, where the rules are found.
    """
    scale = dpi / 300
    ink = np.where(binary < 128, np.uint8(255), np.uint8(0))
    soft = ink if gray is None else np.where(gray < SOFT_INK, np.uint8(255), np.uint8(0))
    thick = max(2, round(RULE_THICK_PX * scale))
    rules = _thin_long(soft, max(20, round(RULE_LEN_PX * scale)), thick)
    if not rules.any():
        return binary
    # The soft mask is a little wider than the binary ink: take the binary ink beside it too.
    rules = cv2.bitwise_and(cv2.dilate(rules, _rect(1, 3)), ink)
    kept = cv2.bitwise_and(ink, cv2.bitwise_not(rules))
    # A stem crossing a rule has ink just above and below it: closing the gap puts it back.
    bridged = cv2.morphologyEx(kept, cv2.MORPH_CLOSE, _rect(1, thick + 4))
    crossed = cv2.bitwise_and(rules, bridged)
    count, labels = cv2.connectedComponents(rules, connectivity=8)
    columns = np.zeros(count, dtype=np.int64)
    ys, xs = np.nonzero(crossed)
    if len(xs):
        pairs = np.unique(np.stack([labels[ys, xs], xs]), axis=1)
        columns = np.bincount(pairs[0], minlength=count)
    struck = columns >= max(2, round(MIN_CROSSED_PX * scale))
    struck[0] = False
    rules = np.where(struck[labels], rules, np.uint8(0))
    kept = cv2.bitwise_or(cv2.bitwise_and(ink, cv2.bitwise_not(rules)),
                          cv2.bitwise_and(rules, crossed))
    out = np.full_like(binary, WHITE)
    out[kept > 0] = 0
    return out
