"""Asterisks as the page itself prints them: a "*" read twice in one shape is the
template of its other copies.

Tesseract reads a typed "* * *" rule unevenly: in the "* * * *" of a CIA bulletin the
last two came back "kK" (at 67 and 31) beside two read as "*" (cib_05973621_p2), and on a
PDB page the two stars of a second rule were not read at all (pdb_0006015108_p9). The
page's own readings say what its asterisk looks like: when two words read "*" have ink of
one shape, every short weak word and every unread speck of ink with that shape (same size,
most ink in common) is an asterisk too. A dictionary-free check on the ink, so a letter is
never taken for one (a typed "a" shares 0.39 of a star's ink, a "-" is a third its size).
With no two stars read that surely, a row of three marks of one shape, one of them read
"*" at any confidence, is the evidence instead (a bulletin's closing "* * * *" read weakly
was flagged noise whole); each mark of that row is a template then, as a row's stars differ
a little (0.69-0.84 ink in common on cib_03017657_p2). A short word whose ink is two stars
("kK") becomes two; a star left unread beside a line of stars joins that line.

On a grayscale rescan Tesseract can read a whole row without one "*": "x kK k", "*x Kk ke k",
"Ok Ok", "*x** Kk *k" (cib_03017657_p2, cib_03003742_p2, cib_05973621_p2 scanned again at 200
or 400 dpi), so the page gives no template. Each of those marks read alone, as one character
(psm 10), is "*". A line read as nothing but star lookalikes whose ink is ROW_STARS or more
marks of one shape has one of them read alone, and becomes a row of stars if it reads "*"
(`star_rows`): one small pass, on the pages that have such a line.
"""
from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.rows import box_of, copy, is_word, lines, put, put_block, take, union

MARK = "*"
READ_CONF = 60.0     # a "*" read from this confidence up is a reading of the mark (61 and 66
#                      on the bulletin, 81 and 84 on the PDB page, measured)
SURE_CONF = 80.0     # a word read this surely is what it says, whatever its shape
MAX_CHARS = 2        # "kK", "Ok": longer readings are words
SAME_SIZE = 0.3      # ink box width and height within this share of the template's
SAME_SHAPE = 0.7     # ink in common (intersection over union), one scaled onto the other:
#                      the page's stars 0.74-1.00 against each other, the nearest letter 0.39
ROW_STARS = 3        # marks of one shape on a line, one read "*": stars, with none read surely
MAX_TEMPLATES = 8    # the first stars read are template enough: a page of starred items
#                      costs a few comparisons a speck, not one a star
LINE_KEYS = ("page_num", "block_num", "par_num", "line_num")   # a row's place in its line
LOOKALIKES = frozenset("*xXkKoOe%")   # what a row of stars is read as ("ke", "Ok", "*x",
#                                       "%*": cib_02733122_p2)
PIECE_HEIGHT = 0.5   # x the tallest piece's height: lower ink in the line is a speck or a rule
MARK_PAD = 20        # white round a mark read alone


