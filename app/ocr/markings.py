"""A page's classification marking read where its copy is half hidden.

Declassified CIA bulletins print "TOP SECRET" at the head and foot of every page, and the
release stamp ("Approved for Release: ...") was printed over the head's upper half: only
the letters' lower halves show, which Tesseract reads as junk ("lwp CURL 1 w", "wAYL
OLWUINLL") or not at all, on most bulletin pages. A reader knows the words from the page's
other copy, the foot, and so can Recto: a classification marking (a fixed vocabulary, as
the exemption codes are) read word for word in the top or bottom band of the page, even
weakly (a struck foot reads at 59), is the template; where a lower or upper part of its ink
recurs in the other band (normalised cross-correlation, OpenCV's `matchTemplate`) and no
word is read surely over that part, the words are read there too, in place of the weak
words read over it. The words read surely there stay: the release line printed across its
hidden part. Any run of sure capitals as template read a typed "FAR EAST" heading and a PDB
page's typed capitals into other lines (measured), hence the vocabulary. For the same
reason a marking read surely but for one letter in each word ("FOP SECKET") is spelled as
the marking first, and may then serve as the template; and one whose last word is cut short
by a box or stamp over its end ("TOP SEC") is spelled whole. Before all that, a marking's
words read run together, alone or onto the release line's last word ("TOPSECRET",
"Release:TOPSECRET", "2020/03/13TOPSECRET" on grayscale rescans of bulletin pages), are
parted: no typed word holds "TOPSECRET", and read glued the marking is no template and a
copy found under it was read again beside it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import cv2
import numpy as np
from rapidfuzz.distance import Hamming

from recto.app.ocr.rows import box_of, copy, is_word, lines, put, put_block, take, union

Rect = tuple[int, int, int, int]

BAND = 0.15           # share of the page's height at the top and at the bottom: its margins
SURE = 55.0           # each word of a template read at least this surely: the vocabulary's
#                       exact reads on the 39 bench pages are all real, at 59-96 (a struck
#                       foot's at 59-76) ...
# Classification markings of more than one word (one word alone could be any heading's).
MARKINGS = ("TOP SECRET", "SECURITY INFORMATION", "FOR THE PRESIDENT ONLY", "EYES ONLY")
# One of them with no space between its words, after anything or nothing.
GLUED = re.compile("^(.*?)(" + "|".join(m.replace(" ", "") for m in MARKINGS) + r")([.,]?)$")
MATCH = 0.5           # normalised correlation of the part seen with the template's, blurred
#                       (true copies 0.53-0.95 on the bulletins, another line 0.2-0.35)
PARTS = ((0.5, 1.0), (0.6, 1.0), (0.67, 1.0), (0.0, 0.5))   # lower half, two fifths, third;
#                       upper half (a stamp over the foot's lower half)
BLUR = 7              # px, the Gaussian kernel both are blurred with
MIN_INK = 0.03        # share of a part's pixels that are ink: less is blank paper
WEAK = 80.0           # words read below this over the hidden copy are its misreadings,
MIN_ALNUM = 3         # and so are shorter ones where it shows (a "T"'s foot read "1" at 85)
MAX_TEMPLATES = 4
MIN_CUT = 3           # letters of a marking's last word that show, at least ("SEC")
SAME_SIZE = 1.2       # a word at most this much taller than the copy is of its size
SHIFT = 0.15          # share of the page's width the copy may stand left or right of the
#                       template (24 copies found on 39 pages: at most 32 px, 1.3 %); the
#                       search spans that much, not the whole band, for half the time


def hidden_markings(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels; black text on white) with each
    half-hidden copy of a marking the page prints surely elsewhere read as it."""
    height = image.shape[0]
    out = data = cut_markings(misread_markings(glued_markings(data), height), height)
    blurred = None
    templates = _templates(data, height)[:MAX_TEMPLATES]
    # (marking, band) pairs read surely: a band that holds its copy already is not searched
    # (a PDB page prints and reads "FOR THE PRESIDENT ONLY" at head and foot: 8 matches saved)
    boxes = [union([box_of(data, i) for i in rows]) for rows in templates]
    read = {(_words(data, rows), _top(box, height)) for rows, box in zip(templates, boxes,
                                                                         strict=True)}
    for rows, box in zip(templates, boxes, strict=True):
        top = _top(box, height)
        if (_words(data, rows), not top) in read:
            continue
        band = (int(height * (1 - BAND)), height) if top else (0, int(height * BAND))
        if blurred is None:
            blurred = cv2.GaussianBlur(image, (BLUR, BLUR), 0)
        found = _hidden_copy(image, blurred, box, band)
        if found is None:
            continue
        x, y, score, part = found
        words = [(data["text"][i], box_of(data, i)) for i in rows]
        out = _read_there(out if out is not data else copy(data), words, box, (x, y), score,
                          part)
    return out


