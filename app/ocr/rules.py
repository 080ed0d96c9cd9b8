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

from recto.app.components import connected_components

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
    soft_source = binary if gray is None else gray
    soft_level = 128 if gray is None else SOFT_INK
    _, soft = cv2.threshold(soft_source, soft_level - 1, 255, cv2.THRESH_BINARY_INV)
    length = max(20, round(RULE_LEN_PX * scale))
    thick = max(2, round(RULE_THICK_PX * scale))
    out = binary
    for a, b, core in _bands(soft, length, thick):
        source = binary[a:b]
        band = _remove_in_band(source, soft[a:b], length, thick, scale)
        if band is not source:
            if out is binary:
                out = binary.copy()
            rows = slice(core[0] - a, core[1] - a)
            out[core[0]:core[1]] = band[rows]
    return out


def _bands(soft: np.ndarray, length: int, thick: int) -> list[tuple[int, int, tuple[int, int]]]:
    """Bands of rows (start, end, (core start, core end)) that may hold a rule, found on
    a half-size copy: full-size morphology over the whole page cost ~0.2 s a page
    (measured), a few bands of rows a fraction of that. The half-size search is lenient
    (any ink in a 2x2 block, half the length, the full thickness), so it finds every rule
    the full-size one does, and the band around it gives the full-size steps their context."""
    h, w = soft.shape
    half = cv2.resize(soft, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    _, half = cv2.threshold(half, 0, 255, cv2.THRESH_BINARY)
    found = _thin_long(half, max(10, length // 2 - 2), thick)
    rows = np.flatnonzero(found.max(axis=1))
    if not len(rows):
        return []
    pad, margin = 2 * (thick + 5), 3
    cores: list[list[int]] = []
    for r in rows.tolist():
        lo, hi = max(0, 2 * int(r) - margin), min(h, 2 * int(r) + 2 + margin)
        if cores and lo <= cores[-1][1]:
            cores[-1][1] = max(cores[-1][1], hi)
        else:
            cores.append([lo, hi])
    return [(max(0, lo - pad), min(h, hi + pad), (lo, hi)) for lo, hi in cores]


def _remove_in_band(binary: np.ndarray, soft: np.ndarray, length: int, thick: int,
                    scale: float) -> np.ndarray:
    """`remove_rules` on one band of rows (`binary` itself when it holds no strike line)."""
    _, ink = cv2.threshold(binary, 127, 255, cv2.THRESH_BINARY_INV)
    rules = _thin_long(soft, length, thick)
    if not rules.any():
        return binary
    # The soft mask is a little wider than the binary ink: take the binary ink beside it too.
    rules = cv2.bitwise_and(cv2.dilate(rules, _rect(1, 3)), ink)
    count, labels, stats, _ = connected_components(rules, connectivity=8)
    pad, least = thick + 4, max(2, round(MIN_CROSSED_PX * scale))
    out = binary
    for k in range(1, count):   # each rule in its own band of rows: a page has a few dozen
        x, y, w, h = (int(v) for v in stats[k, :4])
        if w < least:
            continue
        y0, y1, x1 = max(0, y - pad), min(binary.shape[0], y + h + pad), x + w
        band_ink = ink[y0:y1, x:x1]
        rule = labels[y0:y1, x:x1] == k
        # A stem crossing a rule has ink just above and below it: closing the gap puts it back.
        kept = cv2.bitwise_and(band_ink, cv2.bitwise_not(rules[y0:y1, x:x1]))
        bridged = cv2.morphologyEx(kept, cv2.MORPH_CLOSE, _rect(1, thick + 4)) > 0
        crossed = rule & bridged
        if np.count_nonzero(crossed.any(axis=0)) < least:
            continue   # a frame edge or an underline: left as it is
        if out is binary:
            out = binary.copy()
        out[y0:y1, x:x1][rule & ~crossed] = WHITE
    return out


# --- slanted strike lines ------------------------------------------------------------

# Declassifiers also strike "TOP SECRET" with a pen line at 15-30 degrees (20-24 measured
# on the CIA bulletins), which Tesseract reads as letters ("TO. RET", "TOP-SECRET").
# Lines between these angles are looked for: flatter ones are `remove_rules`' job,
# steeper ones are frame sides and letter stems.
SLANT_DEGREES = (8.0, 60.0)
# At 300 dpi: a pen stroke is at least this long (half a typed line of "TOP SECRET" is
# ~500 px; a letter's stroke is under 60, an italic one under 80) ...
SLANT_LEN_PX = 200
# ... and along most of its length a thin run of ink across it (a pen line is 4-8 px
# thick; where a letter crosses it the run is longer, and that ink stays).
SLANT_THICK_PX = 10
SLANT_INKED = 0.85       # share of its length with ink on the line: a line, not aligned letters
SLANT_THIN = 0.5         # share of its length where it stands alone (not crossing a letter)


def slanted_rules(binary: np.ndarray, dpi: int = 300) -> np.ndarray | None:
    """The pixels of long thin pen lines at a slant in `binary` (black text on white),
    None when there is none.

    Found with the probabilistic Hough transform on a half-size copy without its black
    bars (10-50 ms a page, measured); each candidate is checked along its length on the
    full image, and only where the line's ink stands alone is it taken, so letters it
    crosses keep their strokes when it is whitened (`struck.py`)."""
    scale = dpi / 300
    length = max(40, round(SLANT_LEN_PX * scale))
    thick = max(3, round(SLANT_THICK_PX * scale))
    h, w = binary.shape
    # white where all of a 2x2 block is white: any ink in it is ink at half size
    half = cv2.resize(binary, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA) < 255
    # black bars out first: no pen line, and a court page's bars gave the transform 600
    # segments to check (107 ms; 21 without them, measured)
    wide = _rect(thick + 1, thick + 1)    # half-size pixels: twice a pen line's thickness
    bars = cv2.dilate(cv2.morphologyEx(half.astype(np.uint8), cv2.MORPH_OPEN, wide), _rect(5, 5))
    found = cv2.HoughLinesP((half & (bars == 0)).astype(np.uint8), 1, np.pi / 180,
                            threshold=length // 3, minLineLength=length // 2,
                            maxLineGap=max(2, thick // 2))
    if found is None:
        return None
    ink = binary < 128
    erase = np.zeros_like(ink)
    lo, hi = SLANT_DEGREES
    for seg in 2 * found.reshape(-1, 4).astype(int):
        x0, y0, x1, y1 = (int(v) for v in seg)
        degrees = abs(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        if lo <= min(degrees, 180 - degrees) <= hi:
            _mark_line(ink, erase, (x0, y0, x1, y1), thick)
    return erase if erase.any() else None


def _mark_line(ink: np.ndarray, erase: np.ndarray, seg: tuple[int, int, int, int],
               thick: int) -> None:
    """Mark in `erase` the ink of the pen line near `seg` where it stands alone, if the
    segment is such a line: inked along most of its length, and thin along half of it
    (aligned letters are neither)."""
    x0, y0, x1, y1 = seg
    size = float(np.hypot(x1 - x0, y1 - y0))
    d = np.array([x1 - x0, y1 - y0]) / size
    reach = thick + 6           # the half-size line may lie a few pixels off the stroke
    offsets = np.arange(-reach, reach + 0.5, 0.5)   # half a pixel: no holes between samples
    steps = np.arange(0.0, size, 1.0)
    xi = np.rint(x0 + steps[:, None] * d[0] - offsets[None, :] * d[1]).astype(int)
    yi = np.rint(y0 + steps[:, None] * d[1] + offsets[None, :] * d[0]).astype(int)
    inside = (xi >= 0) & (yi >= 0) & (xi < ink.shape[1]) & (yi < ink.shape[0])
    on = np.zeros(xi.shape, bool)
    on[inside] = ink[yi[inside], xi[inside]]
    centre = int(np.argmax(np.convolve(on.mean(axis=0), np.ones(5), "same")))
    inked = on[:, centre]
    if inked.sum() < SLANT_INKED * len(steps):
        return
    # each step's run of ink through the centre, as far as it goes either way
    last = len(offsets) - 1
    left = np.where(on[:, centre::-1].all(axis=1), centre + 1,
                    np.argmin(on[:, centre::-1], axis=1))        # pixels from the centre left
    right = np.where(on[:, centre:].all(axis=1), last - centre + 1,
                     np.argmin(on[:, centre:], axis=1))          # ... and right, centre included
    a, b = centre - left + 1, centre + right - 1
    alone = inked & ((b - a) * 0.5 <= thick) & (a > 0) & (b < last)
    if alone.sum() < SLANT_THIN * len(steps):
        return
    cols = np.arange(len(offsets))
    within = alone[:, None] & (cols[None, :] >= a[:, None]) & (cols[None, :] <= b[:, None])
    erase[yi[within], xi[within]] = True
