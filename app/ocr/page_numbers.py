"""Typed page numbers between dashes, spelled as printed.

Tesseract reads a page number set between dashes as one word and often takes a dash for
a tilde: the bold "- 4 -" of a CIA bulletin comes back "~4-", the typewritten "-4-" of a
PDB page "-4-". Whether spaces stand between the dashes and the number is in the ink, not
in Tesseract's word, so the gaps are measured on the image read: "- 4 -" is three words,
"-4-" one, as on the page.
"""
from __future__ import annotations

import re

import numpy as np

# A page number between dashes or tildes (Tesseract's reading of a typed dash): "~4-",
# "-12-", "- 3 -" (one word, its spaces lost).
PAGE_NUMBER = re.compile(r"^[-~–—]\s*(\d{1,4})\s*[-~–—]$")
# A gap between a dash and the number wider than this share of the word's height is a
# typed space: 0.8 on the CIA bulletin's "- 4 -", under 0.1 on the PDB's "-4-" (measured).
SPACE_GAP = 0.35
DARK = 128


def spell_page_numbers(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with each page number alone
    on its line spelled "- N -" (three words, each over its ink) or "-N-", as printed."""
    lines: dict[tuple, int] = {}
    for i, text in enumerate(data["text"]):
        if any(ch.isalnum() for ch in text or "") and float(data["conf"][i]) >= 0:
            key = _line(data, i)
            lines[key] = lines.get(key, 0) + 1
    out = {key: list(values) for key, values in data.items()}
    for i in reversed(range(len(data["text"]))):
        m = PAGE_NUMBER.match((data["text"][i] or "").strip())
        if not m or lines.get(_line(data, i)) != 1:
            continue
        box = (int(data["left"][i]), int(data["top"][i]),
               int(data["width"][i]), int(data["height"][i]))
        parts = _spaced(image, box)
        if parts is None:
            out["text"][i] = f"-{m.group(1)}-"
            continue
        row = {key: out[key][i] for key in out}
        for key in out:
            del out[key][i]
        for n, (text, (x0, x1)) in enumerate(zip(("-", m.group(1), "-"), parts, strict=True)):
            row.update(text=text, left=x0, width=x1 - x0, word_num=int(row["word_num"]) + n)
            for key in out:
                out[key].insert(i + n, row[key])
    return out


def _line(data: dict, i: int) -> tuple:
    return data["block_num"][i], data["par_num"][i], data["line_num"][i]


def _spaced(image: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int]] | None:
    """The three inked spans (dash, number, dash) of the word's box, in image columns,
    when spaces part them; None when they touch or the ink does not fall in three."""
    x, y, w, h = box
    columns = (image[y:y + h, x:x + w] < DARK).any(axis=0)
    spans, start = [], None
    for c, inked in enumerate(np.append(columns, False)):
        if inked and start is None:
            start = c
        elif not inked and start is not None:
            spans.append((start, c))
            start = None
    if len(spans) < 3:
        return None
    gaps = [spans[1][0] - spans[0][1], spans[-1][0] - spans[-2][1]]
    if min(gaps) <= SPACE_GAP * h:
        return None
    first, last = spans[0], spans[-1]
    return [(x + first[0], x + first[1]), (x + spans[1][0], x + spans[-2][1]),
            (x + last[0], x + last[1])]
