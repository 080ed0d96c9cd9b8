"""List numbers hanging left of their items, read where the layout dropped them.

On a bulletin's contents page the items' numbers ("1.", "2.", ... "7.") stand in a column
of their own left of the text; Tesseract's automatic layout left all seven unread on one
held-out page (cib_05973621_p2), where raw Tesseract at 200 dpi read six. Unread ink just
left of a line's first word is read on the crops sheet of gaps.py and put first in that
line, when it reads as a list marker; anything else read there is left out, as the ink a
word's box missed is (the "we" of "week" read again as "WE", measured).
"""
from __future__ import annotations

import re

from recto.app.ocr.rows import Rect, box_of, copy, find, is_word, line_of, lines, put, take

# "1.", "12.", "a.", "(2)", "3)": a list marker as typed or printed ("4," is its full stop
# read as a comma, measured).
LIST_MARKER = re.compile(r"^\(?(\d{1,2}|[a-zA-Z])([.,)])$")
# A marker stands at most this many of its own heights left of its item's first word
# ("1." 1.9 before "Japanese", measured) and is at most this many heights wide.
MAX_GAP = 4.0
MAX_WIDTH = 3.0
# ... and about as tall as that word ("1." 1.0-1.2 times "Japanese", "a." 0.4 times
# "Yugoslavs", "3." read weakly as "m" in a box 1.8 times "Comment"; a speck 0.1).
MIN_HEIGHT = 0.3
MAX_HEIGHT = 2.0
# A marker read from its crop is kept from this confidence up: the crop's place and the
# marker's form say the rest ("2," read at 36 before "India-Congo:", measured).
MIN_CONF = 30.0
WEAK_CONF = 50.0


def line_led(blob: Rect, data: dict, skip: int = -1) -> tuple[tuple, Rect] | None:
    """The line (block, par, line) whose first word `blob` stands just left of, as a
    list marker stands before its item, and the box of blob and word together (read as
    one: alone on a sheet, "1." came back "t" at 0 and "7." as "1", measured); None when
    a word of that row lies left of the blob or over it, or none starts near enough.
    Row `skip` (the blob's own weak reading, when it has one) is not a word here."""
    x, y, w, h = blob
    if w > MAX_WIDTH * h:
        return None
    best, nearest, word = None, MAX_GAP * h, (0, 0, 0, 0)
    for i in range(len(data["text"])):
        if i == skip or not is_word(data, i):
            continue
        wx, wy, ww, wh = box_of(data, i)
        if min(y + h, wy + wh) - max(y, wy) <= 0.5 * min(h, wh):
            continue   # not on the blob's row
        if wx < x + w:
            return None   # a word left of the blob, or over it: not a list's margin
        if wx - (x + w) < nearest and _item_word(data, i):
            best = line_of(data, i)
            nearest, word = wx - (x + w), (wx, wy, ww, wh)
    if best is None or not MIN_HEIGHT <= h / word[3] <= MAX_HEIGHT:
        return None   # ink much taller or smaller than its word: a frame's corner, a speck
    top, bottom = min(y, word[1]), max(y + h, word[1] + word[3])
    return best, (x, top, word[0] + word[2] - x, bottom - top)


def _item_word(data: dict, i: int) -> bool:
    """A word an item could start with: two letters or digits at least (a frame's edge
    read "|" beside a corner is none; "Stikker" read at 23 is one)."""
    return sum(ch.isalnum() for ch in data["text"][i]) >= 2


def weak_marks(data: dict) -> list[int]:
    """Short rows read weakly: list numbers read as "oo" and "»" at 38 (measured) are;
    `line_led` says which stand where a marker would, and the crop's reading says
    whether they are one (a real short word there reads as itself and stays)."""
    return [i for i, text in enumerate(data["text"])
            if 0 < len((text or "").strip()) <= 2 and 0 <= float(data["conf"][i]) < WEAK_CONF]


def with_markers(data: dict, lines: list[tuple], replaced: list[tuple | None], corners,
                 results: list[dict]) -> dict:
    """`data` with each marker read (`results`, one reading per crop of marker and first
    word, its corner in `corners`) put first in the line it leads, when the crop's first
    word reads as a list marker; the weak reading it replaces (`replaced`, as `ident`
    gives it) is dropped."""
    out = copy(data)
    for line, old, (x0, y0), found in zip(lines, replaced, corners, results, strict=True):
        words = [j for j, t in enumerate(found["text"]) if (t or "").strip()]
        first = words[0] if words else -1
        if first < 0 or not LIST_MARKER.match(found["text"][first].strip()) \
                or float(found["conf"][first]) < MIN_CONF:
            continue
        gone = find(out, old) if old is not None else None
        if old is not None and gone is None:
            continue
        if gone is not None:
            take(out, gone)
        at = _first_word(out, line)
        if at is None:
            continue
        row = {key: found[key][first] for key in out}
        row.update({k: out[k][at] for k in ("level", "page_num", "block_num", "par_num",
                                            "line_num")},
                   text=_spelled(row["text"]), word_num=0,
                   left=int(found["left"][first]) + x0, top=int(found["top"][first]) + y0)
        put(out, at, row)
    return out


def moved_to_their_items(data: dict) -> dict:
    """`data` with list numbers read on lines of their own (Tesseract's layout can read
    a column of them as a block, so "3." and "6." led the page text, measured) moved to
    the front of the lines they stand before."""
    moves = []
    for rows in lines(data).values():
        i = rows[0]
        if len(rows) != 1 or not LIST_MARKER.match(data["text"][i].strip()):
            continue
        led = line_led(box_of(data, i), data, skip=i)
        if led is not None and led[0] != line_of(data, i):
            moves.append((i, led[0]))
    if not moves:
        return data
    out = copy(data)
    for i, line in sorted(moves, reverse=True):
        row = take(out, i)
        at = _first_word(out, line)
        row.update(level=5, block_num=line[0], par_num=line[1], line_num=line[2], word_num=0,
                   text=_spelled(row["text"]))
        put(out, len(out["text"]) if at is None else at, row)
    return out


def _first_word(data: dict, line: tuple) -> int | None:
    return next((i for i in range(len(data["text"]))
                 if line_of(data, i) == line and int(data["level"][i]) == 5), None)


def _spelled(marker: str) -> str:
    """A marker with its full stop ("4," is one read as a comma)."""
    text = marker.strip()
    return text if text.endswith(")") else text[:-1] + "."
