"""Paragraph signs, which Tesseract's Latin models cannot read.

Court filings cite the statement of facts by paragraph ("see PUF ¶¶ 218-19"), but "¶" is
not among the characters of Debian's English model, PyPI's standard one, or Debian's
Latin script model (`combine_tessdata -u`). Tesseract reads the sign as a character it
has: "§", "¥", "J", "{J", "$f", "[4", "FJ", "4" on the three court pages, so a quoted
citation names a section, or nothing, where the filing names a paragraph.

The sign's shape is its own, and the page's ink shows it: a glyph taller than wide by
half at least and about as tall as a capital or taller, its lower part two thin stems
side by side, and left of them, above, a bowl (filled in Times New Roman, outlined in
other Times faces). A sign cites a paragraph by its number, so only a word's leading
glyphs with a number after them, in the word or as the next word of the line, are
looked at; those of that shape are read as "¶", and a word read as one across the space
after them ("¶¶ 44-45.") is split there.

Measured on the 39 bench pages: the court pages' signs start their left stem at
0.39-0.55 of their width, with 0.61-0.78 of the upper half left of it inked; the other
glyphs of such proportions, with two stems in three quarters of their lower rows, start
it before 0.30 (0.29 the nearest: close) or ink under 0.27 of that corner (letters touching
rules, a struck header's fragment on a release line); none has a number after it, which
is what keeps them out with room to spare. On drawn pages
the signs of PyMuPDF's Times (outlined bowl: 0.38-0.45), Helvetica, Courier (1.5 times
as tall as wide, no taller than its capitals) and DejaVu are read.
"""
from __future__ import annotations

import numpy as np

from recto.app.components import connected_components
from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, copy, is_word, line_of, put

PILCROW = "¶"
TALL = 1.4        # a sign's height over its width at least (court 1.88-2.19; Courier 1.50)
STEMS = 0.75      # share of its lower rows (bottom 40 %) crossing exactly two runs of ink
STEM_AT = (0.3, 0.7)   # where the left stem starts, x the width: the bowl lies left of it
BOWL = 0.3        # share of ink in the upper half left of the stems: filled or outlined
HEIGHT = 0.9      # x the page's text height (median word box): a sign is as tall as a
#                   capital or taller (court 1.19-1.28, below the line; DejaVu's, 41 px
#                   beside 38 px capitals, not)
BOX_HEIGHT = 0.85  # x the page's text height: the box of a sign's word is as tall
MIN_AREA = 15     # px of ink (at 300 dpi): a piece of a glyph, not a speck
GAP = 0.15        # x the page's text height: a gap this wide after the signs is a space


def pilcrows(data: dict, image: np.ndarray, text_height: float | None,
             dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels, black text on white) with the
    leading glyphs of each word that have a paragraph sign's shape read as "¶"."""
    if not text_height:
        return data
    out = data
    i = 0
    while i < len(out["text"]):
        if is_word(out, i):
            mended = _mended(out, i, image, text_height, dpi_scale)
            if mended is not None:
                out = out if out is not data else copy(data)
                for n, row in enumerate(mended):
                    if n == 0:
                        for key in out:
                            out[key][i] = row[key]
                    else:
                        put(out, i + n, row)
                i += len(mended) - 1
        i += 1
    return out


def _mended(data: dict, i: int, image: np.ndarray, text_height: float,
            dpi_scale: float) -> list[dict] | None:
    """Row `i` as one or two rows with its signs read, or None when it starts with none."""
    text = data["text"][i].strip()
    if int(data["height"][i]) < BOX_HEIGHT * text_height or not (
            any(ch.isdigit() for ch in text[1:]) or _number_next(data, i)):
        return None   # shorter than a sign, or no number after it to cite
    labels, glyphs, shift = _glyphs(image, box_of(data, i), dpi_scale)
    signs = count = 0   # leading glyphs that are signs (or parts of one), and the signs
    while signs < len(glyphs) and _tall(glyphs[signs], text_height):
        held = _signs_in(_mask(labels, glyphs[signs]), text_height)
        if held:
            signs, count = signs + 1, count + held
            continue
        # a sign whose right stem came apart from its bowl (a faint scan): its two pieces
        if signs + 1 < len(glyphs) and _signs_in(
                _mask(labels, _joined(glyphs[signs], glyphs[signs + 1])), text_height) == 1:
            glyphs[signs:signs + 2] = [_joined(glyphs[signs], glyphs[signs + 1])]
            signs, count = signs + 1, count + 1
            continue
        break
    if not signs:
        return None
    row = {key: data[key][i] for key in data}
    if signs == len(glyphs):
        return [dict(row, text=PILCROW * count)] if _number_next(data, i) else None
    rest = glyphs[signs:]
    if len(text) - len(rest) not in (signs, count) or not text[-len(rest)].isdigit():
        return None   # the letters cannot be told from the signs, or no number follows
    sign_end, rest_start = glyphs[signs - 1][1] - shift, rest[0][0] - shift
    signs_text, rest_text = PILCROW * count, text[-len(rest):]
    if rest_start - sign_end < GAP * text_height:
        return [dict(row, text=signs_text + rest_text)]
    left = int(data["left"][i])
    return [dict(row, text=signs_text, width=sign_end),
            dict(row, text=rest_text, left=left + rest_start,
                 width=int(data["width"][i]) - rest_start, word_num=int(row["word_num"]) + 1)]


