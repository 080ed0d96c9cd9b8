"""Words under a slanted strike line, read again with the line taken out.

Declassifiers strike "TOP SECRET" through with a pen line at a slant; Tesseract reads
the struck words as "TO RET", "TOP-SECRET" or not at all (on the 28 CIA bulletin pages
here, two such markings each, 13 read whole; 24 with this pass, measured; most of the
rest lie half hidden under the release line). Taking the lines out of the page
Tesseract reads (`rules.slanted_rules`) mended them too, but changed the page's layout
analysis as well: a map page flipped to another layout and lost more than its footer
gained, and lines far from any strike changed ("1." read "1,"). So the page is read as
it is, and only the struck words are read again, from a crop of the page without the
line, and replaced when that reading is better (`better_reading`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from recto.app.ocr.rows import box_of, copy, is_word, line_of, lines, pieces_joined, union

Rect = tuple[int, int, int, int]

STRUCK_PX = 40        # ink of the line inside a word's box (at 300 dpi): the word is struck
SURE = 80.0           # a struck word read at least this surely is left as it is
PAD = 12              # white margin around a crop
JOINED = re.compile(r"[^\W_][-_~—–][^\W_]")   # two words joined by a strike's mark
REACH = 5             # x the line's height: how far beside its words a struck word may lie
MISSING = 1.0         # x the letters' height: a gap between two words this wide lost a word
SPACE = 0.2           # x the letters' height: a blank run this wide parts two words


def struck_words(image: np.ndarray, unstruck: np.ndarray, data: dict,
                 dpi_scale: float = 1.0) -> list[tuple[list[int], Rect]]:
    """Groups of words a strike line crosses, one per line of text: each group's rows
    (the line's words the strike reaches) and its crop box. A line is struck where the
    strike line's ink lies in its band, between its words too: "TO. RET" was read
    around an unread "P SEC" (cib_05973621_p2, measured)."""
    erased = (image < 128) & (unstruck >= 128)
    least = max(4, round(STRUCK_PX * dpi_scale * dpi_scale))
    groups = []
    for rows in lines(data).values():
        x, y, w, h = union([box_of(data, i) for i in rows])
        # beside the line's words too: a struck word may not have been read at all
        reach = REACH * h
        left, top = max(0, x - reach), max(0, y)
        band = erased[top:y + h, left:x + w + reach]
        if np.count_nonzero(band) < least:
            continue
        cols = np.flatnonzero(band.any(axis=0)) + left
        x0, x1 = int(cols[0]), int(cols[-1]) + 1
        # a letter's height beside it too: the line crosses the band below "TOP"'s "P",
        # whose "TO" stands just left of it (cib_05973621_p2's footer, measured)
        inside = [i for i in rows if _overlaps(box_of(data, i), x0 - int(data["height"][i]),
                                              x1 + int(data["height"][i]))]
        if not inside or (_read_whole(data, inside) and not _unread_ink(
                unstruck, data, inside, (x0, top, x1 - x0, h), least)):
            continue
        box = union([box_of(data, i) for i in inside] + [(x0, top, x1 - x0, h)])
        groups.append(_whole_words(unstruck, data, inside, box))
    return _merged(data, groups)


def _whole_words(unstruck: np.ndarray, data: dict, rows: list[int], box: Rect
                 ) -> tuple[list[int], Rect]:
    """`rows` and `box` grown over the words beside it that its letters run on into: a
    crop that ended where the strike line did, inside "SECRET", whose "T" had been read
    apart, read "SECF" (cib_02003047_p2, measured). Only up to a word read there, weakly
    (a piece of a word: "T" at 70): growing over unread ink ran into box frames
    ("SECRET)"), and over sure words, into the release line printed across a head."""
    rows = list(rows)
    while True:
        x, y, w, h = box
        letter = max(int(data["height"][i]) for i in rows)
        level = [j for j in range(len(data["text"])) if is_word(data, j) and j not in rows
                 and y <= data["top"][j] + data["height"][j] / 2 < y + h]
        beside = [j for j in level if float(data["conf"][j]) < SURE and (
            _bridged(unstruck, x + w, int(data["left"][j]), y, h, letter)
            or _bridged(unstruck, int(data["left"][j] + data["width"][j]), x, y, h, letter))
            and not any(_overlaps(box_of(data, k), *_gap(box, box_of(data, j)))
                        for k in level if k != j)]
        if not beside:
            return rows, box
        rows = sorted(rows + beside)
        box = union([box, *(box_of(data, j) for j in beside)])


def _gap(a: Rect, b: Rect) -> tuple[int, int]:
    """The columns between two boxes side by side."""
    return (a[0] + a[2], b[0]) if a[0] < b[0] else (b[0] + b[2], a[0])


def _bridged(unstruck: np.ndarray, x0: int, x1: int, y: int, h: int, letter: int) -> bool:
    """Ink runs from column `x0` to `x1` (`x0` < `x1`) in rows `y`..`y + h` with no gap
    as wide as a space between words (a fifth of a letter's height; letters of one word
    stand a tenth apart, words half a letter)."""
    if x1 <= x0 or x1 - x0 > 2 * letter:
        return False
    cols: np.ndarray = np.asarray((unstruck[y:y + h, max(0, x0 - 1):x1 + 1] < 128).any(axis=0))
    if not (cols[0] and cols[-1]):
        return False   # the crop's edge or the word's does not cut through ink
    gaps = np.diff(np.flatnonzero(cols))
    return not gaps.size or int(gaps.max()) - 1 < SPACE * letter


def _merged(data: dict, groups: list[tuple[list[int], Rect]]) -> list[tuple[list[int], Rect]]:
    """Groups of one line of print as one: Tesseract made two lines of one struck footer
    ("T", "CRET"), and each crop read the unread "OP SE" between them (cib_03169410_p3,
    measured). Level by their words' middle boxes, not by their boxes' union: a junk
    word's tall box joined a release line to the heading under it (cib_02887897_p5)."""
    out: list[tuple[list[int], Rect]] = []
    for rows, box in sorted(groups, key=lambda g: g[1][0]):
        at = next((k for k, (other, seen) in enumerate(out)
                   if _level(data, other, rows) and box[0] < seen[0] + seen[2]), None)
        if at is not None:
            other, seen = out.pop(at)
            rows, box = sorted(set(other + rows)), union([seen, box])
        out.append((rows, box))
    return out


def _level(data: dict, a: list[int], b: list[int]) -> bool:
    def band(rows: list[int]) -> tuple[float, float]:
        return (float(np.median([data["top"][i] for i in rows])),
                float(np.median([data["top"][i] + data["height"][i] for i in rows])))
    (a0, a1), (b0, b1) = band(a), band(b)
    return min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0)


