"""Black bars are whitened before Tesseract reads the page, and the letters touching them kept.

Drawn pages through the real preprocessing, and a real court filing with 20 redaction
bars through real Tesseract: psm 3 reads its lines beside the bars, with no bar read as
a word and no other layout needed (before, the bars passed for unread text and the page
was read in three more layouts, which read those lines as "Po", "es (sec PUF 17 218-19)").
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.bars import whiten_bars
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise, despeckle_with_ink, label_ink, speck_area
from tests.ocr_fixtures import render_gray, text_page


def _page(bar_fill: tuple[float, float, float], text_colour=(0, 0, 0)) -> pymupdf.Document:
    """'between' and 'less' on either side of a bar that touches both, at 12 pt."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=120)
    page.insert_text((20, 60), "between", fontsize=12, fontname="tiro")
    right = 20 + pymupdf.get_text_length("between", fontname="tiro", fontsize=12)
    bar = pymupdf.Rect(right - 0.5, 49, right + 150, 63)      # overlaps the "n" a little
    page.draw_rect(bar, color=None, fill=bar_fill)
    page.insert_text((bar.x1 - 0.5, 60), "less", fontsize=12, fontname="tiro")
    page.insert_text((bar.x0 + 10, 59), "SECRET", fontsize=11, fontname="helv", color=text_colour)
    return doc


def _clean(doc: pymupdf.Document) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    binary = binarise(render_gray(doc[0], 300))
    count, labels, stats = label_ink(binary)
    clean, ink = despeckle_with_ink(binary, speck_area(300), (count, labels, stats))
    whiten_bars(clean, ink, labels, stats, 300)
    return binary, clean, ink


def _bar_px(doc: pymupdf.Document) -> tuple[slice, slice]:
    """The bar's pixels at 300 dpi, 3 px in from its edges."""
    rect = [d["rect"] for d in doc[0].get_drawings()][0] * (300 / 72)
    return (slice(round(rect.y0) + 3, round(rect.y1) - 3),
            slice(round(rect.x0) + 3, round(rect.x1) - 3))


def test_a_bar_is_whitened_and_the_letters_touching_it_kept():
    doc = _page((0, 0, 0))
    binary, clean, ink = _clean(doc)
    rows, cols = _bar_px(doc)
    assert (binary[rows, cols] == 0).all()          # a solid bar on the binarised page ...
    assert (clean[rows, cols] == 255).all()         # ... gone from the page Tesseract reads
    assert not ink[rows, cols].any()                # ... and from the ink to be covered
    outside = np.ones_like(binary, dtype=bool)
    outside[rows.start - 8:rows.stop + 8, cols.start - 8:cols.stop + 8] = False
    letters = (binary == 0) & outside               # "between", "less", away from the bar
    assert letters.sum() > 500
    assert ((clean == 0) & letters).sum() == letters.sum()


def test_white_letters_on_black_are_no_bar():
    """A black band holding white letters is full of holes once opened: left to Tesseract."""
    doc = _page((0, 0, 0), text_colour=(1, 1, 1))
    binary, clean, _ = _clean(doc)
    rows, cols = _bar_px(doc)
    assert np.array_equal(clean[rows, cols], binary[rows, cols])


def test_a_page_of_bars_is_read_in_one_layout(court_p15):
    assert court_p15.layout == "psm 3"
    assert not {"psm 4", "psm 6", "psm 11"} & set(court_p15.passes)


def test_the_lines_beside_bars_are_read_and_no_bar_is_a_word(court_p15):
    lines = court_p15.text.splitlines()
    assert "See MSJ II" in lines                    # between two bars, unread before
    assert "in the context of non-advisory fees, that it" in lines      # was "... that it (a"
    assert any(line.startswith("(see PUF") and "212);" in line for line in lines)
    assert any(line.startswith("(see PUF") and "187); and (though somewhat" in line
               for line in lines)
    assert not [line for line in lines if line.startswith(("Po", "P|", "es ", "Pn "))]


def test_a_negative_scan_keeps_its_ground_and_its_words():
    """White letters on black (a microfilm negative): the black ground is one component, as
    solid as a bar, but it is the page's; Tesseract reads the page as it is."""
    doc = text_page(["The delegation arrived at Niigata on Monday",
                     "to discuss the repatriation agreement."], fontsize=14)
    negative = 255 - render_gray(doc[0], 300)
    result = ocr_image(negative, OcrSettings(languages="eng"), doc[0].rect.width,
                       doc[0].rect.height)
    assert [t for t in result.text.splitlines() if t] == [
        "The delegation arrived at Niigata on Monday", "to discuss the repatriation agreement."]
