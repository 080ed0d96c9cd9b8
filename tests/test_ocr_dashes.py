"""A dash typed alone between two words is read as "-"; a box's edge or a rule between two
words is not.

Real Tesseract on the real PDB page whose "North - South" it read "North —- South" with
the dash at 26 (then flagged as a rule's piece); drawn Courier lines with the words given
to the rule as read without their dash.
"""
from __future__ import annotations

import pymupdf

from recto.app.ocr.dashes import spaced_dashes
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise
from tests.ocr_fixtures import SCANS, render_gray, tesseract_rows, text_page


def test_a_pdb_headings_dash_read_weakly_is_kept_as_a_dash():
    with pymupdf.open(SCANS / "pdb_0005996489_p4.pdf") as doc:
        page = doc[0]
        text = ocr_image(render_gray(page), OcrSettings(), page.rect.width,
                         page.rect.height).text
    assert "2. North - South a. Today's press accounts of" in text.splitlines()


def _line(between: str = "-", draw=None) -> tuple:
    """(the binarised page, rows of "North" and "South" alone): a Courier line with
    `between` typed between the two words, or drawn there by `draw(page, x0, x1, y)`."""
    doc = text_page([f"North {between} South"], font="cour", fontsize=12)
    page = doc[0]
    words = page.get_text("words")
    north, south = words[0], words[-1]
    if draw is not None:
        draw(page, north[2] + 2, south[0] - 2, (north[1] + north[3]) / 2)
    image = binarise(render_gray(page))
    k = 300 / 72
    rows = tesseract_rows(*[(w[4], round(w[0] * k), round(w[1] * k), round((w[2] - w[0]) * k),
                             round((w[3] - w[1]) * k), 90.0) for w in (north, south)])
    return image, rows


def test_a_dash_left_out_between_two_words_is_read():
    image, rows = _line()
    out = spaced_dashes(rows, image)
    assert out["text"] == ["North", "-", "South"]
    assert out["conf"][1] == 90.0
    assert rows["text"] == ["North", "South"]            # what was given is not changed


def test_a_weak_dash_reading_is_the_dash_and_nothing_else_is_one():
    image, rows = _line()
    rows["text"].insert(1, "—-")
    for key in rows:
        if key != "text":
            rows[key].insert(1, rows[key][0])
    rows["conf"][1] = 26.0
    assert spaced_dashes(rows, image)["text"] == ["North", "-", "South"]
    for between in ("", "and", "_"):             # a wide space, a word, a low bar
        image, rows = _line(between)
        assert spaced_dashes(rows, image)["text"] == ["North", "South"]


def test_a_hairline_a_rule_or_a_low_bar_between_two_words_is_no_dash():
    def hairline(page, x0, x1, y):
        page.draw_line((x0 + 8, y), (x0 + 14, y), width=0.25)

    def rule(page, x0, x1, y):
        page.draw_line((x0, y), (x1, y), width=1.5)

    def low(page, x0, x1, y):          # a dash's length and weight, on the letters' line
        page.draw_line((x0 + 8, y + 3.5), (x0 + 14, y + 3.5), width=0.8)

    for draw in (hairline, rule, low):
        image, rows = _line("   ", draw)
        assert spaced_dashes(rows, image)["text"] == ["North", "South"]
