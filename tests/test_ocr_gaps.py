"""Small lone lines the page layout leaves unread (page numbers, margin codes) are read.

Real Tesseract on real PDB pages whose page number psm 3 drops ("2", "7"), and on a
page with many unread codes; `read_gaps` itself with real Tesseract reading its crops.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf

from recto.app.ocr.coverage import ink_mask
from recto.app.ocr.engine import OcrSettings, _run_tesseract, ocr_image
from recto.app.ocr.gaps import column_marks, read_gaps, unread_blobs
from recto.app.ocr.preprocess import binarise
from tests.ocr_fixtures import SCANS, render_gray, text_page


def _ocr(name: str, folder=SCANS):
    with pymupdf.open(folder / f"{name}.pdf") as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


HELDOUT = SCANS.parents[2] / "bench" / "data" / "heldout"


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


def test_a_page_number_beside_a_struck_headers_big_letters_is_read():
    """cib_05973621_p2: on one sheet with the struck header's letters, twice the text's
    height, "- 2 -" read as "2." at 0; shrunk to the text's size, they leave it readable."""
    result = _ocr("cib_05973621_p2", HELDOUT)
    lines = result.text.splitlines()
    assert "- 2 -" in lines and lines.index("- 2 -") > lines.index("(page 6).")


def test_a_crops_letters_are_measured_without_specks_and_strike_lines():
    from recto.app.ocr.gaps import _sheet_factors, _text_height
    crop = np.full((160, 400), 255, np.uint8)
    cv2.putText(crop, "RET", (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 3.0, 0, 9)
    letters = _text_height(crop)
    cv2.line(crop, (0, 150), (390, 10), 0, 3)                   # a strike line across
    for x in range(0, 400, 23):
        crop[5:8, x:x + 3] = 0                                  # specks
    assert 60 <= _text_height(crop) <= letters + 5
    small = np.full((60, 200), 255, np.uint8)
    cv2.putText(small, "- 2 -", (10, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    big, same = _sheet_factors([crop, small], text_height=35.0)
    assert 0.5 <= big < 0.7 and same == 1.0
    assert _sheet_factors([crop, small], text_height=None) == [1.0, 1.0]


def test_a_list_number_beside_a_wholly_redacted_item_is_read():
    """cib_03017657_p3: "2." stands left of a box hiding its whole item; the box's edge
    smeared into it made one blob as tall as the box, and in its crop read as "|"."""
    result = _ocr("cib_03017657_p3", HELDOUT)
    lines = result.text.splitlines()
    assert "2." in lines and lines.index("SOUTHEAST ASIA") < lines.index("2.")
    two = next(w for w in result.words if w.text == "2.")
    assert two.bbox.x1 < 110 and 560 < two.bbox.y0 < 600     # left of the box, as printed


def test_a_frames_edges_are_no_blob_and_the_number_beside_one_is():
    doc = text_page(["2."], fontsize=14)
    img = binarise(render_gray(doc[0]))
    cv2.rectangle(img, (330, 300), (1800, 620), 0, 3)        # a box just right of "2."
    blobs = unread_blobs(ink_mask(img), _empty_data())
    assert len(blobs) == 1
    x, y, w, h = blobs[0]
    assert x < 330 and h < 90                                 # the number alone


def test_binding_marks_down_the_edge_are_no_lines_and_the_page_number_is_read():
    """cib_02003047_p2: 21 solid dashes down its left edge were each an unread blob; their
    number alone passed the most a page's gaps are read for, and "- 2 -" was lost."""
    result = _ocr("cib_02003047_p2", HELDOUT)
    assert "- 2 -" in result.text.splitlines()


def test_a_column_of_solid_marks_of_one_size_is_marks_typed_codes_are_not():
    ink = np.zeros((1600, 1200), dtype=np.uint8)
    dashes = []
    for n in range(6):                                  # solid dashes down the left edge
        y = 100 + 150 * n
        ink[y:y + 24, 60:90] = 1
        dashes.append((40, y, 70, 24))
    codes = []
    for n in range(6):                                  # "25X1"-like: strokes, not solid
        y = 100 + 150 * n
        cv2.putText(ink, "25X1", (1000, y + 24), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 1, 2)
        codes.append((990, y - 2, 90, 30))
    assert column_marks(dashes + codes, ink) == set(dashes)
    assert column_marks(dashes[:3] + codes, ink) == set()     # three are not a column
    other = (40, 235, 70, 60)                           # a blob of another size among them
    marks = [dashes[0]] + dashes[2:]
    assert column_marks([other] + marks, ink) == set(marks)


def test_a_page_number_read_in_pieces_is_one_word():
    from recto.app.ocr.page_numbers import as_one_word
    found = {"text": ["~", "2", "-"], "conf": [81.0, 55.0, 55.0], "left": [10, 40, 70],
             "top": [5, 3, 6], "width": [15, 20, 15], "height": [4, 30, 4],
             "block_num": [1, 1, 1], "par_num": [1, 1, 1], "line_num": [1, 1, 1],
             "word_num": [1, 2, 3], "level": [5, 5, 5]}
    one = as_one_word(found)
    assert one["text"] == ["~2-"] and round(one["conf"][0]) == 64
    assert (one["left"], one["top"], one["width"], one["height"]) == ([10], [3], [75], [30])
    found["text"][1] = "to"                                   # no page number: as read
    assert as_one_word(found) is found


def test_a_frames_corner_is_not_taken_for_a_list_number():
    """pdb_0006007849_p4: the stubs of a box's corner, left once its long edges are taken
    out, stood left of a line like a list number and cost a second sheet of crops."""
    result = _ocr("pdb_0006007849_p4")
    assert result.passes.count("psm 6 crops") == 1


def test_a_word_read_with_a_frames_edge_below_it_is_read_within_its_line():
    """cib_02026614_p3: "to" above a redaction box's corner was read with the box's edge
    as one mark, "." at 0, 125 px tall in a line of 40, and left out of the text."""
    result = _ocr("cib_02026614_p3", HELDOUT)
    assert "to visit Brazil; suggests August as date." in result.text.splitlines()


def test_only_weak_words_far_taller_than_their_sure_line_are_read_again_and_not_in_margins():
    from recto.app.ocr.gaps import overtall
    from tests.ocr_fixtures import tesseract_rows
    data = tesseract_rows(
        (".", 640, 1790, 65, 125, 0.0), ("visit", 730, 1791, 113, 36, 96.0),
        ("Brazil;", 900, 1789, 135, 48, 95.0),                        # line 1: "to" + edge
        ("Tito", 640, 1900, 60, 60, 30.0, 1, 2), ("for", 720, 1900, 50, 30, 94.0, 1, 2),
        ("visit", 780, 1900, 110, 36, 96.0, 1, 2),                    # line 2: weak, not tall
        ("Only", 640, 1990, 60, 120, 90.0, 1, 3), ("for", 720, 1990, 50, 30, 94.0, 1, 3),
        ("visit", 780, 1990, 110, 36, 96.0, 1, 3),                    # line 3: tall, but sure
        ("Neleace", 1220, 3218, 161, 70, 2.0, 2, 1),                  # at the foot
        ("Approved", 900, 3255, 180, 35, 96.0, 2, 1), ("for", 1100, 3255, 60, 30, 96.0, 2, 1),
        ("oe", 640, 2200, 60, 120, 10.0, 3, 1), ("word", 720, 2200, 50, 30, 94.0, 3, 1),
        ("xx", 800, 2200, 50, 30, 40.0, 3, 1))                        # one sure word alone
    assert overtall(data, 3300) == {0: (640, 1789, 65, 48)}


def test_a_contraction_typed_apart_is_one_word_with_its_weak_tail():
    """pdb_0005996489_p4's "(Cont'd)", alone below the text, read from its crop as
    "(Cont" at 91 and "'d)" at 37, 15 px apart: the tail was dropped as too weak."""
    from recto.app.ocr.gaps import _with_contractions
    from tests.ocr_fixtures import tesseract_rows
    found = tesseract_rows(("(Cont", 31, 10, 145, 40, 91.0), ("'d)", 191, 10, 72, 40, 37.0),
                           ("x", 300, 10, 20, 40, 30.0), ("'s", 340, 10, 20, 40, 30.0),
                           ("word", 31, 80, 100, 40, 90.0, 1, 2),
                           ("'em", 200, 80, 60, 40, 30.0, 1, 2))
    joined = _with_contractions(found, [0, 4])
    assert joined["text"][0] == "(Cont'd)" and joined["conf"][0] == 37.0
    assert (joined["left"][0], joined["width"][0]) == (31, 232)
    assert joined["text"][2:5] == ["x", "'s", "word"]   # after a word not kept; 69 px apart
    assert found["text"][0] == "(Cont"             # the reading given is left as it was
    assert "(Cont'd)" in _ocr("pdb_0005996489_p4").text.splitlines()


def test_a_word_shorter_than_a_line_puts_no_blob_on_its_line():
    """pdb_0005996489_p4's "a.", printed on a redaction box's top edge, was never read: a box
    corner read "va" at 34, in a box 1 x 6 px, stood 27 px right of it, so its blob was
    taken for ink a word of that line had missed. A word as tall as a line still does."""
    from tests.ocr_fixtures import read_scan, tesseract_rows
    doc = text_page(["Report 1959", "page 14"], fontsize=14)
    img = binarise(render_gray(doc[0]))
    blobs = unread_blobs(ink_mask(img), _empty_data())
    x, y, w, h = blobs[1]                                            # "page 14"

    def read(beside: tuple) -> list[str]:
        data = tesseract_rows(("Report", *blobs[0], 95.0), beside)
        found = read_gaps(img, ink_mask(img), data,
                          lambda sheet: _run_tesseract(sheet, OcrSettings(), 30, 6))
        return [t for t in found["text"] if t.strip()]

    assert read(("va", x + w + 27, y, 1, 6, 34.0, 1, 2))[-2:] == ["page", "14"]
    assert "page" not in read(("|", x + w + 27, y, 1, h, 34.0, 1, 2))   # a line's height
    assert "a." in read_scan(SCANS / "pdb_0005996489_p4.pdf").text.splitlines()
