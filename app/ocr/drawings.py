"""Words Tesseract read from a drawing: a map's coastlines and grid as "rovd", "a4", "fos".

A bulletin's map page is line art: two globes whose coastlines and grid lines, faint in
the scan, break into thousands of small pieces of ink. Tesseract reads dozens of them as
weak short "words" (cib_03169410_p3, read at psm 11: 36 of them in the page text, word-F1
0.834 where raw Tesseract at 150 dpi reads 0.860). The pieces differ from typed letters
in two ways their own ink shows: their strokes are thin (a pen line, about 1 px to the
background; the page's typed words 1.4-2.1, measured with a distance transform) and they
are curved or slanted, so they fill little of their box (straight dashes, such as the
dashed edges of outlined redaction boxes, fill all of theirs). Many such pieces close
together over a wide area make a drawing. A word read there (its box reaching into the
drawing) is left out of the page text, kept as noise for the overlay, when it is weak and
no surely read word shares its line: a map's typed caption, or a label read surely, stays.

Only pages whose reading left ink uncovered are looked at (on a page of text alone sure
words cover 0.8 and more of it): the check costs a labelling and a distance transform.
"""
from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.pieces import Pieces
from recto.app.ocr.rows import Rect, box_of, is_word, line_of

SURE = 80.0           # a word read from this confidence up, with 2+ letters or digits, is text
STROKE_WORD = 90.0    # words read from this confidence up, with 4+ letters, give the stroke
MIN_STROKE_WORDS = 5
THIN = 0.85           # x the page's stroke: a piece of ink this thin is a pen line's
CURVED = 0.5          # a piece filling at least this share of its box is a straight dash
MIN_PIECE = 4         # px of ink (at 300 dpi)
GROW = 3.0            # x the text height: pieces this near belong to one drawing
REGION = 12.0         # x the text height, both ways: a drawing is at least this large ...
MIN_PIECES = 30       # ... and holds this many thin pieces (on the four map pages: 34-472)


def drawn_words(data: dict, pieces: Pieces, text_height: float | None,
                keep: Iterable[Rect] = ()) -> set[int]:
    """Rows of `data` (boxes in the pixels of the image `pieces` come from) read from a
    drawing; rows whose box is in `keep` (ringed numbers read) are not."""
    strokes = stroke_words(data)
    if text_height is None or len(strokes) < MIN_STROKE_WORDS:
        return set()
    ink = pieces.ink
    dist = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    stroke = float(np.median([_mean_stroke(ink, dist, box_of(data, i)) for i in strokes]))
    found = _drawings(pieces, dist, _text_boxes(data, ink.shape), stroke, text_height)
    if found is None or not found[1].any():
        return set()
    regions, drawing = found
    sure_lines = {line_of(data, i) for i in range(len(data["text"])) if _sure(data, i)}
    kept = set(keep)
    out = set()
    for i in range(len(data["text"])):
        if (not is_word(data, i) or _sure(data, i) or line_of(data, i) in sure_lines
                or box_of(data, i) in kept):
            continue
        x, y, w, h = box_of(data, i)
        if drawing[regions[max(0, y):y + h, max(0, x):x + w]].any():
            out.add(i)
    return out


def _sure(data: dict, i: int) -> bool:
    return (is_word(data, i) and float(data["conf"][i]) >= SURE
            and sum(ch.isalnum() for ch in data["text"][i]) >= 2)


def stroke_words(data: dict) -> list[int]:
    """Rows read surely enough, and long enough, to measure the page's typed stroke by."""
    return [i for i in range(len(data["text"])) if is_word(data, i)
            and float(data["conf"][i]) >= STROKE_WORD
            and sum(ch.isalpha() for ch in data["text"][i]) >= 4]


def _mean_stroke(ink: np.ndarray, dist: np.ndarray, box: tuple[int, int, int, int]) -> float:
    x, y, w, h = box
    dark = ink[y:y + h, x:x + w] > 0
    return float(dist[y:y + h, x:x + w][dark].mean()) if dark.any() else 0.0


def _text_boxes(data: dict, shape: tuple[int, ...]) -> np.ndarray:
    boxed = np.zeros(shape, dtype=bool)
    for i in range(len(data["text"])):
        if _sure(data, i):
            x, y, w, h = box_of(data, i)
            boxed[max(0, y):y + h, max(0, x):x + w] = True
    return boxed


def _drawings(pieces: Pieces, dist: np.ndarray, boxed: np.ndarray, stroke: float,
              text_height: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(region labels, which labels are drawings): thin curved pieces of ink outside the
    text's boxes, grown together; None when there are too few such pieces for a drawing."""
    ink, count, labels, stats = pieces.ink, pieces.count, pieces.labels, pieces.stats
    dark = np.flatnonzero(ink)   # a few % of the page: looked up, not summed over it
    owner = labels.ravel()[dark]
    area = stats[:, cv2.CC_STAT_AREA]
    depth = np.bincount(owner, weights=dist.ravel()[dark], minlength=count) / np.maximum(area, 1)
    in_text = np.bincount(owner, weights=boxed.ravel()[dark], minlength=count)
    fill = area / np.maximum(stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT], 1)
    thin = ((depth <= THIN * stroke) & (in_text < 0.5 * area) & (area >= MIN_PIECE)
            & (fill < CURVED))
    thin[0] = False
    if np.count_nonzero(thin) < MIN_PIECES:   # most pages stop here
        return None
    drawn = dark[thin[owner]]          # the thin pieces' pixels
    lines = np.zeros(ink.size, dtype=np.uint8)
    lines[drawn] = 1
    size = max(3, int(GROW * text_height)) | 1
    # a square, not a disc: a disc took 35 times as long (260 ms a map page, measured)
    grown = cv2.dilate(lines.reshape(ink.shape), np.ones((size, size), np.uint8))
    n, regions, region_stats, _ = connected_components(grown, connectivity=8)
    pairs = np.unique(labels.ravel()[drawn].astype(np.int64) * n + regions.ravel()[drawn])
    per_region = np.bincount(pairs % n, minlength=n)   # thin pieces in each region
    large = REGION * text_height
    drawing = ((region_stats[:, cv2.CC_STAT_WIDTH] >= large)
               & (region_stats[:, cv2.CC_STAT_HEIGHT] >= large) & (per_region >= MIN_PIECES))
    drawing[0] = False
    return regions, drawing
