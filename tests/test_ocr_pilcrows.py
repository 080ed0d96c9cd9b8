"""Paragraph signs are read from their shape: no Latin model of Tesseract has "¶".

Real Tesseract on drawn pages (a Times face whose sign has an outlined bowl) and on a
real court filing (Times New Roman, a filled bowl), where Tesseract alone reads the signs
as "§", "¥", "J", "{J", "$f"; a printed "§" must stay a section sign.
"""
from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.pilcrows import _sign, _signs_in
from tests.ocr_fixtures import render_gray, text_page

DEJAVU = "/usr/share/fonts/truetype/dejavu/"   # fonts-dejavu-core, installed by set-up


def _read(lines: list[str], font: str, fontsize: float) -> list[str]:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    face = ({"fontname": "F0", "fontfile": DEJAVU + font + ".ttf"} if font.startswith("DejaVu")
            else {"fontname": font})
    for n, line in enumerate(lines):
        page.insert_text((60, 84 + 30 * n), line, fontsize=fontsize, **face)
    result = ocr_image(render_gray(page, 300), OcrSettings(languages="eng"),
                       page.rect.width, page.rect.height)
    return [line for line in result.text.splitlines() if line]


@pytest.mark.parametrize(("font", "fontsize"), [
    ("tiro", 10), ("tiro", 12), ("tiro", 14), ("helv", 11), ("cour", 11),
    ("DejaVuSerif", 11), ("DejaVuSans", 11)])
def test_signs_are_read_and_a_section_sign_stays(font, fontsize):
    """Times (an outlined bowl), Helvetica, Courier (a sign no taller than its capitals)
    and DejaVu; the last line's letters have stems and bowls of their own."""
    lines = _read(["The Board met quarterly. See PUF ¶¶ 218-19 and the",
                   "Act, § 12; see also id. ¶ 44.",
                   "Bowls: qualified, Pp Rr Bb Hh fl ff (q) [J] $5."], font, fontsize)
    assert lines[:2] == ["The Board met quarterly. See PUF ¶¶ 218-19 and the",
                         "Act, § 12; see also id. ¶ 44."]
    assert "¶" not in lines[2] and lines[2].startswith("Bowls: qualified")


def test_a_sign_shape_with_no_number_after_it_is_left_as_read():
    """A sign cites a paragraph by its number; a sign-shaped glyph before a word is not
    made one (Tesseract's reading stays, whatever it is)."""
    lines = _read(["The Board met quarterly. See ¶ above and the Act."], "tiro", 12)
    assert "¶" not in " ".join(lines)


def _glyph(text: str, fontsize: float = 24) -> np.ndarray:
    """The ink of `text` drawn alone at 300 dpi, cut to its box."""
    doc = text_page([text], font="tiro", fontsize=fontsize)
    ink = render_gray(doc[0], 300) < 128
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[ys[0]:ys[-1] + 1, xs[0]:xs[-1] + 1]


def test_other_glyphs_are_no_sign_at_a_signs_height():
    """Each glyph judged as if it were as tall as a sign against the page's words, so its
    shape decides: one stem, two stems with no bowl left of them ("||", "ll"), a bowl
    right of its stem ("P", "R"), an S ("§", "$")."""
    sign = _glyph("¶")
    assert _sign(sign, sign.shape[0] / 1.25)
    for text in ["§", "J", "f", "$", "{", "[", "|", "||", "ll", "H", "R", "5", "q", "P", "fl"]:
        glyph = _glyph(text)
        assert not _sign(glyph, glyph.shape[0] / 1.25), text


def test_two_signs_touching_are_two():
    sign = _glyph("¶")
    height = 0.8 * sign.shape[0]
    pair = np.hstack([sign, sign[:, 1:]])        # the first's right stem on the second's bowl
    pair[:, sign.shape[1] - 1] |= sign[:, 0]
    assert _signs_in(pair, height) == 2
    assert _signs_in(sign, height) == 1
    assert _signs_in(_glyph("§§"), height) == 0


def test_a_court_filings_citations_keep_their_paragraphs(court_p15):
    lines = court_p15.text.splitlines()
    for quoted in ["(see PUF ¶ 215);", "(see PUF ¶ 212);", "(see PUF ¶¶ 218-19);",
                   "(see PUF ¶ 187); and (though somewhat"]:
        assert quoted in lines
    assert any("See id. ¶¶ 44-45. Also, the Board" in line for line in lines)
    assert any("(citing PUF ¶¶ 172-75)." in line for line in lines)
    assert any(line.endswith("See DUF ¶¶ 10-27.") for line in lines)     # a broken pair
    assert not [w.text for w in court_p15.words if w.text[:1] in "§¥$"]
    signs = [w for w in court_p15.words if w.text.startswith("¶")]
    assert all(w.text in ("¶", "¶¶") and not w.noise for w in signs)
    assert all(w.bbox.width < 15 for w in signs)     # a split word's box: the signs alone