def _number_next(data: dict, i: int) -> bool:
    """Whether the next word on row `i`'s line starts with a digit: a sign cites a
    paragraph by its number ("¶ 215", "¶¶ 44-45")."""
    j = i + 1
    while j < len(data["text"]) and not is_word(data, j):
        j += 1
    return (j < len(data["text"]) and line_of(data, j) == line_of(data, i)
            and data["text"][j].strip()[:1].isdigit())


# A glyph: left and right edge in the labels' columns, top and bottom row, its pieces.
Glyph = tuple[int, int, int, int, list[int]]


def _glyphs(image: np.ndarray, box: tuple[int, int, int, int], dpi_scale: float
            ) -> tuple[np.ndarray, list[Glyph], int]:
    """The labelled ink about the word's box, the word's glyphs left to right (pieces of
    ink that overlap in x), and the column of the labels where the box starts. Pieces are
    taken whole where Tesseract's box cuts them: a sign's stems reach below a line's box,
    its bowl past the box's left edge."""
    x, y, w, h = box
    pad = h // 2
    top, bottom = max(0, y - pad), min(image.shape[0], y + h + pad)
    left = max(0, x - pad)
    ink = (image[top:bottom, left:x + w + pad] < DARK).astype(np.uint8)
    count, labels, stats, _ = connected_components(ink)
    inside = np.unique(labels[y - top:y - top + h, x - left:x - left + w])
    glyphs: list[Glyph] = []
    for k in sorted(inside[inside > 0], key=lambda k: stats[k][0]):
        px, py, pw, ph, area = (int(v) for v in stats[k][:5])
        if area < MIN_AREA * dpi_scale ** 2:
            continue
        if glyphs and px < glyphs[-1][1]:
            g0, g1, g_top, g_bottom, members = glyphs[-1]
            glyphs[-1] = (g0, max(g1, px + pw), min(g_top, py), max(g_bottom, py + ph),
                          [*members, int(k)])
        else:
            glyphs.append((px, px + pw, py, py + ph, [int(k)]))
    return labels, glyphs, x - left


def _tall(glyph: Glyph, text_height: float) -> bool:
    return glyph[3] - glyph[2] >= HEIGHT * text_height


def _joined(a: Glyph, b: Glyph) -> Glyph:
    return a[0], max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]), a[4] + b[4]


def _mask(labels: np.ndarray, glyph: Glyph) -> np.ndarray:
    """The glyph's ink."""
    x0, x1, top, bottom, members = glyph
    return np.isin(labels[top:bottom, x0:x1], members)


def _signs_in(mask: np.ndarray, text_height: float) -> int:
    """How many signs a glyph is: 1, or 2 when two signs touch ("¶¶" printed tight, one
    piece of ink on p20), or 0. Two touching signs part at a column near the glyph's
    middle; each column there is tried (the gap between a sign's own stems is as thin)."""
    if _sign(mask, text_height):
        return 1
    h, w = mask.shape
    if h < HEIGHT * text_height or w < h / TALL:
        return 0
    lower = mask[round(0.6 * h):]
    if (_runs(lower) == 4).sum() < STEMS * len(lower):
        return 0      # not four stems side by side
    near = w // 2 - w // 8
    for cut in range(near, w - near):
        if all(_sign(_trimmed(half), text_height) for half in (mask[:, :cut], mask[:, cut:])):
            return 2
    return 0


def _trimmed(mask: np.ndarray) -> np.ndarray:
    """`mask` cut to the rows and columns that hold ink."""
    ys, xs = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not len(ys):
        return mask[:0, :0]
    return mask[ys[0]:ys[-1] + 1, xs[0]:xs[-1] + 1]


def _sign(mask: np.ndarray, text_height: float) -> bool:
    """Whether a glyph has a paragraph sign's shape (module doc)."""
    h, w = mask.shape
    if not h or h < TALL * w or h < HEIGHT * text_height:
        return False
    lower = mask[round(0.6 * h):]
    stems = lower[_runs(lower) == 2]
    if len(stems) < STEMS * len(lower):
        return False
    left = int(np.median(np.argmax(stems, axis=1)))   # the left stem's left edge
    if not STEM_AT[0] <= left / w <= STEM_AT[1]:
        return False
    return float(mask[:round(0.5 * h), :left].mean()) >= BOWL


def _runs(rows: np.ndarray) -> np.ndarray:
    """How many runs of ink each row crosses."""
    return (np.diff(rows.astype(np.int8), axis=1, prepend=0) == 1).sum(axis=1)
