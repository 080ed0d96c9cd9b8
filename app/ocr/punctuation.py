"""Full stops Tesseract read as commas, told apart by their ink.

On typewritten pages Tesseract reads a good share of full stops as commas ("Korea," and
"Truman," for "Korea." and "Truman.", "4)," for "4).": 11 of the 70 commas it read on
the 23 transcribed pages, measured), so a quoted sentence runs on into the next. The two
marks differ in a way the word's own ink shows: a comma hangs a tail below the line and
stands taller than wide (1.33-2.2 times, 53 true commas), a full stop sits on the line
about as tall as wide (0.93-1.22, the 11). The thresholds were set on the tuned pages'
marks alone; the held-out pages' true commas (1.5 and taller) were counted afterwards.
"""
from __future__ import annotations

import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.rows import box_of, copy, is_word

STOP_TALL = 1.25     # a full stop's height over its width at most (commas 1.33 and over)
STOP_BELOW = 0.15    # x the letters' height: how far below the line a full stop may reach
STOP_SIZE = 0.6      # x the letters' height: a full stop's width and height at most
MIN_LETTER = 20      # px of ink (at 300 dpi): a letter, not a speck beside it
DARK = 128


def full_stops(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels; black text on white) with the
    commas ending words whose last mark has a full stop's shape read as full stops."""
    out = data
    for i in range(len(data["text"])):
        text = data["text"][i]
        if is_word(data, i) and len(text) >= 2 and text.endswith(",") and _stop(
                image, box_of(data, i), dpi_scale):
            out = out if out is not data else copy(data)
            out["text"][i] = text[:-1] + "."
    return out


def _stop(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float) -> bool:
    """Whether the word's rightmost mark sits on its letters' line, about as tall as wide."""
    x, y, w, h = box
    ink = (image[y:y + h, x:x + w] < DARK).astype(np.uint8)
    count, _, stats, _ = connected_components(ink)
    if count < 3:
        return False   # no letter beside the mark to measure it by
    last = max(range(1, count), key=lambda k: stats[k, 0] + stats[k, 2])
    letters = [k for k in range(1, count)
               if k != last and stats[k, 4] >= MIN_LETTER * dpi_scale ** 2]
    if not letters:
        return False
    line = float(np.median([stats[k, 1] + stats[k, 3] for k in letters]))
    height = line - float(np.median([stats[k, 1] for k in letters]))
    mx, my, mw, mh, _ = (int(v) for v in stats[last])
    return (height > 0 and mh <= STOP_TALL * mw and my + mh - line <= STOP_BELOW * height
            and max(mw, mh) <= STOP_SIZE * height)
