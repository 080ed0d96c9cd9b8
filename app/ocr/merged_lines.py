"""Two printed lines Tesseract read as one, parted at the white rows between them.

A release line stamped just under a page's typed footer ("For The President Only - Top
Secret" over "... Release 2015/07/24 : CIA-RDP79T00936A001800190001-7") can be taken by
Tesseract's layout for one line: the words where the two meet come back about twice as
tall as the line's other words, and weak ("Release 2015/07/24 : CIA-" read "Neleace
3015/07/04 “Gla" at confidence 2-38, measured). Such a run of words is cut at the white
rows between the two prints, and each part is read again on its own from the crops
sheet of gaps.py: the run's own line replaces the run, the other part joins the printed
line it belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import numpy as np

from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import (
    Rect,
    box_of,
    copy,
    ident,
    is_word,
    line_of,
    lines,
    pieces_joined,
    put,
    spans,
    take,
    union,
)

# A weak word at least this many times as tall as its line's confident words holds two
# printed lines (the release line's merged words: 2.0, measured).
TALL = 1.6
WEAK_CONF = 50.0
MIN_LINE_WORDS = 3          # confident words a line needs for its height to be known
# A neighbour this near the run (a share of the line's height) is part of its ink: the
# code "CIA-RDP..." was read as "“Gla" + "RDP79T00936A001800190001-7", 5 px apart.
TOUCH = 0.25
MIN_PART = 0.5              # a part at least this share of the line's height is a print
SPACE = 0.5                 # a gap this wide (x the line's height) in the ink parts words
WHITE = 255

@dataclass(frozen=True)
class Run:
    """Consecutive words of one line holding two lines: Tesseract's rows, as
    (left, top, width, height, text), found again in data other passes have changed."""
    rows: tuple[tuple, ...]
    box: Rect                       # their union, the crop read again
    parts: tuple[tuple[int, int], ...]   # each print's rows of pixels, top to bottom, in the box
    own: int                        # the part that is the line's own


def merged_runs(image: np.ndarray, data: dict) -> list[Run]:
    """Runs of tall weak words whose box holds two prints with white rows between them."""
    runs = []
    for rows in lines(data).values():
        confident = [i for i in rows if float(data["conf"][i]) >= WEAK_CONF]
        if len(confident) < MIN_LINE_WORDS:
            continue
        height = median(int(data["height"][i]) for i in confident)
        top = median(int(data["top"][i]) for i in confident)
        for run in _tall_runs(data, rows, height):
            box = _grown_over_ink(image, data, rows, run, height)
            parts = _parts(image, box, height)
            if len(parts) < 2:
                continue
            mid = top + height / 2 - box[1]
            own = min(range(len(parts)), key=lambda k: abs(sum(parts[k]) / 2 - mid))
            runs.append(Run(tuple(ident(data, i) for i in run), box, tuple(parts), own))
    return runs


def run_crops(image: np.ndarray, data: dict, runs: list[Run], pad: int) -> list[np.ndarray]:
    """Each run's parts as crops (every run's in order), other lines' words whited out."""
    others = np.full(image.shape[:2], False)
    in_runs = {row for run in runs for row in run.rows}
    for i in range(len(data["text"])):
        if is_word(data, i) and ident(data, i) not in in_runs:
            x, y, w, h = box_of(data, i)
            others[y:y + h, x:x + w] = True
    crops = []
    for run in runs:
        x, y, w, h = run.box
        for y0, y1 in run.parts:
            crop = image[y + y0:y + y1, x:x + w].copy()
            crop[others[y + y0:y + y1, x:x + w]] = WHITE
            crops.append(np.pad(crop, pad, constant_values=WHITE))
    return crops


def with_parted_runs(data: dict, runs: list[Run], results: list[dict], pad: int,
                     keep) -> dict:
    """`data` with each run's own part read again in place of the run, when that reads
    better, and its other parts' words added to the printed lines they belong to.
    `results` are `run_crops`' readings in order; `keep(text, conf)` says which words count."""
    out = copy(data)
    found = iter(results)
    readings = [[next(found) for _ in run.parts] for run in runs]
    others = []
    for run, parts in reversed(list(zip(runs, readings, strict=True))):
        words = [[_row(f, j, run, y0, pad) for j, t in enumerate(f["text"])
                  if keep(t, float(f["conf"][j]))]
                 for f, (y0, _) in zip(parts, run.parts, strict=True)]
        own = pieces_joined(words[run.own])
        rows = _find(out, run)
        if not own or not rows or median(r["conf"] for r in own) <= median(
                float(out["conf"][i]) for i in rows):
            continue
        line = line_of(out, rows[0])
        _replace(out, rows, own)
        others += [(part, line, k < run.own) for k, part in enumerate(words)
                   if k != run.own and part]
    for part, line, above in others:     # placed once every run's indices are spent
        _add_to_line(out, part, line, above)
    return out


def _find(data: dict, run: Run) -> list[int] | None:
    """The run's rows in `data`, in order; None when another pass has replaced one."""
    where = {ident(data, i): i for i in range(len(data["text"]))}
    rows = [where.get(row) for row in run.rows]
    return None if None in rows else rows   # type: ignore[return-value]


