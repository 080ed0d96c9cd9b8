"""A page number between dashes is spelled as printed: "- 4 -" where spaces part the
dashes from the number, "-4-" where they touch. The gaps are measured in the ink;
Tesseract's word ("~4-") has lost them.

Real Tesseract on the real CIA bulletin page is in test_ocr_gaps; here the rule on pages
drawn by PyMuPDF in a typewriter face, read back as Tesseract's rows would give them.
"""
from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from recto.app.ocr.page_numbers import spell_page_numbers
from tests.ocr_fixtures import tesseract_rows


def _drawn(printed: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A 300 dpi gray image of `printed` in Courier Bold, and its ink's box."""
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=60)
    page.insert_text((40, 36), printed, fontname="cobo", fontsize=12)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w]
    ys, xs = np.nonzero(gray < 128)
    return gray, (int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)


def _rows(*words: tuple[str, tuple[int, int, int, int], int]) -> dict:
    return tesseract_rows(*((text, *box, 59.0, 1, line) for text, box, line in words))


@pytest.mark.parametrize("printed, read, spelled", [
    ("- 4 -", "~4-", ["-", "4", "-"]),
    ("- 12 -", "-12-", ["-", "12", "-"]),
    ("-4-", "~4-", ["-4-"]),
    ("-12-", "-12~", ["-12-"]),
    ("- 2 -", "-2.-", ["-", "2", "-"]),      # a speck beside the number read as a stop
])
def test_a_page_number_alone_on_its_line_is_spelled_as_printed(printed, read, spelled):
    image, box = _drawn(printed)
    out = spell_page_numbers(_rows((read, box, 1), (".", (700, 100, 3, 3), 1)), image)
    assert out["text"][:-1] == spelled and out["text"][-1] == "."   # a speck is no word
    lefts = out["left"][:len(spelled)]
    assert lefts == sorted(lefts) and lefts[0] == box[0]
    assert out["left"][len(spelled) - 1] + out["width"][len(spelled) - 1] == box[0] + box[2]


@pytest.mark.parametrize("words", [
    [("see", (100, 90, 40, 30), 1), ("~4-", (150, 90, 60, 30), 1)],   # a line of text
    [("~4-x", (300, 90, 60, 30), 1)],                               # not a page number
    [("-2.5-", (300, 90, 60, 30), 1)],
    [("-", (300, 90, 10, 30), 1)],
])
def test_other_dashed_words_stay_as_read(words):
    image, _ = _drawn("- 4 -")
    data = _rows(*words)
    assert spell_page_numbers(data, image) == data
