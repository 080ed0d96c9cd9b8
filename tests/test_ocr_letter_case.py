"""A first letter whose capital is its small letter drawn taller is given the case its ink
shows: the "s" of "Poland settle press", read "Settle" under a box's edge, is small.

Real Tesseract on the bulletin page where a redaction box's lower edge rests on that line;
`letter_case` on lines drawn with PyMuPDF's Courier Bold at 300 dpi, the words' boxes from
the page's own text layer and their texts as Tesseract read them.
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.letter_case import letter_case
from tests.ocr_fixtures import ROOT, read_scan, render_gray, tesseract_rows

HELDOUT = ROOT / "bench" / "data" / "heldout"
DPI = 300


def test_a_small_letter_under_a_boxs_edge_is_read_small_on_the_real_page():
    lines = read_scan(HELDOUT / "cib_02869423_p2.pdf").text.splitlines()
    assert "2. Iran and Poland settle press differences (page 3)." in lines


def _read(lines: list[str], read_as: dict[str, str], rule_over: str = "",
          joined_left: str = "", broken: str = "", first_broken: str = "") -> list[str]:
    """`letter_case` on `lines` drawn one under another, each word read as `read_as` says
    (else as drawn). `rule_over` gets a rule resting on its ascenders, running on from the
    word before it, as a box's lower edge does; `joined_left` a rule running into its first
    letter, which Tesseract's box takes in; `broken` a grid of white lines over it (worn type),
    `first_broken` one across its first letter's middle."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=300)
    for n, line in enumerate(lines):
        page.insert_text((40, 60 + 40 * n), line, fontsize=12, fontname="cobo")
    rows = []
    for x0, y0, x1, y1, text, *_ in page.get_text("words"):
        height = y1 - y0
        if text == rule_over:
            top = y0 + 0.29 * height                  # Courier Bold's ascenders' tops
            page.draw_line((x0 - 40, top), (x1 + 20, top), width=0.6)
        if text == joined_left:
            page.draw_line((x0 - 30, (y0 + y1) / 2), (x0 + 1.5, (y0 + y1) / 2), width=1.2)
            x0 -= 30
        stripes = []
        if text == broken:
            stripes = [pymupdf.Rect(x0, y, x1, y + 0.6) for y in np.arange(y0, y1, 3.5)]
            stripes += [pymupdf.Rect(x, y0, x + 0.6, y1) for x in np.arange(x0, x1, 3.5)]
        if text == first_broken:
            middle = y0 + 0.52 * height
            stripes = [pymupdf.Rect(x0, middle, x0 + 0.6 * 12, middle + 0.8)]
        for stripe in stripes:
            page.draw_rect(stripe, color=None, fill=(1, 1, 1))
        rows.append((read_as.get(text, text), *(round(v * DPI / 72) for v in (
            x0, y0, x1 - x0, height)), 90.0, 1, 1 + round(y0 / 40)))
    return letter_case(tesseract_rows(*rows), render_gray(page, DPI))["text"]


def test_a_small_first_letter_read_as_a_capital_is_made_small():
    texts = _read(["Iran and Poland settle press differences"], {"settle": "Settle"},
                  rule_over="settle")
    assert "settle" in texts and "Settle" not in texts


def test_a_capital_stays_a_capital():
    texts = _read(["The Shah said Soviet pressure on Communist China was", "Settle it now"],
                  {})
    for word in ("Shah", "Soviet", "Communist", "Settle"):
        assert word in texts


def test_a_capital_in_a_line_of_capitals_stays_one():
    """No small letter on the line to measure the first by: "SOVIET" read "Soviet"."""
    texts = _read(["SOVIET UNION COMMENT"], {"SOVIET": "Soviet", "COMMENT": "Comment"})
    assert "Soviet" in texts and "Comment" in texts


def test_a_first_letter_joined_to_a_rule_is_not_measured_by_the_next():
    """The "C" of "Comment" joined to a rule is no letter-sized piece: its "o" is not the
    first letter, so no small first letter is found."""
    texts = _read(["3. Comment on French efforts"], {}, joined_left="Comment")
    assert "Comment" in texts


def test_a_capital_broken_in_two_is_not_taken_for_a_small_letter():
    """Worn type: the top half of an "S" is no small letter, though no taller than one."""
    texts = _read(["The Soviet pressure on China"], {}, first_broken="Soviet")
    assert "Soviet" in texts


def test_a_word_of_worn_type_is_not_measured():
    """Pieces of broken letters are all of one size: no small letter among them."""
    texts = _read(["Sanitized Copy Approved for Release"], {}, broken="Copy")
    assert "Copy" in texts