def glued_markings(data: dict) -> dict:
    """`data` with each word holding a marking's words run together parted into its words
    (and whatever was read before them), the box split by letters."""
    out = data
    for i in reversed(range(len(data["text"]))):
        found = GLUED.match((data["text"][i] or "").strip()) if is_word(data, i) else None
        if found is None:
            continue
        head, glued, tail = found.groups()
        words = next(m for m in MARKINGS if m.replace(" ", "") == glued).split()
        parts = ([head] if head else []) + words[:-1] + [words[-1] + tail]
        out = out if out is not data else copy(data)
        row = take(out, i)
        x, per_char, at = int(row["left"]), int(row["width"]) / len("".join(parts)), 0
        for n, part in enumerate(parts):
            left = x + round(per_char * at)
            at += len(part)
            put(out, i + n, dict(row, text=part, left=left,
                                 width=max(1, x + round(per_char * at) - left)))
    return out


def misread_markings(data: dict, height: int) -> dict:
    """`data` with a marking read surely but for one letter in each of its words ("FOP
    SECKET" at 93 and 82 for a struck "TOP SECRET", cib_02026614_p2; "TQP SECRET") in the
    top or bottom band spelled as the marking: its words are a fixed vocabulary, and no
    other line of the 39 bench pages' bands comes within a letter a word of one."""
    out = data
    for words, rows, cores in _runs(data, height):
        if cores == words or not all(
                _one_off(core, word) and float(data["conf"][i]) >= SURE
                and _in_band(box_of(data, i), height)
                for core, word, i in zip(cores, words, rows, strict=True)):
            continue
        out = out if out is not data else copy(data)
        for core, word, i in zip(cores, words, rows, strict=True):
            out["text"][i] = out["text"][i].replace(core, word, 1)
    return out


def cut_markings(data: dict, height: int) -> dict:
    """`data` with a marking in the top or bottom band whose last word shows only its first
    letters ("TOP" at 89, "SEC" at 47: a struck header's "RET" under a box's edge,
    cib_03185137_p3) spelled whole; its other words read exactly and surely."""
    out = data
    for words, rows, cores in _runs(data, height):
        last = cores[-1]
        if (cores[:-1] == words[:-1] and MIN_CUT <= len(last) < len(words[-1])
                and words[-1].startswith(last)
                and all(float(data["conf"][i]) >= SURE for i in rows[:-1])
                and all(_in_band(box_of(data, i), height) for i in rows)):
            out = out if out is not data else copy(data)
            out["text"][rows[-1]] = out["text"][rows[-1]].replace(last, words[-1], 1)
    return out


def _runs(data: dict, height: int) -> Iterator[tuple[list[str], list[int], list[str]]]:
    """(a marking's words, rows, their letters) for each run of as many words on a line
    that reaches into the top or bottom band (the only lines the callers take)."""
    for line in lines(data).values():
        if not any(_in_band(box_of(data, i), height) for i in line):
            continue
        cores = [core_of(data["text"][i]) for i in line]
        for marking in MARKINGS:
            words = marking.split()
            for k in range(len(line) - len(words) + 1):
                yield words, line[k:k + len(words)], cores[k:k + len(words)]


def core_of(text: str) -> str:
    """A word's letters, without the marks a speck or rule adds at its ends."""
    return text.strip().strip(".,;:_-—'\"|")


def _one_off(core: str, word: str) -> bool:
    """The same length, and the same letters but at most one."""
    return len(core) == len(word) and Hamming.distance(core, word) <= 1


def _words(data: dict, rows: list[int]) -> str:
    return " ".join(data["text"][i].strip() for i in rows)


def _top(box: tuple[int, int, int, int], height: int) -> bool:
    """Whether the box stands in the page's upper half."""
    return box[1] + box[3] / 2 < height / 2


def _templates(data: dict, height: int) -> list[list[int]]:
    """Markings read surely, each word's rows, in the top or bottom band."""
    found = []
    for line in lines(data).values():
        texts = [data["text"][i].strip() for i in line]
        for marking in MARKINGS:
            words = marking.split()
            for k in range(len(line) - len(words) + 1):
                rows = line[k:k + len(words)]
                if texts[k:k + len(words)] == words and all(
                        float(data["conf"][i]) >= SURE and _in_band(box_of(data, i), height)
                        for i in rows):
                    found.append(rows)
    return found


