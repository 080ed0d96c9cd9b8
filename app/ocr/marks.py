"""Asterisks as the page itself prints them: a "*" read twice in one shape is the
template of its other copies.

Tesseract reads a typed "* * *" rule unevenly: in the "* * * *" of a CIA bulletin the
last two came back "kK" (at 67 and 31) beside two read as "*" (cib_05973621_p2), and on a
PDB page the two stars of a second rule were not read at all (pdb_0006015108_p9). The
page's own readings say what its asterisk looks like: when two words read "*" have ink of
one shape, every short weak word and every unread speck of ink with that shape (same size,
most ink in common) is an asterisk too. A dictionary-free check on the ink, so a letter is
never taken for one (a typed "a" shares 0.39 of a star's ink, a "-" is a third its size).
"""
from __future__ import annotations

import cv2
import numpy as np

from recto.app.ocr.rows import box_of, copy, is_word, put_block, union

MARK = "*"
READ_CONF = 60.0     # a "*" read from this confidence up is a reading of the mark (61 and 66
#                      on the bulletin, 81 and 84 on the PDB page, measured)
SURE_CONF = 80.0     # a word read this surely is what it says, whatever its shape
MAX_CHARS = 2        # "kK", "Ok": longer readings are words
SAME_SIZE = 0.3      # ink box width and height within this share of the template's
SAME_SHAPE = 0.7     # ink in common (intersection over union), one scaled onto the other:
#                      the page's stars 0.74-1.00 against each other, the nearest letter 0.39
MAX_TEMPLATES = 8    # the first stars read are template enough: a page of starred items
#                      costs a few comparisons a speck, not one a star


def asterisks(data: dict, ink: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `ink`'s pixels; ink 1) with each weak short word
    and each unread speck shaped like the page's asterisk read as one."""
    templates = _templates(data, ink)
    if not templates:
        return data
    out = copy(data)
    sure = min(float(data["conf"][i]) for i, _ in templates)
    for i in range(len(out["text"])):
        text = (out["text"][i] or "").strip()
        if (not is_word(out, i) or len(text) > MAX_CHARS or float(out["conf"][i]) >= SURE_CONF
                or any(ch.isdigit() for ch in text)):
            continue
        found = _ink_box(ink, box_of(out, i))
        if found is not None and _like(ink, found, templates):
            x, y, w, h = found
            out["text"][i] = MARK
            out["conf"][i] = max(float(out["conf"][i]), sure)
            out["left"][i], out["top"][i], out["width"][i], out["height"][i] = x, y, w, h
    return _with_unread(out, _unread(out, ink, templates), sure)


def _templates(data: dict, ink: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(row, ink) of each "*" read at READ_CONF or more whose shape another one shares."""
    read = []
    for i in range(len(data["text"])):
        if is_word(data, i) and data["text"][i].strip() == MARK and float(
                data["conf"][i]) >= READ_CONF:
            found = _ink_box(ink, box_of(data, i))
            if found is not None:
                read.append((i, _cut(ink, found)))
    read = read[:MAX_TEMPLATES]
    return [(i, a) for i, a in read
            if any(j != i and _same(a, b) for j, b in read)]


def _unread(data: dict, ink: np.ndarray, templates) -> list[tuple[int, int, int, int]]:
    """Ink components outside every word box shaped like the asterisk."""
    mask = ink.astype(np.uint8).copy()
    for i in range(len(data["text"])):
        if is_word(data, i):
            x, y, w, h = box_of(data, i)
            mask[y:y + h, x:x + w] = 0
    heights, widths = [t.shape[0] for _, t in templates], [t.shape[1] for _, t in templates]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
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
        put_block(data, [dict(template, level=5, left=x, top=y, width=w, height=h, conf=conf,
                              text=MARK) for x, y, w, h in sorted(row)], union(row)[1])
    return data


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


def _cut(ink: np.ndarray, box) -> np.ndarray:
    x, y, w, h = box
    return (ink[y:y + h, x:x + w] > 0).astype(np.uint8)
