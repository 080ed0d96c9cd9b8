"""Release stamps read with their first word cut short or run into the next.

Pages from the CIA's reading room carry the stamp "Approved for Release: 2019/03/14
C02003047" at head and foot. Printed over a struck header, the stamp loses its first
letters to it ("roved for Release:", cib_02003047_p2); and where Tesseract stretches the
box of "Approved" over "for", the two are later taken for halves of one word split apart
and joined ("Approvedfor Release:", cib_03169410_p3; `tokens.mend_words`). The stamp's
words are fixed, so the end of "Approved" before "for Release" is spelled as stamped,
over the ink that shows, and the first word's box is ended at its own ink.

The stamp is printed twice, alike, at head and foot; where one copy is read whole and the
other has lost letters to a struck header under it ("Approved for Release: 9/03/14
02003047", cib_02003047_p3; "602993982", cib_02993982_p3), the damaged copy is spelled as
the whole one (`twin_stamps`).

The stamp was printed on a white box that hides what lay under it: a marking it covers
half shows only its letters' upper or lower halves, which Tesseract reads as other words,
some surely ("TAD eT" at 93 and 52 for the upper half of "TOP SECRET", cib_03185137_p2;
"Far Tha Pracidant C\\yn lu Tan" for "For The President Only - Top Secret",
pdb_0005996489_p4). What is read on the strip the box cut (`stamp_cut_words`) is kept
out of the page text unless it spells a marking's word: kept for the overlay, as noise.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from rapidfuzz.distance import Levenshtein

from recto.app.ocr.markings import MARKINGS, core_of
from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import Rect, box_of, copy, is_word, lines, spans

FIRST = "Approved"
RELEASE = ("Release", "Release:")
MIN_END = 3           # letters of "Approved" at least ("ved" and longer): fewer could be a speck
MIN_MISREAD = 5       # ... and this many when the first of them is misread ("Oproved")
# The stamps read whole: the bulletins' and the President's Daily Brief's.
WHOLE = (re.compile(r"Approved for Release: \d{4}/\d{2}/\d{2} C\d{8}"),
         re.compile(r"Approved for Release \d{4}/\d{2}/\d{2} : CIA-RDP\d{2}T\d{5}A\d{12}-\d"))
# A damaged copy's word is that far from the whole one's at most (share of its letters):
# "9/03/14" for "2019/03/14" is 0.3 off; another date or number is ~0.5 off or more.
TWIN_OFF = 0.35
# The strip the stamp's box cut, in heights of its "for" (ascenders' tops to baseline) from
# that word: above the foot's, below the head's (past the descenders and the box's margin).
# On the 39 bench pages every word read there but a marking's was junk, read from the
# upper halves of a cut marking at -0.07-0.45 above the foot ("TAD", "Far", "Tea", "PP"),
# and from its lower parts at 0.19-0.72 below the head ("INL", "ho", "1", "wer", "ww");
# the nearest real words stand 1.14 above a foot (a code "50X1") and 1.35 below a head.
# A word reaching more than half of it into the stamp's line is on that line ("Sanitized"
# before a PDB stamp's "Approved", at -0.93).
CUT_FOOT = 0.5
CUT_HEAD = 0.75
OVER = 0.5
MARKING_WORDS = frozenset(word for marking in MARKINGS for word in marking.split())


def release_stamps(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with release stamps' first words
    spelled as stamped."""
    out = data
    for rows in lines(data).values():
        texts = [data["text"][i].strip() for i in rows]
        for k in range(len(texts) - 1, 0, -1):
            if texts[k] not in RELEASE:
                continue
            if k >= 2 and texts[k - 1].lower() == "for" and (
                    _cut(texts[k - 2]) or _stretched(data, rows[k - 2], rows[k - 1])):
                out = out if out is not data else copy(data)
                out["text"][rows[k - 2]] = FIRST
                _trim(out, rows[k - 2], rows[k - 1], image)
            break
    return out


def _cut(text: str) -> bool:
    """The end of "Approved", shorter than it: what shows of the stamp's first word; its
    first letter may be misread where a bar or header ends against it ("Oproved",
    cib_02993982_p2)."""
    if not MIN_END <= len(text) <= len(FIRST) or text == FIRST:
        return False
    end = FIRST[-len(text):]
    return text == end or (len(text) >= MIN_MISREAD and text[1:] == end[1:])


def _stretched(data: dict, first: int, then: int) -> bool:
    """Whether the stamp's first word, read whole, has a box reaching over the next word."""
    return (data["text"][first].strip() == FIRST
            and data["left"][first] + data["width"][first] > data["left"][then])


