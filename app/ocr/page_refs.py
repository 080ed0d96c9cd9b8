"""Page references in Roman numerals, read as the numerals they are.

A bulletin's summary page points to each item's page: "(Page 3)", and in italic type to
its annex, "(Page iii)". Tesseract reads the italic i, its dot joined to its stem, as a
"t", a "1" or a "7": "(Page tit)", "(Page itt)", "(Page tv)", "(Page 77)", "(Page 1)"
(cib_02026614_p3, measured), so a quoted reference points to no page, or to the wrong one.

A reference read with letters that are no page number ("tit") is Roman once those
look-alikes are taken for i: a page number is a number, so no other reading is left. One
read as digits ("77") may be a true page number, so there the ink decides: each digit must
be the same glyph as the i's of the page's Roman references (normalised correlation of
the glyphs scaled to one size: 0.87-1.0 for the italic i's of that page, at most 0.32 for
the typed digits of six other bulletins' references, measured). The reference's own word,
when its first letters were misread ("(Rige", "(Fuge"), is "(Page" again once its number is
known.
"""
from __future__ import annotations

import re

import cv2
import numpy as np

from recto.app.ocr.pieces import DARK
from recto.app.ocr.punctuation import word_pieces
from recto.app.ocr.rows import box_of, copy, lines

# "(Page", or what Tesseract made of its first letters: "(Rige", "(Fuge" (measured)
REF_WORD = re.compile(r"^\((?:[Pp][a-z]|[A-Z][a-z])ge$")
NUMBER = re.compile(r"^(?P<core>[^()]+)\)(?P<end>[.,;:]?)$")
ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
LOOK_ALIKES = str.maketrans("tl17I!|", "iiiiiii")   # an italic i's misreadings
ROMAN_LETTERS = "tivx"  # a reading holds one of these, or it may be a "1" read as "l"
MAX_DIGITS = 3
SAME_GLYPH = 0.75       # correlation with an i of the page's Roman references
GLYPH_SIZE = (20, 40)   # px (w, h) both glyphs are scaled to before they are compared
MIN_AREA = 60           # px at 300 dpi: ink smaller is a speck or a box's corner, no glyph


def roman_page_refs(data: dict, image: np.ndarray, dpi_scale: float = 1.0) -> dict:
    """`data` (Tesseract's rows, boxes in `image`'s pixels) with its Roman page references
    read as Roman numerals."""
    refs = [(a, b, m) for a, b in _pairs(data)
            if (m := NUMBER.match(data["text"][b] or ""))]
    if not refs:
        return data
    out = copy(data)
    templates: list[np.ndarray] = []
    for a, b, m in refs:
        core = m["core"]
        if core.isdigit():
            continue
        roman = core.translate(LOOK_ALIKES)
        if not ROMAN.match(roman) or not set(core) & set(ROMAN_LETTERS):
            continue   # a lone "l" or "|" is as likely a "1"
        out["text"][b] = roman + ")" + m["end"]
        _page_word(out, a)
        glyphs = _glyphs(image, box_of(data, b), dpi_scale)
        if len(glyphs) == len(m[0]):   # one glyph a letter, and the ")" and stop
            templates += [g for g, ch in zip(glyphs, roman, strict=False) if ch == "i"]
    if not templates:
        return out
    for a, b, m in refs:
        core = m["core"]
        if not core.isdigit() or len(core) > MAX_DIGITS:
            continue
        glyphs = _glyphs(image, box_of(data, b), dpi_scale)
        if len(glyphs) != len(m[0]):
            continue
        if all(max(_alike(g, t) for t in templates) >= SAME_GLYPH
               for g in glyphs[:len(core)]):
            out["text"][b] = "i" * len(core) + ")" + m["end"]
            _page_word(out, a)
    return out


def _page_word(data: dict, a: int) -> None:
    if data["text"][a].lower() != "(page":
        data["text"][a] = "(Page"


def _pairs(data: dict) -> list[tuple[int, int]]:
    """(reference word, number word) rows next to each other on a line."""
    return [(a, b) for rows in lines(data).values()
            for a, b in zip(rows, rows[1:], strict=False)
            if REF_WORD.match(data["text"][a] or "")]


def _glyphs(image: np.ndarray, box: tuple[int, int, int, int],
            dpi_scale: float) -> list[np.ndarray]:
    """The word's glyphs left to right, each its own ink cut out (a box's corner dropped)."""
    x, y, _, _ = box
    pieces = sorted(p for p in word_pieces(image, box) if p[4] >= MIN_AREA * dpi_scale ** 2)
    return [(image[y + py:y + py + ph, x + px:x + px + pw] < DARK).astype(np.float32)
            for px, py, pw, ph, _ in pieces]


def _alike(a: np.ndarray, b: np.ndarray) -> float:
    """Normalised correlation of two glyphs scaled to one size (OpenCV's, as one match of
    two images of the same size)."""
    a = cv2.resize(a, GLYPH_SIZE, interpolation=cv2.INTER_AREA)
    b = cv2.resize(b, GLYPH_SIZE, interpolation=cv2.INTER_AREA)
    return float(cv2.matchTemplate(a, b, cv2.TM_CCOEFF_NORMED)[0, 0])
