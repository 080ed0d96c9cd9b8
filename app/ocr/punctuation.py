"""Full stops Tesseract read as commas, and colons where none is printed, told apart by ink.

On typewritten pages Tesseract reads a good share of full stops as commas ("Korea," and
"Truman," for "Korea." and "Truman.", "4)," for "4).": 11 of the 70 commas it read on
the 23 transcribed pages, measured), so a quoted sentence runs on into the next. The two
marks differ in a way the word's own ink shows: a comma hangs a tail below the line and
stands taller than wide (1.33-2.2 times, 53 true commas), a full stop sits on the line
about as tall as wide (0.93-1.22, the 11). The thresholds were set on the tuned pages'
marks alone; the held-out pages' true commas (1.5 and taller) were counted afterwards.

A colon is two marks, one above the other. A weakly read word's ":" with no such pair
at its end is a misreading: the left edge of a redaction box beside "French" read
as one (pdb_0006015108_p9, at 0), a semicolon's tail as a colon's lower dot ("215):" at
35 for "215);", a court filing). All 89 colons read surely on the 39 pages have the pair
(a first version, asking for a round upper dot, missed it on 7 of them: their dots are up
to 1.33 times as wide as tall); the rule runs only below `WEAK`, as a speck can stand where
a dot belongs.

An opening quote mark read at a word's start where its first piece of ink, taken whole,
is larger than a letter is dropped whatever the word's confidence: the corner of a
redaction box's frame over "Iran" read as "“" (cib_02869423_p2). The 13 opening marks read
on the 39 pages measure 0.07-0.87 of their word's height wide and 0.1-1.0 tall; the two
frames' 2.2 and 4.7 wide. A box's slanted edge whose top the rules pass took out is left
as small as a mark ("‘India", pdb_0005996489_p4: 0.1 x 0.41), but it is a hairline: a
first piece drawn at under half the stroke of the word's letters is dropped too (that edge
0.20, specks read "‘GENERAL" and "“SUMMARY" 0.27 and 0.46; the real marks, typed with the
same ribbon or set in the same face, 0.66-1.24).

A closing quote mark is a small mark high on the line (a typewriter's '"' is one piece,
9 x 17 px). A weakly read word's quote mark with no such mark at its end is dropped: the
half-round blot and rule beside a header's "INFORMATION" read as one (cib_03003742_p2, at
59). Of the 22 words read ending in one on the 39 pages, the 18 whose mark is printed
(read at 75-96) all have it so; the other 4 were read from blots and specks.

A list number read without its full stop ("1" at 96 for "1.", its stop clear of it,
cib_02869423_p2) takes it back where the page's other list numbers in its column are read
with theirs and a full stop's mark stands just right of it on its line (`list_stops`). Of
the 39 pages, that page's "1" is the only bare number in a column of "n." numbers.
"""
from __future__ import annotations

import re

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, copy, is_word, lines

STOP_TALL = 1.25     # a full stop's height over its width at most (commas 1.33 and over)
STOP_BELOW = 0.15    # x the letters' height: how far below the line a full stop may reach
STOP_SIZE = 0.6      # x the letters' height: a full stop's width and height at most
MIN_LETTER = 20      # px of ink (at 300 dpi): a letter, not a speck beside it
WEAK = 80.0          # a colon read this surely or more is left as read
REACH = 0.25         # x the word's height: how far right of its box the colon is looked for
QUOTES = ('"', "”")  # closing quote marks: ink high on the line, small
OPENING = ("‘", "“")  # opening ones, small too: a larger first piece is a frame's edge
EDGE_SIZE = 1.2      # x the word's height: a first piece this wide or tall is no mark
THIN_MARK = 0.5      # x the letters' stroke: a first piece drawn finer is no mark (the real
#                      opening marks on the 39 pages: 0.66-1.24; specks 0.27 and 0.46, a
#                      box's slanted edge 0.20)
QUOTE_HIGH = 0.4     # x the letters' height: a quote's foot is at least this far above the line
LIST_NUMBER = re.compile(r"\d{1,2}")
COLUMN = 0.6         # x the number's height: list numbers' left edges align within this
STOP_REACH = 0.8     # x the number's height: its full stop stands within this right of it
DOT_ROUND = 2.0      # a colon's upper dot is at most this much wider than tall or taller than
#                      wide (the 89 read surely on the 39 pages: up to 1.33; a box's edge 14)


