"""Ringed item numbers (①...⑦) beside a bulletin's items and on its map.

A bulletin's map page keys each item to the map by a number in a ring, printed beside the
item's caption and again at its place on the map (cib_03169410_p3: 14 of them).
Tesseract reads a ring and its digit as one mark ("@", "©", "®", "#3", "(7") or not at
all. A ring is found by its shape: a round outline 1.3-2.6 times the text's height,
around a hole, filling a quarter to a third of its box (measured: 0.28-0.32 on the map
pages; a map's coastline loops 0.09-0.17). The digit inside is read on its own, with the
ring whitened away and Tesseract told to expect digits, and it stands in for what was
read there: the digit a transcriber types for the ringed number (NFKC maps "①" to "1").
Two rings printed touching are one piece of ink and are left as read. A ring printed
touching the full stop before it is one piece with it ("coup.②"): the ring is read from the
columns right of the stop, and the stop goes back to the word it ends.

On the map a ring often stands on a grid line or a coast, one piece of ink with the whole
drawing (cib_03160568_p3: 6 of its 7 map rings). Those are found as circles of the size of
the page's free rings (OpenCV's Hough transform) whose rim is inked all round: the map's
own curves make circles too, but with gaps in their rim (at most 0.90 of it inked, measured
on two map pages; the rings 0.96-1.0). The lines through such a ring are opened away before
its digit is read (a 3 x 3 opening: grid lines are 1-2 px, the digits' strokes 4-5); a line
as thick as the digit, or one that leaves the digit misshapen, leaves it unread (1 of 7 map
rings on cib_03185137_p3, 3 of 7 on cib_03160568_p3). A circle with no digit inside it (a
large "O") reads as nothing and is left. A digit read weakly is read again at twice its
size, and taken as sure only when that reading is the same digit. An unread one is not read
larger: of cib_03160568_p3's two, a ③ and a ⑤ with its top taken by a line, both read "3".
In a free ring's disc only the digit's ink is read: the largest piece and the pieces in its
columns. On a map's lines that is not done: there a ⑤ with its top taken by a line reads "4"
once the pieces its top left are gone (cib_03160568_p3 rescanned at 400 dpi).
"""
from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.pieces import Pieces
from recto.app.ocr.rows import box_of, copy, is_word, put, put_block, take

MIN_SIZE, MAX_SIZE = 1.3, 2.6    # x the text height: a ring's width and height
SQUARE = 1.2   # a ring is at most this much wider than tall, or taller (rings 1.0-1.14; a "0" 1.3)
MIN_FILL, MAX_FILL = 0.2, 0.45   # share of its box a ring's ink fills
ROUND = 0.7                      # 4 pi area / perimeter^2 of its outline at least (a circle: 1)
HOLE = 0.35                      # its hole is at least this share of the outline's area
INNER = 0.72                     # x the ring's radius: the disc read for the digit
MIN_DIGIT_INK = 0.05             # share of that disc a digit inks at least
MIN_CONF = 30.0                  # a digit read below this is not one
SURE = 80.0                      # a digit read under this is read again, LARGER times the size
LARGER = 2.0
WORD_WIDE = 2.0                  # x a ring's width: a word read round it is a word, not the ring
DIGITS = "0123456789"
STOP_WIDE = 0.5                  # x its height: how much wider a ring with a stop is at most
STOP_HIGH = 0.45                 # x the ring's height: a stop stands in its foot (0.38 seen)
STOP_GAP = 3.0                   # x the stop's height: the word it ends is this near at most
MIN_STOP_COLS = 3                # px: a stop is at least this wide ...
STOP_SIZE = 0.25                 # ... and at most this wide and tall, x the ring's height
#                                  (0.14-0.17 measured; an "F" against a capital "O": 0.42)
# Rings on the map: circles of the free rings' radius within this share ...
RADIUS_SPREAD = 0.15
MIN_FREE = 2        # ... looked for where at least this many free rings were found
HOUGH_VOTES = 15    # OpenCV's accumulator threshold: low, the rim test sorts them
RIM = 0.93          # share of a circle's rim inked (within RIM_PX of it) to be a ring
RIM_PX = 3
Rect = tuple[int, int, int, int]


