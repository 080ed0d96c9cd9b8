"""Small lone lines the page layout leaves unread (page numbers, margin codes) are read.

Real Tesseract on real PDB pages whose page number psm 3 drops ("2", "7"), and on a
page with many unread codes; `read_gaps` itself with real Tesseract reading its crops.
"""
from __future__ import annotations

import pymupdf

from recto.app.ocr.coverage import ink_mask
from recto.app.ocr.engine import OcrSettings, _run_tesseract, ocr_image
from recto.app.ocr.gaps import read_gaps, unread_blobs
from recto.app.ocr.preprocess import binarise
from tests.ocr_fixtures import SCANS, render_gray, text_page


def _ocr(name: str):
    with pymupdf.open(SCANS / f"{name}.pdf") as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def test_a_page_number_alone_below_the_text_is_read_in_its_place():
    result = _ocr("pdb_0006007849_p5")
    lines = result.text.splitlines()
    assert "2" in lines
    assert lines.index("2") < lines.index("FOR THE PRESIDENT ONLY", 3)   # before the footer
    assert "psm 6 crops" in result.passes
    two = next(w for w in result.words if w.text == "2")
    assert 360 < two.bbox.x0 < 375 and 680 < two.bbox.y0 < 690   # where it is printed


def test_a_page_number_between_dashes_is_read_as_typed():
    result = _ocr("cib_02740735_p4")     # "- 4 -", read "~4-" at 59 from its crop
    lines = result.text.splitlines()
    assert "- 4 -" in lines
    assert lines.index("- 4 -") > lines.index("FAR EAST")
    four = next(w for w in result.words if w.text == "4")
    assert 320 < four.bbox.x0 < 335 and 650 < four.bbox.y0 < 670   # where it is printed


def test_margin_codes_the_layout_left_are_read():
    words = [w.text for w in _ocr("pdb_0006015108_p9").words if not w.noise]
    assert words.count("25X1") >= 4     # 1 before; 8 printed


def _empty_data() -> dict:
    keys = ["level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text"]
    return {k: [] for k in keys}


def test_short_lines_are_read_long_ones_left_to_the_layout_and_specks_not_read():
    doc = text_page(["Report 1959", "page 14", "a long line of text is the layout's to read"],
                    fontsize=14)
    img = binarise(render_gray(doc[0]))
    ink = ink_mask(img)
    data = _empty_data()
    assert len(unread_blobs(ink, data)) == 3          # nothing read yet: every line
    img[3000:3003, 1200:1203] = 0                    # a speck far from the text: not read
    read = read_gaps(img, ink_mask(img), data,
                     lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6))
    assert [t for t in read["text"] if t.strip()] == ["Report", "1959", "page", "14"]
    # Read words cover their ink: only the long line is left.
    assert len(unread_blobs(ink_mask(img), read)) == 1


def test_margin_codes_read_as_a_mark_at_no_confidence_are_read_again():
    words = [w.text for w in _ocr("pdb_0006007849_p4").words if not w.noise]
    assert words.count("25X1") == 17    # printed 17 times; 14 read before ("." and "~" at 0)


def test_a_small_code_on_a_large_headings_line_is_read_again_alone():
    words = [w.text for w in _ocr("cib_02740735_p4").words if not w.noise]
    assert words.count("3.5(c)") == 2    # top right was read as "“7" on TOP SECRET's line
    assert words.count("TOP") == 2


def test_a_junk_word_under_a_heading_is_not_read_again_as_the_heading():
    text = _ocr("cib_02623669_p3").text
    assert text.lower().count("snag:") == 1    # its underline read as junk below "snag:"
