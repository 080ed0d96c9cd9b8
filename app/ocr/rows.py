"""Tesseract's rows (pytesseract's `image_to_data` dict of columns), as the passes that
mend a reading read and edit them: one place for a row's line, box and identity; and the
spans of ink along a line of pixels those passes measure."""
from __future__ import annotations

import itertools

import numpy as np

Rect = tuple[int, int, int, int]   # x, y, width, height in pixels

# Pieces of a word read again this near (x their height) are one word: typed spaces are
# 0.3-0.5 of it.
PIECE_GAP = 0.2


def line_of(data: dict, i: int) -> tuple:
    """The (block, paragraph, line) row `i` belongs to."""
    return data["block_num"][i], data["par_num"][i], data["line_num"][i]


def box_of(data: dict, i: int) -> Rect:
    return (int(data["left"][i]), int(data["top"][i]),
            int(data["width"][i]), int(data["height"][i]))


def union(boxes: list[Rect]) -> Rect:
    """The box holding all of `boxes`."""
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def ident(data: dict, i: int) -> tuple:
    """Row `i` as box and text: found again after other passes moved the rows about."""
    return (*box_of(data, i), data["text"][i])


def find(data: dict, row: tuple) -> int | None:
    return next((i for i in range(len(data["text"])) if ident(data, i) == row), None)


def is_word(data: dict, i: int) -> bool:
    """A word read (Tesseract's structural rows have conf -1 and no text)."""
    return bool((data["text"][i] or "").strip()) and float(data["conf"][i]) >= 0


def lines(data: dict) -> dict[tuple, list[int]]:
    """Each line's word rows, in reading order."""
    out: dict[tuple, list[int]] = {}
    for i in range(len(data["text"])):
        if is_word(data, i):
            out.setdefault(line_of(data, i), []).append(i)
    return out


def copy(data: dict) -> dict:
    return {key: list(values) for key, values in data.items()}


def take(data: dict, i: int) -> dict:
    """Row `i`, removed from `data`."""
    row = {key: data[key][i] for key in data}
    for key in data:
        del data[key][i]
    return row


def put(data: dict, at: int, row: dict) -> None:
    """`row` inserted as row `at` of `data`."""
    for key in data:
        data[key].insert(at, row[key])


def insert_at(data: dict, y: int) -> int:
    """Index of the first row of the first block of words starting below `y` (the end if
    none): where a block read apart (a crop's, an unread mark's) goes in reading order.
    Blocks with no word are passed over: Tesseract puts a box's edge, an image block, first
    whatever its height (a star under a list went to the top of cib_03017657_p2, measured)."""
    blocks = [i for i, level in enumerate(data["level"]) if int(level) == 2] + [len(data["level"])]
    for start, end in itertools.pairwise(blocks):
        if int(data["top"][start]) > y and any(is_word(data, i) for i in range(start, end)):
            return start
    return len(data["level"])


def put_block(data: dict, words: list[dict], y: int, between_lines: bool = False,
              before: int | None = None) -> None:
    """`words` (rows, in reading order) as the one line of a new block of `data`, placed
    where the blocks reach `y`: a line read apart from the page's layout. With
    `between_lines`, a block reaching over `y` is parted there and the line goes between
    its parts: a marking's line read under a release stamp that Tesseract took into one
    block with the heading below it ("FAR EAST", cib_03017657_p3). With `before`, the line
    goes just before that row, its block parted there: a place known by its row, where a
    block's top no longer tells (rows taken out of it, boxes reaching over `y`)."""
    block = max((int(b) for b in data["block_num"]), default=0) + 1
    if before is not None:
        at, parted = before, data["block_num"][before]
        for i in range(at, len(data["text"])):
            if data["block_num"][i] == parted:
                data["block_num"][i] = block + 1
    else:
        at = insert_at(data, y)
        if between_lines:
            at = _part_block(data, y, at, block + 1)
    for n, word in enumerate(words):
        put(data, at + n, dict(word, block_num=block, par_num=1, line_num=1, word_num=n + 1))


def _part_block(data: dict, y: int, at: int, tail: int) -> int:
    """Where to put a line at `y` before row `at`: the first row of the first later line of
    the block before `at` when that block starts above `y` and the line below it; that
    line and the block's rows after it are then numbered as block `tail`."""
    words = [i for i in range(at) if is_word(data, i)]
    if not words:
        return at
    block = data["block_num"][words[-1]]
    tops: dict[tuple, int] = {}
    for i in words:
        if data["block_num"][i] == block:
            key = line_of(data, i)
            tops[key] = min(tops.get(key, int(data["top"][i])), int(data["top"][i]))
    keys = list(tops)
    later = next((k for k in keys[1:] if tops[k] > y), None)
    if later is None or tops[keys[0]] > y:
        return at
    start = next(i for i in range(at) if int(data["level"][i]) >= 4 and line_of(data, i) == later)
    for i in range(start, at):
        if data["block_num"][i] == block:
            data["block_num"][i] = tail
    return start


def spans(flags) -> list[tuple[int, int]]:
    """(start, end) of each run of True in `flags` (one row or column of pixels)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(flags, np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def pieces_joined(rows: list[dict]) -> list[dict]:
    """Words read again from a crop (rows in reading order), pieces with no space between
    them joined: "invitation" came back "invi" + "tation", 1.6 pt apart where the line's
    spaces are 5 (cib_02026614_p3, measured)."""
    out: list[dict] = []
    for row in rows:
        if out:
            prev = out[-1]
            gap = int(row["left"]) - (int(prev["left"]) + int(prev["width"]))
            if gap < PIECE_GAP * max(int(prev["height"]), int(row["height"])):
                x, y, w, h = union([_box(prev), _box(row)])
                prev.update(text=str(prev["text"]) + str(row["text"]),
                            conf=min(float(prev["conf"]), float(row["conf"])),
                            left=x, top=y, width=w, height=h)
                continue
        out.append(dict(row))
    return out


def _box(row: dict) -> Rect:
    return int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"])