def ringed_numbers(data: dict, image: np.ndarray, pieces: Pieces, text_height: float | None,
                   read_digits: Callable[[list[np.ndarray]], list[dict]]
                   ) -> tuple[dict, list[tuple]]:
    """`data` (boxes in `image`'s pixels) with each ringed number read as its digit, and
    the boxes of the rows that now hold one. `read_digits(crops)` reads each crop's words,
    with digits only (`gaps.read_crops` on a sheet)."""
    with_stops = _rings_with_stops(pieces, text_height) if text_height else {}
    rings = (list(with_stops.values()) + _rings(pieces, text_height, set(with_stops))
             if text_height else [])
    if not rings:
        return data, []
    free = len(rings)
    rings += [(box, None) for box in _rings_on_lines(image, [box for box, _ in rings])]
    crops = [_inner_disc(image, box, k >= free) for k, (box, _) in enumerate(rings)]
    kept = [(box, stop, crop) for (box, stop), crop in zip(rings, crops, strict=True)
            if crop is not None]
    if not kept:
        return data, []
    read = read_digits([crop for _, _, crop in kept])
    digits = _read_weak_larger([_digit(found) for found in read], [c for _, _, c in kept],
                               read_digits)
    out, held = copy(data), []
    for (box, stop, _), digit in zip(kept, digits, strict=True):
        if digit is None or _in_sure_word(out, box):
            continue
        held.append(box)
        before = _stop_word(out, stop) if stop is not None else None
        if before is not None and not _inside(out, box):   # on its word's line, after it
            row = {key: out[key][before] for key in out}
            x, y, w, h = box
            row.update(text=digit[0], conf=digit[1], left=x, top=y, width=w, height=h,
                       word_num=int(row["word_num"]) + 1)
            put(out, before + 1, row)
        else:
            _put(out, box, *digit)
            before = _stop_word(out, stop) if stop is not None else None
        if before is not None and not out["text"][before].endswith("."):
            out["text"][before] += "."
    return (out, held) if held else (data, [])


def _read_weak_larger(digits: list[tuple[str, float] | None], crops: list[np.ndarray],
                      read_digits: Callable[[list[np.ndarray]], list[dict]]
                      ) -> list[tuple[str, float] | None]:
    """`digits` with each weak one read again at LARGER its size (one more pass), and taken
    as sure where that reading is the same digit, surely read. A ring's digit is printed
    smaller than the text; the map's lines that the opening takes out leave it thin and
    Tesseract unsure: cib_03160568_p3's map ⑥ reads "6" at 43, and at 92 when twice the
    size. Only a reading that agrees counts: larger, a ⑤ whose top a line took reads "3"."""
    weak = [k for k, d in enumerate(digits) if d is not None and d[1] < SURE]
    if not weak:
        return digits
    larger = read_digits([cv2.resize(crops[k], None, fx=LARGER, fy=LARGER,
                                     interpolation=cv2.INTER_CUBIC) for k in weak])
    out = list(digits)
    for k, found in zip(weak, larger, strict=True):
        first, again = digits[k], _digit(found)
        if first and again and again[0] == first[0] and again[1] >= SURE:
            out[k] = again
    return out


def _rings_with_stops(pieces: Pieces, text_height: float) -> dict[int, tuple[Rect, Rect | None]]:
    """Rings printed touching the full stop before them ("coup.②", "disturbances.⑤",
    cib_02977806_p3): one piece, wider than a ring by the stop, by piece. The ring starts
    at the first column inked above the piece's foot; the ink left of it is the stop.
    Looked for first: a small stop leaves the piece round enough to pass as a ring."""
    stats = pieces.stats
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    maybe = np.flatnonzero((heights >= MIN_SIZE * text_height)
                           & (heights <= MAX_SIZE * text_height) & (widths > heights)
                           & (widths <= (SQUARE + STOP_WIDE) * heights))
    out: dict[int, tuple[Rect, Rect | None]] = {}
    for k in (int(k) for k in maybe[maybe > 0]):
        x, y, w, h = (int(v) for v in stats[k, :4])
        mask = (pieces.labels[y:y + h, x:x + w] == k).astype(np.uint8)
        foot = round((1 - STOP_HIGH) * h)
        start = int(np.argmax(mask[:foot].any(axis=0)))   # the ring's first column
        ring = mask[:, start:]
        if not (start >= MIN_STOP_COLS and h <= SQUARE * ring.shape[1]
                and ring.shape[1] <= SQUARE * h):
            continue
        fill = np.count_nonzero(ring) / ring.size
        if MIN_FILL <= fill <= MAX_FILL and _round_with_hole(ring):
            rows = np.flatnonzero(mask[:, :start].any(axis=1))
            stop = (x, y + int(rows[0]), start, int(rows[-1] - rows[0]) + 1)
            if max(stop[2], stop[3]) <= STOP_SIZE * h:
                out[k] = ((x + start, y, w - start, h), stop)
    return out


