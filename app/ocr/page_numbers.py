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

from recto.app.ocr.pieces import DARK
from recto.app.ocr.rows import box_of, copy, line_of, lines, put, spans, take, union

# A page number between dashes or tildes (Tesseract's reading of a typed dash): "~4-",
# "-12-", "- 3 -" (one word, its spaces lost); a speck beside the number may come back as a
# stop ("-2.-" at 52, cib_02003047_p2: no page number is printed so), spelled without it.
PAGE_NUMBER = re.compile(r"^[-~–—]\s*(\d{1,4})[.,]?\s*[-~–—]$")
# A gap between a dash and the number wider than this share of the word's height is a
# typed space: 0.8 on the CIA bulletin's "- 4 -", under 0.1 on the PDB's "-4-" (measured).
SPACE_GAP = 0.35


def spell_page_numbers(data: dict, image: np.ndarray) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with each page number alone
    on its line spelled "- N -" (three words, each over its ink) or "-N-", as printed."""
    words = {key: sum(any(ch.isalnum() for ch in data["text"][i]) for i in rows)
             for key, rows in lines(data).items()}
    out = copy(data)
    for i in reversed(range(len(data["text"]))):
        m = PAGE_NUMBER.match((data["text"][i] or "").strip())
        if not m or words.get(line_of(data, i)) != 1:
            continue
        parts = _spaced(image, box_of(data, i))
        if parts is None:
            out["text"][i] = f"-{m.group(1)}-"
            continue
        row = take(out, i)
        for n, (text, (x0, x1)) in enumerate(zip(("-", m.group(1), "-"), parts, strict=True)):
            row.update(text=text, left=x0, width=x1 - x0, word_num=int(row["word_num"]) + n)
            put(out, i + n, row)
    return out


def as_one_word(found: dict) -> dict:
    """A crop's reading (Tesseract's rows) that is a page number read in pieces ("~", "2",
    "-" at 81, 55, 55) as the one word "~2-" at their mean confidence: as pieces, each too
    weak to keep alone, the number was lost (cib_02993982_p2, measured)."""
    rows = [i for i, t in enumerate(found["text"]) if (t or "").strip()]
    joined = "".join(found["text"][i].strip() for i in rows)
    if not 2 <= len(rows) <= 3 or not PAGE_NUMBER.match(joined):
        return found
    x, y, w, h = union([box_of(found, i) for i in rows])
    one = {key: [values[rows[0]]] for key, values in found.items()}
    one.update(text=[joined], conf=[sum(float(found["conf"][i]) for i in rows) / len(rows)],
               left=[x], top=[y], width=[w], height=[h])
    return one


def _spaced(image: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int]] | None:
    """The three inked spans (dash, number, dash) of the word's box, in image columns,
    when spaces part them; None when they touch or the ink does not fall in three."""
    x, y, w, h = box
    inked = spans((image[y:y + h, x:x + w] < DARK).any(axis=0))
    if len(inked) < 3:
        return None
    gaps = [inked[1][0] - inked[0][1], inked[-1][0] - inked[-2][1]]
    if min(gaps) <= SPACE_GAP * h:
        return None
    first, last = inked[0], inked[-1]
    return [(x + first[0], x + first[1]), (x + inked[1][0], x + inked[-2][1]),
            (x + last[0], x + last[1])]