def _in_band(box: Rect, height: int) -> bool:
    middle = box[1] + box[3] / 2
    return middle < BAND * height or middle > (1 - BAND) * height


def _hidden_copy(image: np.ndarray, blurred: np.ndarray, box: Rect, band: tuple[int, int]
                 ) -> tuple[int, int, float, tuple[float, float]] | None:
    """(x, y, score, part): where the template's box would stand in `band`, from the best match
    of a lower or an upper part of it, when that match is close enough. Both are matched
    `blurred`: a pixel's misregistration between two prints of one stamp cost a sharp match
    half its score (0.46 sharp, 0.53 blurred on cib_02869423_p3, measured)."""
    x, y, w, h = box
    template = blurred[y:y + h, x:x + w]
    ink = image[y:y + h, x:x + w] < 128
    shift = int(SHIFT * image.shape[1])
    left = max(0, x - shift)
    region = blurred[band[0]:band[1], left:x + w + shift]
    best = None
    for top, bottom in PARTS:
        a, b = int(h * top), int(h * bottom)
        part = template[a:b]
        if b - a < 4 or region.shape[0] < b - a or region.shape[1] < w:
            continue
        if ink[a:b].mean() < MIN_INK:
            continue   # a blank strip matches anything
        scores = cv2.matchTemplate(region, part, cv2.TM_CCOEFF_NORMED)
        _, score, _, (mx, my) = cv2.minMaxLoc(scores)
        if score >= MATCH and (best is None or score > best[2]):
            best = (left + mx, band[0] + my - a, float(score), (top, bottom))
    return best


def _read_there(data: dict, words: list[tuple[str, Rect]], box: Rect, at: tuple[int, int],
                score: float, part: tuple[float, float]) -> dict:
    """`data` (changed in place) with `words` (the template's, boxes in its place `box`)
    read at `at` unless read there already or other words are read surely over the `part`
    of it that matched; the weak words read over it taken out, and whatever is read over
    the part that shows (not the release line's ":" over the part hidden,
    pdb_0006015108_p9)."""
    dx, dy = at[0] - box[0], at[1] - box[1]
    x0, y0, w, h = at[0], at[1], box[2], box[3]
    inside = [i for i in range(len(data["text"])) if is_word(data, i)
              and x0 <= data["left"][i] + data["width"][i] / 2 < x0 + w
              and y0 <= data["top"][i] + data["height"][i] / 2 < y0 + h]
    texts = [t for t, _ in words]
    if [data["text"][i] for i in inside if data["text"][i] in texts] == texts:
        return data   # read there already
    seen = (y0 + part[0] * h, y0 + part[1] * h)
    if any(_word(data, i) and float(data["conf"][i]) >= WEAK and _over(data, i, seen, h)
           for i in inside):
        return data   # other words read surely where its copy shows: not a copy of it
    for i in sorted(inside, reverse=True):   # the copy's misreadings
        if float(data["conf"][i]) < WEAK and _word(data, i, 1) or _over(data, i, seen):
            take(data, i)   # weak words anywhere over it, marks and stubs where it shows
    template = {key: values[0] for key, values in data.items()}
    put_block(data, [dict(template, level=5, text=t, conf=round(100 * score, 1),
                          left=bx + dx, top=by + dy, width=bw, height=bh)
                     for t, (bx, by, bw, bh) in words], y0, between_lines=True)
    return data


def _word(data: dict, i: int, least: int = MIN_ALNUM) -> bool:
    return sum(ch.isalnum() for ch in data["text"][i]) >= least


def _over(data: dict, i: int, band: tuple[float, float], size: float | None = None) -> bool:
    """Row `i`'s box stands over `band` (rows of pixels): its middle in it, or, for a word
    of the copy's `size` (its height) at most, the band wholly within its height (a word
    printed where the copy would be). A line printed just above or below only reaches
    into it (cib_03003742_p2's "SECURITY INFORMATION" under its head), and so do the
    taller boxes of a release line printed across the copy (pdb_0006015108_p9: 57 px
    over a 42 px header)."""
    top, height = data["top"][i], data["height"][i]
    return (band[0] <= top + height / 2 < band[1]
            or (size is not None and height <= SAME_SIZE * size
                and top <= band[0] and top + height >= band[1]))