def _unread_ink(unstruck: np.ndarray, data: dict, rows: list[int], box: Rect,
                least: int) -> bool:
    """Letters' ink in `box` outside the words of `rows`."""
    x, y, w, h = box
    ink = unstruck[y:y + h, x:x + w] < 128
    for i in rows:
        bx, by, bw, bh = box_of(data, i)
        ink[max(0, by - y):max(0, by + bh - y), max(0, bx - x):max(0, bx + bw - x)] = False
    return int(np.count_nonzero(ink)) >= least


def _read_whole(data: dict, rows: list[int]) -> bool:
    """Every word read surely, none joined to the next by the line ("TOP-SECRET",
    "TOP_SECRET" at 83) and none missing between them ("TO" and "RET" at 95 with "P SEC"
    unread between them, cib_02869423_p3's footer, is not read whole)."""
    if any(float(data["conf"][i]) < SURE or JOINED.search(data["text"][i]) for i in rows):
        return False
    boxes = sorted(box_of(data, i) for i in rows)
    return all(b[0] - (a[0] + a[2]) <= MISSING * max(a[3], b[3])
               for a, b in zip(boxes, boxes[1:], strict=False))


def _overlaps(box: Rect, x0: int, x1: int) -> bool:
    return box[0] < x1 and box[0] + box[2] > x0


