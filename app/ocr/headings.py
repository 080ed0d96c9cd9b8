"""Section numbers in Roman numerals, read as the sequence they are.

Typed reports number their sections "I. THE COMMUNIST BLOC", "II. ASIA-AFRICA", "III.
THE WEST". Tesseract reads the numeral's strokes as digits and lower-case l's and its full
stop as a comma ("1.", "II,", "Il.", "Ill."; 5 of the 10 section numbers on the 39 pages,
measured), and once a stroke short ("II," for the third). A heading is a line of capitals
led by such a numeral; the headings of a page in reading order count up by one, so where
most of them agree with that count, each is spelled as the count says. A lone numeral of
digits only ("1.", "11.") is left alone, and so is every such one on a page whose headings
are numbered in digits ("2. BACKGROUND"): it may be a list number.
"""
from __future__ import annotations

import re

from recto.app.ocr.rows import copy, lines

NUMERAL = re.compile(r"^([IVXl1|]{1,5})[.,]$")
ARABIC = re.compile(r"^\d*[02-9]\d*[.)]$")   # a heading numbered in digits other than 1s
STROKES = str.maketrans({"l": "I", "1": "I", "|": "I"})
MAX_WORDS = 6        # a heading's words besides its number
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def section_numbers(data: dict) -> dict:
    """`data` (Tesseract's rows) with its section headings' numerals spelled as counted."""
    found = []   # (row, the numeral's value as read, whether it was read with a letter)
    arabic = False
    for rows in lines(data).values():
        texts = [data["text"][i].strip() for i in rows]
        if not 1 <= len(texts) - 1 <= MAX_WORDS or not all(_capitals(t) for t in texts[1:]):
            continue
        m = NUMERAL.match(texts[0])
        if m and _value(m.group(1).translate(STROKES)):
            found.append((rows[0], _value(m.group(1).translate(STROKES)),
                          not m.group(1).isdigit()))
        arabic = arabic or bool(ARABIC.match(texts[0]))
    if not found:
        return data
    start = found[0][1]
    counted = sum(value == start + k for k, (_, value, _) in enumerate(found))
    # in step only with a numeral read with letters, and no heading numbered "2." beside
    in_step = (len(found) > 1 and 2 * counted >= len(found) and not arabic
               and any(letters for *_, letters in found))
    out = copy(data)
    for k, (i, value, letters) in enumerate(found):
        if in_step:
            out["text"][i] = f"{ROMAN[min(start + k, len(ROMAN) - 1)]}."
        elif letters:
            out["text"][i] = f"{ROMAN[value]}."
    return out


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _value(numeral: str) -> int:
    """The numeral's value, 0 when it is no well-formed numeral up to XX."""
    return ROMAN.index(numeral) if numeral in ROMAN[1:] else 0