def _trim(data: dict, first: int, then: int, image: np.ndarray) -> None:
    """The first word's box ended at its own ink, short of the next word's: Tesseract
    stretched it over "for" (cib_03169410_p3), and the words were then taken for the two
    halves of one ("Approvedfor")."""
    x, y, w, h = box_of(data, first)
    room = int(data["left"][then]) - x
    if w <= room or room <= 0:
        return
    inked = spans((image[y:y + h, x:x + room] < DARK).any(axis=0))
    data["width"][first] = inked[-1][1] if inked else room


def twin_stamps(data: dict) -> dict:
    """`data` with a damaged copy of the page's release stamp spelled as its whole copy."""
    stamps = [stamp_words(data, rows) for rows in lines(data).values()]
    stamps = [rows for rows in stamps if rows]
    if len(stamps) != 2:
        return data
    texts = [[data["text"][i].strip() for i in rows] for rows in stamps]
    sizes = [_whole(t) for t in texts]
    if sum(1 for n in sizes if n) != 1:
        return data
    good, bad = (0, 1) if sizes[0] else (1, 0)
    model = texts[good][:sizes[good]]
    rows, seen = stamps[bad][:len(model)], texts[bad][:len(model)]
    # the first word stands where the stamp prints "Approved" (`stamp_words` finds it two
    # before "Release"): with the rest of the copy the twin's, it is "Approved" however it
    # was read ("“P_s" where a struck "TOP" under it ran into it, cib_02733122_p2)
    if len(seen) != len(model) or _runs_on(texts[bad], model) or not all(
            Levenshtein.normalized_distance(a, b) <= TWIN_OFF
            for a, b in zip(seen[1:], model[1:], strict=True)):
        return data
    out = copy(data)
    for i, text in zip(rows, model, strict=True):
        out["text"][i] = text
    return out


def stamp_cut_words(data: dict, height: int) -> set[int]:
    """Rows of `data` (boxes in pixels of a page `height` high) read on the strip next to a
    release stamp that its box cut, other than a marking's words."""
    out: set[int] = set()
    for stamp, boxes, top, size in stamp_lines(data):
        bottom = top + size
        left, right = min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes)
        foot = top > height / 2
        for i in range(len(data["text"])):
            x, y, w, h = box_of(data, i)
            if (i in stamp or not is_word(data, i) or x + w <= left or x >= right
                    or core_of(data["text"][i]) in MARKING_WORDS):
                continue
            gap = (top - (y + h) if foot else y - bottom) / size
            if -OVER <= gap <= (CUT_FOOT if foot else CUT_HEAD):
                out.add(i)
    return out


def _runs_on(texts: list[str], model: list[str]) -> bool:
    """Whether the copy's last word goes on in the next word: a number read in two pieces
    ("CIA-RDP79T00936A01230001" and "0026-2", pdb_0006007849_p4), read whole but for the
    space (mending joins such pieces later). Spelled whole, its end would be printed twice."""
    n = len(model)
    if len(texts) <= n:
        return False
    return (Levenshtein.distance(texts[n - 1] + texts[n], model[-1])
            < Levenshtein.distance(texts[n - 1], model[-1]))


def _whole(texts: list[str]) -> int:
    """How many of a stamp's words, from "Approved" on, read as the whole stamp (0: none)."""
    joined = " ".join(texts)
    for pattern in WHOLE:
        found = pattern.match(joined)
        if found and joined[found.end():found.end() + 1] in ("", " "):
            return len(found.group().split())
    return 0


def stamp_lines(data: dict) -> Iterator[tuple[list[int], list[Rect], int, int]]:
    """Each release stamp read on the page: its rows from "Approved" on, their boxes, and
    its "for"'s top and height (ascenders' tops to baseline: the stamp's letter size)."""
    for rows in lines(data).values():
        stamp = stamp_words(data, rows)
        if stamp:
            boxes = [box_of(data, i) for i in stamp]
            yield stamp, boxes, boxes[1][1], boxes[1][3]


def stamp_words(data: dict, rows: list[int]) -> list[int]:
    """The rows of a line from the stamp's "Approved" on, or none if it carries no stamp."""
    texts = [data["text"][i].strip() for i in rows]
    for k in range(2, len(texts)):
        if texts[k].rstrip(":.;,") == "Release" and texts[k - 1] == "for":
            return rows[k - 2:]
    return []