def full_stops(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels; black text on white) with the
    commas ending words whose last mark has a full stop's shape read as full stops, and a
    weak word's closing colon or quote mark that its ink does not show mended or dropped."""
    out = data
    for i in range(len(data["text"])):
        text = data["text"][i]
        if not is_word(data, i) or len(text) < 2:
            continue
        mark = None
        if text.endswith(",") and _stop(image, box_of(data, i), dpi_scale):
            mark = "."
        elif text.endswith(":") and float(data["conf"][i]) < WEAK:
            mark = _colon(image, box_of(data, i), dpi_scale)
        elif text.endswith(QUOTES) and float(data["conf"][i]) < WEAK:
            mark = _quote(image, box_of(data, i), dpi_scale, text[-1])
        elif (text.endswith(".") and text[-2:-1].isalpha() and float(data["conf"][i]) < WEAK
              and _edge_last(image, box_of(data, i))):
            mark = ""
        if mark is not None and mark != text[-1]:
            out = out if out is not data else copy(data)
            out["text"][i] = text[:-1] + mark
        if text.startswith(OPENING) and text[1:2].isalnum() and (
                _edge_first(image, box_of(data, i))
                or _thin_first(image, box_of(data, i), dpi_scale)):
            out = out if out is not data else copy(data)
            out["text"][i] = out["text"][i][1:]
    return out


