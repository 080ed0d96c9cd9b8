"""Textured bands along the page's edges, taken out of the image Tesseract reads.

A copy's shaded frame (diagonal hatching along three edges of a bulletin page,
cib_02026614_p3) is dense ink that Tesseract reads as rows of "\\" and "WN", that breaks
its layout, and that the coverage check counts as text left unread, so the page was read
again as sparse text (psm 11): word-F1 0.800 where raw Tesseract reads 0.907 (measured).
No text fills whole columns, or rows, of the page this densely over a band this wide:
such a band running in from an edge is whitened. Vertical text is left alone (a column
of characters is dense along the page's height).
"""
from __future__ import annotations

import numpy as np

WHITE = 255
# Bands are looked for in this outer share of each side ...
EDGE_SHARE = 0.08
# ... as columns (rows) with at least this share of ink along the page (the hatched frame:
# 0.29-0.57; a column through a text block 0.02-0.05, a row through a typed line up to
# about 0.35 at the x-height, a few rows at a time), ...
DENSE = 0.25
# ... this many of them in a row at 300 dpi (the frame's bands are 100-150 px; a typed
# line's dense rows, 10-25), where a dip this long (px) does not end a band.
MIN_BAND_PX = 40
MAX_DIP_PX = 12
MARGIN_PX = 4            # whitened beyond the band's last dense column or row


def clear_border_bands(binary: np.ndarray, dpi: int = 300) -> np.ndarray:
    """`binary` (black text on white) with dense bands along its edges whitened; the same
    array when there are none."""
    scale = dpi / 300
    ink = binary < 128
    h, w = ink.shape
    cols, rows = ink.mean(axis=0), ink.mean(axis=1)
    cuts = {"left": _band(cols, scale), "right": _band(cols[::-1], scale),
            "top": _band(rows, scale), "bottom": _band(rows[::-1], scale)}
    if not any(cuts.values()):
        return binary
    out = binary.copy()
    out[:, :cuts["left"]] = WHITE
    out[:, w - cuts["right"]:] = WHITE
    out[:cuts["top"], :] = WHITE
    out[h - cuts["bottom"]:, :] = WHITE
    return out


def _band(density: np.ndarray, scale: float) -> int:
    """How many lines in from the edge (index 0) a dense band reaches; 0 when none."""
    limit = int(len(density) * EDGE_SHARE)
    dense = density[:limit] >= DENSE
    start = int(np.argmax(dense)) if dense.any() else -1
    if start < 0:
        return 0
    end, dip = start, 0
    for i in range(start, limit):
        if dense[i]:
            end, dip = i, 0
        else:
            dip += 1
            if dip > MAX_DIP_PX * scale:
                break
    if end - start + 1 < MIN_BAND_PX * scale:
        return 0
    return min(len(density), end + 1 + round(MARGIN_PX * scale))
