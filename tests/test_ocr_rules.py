"""Strike lines out of the image Tesseract reads: a struck-through "TOP SECRET" reads as
two words; frames, underlines and letters' own bars are left as they were.

Real Tesseract on the real CIA scan whose heading is struck through (read as
"TOP-SECREL" before), and `remove_rules` on generated pages drawn with real fonts.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise
from recto.app.ocr.rules import remove_rules
from tests.ocr_fixtures import SCANS, render_gray, text_page


def _cib_page():
    with pymupdf.open(SCANS / "cib_02740735_p4.pdf") as doc:
        page = doc[0]
        return render_gray(page), page.rect.width, page.rect.height


def test_a_struck_through_heading_reads_as_two_words():
    gray, w, h = _cib_page()
    words = [x.text for x in ocr_image(gray, OcrSettings(), w, h).words if not x.noise]
    assert words.count("TOP") == 2 and words.count("SECRET") == 2
    assert not [t for t in words if "TOP-" in t or "SECRE" in t and t != "SECRET"]


def _ink(img: np.ndarray) -> int:
    return int(np.count_nonzero(img < 128))


@pytest.fixture(scope="module")
def typed() -> np.ndarray:
    """A page of typed words (E, T, F have bars of their own) at 300 dpi, binarised."""
    doc = text_page(["TEETH FEET THE EFFECT", "LETTERS TEETER"], font="cour", fontsize=14)
    return binarise(render_gray(doc[0]))


@pytest.mark.parametrize("height", [0.3, 0.75])
def test_a_line_struck_across_words_is_removed_and_the_words_read(typed, height):
    """Above or below the letters' middle bars. A line lying right on them, as thick as
    they are, takes them with it (E reads as C): that is not repaired."""
    struck = typed.copy()
    rows = np.nonzero((typed < 128).any(axis=1))[0]
    first = rows[rows < rows[0] + 60]                      # the first line of text
    y = int(first[0] + height * (first[-1] - first[0]))
    cols = np.nonzero((typed[first[0]:first[-1] + 1] < 128).any(axis=0))[0]
    cv2.line(struck, (int(cols[0]) - 10, y), (int(cols[-1]) + 10, y), 0, 5)
    out = remove_rules(struck)
    # Nearly all of the line is gone (stems it crossed are put back) ...
    added = _ink(struck) - _ink(typed)
    assert _ink(out) - _ink(typed) < 0.25 * added
    # ... the letters keep nearly all of their ink ...
    assert np.count_nonzero((typed < 128) & (out >= 128)) < 0.05 * _ink(typed)
    # ... and Tesseract reads the words apart, as typed.
    read = ocr_image(struck, OcrSettings(), 595, 842).text.split()
    assert read[:4] == ["TEETH", "FEET", "THE", "EFFECT"]


def test_frames_underlines_and_letters_no_line_crosses_are_left_alone(typed):
    page = typed.copy()
    h, w = page.shape
    cv2.rectangle(page, (200, h // 2), (1400, h // 2 + 300), 0, 2)   # a redaction frame
    rows = np.nonzero((typed < 128).any(axis=1))[0]
    cv2.line(page, (200, int(rows[-1]) + 4), (1400, int(rows[-1]) + 4), 0, 3)  # underline
    cv2.rectangle(page, (200, h - 600), (1400, h - 400), 0, -1)      # a redaction bar
    assert np.array_equal(remove_rules(page), page)
