"""Short words read from a blot: flagged as noise; typed and heavy letters stay.

Real Tesseract on the real bulletin page whose head ornament was read "w" at 78, and
`blot_words` on drawn ink: a solid half-round ornament against typed letters, heavy type,
a digit and a weak reading.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf

from recto.app.ocr.blots import blot_words
from recto.app.ocr.engine import OcrSettings, ocr_image
from tests.ocr_fixtures import ROOT, render_gray, rescanned, tesseract_rows

HELDOUT = ROOT / "bench" / "data" / "heldout"


def test_a_head_ornament_read_as_a_letter_is_left_out_of_the_text():
    with pymupdf.open(HELDOUT / "cib_03003742_p2.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    # the left ornament beside "SECURITY INFORMATION", about x 190-210, y 30-40 pt
    ornament = [w for w in result.words if w.bbox.x0 < 240 and 25 < w.bbox.y0 < 45]
    assert ornament and all(w.noise for w in ornament)
    head = [t for t in result.text.splitlines() if "INFORMATION" in t]
    assert head and not head[0].startswith("w ")


def _page() -> np.ndarray:
    page = np.full((160, 1000), 255, np.uint8)
    cv2.ellipse(page, (60, 80), (34, 27), 0, 180, 360, 0, -1)              # a half-round blot
    cv2.putText(page, "ow", (160, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)      # typed
    cv2.putText(page, "TO", (300, 110), cv2.FONT_HERSHEY_SIMPLEX, 3.0, 0, 16)    # heavy type
    cv2.ellipse(page, (600, 80), (34, 27), 0, 180, 360, 0, -1)             # a blot read "4"
    cv2.ellipse(page, (800, 80), (34, 27), 0, 180, 360, 0, -1)             # read weakly
    return page


def test_letters_read_from_a_blot_are_flagged_and_typed_or_heavy_letters_not():
    rows = tesseract_rows(("w", 24, 52, 70, 30, 78.0), ("ow", 158, 55, 60, 30, 78.0),
                          ("TO", 295, 40, 160, 80, 95.0), ("4", 564, 52, 70, 30, 78.0),
                          ("ww", 764, 52, 70, 30, 30.0))
    assert blot_words(rows, _page()) == {0}


def test_white_letters_on_black_are_no_blot():
    """On a negative scan a short word's box is solid ink round white letters, but so is
    the band round it: a blot sits on paper."""
    page = np.zeros((160, 400), np.uint8)
    for text, x in (("ow", 40), ("to", 160)):
        cv2.putText(page, text, (x, 90), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    rows = tesseract_rows(("ow", 38, 62, 62, 32, 90.0), ("to", 158, 58, 50, 36, 90.0))
    assert blot_words(rows, page) == set()


def test_a_weak_blot_word_on_a_line_of_sure_words_is_flagged_on_a_junk_line_not():
    """A punch hole beside a release line read "rr" at 0 (a grayscale rescan of
    cib_02026614_p2): the noise filter keeps a weak word among sure ones, so the blot is
    told here. On a line with no sure word the filter judges it with its line."""
    page = _page()
    cv2.putText(page, "Approved", (450, 140), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 1)
    rows = tesseract_rows(("rr", 24, 52, 70, 30, 0.0, 1, 1),
                          ("Approved", 450, 125, 90, 20, 96.0, 1, 1),
                          ("ww", 764, 52, 70, 30, 30.0, 2, 1))
    assert blot_words(rows, page) == {0}


def test_a_grayscale_rescan_reads_no_specks_or_punch_hole_beside_the_release_lines(tmp_path):
    """cib_02026614_p2 scanned again in grayscale at 400 dpi (as bench/ocr_accuracy.py
    --rescan does): its sheet's edge specks read "i", "!", "1" and its punch hole "fr" at
    41, all kept as text before."""
    with pymupdf.open(rescanned(HELDOUT / "cib_02026614_p2.pdf", 400, tmp_path)) as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    lines = result.text.splitlines()
    assert lines.count("Approved for Release: 2020/08/11 C02026614") == 2
    assert all(len(line.strip()) > 1 for line in lines if line.strip())
    edge = [w for w in result.words if w.bbox.x1 < 36 or w.bbox.x0 > 576]
    assert edge and all(w.noise for w in edge)