def _stop_word(data: dict, stop: Rect) -> int | None:
    """The word ending just left of `stop`, on its line: the word the stop ends."""
    sx, sy, _, sh = stop
    best, gap = None, STOP_GAP * sh
    for i in range(len(data["text"])):
        x, y, w, h = box_of(data, i)
        if is_word(data, i) and y <= sy + sh / 2 <= y + h + sh and 0 <= sx - x - w <= gap:
            best, gap = i, sx - x - w
    return best


def _rings(pieces: Pieces, text_height: float, skip: set[int]
           ) -> list[tuple[Rect, Rect | None]]:
    stats = pieces.stats
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    size = np.maximum(w, h)
    fill = area / np.maximum(w * h, 1)
    maybe = np.flatnonzero((size >= MIN_SIZE * text_height) & (size <= MAX_SIZE * text_height)
                           & (w <= SQUARE * h) & (h <= SQUARE * w)
                           & (fill >= MIN_FILL) & (fill <= MAX_FILL))
    out: list[tuple[Rect, Rect | None]] = []
    for k in maybe[maybe > 0]:
        if int(k) in skip:
            continue
        x, y, bw, bh = (int(v) for v in stats[k, :4])
        if _round_with_hole((pieces.labels[y:y + bh, x:x + bw] == k).astype(np.uint8)):
            out.append(((x, y, bw, bh), None))
    return out