def reread_struck(image: np.ndarray, unstruck: np.ndarray, data: dict,
                  read_crops: Callable[[list[np.ndarray]], list[dict]],
                  keep: Callable[[str, float], bool], dpi_scale: float = 1.0) -> dict:
    """`data` with each group of struck words replaced by its reading from `unstruck` (the
    words of it worth keeping, `keep`) when that reading is better (`better_reading`).
    Groups are replaced last row first, so the rows of those before stay where they are."""
    groups = sorted(struck_words(image, unstruck, data, dpi_scale), key=lambda g: g[0][0])
    if not groups:
        return data
    pad = max(4, round(PAD * dpi_scale))
    corners, crops = [], []
    for _, (x, y, w, h) in groups:
        # only the words' own band: a release line just above the struck heading was
        # read into it (cib_02064584_p2, measured)
        crop = np.full((h + 2 * pad, w + 2 * pad), 255, np.uint8)
        crop[pad:pad + h, pad:pad + w] = unstruck[y:y + h, x:x + w]
        corners.append((x - pad, y - pad))
        crops.append(crop)
    out = data
    for (rows, _), (x0, y0), found in reversed(list(zip(groups, corners, read_crops(crops),
                                                        strict=True))):
        # the strike line's stubs beside the letters read as marks (">" at 94) and words
        # of another line the crop reached (a struck word's box ran up into the release
        # line, whose "Approved" came back, cib_02623669_p3, measured): left out
        others = [box_of(data, i) for i in range(len(data["text"]))
                  if is_word(data, i) and i not in rows]
        new = [j for j in range(len(found["text"]))
               if is_word(found, j) and keep(found["text"][j], float(found["conf"][j]))
               and not _read_already(_moved(box_of(found, j), x0, y0), others)]
        if not any(ch.isalnum() for j in new for ch in found["text"][j]):
            continue
        before = " ".join(data["text"][i] for i in rows)
        if " ".join(found["text"][j] for j in new) == before or not better_reading(data, rows,
                                                                            found, new):
            continue
        out = _replaced(out if out is not data else copy(data), rows, found, new, x0, y0)
    return out


def _moved(box: Rect, dx: int, dy: int) -> Rect:
    return box[0] + dx, box[1] + dy, box[2], box[3]


def _read_already(box: Rect, others: list[Rect]) -> bool:
    """Half of `box` lies in a word read elsewhere on the page."""
    x, y, w, h = box
    for ox, oy, ow, oh in others:
        iw = min(x + w, ox + ow) - max(x, ox)
        ih = min(y + h, oy + oh) - max(y, oy)
        if iw > 0 and ih > 0 and iw * ih >= 0.5 * w * h:
            return True
    return False


def better_reading(data: dict, rows: list[int], found: dict, new: list[int]) -> bool:
    """The crop's reading reads more letters and digits (the words under the line the
    page reading left out), or as many surely where the page's reading was weak."""
    more = len(_alnum(found, new)) - len(_alnum(data, rows))
    if more:
        return more > 0
    if _alnum(found, new) == _alnum(data, rows):
        # the same letters ("TOR" at 42 read "Tor" at 84 is no better): better only
        # parted where the line had joined them ("TOP-SECRET"), not merely with other
        # marks ("TOP SECRET" at 65 came back "TOP. SECRET", a stub of the line read as
        # a full stop, cib_02064584_p3, measured)
        return len(new) > len(rows)
    return _sureness(data, rows) < SURE < _sureness(found, new)


def _alnum(data: dict, rows: list[int]) -> str:
    return "".join(ch for i in rows for ch in data["text"][i] if ch.isalnum()).casefold()


def _sureness(data: dict, rows: list[int]) -> float:
    pairs = [(float(data["conf"][i]), len(data["text"][i].strip())) for i in rows]
    return sum(c * n for c, n in pairs) / max(1, sum(n for _, n in pairs))


def _replaced(out: dict, rows: list[int], found: dict, new: list[int],
              x0: int, y0: int) -> dict:
    """`rows` out (in order; of one line, or of two level ones), `found`'s `new` rows in at the
    first one's place."""
    first = rows[0]
    same = {k: out[k][first] for k in ("level", "page_num", "block_num", "par_num", "line_num")}
    for i in sorted(rows, reverse=True):
        for key in out:
            del out[key][i]
    pieces = pieces_joined([{key: found[key][j] for key in out} for j in new])
    for n, row in enumerate(pieces):
        row.update(same, left=int(row["left"]) + x0, top=int(row["top"]) + y0)
        for key in out:
            out[key].insert(first + n, row[key])
    _renumber(out, line_of(out, first))
    return out


def _renumber(data: dict, line: tuple) -> None:
    n = 0
    for i in range(len(data["text"])):
        if data["level"][i] == 5 and line_of(data, i) == line:
            n += 1
            data["word_num"][i] = n
