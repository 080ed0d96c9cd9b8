"""Roman page references in italic type are read as Roman numerals; page numbers in digits
are left as read.

Real Tesseract on the real bulletin summary page whose "(Page iii)" it reads "(Page tit)"
and whose "(Page ii)" it reads "(Page 77)"; the rule alone on that page's ink with rows
given, and on a bulletin page whose references are typed digits.
"""
from __future__ import annotations

import pymupdf

from recto.app.ocr.engine import TEXT_PX, OcrSettings, ocr_image
from recto.app.ocr.page_refs import roman_page_refs
from recto.app.ocr.preprocess import preprocess_full
from tests.ocr_fixtures import render_gray, tesseract_rows
from tests.test_ocr_gaps import HELDOUT

ROMAN_PAGE = HELDOUT / "cib_02026614_p3.pdf"


def _ocr(path):
    with pymupdf.open(path) as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def test_italic_roman_page_references_are_read_as_numerals():
    text = _ocr(ROMAN_PAGE).text
    assert "talks in Geneva. (Page iii)" in text
    assert "Burma-Laos border area. (Page ii)" in text
    assert "the Congo are separated. (Page i)" in text     # read "(Rige 7)"
    assert "toward Cuba. (Page iv)" in text
    assert "Watch Committee conclusions. (Page iv)" in text   # read "(Fuge iv)"
    for misread in ("tit)", "itt)", "tv)", "77)", "(Rige", "(Fuge"):
        assert misread not in text


def _page_image(path=ROMAN_PAGE):
    """The page as the engine reads it: deskewed and binarised."""
    with pymupdf.open(path) as doc:
        return preprocess_full(render_gray(doc[0]), 300, text_px=TEXT_PX).image


# Boxes (px of the image read) of cib_02026614_p3's "(Page tit)" and "(Page 77)", as
# Tesseract read them
TIT = (("(Page", 1672, 1387, 119, 50, 90.0, 1, 1), ("tit)", 1823, 1386, 93, 51, 96.0, 1, 1))
SEVENS = (("(Page", 1621, 1218, 118, 50, 42.0, 2, 1), ("77)", 1771, 1216, 70, 53, 39.0, 2, 1))


def test_digits_are_taken_for_is_only_when_the_page_shows_its_italic_i():
    """"77)" is "ii)" beside a "tit)" whose i's are its glyphs; alone, nothing says so."""
    image = _page_image()
    data = roman_page_refs(tesseract_rows(*TIT, *SEVENS), image)
    assert data["text"] == ["(Page", "iii)", "(Page", "ii)"]
    alone = tesseract_rows(*SEVENS)
    assert roman_page_refs(alone, image)["text"] == ["(Page", "77)"]


def test_page_numbers_in_digits_and_other_words_are_left_as_read():
    """A typed bulletin's "(page 3)." beside a Roman reference keeps its digit: its glyph is
    no italic i. A lone "l" may be a "1"; "(edge 7)" or "(Page 12a)" is no reference."""
    image = _page_image()
    typed = _page_image(HELDOUT / "cib_02993982_p2.pdf")
    image[2500:2600, 900:1200] = typed[780:880, 900:1200]   # its "(page 3)." beside the i's
    rows = (("(page", 915, 2521, 124, 49, 96.0, 3, 1), ("3).", 1063, 2521, 56, 49, 96.0, 3, 1))
    assert roman_page_refs(tesseract_rows(*TIT, *rows), image)["text"] == [
        "(Page", "iii)", "(page", "3)."]
    for words in ((("(Page", 1, 1, 50, 20, 90.0), ("l)", 60, 1, 20, 20, 90.0)),
                  (("(edge", 1, 1, 50, 20, 90.0), ("tv)", 60, 1, 20, 20, 90.0)),
                  (("(Page", 1, 1, 50, 20, 90.0), ("12a)", 60, 1, 20, 20, 90.0))):
        data = tesseract_rows(*words, *TIT)
        assert roman_page_refs(data, image)["text"][:2] == [w[0] for w in words]
