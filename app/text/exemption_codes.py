"""Exemption codes as printed beside redactions, read from OCR words.

Declassifiers stamp the legal ground of each redaction next to it: FOIA
exemptions "(b)(1)", "(b)(7)(C)"; E.O. 12958/13526 file-series and 25-year
exemptions "25X1", "50X1"; E.O. section numbers "3.3(h)(2)", "1.4(c)". OCR
confuses digits with look-alike letters ("25Xl", "5OX1"), so tokens are
normalised before matching and the canonical form is returned.

Shared text code: the redactions package reads codes beside boxes, the OCR package
corrects how Tesseract spells them.
"""
from __future__ import annotations

import re

# Character classes that accept what OCR reads instead of a digit.
_ONE = r"[1lI|!i]"
_D19 = r"[1-9lI|!]"
_ZERO = r"[0OoQD]"
# 50X's 0 read as 9 ("59x1" on a grayscale rescan of pdb_0005996106_p5): no code starts 59,
# so after a 5 it can only be the 0. Only there: "25X9" is a code.
_ZERO_AFTER_FIVE = r"[0OoQD9]"
_FIVE = r"[5S]"
_TWO = r"[2Z]"
_LOOKALIKE = str.maketrans({"l": "1", "I": "1", "|": "1", "!": "1", "i": "1",
                            "O": "0", "o": "0", "Q": "0", "D": "0", "S": "5", "Z": "2"})

_FOIA = re.compile(rf"\(\s*[bB]\s*\)\s*\(\s*({_D19})\s*\)(?:\s*\(\s*([A-Fa-f])\s*\))?")
# No look-ahead after the digit: OCR often reads the box edge beside "25X1" as a
# trailing "1" ("25X11"), and the codes only go from X1 to X9.
_XCODE = re.compile(
    rf"(?<![0-9])({_TWO}{_FIVE}|{_FIVE}{_ZERO_AFTER_FIVE}|7{_FIVE})\s*[Xx×]\s*({_D19})")
_SECTION = re.compile(rf"(?<![0-9.])([1-6])\s*[.,\-]\s*({_D19})\s*\(\s*([a-hA-H¢])\s*\)"
                      rf"(?:\s*\(\s*({_D19})\s*\))?")

# One digit too many, a code only goes from X1 to X9: "25X11" (the box edge beside it
# read as a trailing "1") or "50X41" (a stray stroke read as a digit), measured on the
# PDB bench pages.
_XCODE_OVERLONG = re.compile(
    rf"({_TWO}{_FIVE}|{_FIVE}{_ZERO_AFTER_FIVE}|7{_FIVE})\s*[Xx×]\s*({_D19})({_D19})")


def _digit(s: str) -> str:
    return s.translate(_LOOKALIKE)


def _head(s: str) -> str:
    """A code's first two digits: 25, 50 or 75."""
    head = _digit(s)
    return "50" if head == "59" else head


def find_codes(text: str) -> list[str]:
    """Every exemption code in `text`, canonical, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _FOIA.finditer(text):
        sub = f"({m.group(2).upper()})" if m.group(2) else ""
        found.append((m.start(), f"(b)({_digit(m.group(1))}){sub}"))
    for m in _XCODE.finditer(text):
        found.append((m.start(), f"{_head(m.group(1))}X{_digit(m.group(2))}"))
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


def canonical_token(token: str) -> str | None:
    """The canonical code a whole OCR token spells ("25x1", "5OX1", "3.5(¢)"), or None.

    Whole tokens only, and section codes only as printed with a full stop, so that
    running text ("pages 2-5(a)") is never rewritten.
    """
    if _XCODE.fullmatch(token) or (_SECTION.fullmatch(token) and "." in token):
        return parse_code(token)
    return None


def overlong_choices(token: str) -> tuple[str, str] | None:
    """The two codes a token with one digit too many may be ("25X41": 25X4 or 25X1)."""
    m = _XCODE_OVERLONG.fullmatch(token)
    if not m:
        return None
    head = _head(m.group(1))
    return f"{head}X{_digit(m.group(2))}", f"{head}X{_digit(m.group(3))}"