def _tall_runs(data: dict, rows: list[int], height: float) -> list[list[int]]:
    """Consecutive tall weak words, each run grown by the neighbours touching it."""
    tall = [float(data["conf"][i]) < WEAK_CONF and int(data["height"][i]) >= TALL * height
            for i in rows]
    runs: list[list[int]] = []
    for n, i in enumerate(rows):
        if tall[n] and n and tall[n - 1]:
            runs[-1].append(i)
        elif tall[n]:
            runs.append([i])
    grown = []
    for run in runs:
        at, end = rows.index(run[0]), rows.index(run[-1])
        if at and _touch(data, rows[at - 1], run[0], height):
            run = [rows[at - 1], *run]
        if end + 1 < len(rows) and _touch(data, run[-1], rows[end + 1], height):
            run = [*run, rows[end + 1]]
        grown.append(run)
    return grown


def _touch(data: dict, left: int, right: int, height: float) -> bool:
    gap = int(data["left"][right]) - int(data["left"][left]) - int(data["width"][left])
    return gap < TOUCH * height


def _union(data: dict, rows: list[int]) -> Rect:
    return union([box_of(data, i) for i in rows])


def _grown_over_ink(image: np.ndarray, data: dict, rows: list[int], run: list[int],
                    height: float) -> Rect:
    """The run's box, widened over the unread ink that continues it along its rows, up to
    the words either side: a merged word's box can stop short of its ink (Tesseract's
    "Caer" for "Release: 2019/03/14" over a struck header ended at the "2019", leaving the
    "/03/14" in no box, cib_02733122_p2, measured). Ink continues the run when no gap as
    wide as a word space (`SPACE` x the line's height) parts it from the box, and the box
    grows over it only when it runs on to the next word of the line, as a date does to the
    document number after it, over a word's width at least: ink that stops short is another
    print's (a box's edge), and a word a space away is the neighbour's own."""
    x, y, w, h = _union(data, run)
    at, end = rows.index(run[0]), rows.index(run[-1])
    before = rows[at - 1] if at and _read(data, rows[at - 1]) else None
    after = rows[end + 1] if end + 1 < len(rows) and _read(data, rows[end + 1]) else None
    if before is None and after is None:
        return x, y, w, h
    lo = x if before is None else min(x, int(data["left"][before]) + int(data["width"][before]))
    hi = x + w if after is None else max(x + w, int(data["left"][after]))
    inked: np.ndarray = np.asarray((image[y:y + h, lo:hi] < DARK).any(axis=0))
    space = max(1, round(SPACE * height))
    right = x + w
    while right < hi and (ahead := np.flatnonzero(inked[right - lo:right - lo + space])).size:
        right += int(ahead[-1]) + 1
    left = x
    while left > lo and (behind := np.flatnonzero(
            inked[max(0, left - lo - space):left - lo])).size:
        left = max(lo, left - space) + int(behind[0])
    # only ink that runs on to the neighbour word is the run's: not a box's edge beyond it
    # and only over a word's width of it or more: a neighbour a space away is no gap
    right = right if hi - right <= 2 * space and hi - (x + w) >= height else x + w
    left = left if left - lo <= 2 * space and x - lo >= height else x
    return left, y, right - left, h


def _read(data: dict, i: int) -> bool:
    """A word read, not a frame's edge read as a mark: a letter or digit, read surely."""
    return float(data["conf"][i]) >= WEAK_CONF and any(ch.isalnum() for ch in data["text"][i])


def _parts(image: np.ndarray, box: Rect, height: float) -> list[tuple[int, int]]:
    """Rows of pixels (start, end) of each print in `box`, parted by all-white rows."""
    x, y, w, h = box
    inked = (image[y:y + h, x:x + w] < DARK).any(axis=1)
    parts = [(a, b) for a, b in spans(inked) if b - a >= MIN_PART * height]
    return parts


def _row(found: dict, j: int, run: Run, y0: int, pad: int) -> dict:
    row = {key: found[key][j] for key in found}
    row.update(left=int(found["left"][j]) - pad + run.box[0],
               top=int(found["top"][j]) - pad + run.box[1] + y0, conf=float(found["conf"][j]))
    return row


def _replace(out: dict, old: list[int], rows: list[dict]) -> None:
    at = old[0]
    keep = {k: out[k][at] for k in ("level", "page_num", "block_num", "par_num", "line_num")}
    for i in reversed(old):
        take(out, i)
    _insert(out, at, rows, keep)


def _insert(out: dict, at: int, rows: list[dict], fields: dict) -> None:
    for n, row in enumerate(rows):
        row.update(fields, word_num=n + 1)
        put(out, at + n, row)


def _add_to_line(out: dict, rows: list[dict], line: tuple, above: bool) -> None:
    """`rows` joined to the printed line they lie on (the one whose words' middles fall
    inside them), after its last word; else a line of their own just above or below
    `line`, the line they were read with."""
    top = min(r["top"] for r in rows)
    bottom = max(r["top"] + r["height"] for r in rows)
    printed = lines(out)
    level = {"level": 5, "page_num": out["page_num"][printed[line][0]]}
    for key, words in printed.items():
        if key != line and top <= median(
                int(out["top"][i]) + int(out["height"][i]) / 2 for i in words) <= bottom:
            _insert(out, words[-1] + 1, rows,
                    dict(level, block_num=key[0], par_num=key[1], line_num=key[2]))
            return
    new = max(int(v) for v in out["line_num"]) + 1
    _insert(out, printed[line][0] if above else printed[line][-1] + 1, rows,
            dict(level, block_num=line[0], par_num=line[1], line_num=new))