def list_stops(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` with a list number read bare ("1") given the full stop the page's other list
    numbers in its column are read with, where a stop's mark stands right of it."""
    firsts = [rows[0] for rows in lines(data).values()]
    numbered = [box_of(data, i) for i in firsts
                if LIST_NUMBER.fullmatch(data["text"][i].strip()[:-1])
                and data["text"][i].strip().endswith(".")]
    out = data
    for i in firsts:
        x, y, w, h = box_of(data, i)
        if not LIST_NUMBER.fullmatch(data["text"][i].strip()) or not any(
                abs(bx - x) <= COLUMN * h for bx, *_ in numbered):
            continue
        mark = _stop_beside(image, (x, y, w, h), dpi_scale)
        if mark is not None:
            out = out if out is not data else copy(data)
            out["text"][i] = data["text"][i].strip() + "."
            out["width"][i] = mark[0] + mark[2] - x
    return out


def _stop_beside(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float
                 ) -> Piece | None:
    """The full stop's mark just right of the word's box (x, y, w, h in pixels), on the line
    of its letters, about as tall as wide; None when no such mark stands there alone."""
    x, y, w, h = box
    pieces = word_pieces(image, (x, y, w + round(STOP_REACH * h), h))
    found = letters_line([p for p in pieces if p[0] < w], dpi_scale)
    if found is None:
        return None
    line, height = found
    edge = w + round(STOP_REACH * h)
    right = [p for p in pieces if p[0] >= w - 1]
    if len(right) != 1 or right[0][0] + right[0][2] >= edge:
        return None   # none, more than a stop, or a piece the window cuts (a box's edge)
    mx, my, mw, mh, area = right[0]
    if (_stop_shaped(right[0], line, height) and mw <= STOP_TALL * mh   # round, not a dash
            and line - (my + mh) <= STOP_BELOW * height):                # on the line
        return x + mx, y + my, mw, mh, area
    return None


def _edge_first(image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the word's first piece of ink, taken whole beyond its box, is larger
    than a letter: a frame's edge or corner, not a quote mark."""
    return _edge_end(image, box, last=False)


def _edge_last(image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the word's last piece of ink, taken whole beyond its box, is larger than a
    letter: a frame's edge or corner, not a full stop."""
    return _edge_end(image, box, last=True)


def _edge_end(image: np.ndarray, box: tuple[int, int, int, int], last: bool) -> bool:
    x, y, w, h = box
    x0, y0 = (x, max(0, y - h)) if last else (max(0, x - h), max(0, y - h))
    x1 = min(image.shape[1], x + w + h) if last else x + w
    window = (image[y0:y + 2 * h, x0:x1] < DARK).astype(np.uint8)
    count, labels, stats, _ = connected_components(window, connectivity=8)
    inside = labels[y - y0:y - y0 + h, x - x0:x - x0 + w]
    cols = np.flatnonzero(inside.any(axis=0))
    if count < 2 or not cols.size:
        return False
    end = inside[:, cols[-1] if last else cols[0]]
    label = int(end[end > 0][-1 if last else 0])
    return max(int(stats[label][2]), int(stats[label][3])) > EDGE_SIZE * h


def _thin_first(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float) -> bool:
    """Whether the word's first piece of ink is drawn far finer than its letters: a speck
    or a box's slanted edge, not a quote mark typed with the same ribbon."""
    strokes = piece_strokes(image, box)
    if len(strokes) < 2:
        return False
    first = min(range(len(strokes)), key=lambda k: strokes[k][0][0])
    letters = [stroke for k, (piece, stroke) in enumerate(strokes)
               if k != first and piece[4] >= MIN_LETTER * dpi_scale ** 2]
    return bool(letters) and strokes[first][1] < THIN_MARK * float(np.median(letters))


def piece_strokes(image: np.ndarray, box: tuple[int, int, int, int]
                  ) -> list[tuple[Piece, float]]:
    """Each ink piece of the box with its stroke width: twice its largest distance from
    the paper."""
    x, y, w, h = box
    ink = (image[y:y + h, x:x + w] < DARK).astype(np.uint8)
    count, labels, stats, _ = connected_components(ink)
    out = []
    for k in range(1, count):
        px, py, pw, ph, area = (int(v) for v in stats[k])
        mask = np.pad((labels[py:py + ph, px:px + pw] == k).astype(np.uint8), 1)
        out.append(((px, py, pw, ph, area),
                    2.0 * float(cv2.distanceTransform(mask, cv2.DIST_L2, 3).max())))
    return out


Piece = tuple[int, int, int, int, int]   # x, y, w, h, area in pixels


def word_pieces(image: np.ndarray, box: tuple[int, int, int, int], reach: float = 0.0
            ) -> list[Piece]:
    """The ink pieces (x, y, w, h, area) of the word's box, `reach` x its height wider."""
    x, y, w, h = box
    ink = (image[y:y + h, x:x + w + round(reach * h)] < DARK).astype(np.uint8)
    count, _, stats, _ = connected_components(ink)
    return [(int(x), int(y), int(w), int(h), int(a)) for x, y, w, h, a in stats[1:count]]


def letters_line(pieces: list[Piece], dpi_scale: float) -> tuple[float, float] | None:
    """The letters' base line and height, from the pieces large enough to be letters."""
    letters = [p for p in pieces if p[4] >= MIN_LETTER * dpi_scale ** 2]
    if not letters:
        return None
    line = float(np.median([p[1] + p[3] for p in letters]))
    height = line - float(np.median([p[1] for p in letters]))
    return (line, height) if height > 0 else None


def _stop(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float) -> bool:
    """Whether the word's rightmost mark sits on its letters' line, about as tall as wide."""
    pieces = word_pieces(image, box)
    if len(pieces) < 2:
        return False   # no letter beside the mark to measure it by
    last = max(pieces, key=lambda p: p[0] + p[2])
    found = letters_line([p for p in pieces if p is not last], dpi_scale)
    if found is None:
        return False
    return _stop_shaped(last, *found)


def _stop_shaped(mark: Piece, line: float, height: float) -> bool:
    """A full stop's mark: at most as tall as `STOP_TALL` times its width, reaching little
    below the letters' line, small beside them."""
    _, my, mw, mh, _ = mark
    return (mh <= STOP_TALL * mw and my + mh - line <= STOP_BELOW * height
            and max(mw, mh) <= STOP_SIZE * height)


def _end_marks(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float
               ) -> tuple[list[Piece], float, float] | None:
    """The pieces of ink of the word's box and a little beyond (`REACH`), but for those the
    window's edge cuts (the next word's letter), with the letters' line and height; None
    when no letter stands there to measure marks by."""
    pieces = word_pieces(image, box, REACH)
    found = letters_line(pieces, dpi_scale) if len(pieces) >= 2 else None
    if found is None:
        return None
    edge = min(box[2] + round(REACH * box[3]), image.shape[1] - box[0])
    return [p for p in pieces if p[0] + p[2] < edge], *found


def _colon(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float) -> str | None:
    """":" or ";" as the word's last pair of marks, one above the other, shows (the lower
    one a dot, or a tail hanging below the line); "" when no such pair is printed; None
    when there is no letter to measure marks by."""
    found = _end_marks(image, box, dpi_scale)
    if found is None:
        return None
    pieces, line, height = found
    small = [p for p in pieces if max(p[2], p[3]) <= STOP_SIZE * height]
    pairs = [(upper, lower) for upper in small for lower in small
             if upper[1] + upper[3] <= lower[1] and lower[1] - upper[1] - upper[3] <= height
             and min(upper[0] + upper[2], lower[0] + lower[2]) > max(upper[0], lower[0])
             and max(upper[2], upper[3]) <= DOT_ROUND * min(upper[2], upper[3])]
    if not pairs:
        return ""
    _, lower = max(pairs, key=lambda pair: pair[1][0] + pair[1][2])
    tail = lower[3] > STOP_TALL * lower[2] and lower[1] + lower[3] - line > STOP_BELOW * height
    return ";" if tail else ":"


def _quote(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float,
           mark: str) -> str | None:
    """`mark` when the word's last piece of ink is a small mark high on its line, "" when
    it is not; None when there is no letter to measure it by."""
    found = _end_marks(image, box, dpi_scale)
    if found is None or not found[0]:
        return None
    pieces, line, height = found
    x, y, w, h, _ = max(pieces, key=lambda p: p[0] + p[2])
    return mark if max(w, h) <= height and y + h <= line - QUOTE_HIGH * height else ""