def _rings_on_lines(image: np.ndarray, free: list[Rect]) -> list[Rect]:
    """Boxes of rings the size of the `free` ones that touch other ink (a map's lines)."""
    if len(free) < MIN_FREE:
        return []
    radius = float(np.median([(w + h) / 4 for _, _, w, h in free]))
    circles = cv2.HoughCircles(cv2.GaussianBlur(image, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1,
                               minDist=1.5 * radius, param1=100, param2=HOUGH_VOTES,
                               minRadius=int((1 - RADIUS_SPREAD) * radius),
                               maxRadius=int(np.ceil((1 + RADIUS_SPREAD) * radius)))
    if circles is None:
        return []
    ink = image < 128
    out: list[Rect] = []
    size = round(float(np.median([(w + h) / 2 for _, _, w, h in free])))
    for found in circles[0]:
        cx, cy, r = (float(v) for v in found)
        box = (round(cx - size / 2), round(cy - size / 2), size, size)   # the free rings' box
        if (box[0] >= 0 and box[1] >= 0 and box[0] + box[2] <= image.shape[1]
                and box[1] + box[3] <= image.shape[0]
                and not any(_overlap(box, other) for other in free + out)
                and _rim(ink, float(cx), float(cy), float(r)) >= RIM):
            out.append(box)
    return out


def _rim(ink: np.ndarray, cx: float, cy: float, r: float) -> float:
    """The share of the circle's rim with ink within RIM_PX of it."""
    angles = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    found = np.zeros(len(angles), dtype=bool)
    for dr in range(-RIM_PX, RIM_PX + 1):
        xs = np.clip(np.rint(cx + (r + dr) * np.cos(angles)).astype(int), 0, ink.shape[1] - 1)
        ys = np.clip(np.rint(cy + (r + dr) * np.sin(angles)).astype(int), 0, ink.shape[0] - 1)
        found |= ink[ys, xs]
    return float(found.mean())


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _round_with_hole(mask: np.ndarray) -> bool:
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return False
    outer = max((k for k in range(len(contours)) if hierarchy[0][k][3] == -1),
                key=lambda k: cv2.contourArea(contours[k]))
    area, perimeter = cv2.contourArea(contours[outer]), cv2.arcLength(contours[outer], True)
    if area <= 0 or 4 * np.pi * area / perimeter ** 2 < ROUND:
        return False
    holes = [cv2.contourArea(contours[k]) for k in range(len(contours))
             if hierarchy[0][k][3] == outer]
    return max(holes, default=0.0) >= HOLE * area


def _inner_disc(image: np.ndarray, box: tuple[int, int, int, int], on_lines: bool = False
                ) -> np.ndarray | None:
    """The ring's inside, white beyond INNER of its radius (the ring itself, and a digit's
    stroke where it touches the ring, go); None when nothing is printed there. On a map,
    the lines through it go too: they are thinner than the digit's strokes."""
    x, y, w, h = box
    yy, xx = np.mgrid[0:h, 0:w]
    radius = (w + h) / 4
    inside = (xx + 0.5 - w / 2) ** 2 + (yy + 0.5 - h / 2) ** 2 <= (INNER * radius) ** 2
    crop = np.where(inside, image[y:y + h, x:x + w], 255).astype(np.uint8)
    if on_lines:   # the map's lines are thinner than the digit's strokes: opened away
        kept = cv2.morphologyEx((crop < 128).astype(np.uint8), cv2.MORPH_OPEN,
                                np.ones((3, 3), np.uint8))
        crop = np.where(kept > 0, crop, 255).astype(np.uint8)
    if np.count_nonzero(crop < 128) < MIN_DIGIT_INK * np.count_nonzero(inside):
        return None
    return crop if on_lines else _digit_ink(crop)


def _digit_ink(crop: np.ndarray) -> np.ndarray:
    """`crop` with only its largest piece of ink, and the pieces in its columns: a printed
    digit is one piece (two where worn thin); the ring's arc that an off-centre box leaves in
    the disc ("(2": a stop the box took in, cib_03185137_p3's "West.②") stands beside it."""
    count, labels, stats, _ = connected_components((crop < 128).astype(np.uint8))
    if count <= 2:
        return crop
    big = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    left = stats[big, cv2.CC_STAT_LEFT]
    right = left + stats[big, cv2.CC_STAT_WIDTH]
    starts = stats[:, cv2.CC_STAT_LEFT]
    ends = starts + stats[:, cv2.CC_STAT_WIDTH]
    keep = (starts < right) & (ends > left)
    keep[0] = False
    return np.where(keep[labels], crop, 255).astype(np.uint8)


def _digit(found: dict) -> tuple[str, float] | None:
    words = [(str(t).strip(), float(c)) for t, c in zip(found.get("text", []),
                                                         found.get("conf", []), strict=True)
             if str(t).strip() and float(c) >= 0]
    if len(words) != 1:
        return None
    text, conf = words[0]
    return (text, conf) if text.isdigit() and len(text) <= 2 and conf >= MIN_CONF else None


def _inside(data: dict, box: Rect) -> list[int]:
    """The words read inside the ring."""
    return [i for i in range(len(data["text"]))
            if is_word(data, i) and _centred_in(box_of(data, i), box)]


def _in_sure_word(data: dict, box: Rect) -> bool:
    """The "ring" is a letter of a word read surely round it: Tesseract's misreadings of a
    ring are about its width ("@", "(7"); a word far wider is a word (pdb_0006007849_p4's
    foot "FOR THE PRESIDENT ONLY", set larger than its text: at 150 dpi its "D" passed for a
    ring, read "0", and took the place of "PRESIDENT")."""
    return any(float(data["conf"][i]) >= SURE and int(data["width"][i]) > WORD_WIDE * box[2]
               for i in _inside(data, box))


def _put(data: dict, box: tuple[int, int, int, int], digit: str, conf: float) -> None:
    """The digit in place of the words read inside the ring (the first keeps its place in
    the reading order), or as a line of its own where nothing was read."""
    x, y, w, h = box
    inside = _inside(data, box)
    row = {"text": digit, "conf": conf, "left": x, "top": y, "width": w, "height": h}
    if inside:
        first = inside[0]
        for key, value in row.items():
            data[key][first] = value
        for i in reversed(inside[1:]):
            take(data, i)
        return
    if data["text"]:   # a row to copy the page's own columns from
        template = {key: values[0] for key, values in data.items()}
        put_block(data, [dict(template, level=5, **row)], y)


def _centred_in(word: tuple[int, int, int, int], ring: tuple[int, int, int, int]) -> bool:
    cx, cy = word[0] + word[2] / 2, word[1] + word[3] / 2
    return ring[0] <= cx <= ring[0] + ring[2] and ring[1] <= cy <= ring[1] + ring[3]
