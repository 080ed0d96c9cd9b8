"""Exemption codes as printed beside redactions, read from OCR words.

Declassifiers stamp the legal ground of each redaction next to it: FOIA
exemptions "(b)(1)", "(b)(7)(C)"; E.O. 12958/13526 file-series and 25-year
exemptions "25X1", "50X1"; E.O. section numbers "3.3(h)(2)", "1.4(c)". OCR
confuses digits with look-alike letters ("25Xl", "5OX1"), so tokens are
normalised before matching and the canonical form is returned.
"""
from __future__ import annotations

import re

from recto.annotations.model import Box, OcrWord

# Character classes that accept what OCR reads instead of a digit.
_ONE = r"[1lI|!i]"
_D19 = r"[1-9lI|!]"
_ZERO = r"[0OoQD]"
_FIVE = r"[5S]"
_TWO = r"[2Z]"
_LOOKALIKE = str.maketrans({"l": "1", "I": "1", "|": "1", "!": "1", "i": "1",
                            "O": "0", "o": "0", "Q": "0", "D": "0", "S": "5", "Z": "2"})

_FOIA = re.compile(rf"\(\s*[bB]\s*\)\s*\(\s*({_D19})\s*\)(?:\s*\(\s*([A-Fa-f])\s*\))?")
# No look-ahead after the digit: OCR often reads the box edge beside "25X1" as a
# trailing "1" ("25X11"), and the codes only go from X1 to X9.
_XCODE = re.compile(rf"(?<![0-9])({_TWO}{_FIVE}|{_FIVE}{_ZERO}|7{_FIVE})\s*[Xx×]\s*({_D19})")
_SECTION = re.compile(rf"(?<![0-9.])([1-6])\s*[.,\-]\s*({_D19})\s*\(\s*([a-hA-H¢])\s*\)"
                      rf"(?:\s*\(\s*({_D19})\s*\))?")

# How far from a box a code may be printed (PDF points).
_MAX_SIDE_GAP = 420.0   # codes sit in the right margin, far from short boxes
_BAND_SLACK = 14.0
_ABOVE_BELOW = 24.0


def _digit(s: str) -> str:
    return s.translate(_LOOKALIKE)


def find_codes(text: str) -> list[str]:
    """Every exemption code in `text`, canonical, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _FOIA.finditer(text):
        sub = f"({m.group(2).upper()})" if m.group(2) else ""
        found.append((m.start(), f"(b)({_digit(m.group(1))}){sub}"))
    for m in _XCODE.finditer(text):
        found.append((m.start(), f"{_digit(m.group(1))}X{_digit(m.group(2))}"))
    for m in _SECTION.finditer(text):
        tail = f"({_digit(m.group(4))})" if m.group(4) else ""
        letter = m.group(3).lower().replace("¢", "c")
        found.append((m.start(), f"{m.group(1)}.{_digit(m.group(2))}({letter}){tail}"))
    found.sort()
    return [code for _, code in found]


def parse_code(token: str) -> str | None:
    """The code one OCR token spells, or None."""
    codes = find_codes(token)
    return codes[0] if codes else None


def code_near(box: Box, words: list[OcrWord]) -> str | None:
    """The code printed inside or beside `box`: same line band first (the margin or
    the end of the line), then just above or below. None if nothing is close."""
    best: tuple[float, str] | None = None
    for word in words:
        code = parse_code(word.text)
        if code is None:
            continue
        score = _distance(box, word.bbox)
        if score is not None and (best is None or score < best[0]):
            best = (score, code)
    return best[1] if best else None


def _distance(box: Box, wb: Box) -> float | None:
    """A cost for `wb` as the code of `box`; None when it is too far to belong to it."""
    cy = (wb.y0 + wb.y1) / 2
    dx = max(0.0, wb.x0 - box.x1, box.x0 - wb.x1)
    dy = max(0.0, box.y0 - cy, cy - box.y1)
    if dx == 0 and dy == 0:
        return 0.0
    if dy <= _BAND_SLACK and dx <= _MAX_SIDE_GAP:
        # Beside the box: prefer the line band, then the nearer side.
        return dx * 0.05 + dy * 2.0 + 1.0
    if dy <= _ABOVE_BELOW + box.height * 0.1 and dx <= 40:
        return 50.0 + dy * 2.0 + dx
    return None