def asterisks(data: dict, ink: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `ink`'s pixels; ink 1) with each weak short word
    and each unread speck shaped like the page's asterisk read as one."""
    templates = _templates(data, ink) or _row_templates(data, ink)
    if not templates:
        return data
    out = copy(data)
    sure = max(READ_CONF, min(float(data["conf"][i]) for i, _ in templates))
    for i in reversed(range(len(out["text"]))):   # a word read as two stars becomes two rows
        text = (out["text"][i] or "").strip()
        if (not is_word(out, i) or len(text) > MAX_CHARS or float(out["conf"][i]) >= SURE_CONF
                or any(ch.isdigit() for ch in text)):
            continue
        read = [box_of(out, j) for j in range(len(out["text"]))
                if j != i and is_word(out, j) and out["text"][j].strip() == MARK]
        stars = _stars_in(ink, box_of(out, i), templates, read)
        if not stars:
            continue
        row = take(out, i)
        for n, (x, y, w, h) in enumerate(stars):
            put(out, i + n, dict(row, text=MARK, conf=max(float(row["conf"]), sure),
                                 left=x, top=y, width=w, height=h))
    return _with_unread(out, _unread(out, ink, templates), sure)


def star_rows(data: dict, ink: np.ndarray, image: np.ndarray,
              read_mark: Callable[[np.ndarray], tuple[str, float]]) -> dict:
    """`data` with each line read as star lookalikes alone, whose ink is ROW_STARS or more
    marks of one shape, read as a row of "*" when one of its marks, read alone by
    `read_mark` (a crop of `image` -> its text and confidence), is one."""
    found: dict[int, tuple[list[int], list[tuple[int, int, int, int]], float]] = {}
    for rows in lines(data).values():
        texts = [data["text"][i].strip() for i in rows]
        if all(t == MARK for t in texts) or not all(set(t) <= LOOKALIKES for t in texts):
            continue
        marks = _row_marks(ink, union([box_of(data, i) for i in rows]))
        if not marks:
            continue
        x, y, w, h = marks[0]
        text, conf = read_mark(cv2.copyMakeBorder(image[y:y + h, x:x + w], MARK_PAD, MARK_PAD,
                                                  MARK_PAD, MARK_PAD, cv2.BORDER_CONSTANT,
                                                  value=255))
        if text == MARK:
            found[rows[0]] = (rows, marks, max(READ_CONF, conf))
    if not found:
        return data
    gone = {i for rows, _, _ in found.values() for i in rows}
    out: dict = {key: [] for key in data}
    for i in range(len(data["text"])):
        if i in found:
            rows, marks, conf = found[i]
            first = {key: data[key][i] for key in data}
            for mx, my, mw, mh in marks:
                for key, value in dict(first, text=MARK, conf=conf, left=mx, top=my, width=mw,
                                       height=mh).items():
                    out[key].append(value)
        elif i not in gone:
            for key in data:
                out[key].append(data[key][i])
    return out


def _row_marks(ink: np.ndarray, box) -> list[tuple[int, int, int, int]]:
    """The boxes of the marks in `box`, left to right, when there are ROW_STARS or more and
    all of one shape; [] otherwise."""
    x, y, w, h = box
    patch = ink[max(0, y):y + h, max(0, x):x + w].astype(np.uint8)
    count, labels, stats, _ = connected_components(patch, connectivity=8)
    if count < 2:
        return []
    tallest = int(stats[1:count, cv2.CC_STAT_HEIGHT].max())
    pieces = [k for k in range(1, count) if stats[k, cv2.CC_STAT_HEIGHT] >= PIECE_HEIGHT * tallest]
    if len(pieces) < ROW_STARS:
        return []
    shapes = [(labels[int(stats[k, 1]):int(stats[k, 1] + stats[k, 3]),
                      int(stats[k, 0]):int(stats[k, 0] + stats[k, 2])] == k).astype(np.uint8)
              for k in pieces]
    if not all(_same(shapes[0], other) for other in shapes[1:]):
        return []
    return sorted((max(0, x) + int(stats[k, 0]), max(0, y) + int(stats[k, 1]),
                   int(stats[k, 2]), int(stats[k, 3])) for k in pieces)


def _stars_in(ink: np.ndarray, box, templates, read: list) -> list[tuple[int, int, int, int]]:
    """The ink boxes of the stars `box` holds: its ink as one star, or each of its
    pieces a star ("kK" read over two of them, cib_02869423_p2), but for pieces inside the
    boxes of stars `read` already (its box reached into the next "*"); [] when not all
    are stars."""
    found = _ink_box(ink, box)
    if found is None:
        return []
    if _like(ink, found, templates):
        return [found]
    x, y, w, h = found
    count, _, stats, _ = connected_components(_cut(ink, found), connectivity=8)
    pieces = [(x + int(s[0]), y + int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]]
    pieces = [b for b in pieces if not any(_holds(r, b) for r in read)]
    if 2 <= len(pieces) <= MAX_CHARS and all(_like(ink, b, templates) for b in pieces):
        return sorted(pieces)
    return []


def _templates(data: dict, ink: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(row, ink) of each "*" read at READ_CONF or more whose shape another one shares."""
    read = []
    for i in range(len(data["text"])):
        if is_word(data, i) and data["text"][i].strip() == MARK and float(
                data["conf"][i]) >= READ_CONF:
            found = _mark_box(ink, box_of(data, i))
            if found is not None:
                read.append((i, _cut(ink, found)))
    read = read[:MAX_TEMPLATES]
    return [(i, a) for i, a in read
            if any(j != i and _same(a, b) for j, b in read)]


def _row_templates(data: dict, ink: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(row, ink) of a "*" read at any confidence with at least ROW_STARS - 1 marks of its
    shape beside it on its line, weak short words or unread ink: a typed row of stars none
    of which Tesseract read at READ_CONF (a bulletin's "* kk *", all flagged noise). Three
    alike in a row, one of them read as the mark, stand for a reading at READ_CONF."""
    for i in range(len(data["text"])):
        if not (is_word(data, i) and data["text"][i].strip() == MARK):
            continue
        found = _mark_box(ink, box_of(data, i))
        if found is None:
            continue
        star = _cut(ink, found)
        x, y, w, h = found
        band = ink[max(0, y - h // 2):y + h + h // 2].astype(np.uint8)
        count, labels, stats, _ = connected_components(band, connectivity=8)
        alike = []
        for k in range(1, count):
            kx, ky, kw, kh, _ = (int(v) for v in stats[k])
            if abs(kx - x) < w or not _near_size(star, kw, kh):
                continue   # the star itself, or not of its size
            shape = (labels[ky:ky + kh, kx:kx + kw] == k).astype(np.uint8)
            if _same(star, shape) and (
                    _weak_or_unread(data, (kx, ky + max(0, y - h // 2), kw, kh))):
                alike.append((i, shape))
        if len(alike) >= ROW_STARS - 1:
            return [(i, star), *alike]   # each a template: a row's stars differ a little
    return []


def _near_size(shape: np.ndarray, w: int, h: int) -> bool:
    return (abs(h / shape.shape[0] - 1) <= SAME_SIZE and abs(w / shape.shape[1] - 1) <= SAME_SIZE)


def _weak_or_unread(data: dict, box) -> bool:
    """No word read surely, other than a "*", holds the middle of `box`."""
    return not any(is_word(data, j) and float(data["conf"][j]) >= SURE_CONF
                   and data["text"][j].strip() != MARK and _holds(box_of(data, j), box)
                   for j in range(len(data["text"])))


def _unread(data: dict, ink: np.ndarray, templates) -> list[tuple[int, int, int, int]]:
    """Ink components outside every word box shaped like the asterisk."""
    mask = ink.astype(np.uint8).copy()
    for i in range(len(data["text"])):
        if is_word(data, i):
            x, y, w, h = box_of(data, i)
            mask[y:y + h, x:x + w] = 0
    heights, widths = [t.shape[0] for _, t in templates], [t.shape[1] for _, t in templates]
    count, labels, stats, _ = connected_components(mask, connectivity=8)
    found = []
    for k in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if not ((1 - SAME_SIZE) * min(heights) <= h <= (1 + SAME_SIZE) * max(heights)
                and (1 - SAME_SIZE) * min(widths) <= w <= (1 + SAME_SIZE) * max(widths)):
            continue
        shape = (labels[y:y + h, x:x + w] == k).astype(np.uint8)
        if any(_same(t, shape) for _, t in templates):
            found.append((x, y, w, h))
    return found


def _with_unread(data: dict, stars: list[tuple[int, int, int, int]], conf: float) -> dict:
    """`data` (changed in place) with the unread stars as new lines, those of one row
    together, each a block of its own placed where the blocks reach its height (as the
    gaps' readings are)."""
    if not stars:
        return data
    rows: list[list[tuple[int, int, int, int]]] = []
    for star in sorted(stars, key=lambda s: (s[1], s[0])):
        if rows and star[1] < rows[-1][0][1] + rows[-1][0][3]:
            rows[-1].append(star)
        else:
            rows.append([star])
    template = {key: values[0] for key, values in data.items()}
    for row in rows:
        words = [dict(template, level=5, left=x, top=y, width=w, height=h, conf=conf, text=MARK)
                 for x, y, w, h in sorted(row)]
        line = _row_of_stars(data, union(row))
        if line is None:
            put_block(data, words, union(row)[1])
            continue
        for word in words:   # the row's last star left unread: in its row, in order
            at = next((i for i in line if int(data["left"][i]) > int(word["left"])), line[-1] + 1)
            put(data, at, dict(word, **{k: data[k][line[0]] for k in LINE_KEYS}))
            line = sorted([i + (i >= at) for i in line] + [at])
    return data


def _row_of_stars(data: dict, box) -> list[int] | None:
    """The word rows of the line of stars read beside `box`, at its height; None if none."""
    for rows in lines(data).values():
        if all(data["text"][i].strip() == MARK for i in rows):
            line = union([box_of(data, i) for i in rows])
            if min(line[1] + line[3], box[1] + box[3]) - max(line[1], box[1]) > box[3] / 2:
                return rows
    return None


def _holds(outer, box) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return outer[0] <= cx < outer[0] + outer[2] and outer[1] <= cy < outer[1] + outer[3]


def _like(ink: np.ndarray, box, templates) -> bool:
    shape = _cut(ink, box)
    return any(_same(t, shape) for _, t in templates)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two ink patches (1 = ink) are one mark: sizes within SAME_SIZE, and most ink
    in common once `b` is scaled onto `a`."""
    if (abs(b.shape[0] / a.shape[0] - 1) > SAME_SIZE
            or abs(b.shape[1] / a.shape[1] - 1) > SAME_SIZE):
        return False
    scaled = cv2.resize(b, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_NEAREST)
    both, either = np.logical_and(a, scaled).sum(), np.logical_or(a, scaled).sum()
    return bool(either) and both / either >= SAME_SHAPE


def _ink_box(ink: np.ndarray, box) -> tuple[int, int, int, int] | None:
    """The box of the ink inside `box`, in page pixels; None when it holds none."""
    x, y, w, h = box
    ys, xs = np.nonzero(ink[max(0, y):y + h, max(0, x):x + w])
    if not len(ys):
        return None
    x0, y0 = max(0, x) + int(xs.min()), max(0, y) + int(ys.min())
    return x0, y0, int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1


def _mark_box(ink: np.ndarray, box) -> tuple[int, int, int, int] | None:
    """The box of the pieces of ink `box` reaches into, each whole: Tesseract's box of a
    "*" can cut its mark (3 px of a star's left arm, cib_03017657_p2, whose other stars
    then differed from it). A piece reaching far out (a star touching a rule) is cut."""
    found = _ink_box(ink, box)
    if found is None:
        return None
    x, y, w, h = found
    x0, y0 = max(0, x - w), max(0, y - h)
    near = ink[y0:y + 2 * h, x0:x + 2 * w].astype(np.uint8)
    count, labels, stats, _ = connected_components(near, connectivity=8)
    inside = np.unique(labels[y - y0:y - y0 + h, x - x0:x - x0 + w])
    pieces = [stats[k] for k in inside if k]
    if not pieces:
        return found
    left = min(int(s[0]) for s in pieces) + x0
    top = min(int(s[1]) for s in pieces) + y0
    right = max(int(s[0] + s[2]) for s in pieces) + x0
    bottom = max(int(s[1] + s[3]) for s in pieces) + y0
    whole = (left, top, right - left, bottom - top)
    if whole[2] > (1 + SAME_SIZE) * w or whole[3] > (1 + SAME_SIZE) * h:
        return found
    return whole


def _cut(ink: np.ndarray, box) -> np.ndarray:
    x, y, w, h = box
    return (ink[y:y + h, x:x + w] > 0).astype(np.uint8)
