"""A copy's hatched frame along the page's edges is taken out before Tesseract reads the
page: no rows of "\\" in the text, no fallback to sparse text, and text near the edges
kept. Real Tesseract on the real bulletin page with such a frame (cib_02026614_p3 of
bench/data/heldout); the band finder on pages drawn by PyMuPDF, hatched by OpenCV.
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pymupdf

from recto.app.ocr.borders import clear_border_bands
from recto.app.ocr.engine import OcrSettings, ocr_image
from tests.ocr_fixtures import render_gray

FRAMED = Path(__file__).resolve().parents[1] / "bench" / "data" / "heldout" / "cib_02026614_p3.pdf"

LINES = ["1. Congo: Luluabourg under UN control; Gizenga repeats",
         "2. India-Congo: Nehru warns Khrushchev solution to Congo",
         "3. Laos: Chiang Kai-shek orders rapid withdrawal of irregulars",
         "4. France: New nuclear test will coincide with resumed talks"]


def _page(frame: bool) -> np.ndarray:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((250, 40), "2 March 1961", fontname="tibo", fontsize=11)  # near the top
    for k, line in enumerate(LINES):
        page.insert_text((90, 200 + 40 * k), line, fontname="tibo", fontsize=12)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()
    if frame:   # hatched bands 130 px wide along the left, right and bottom edges
        h, w = gray.shape
        band = np.full((h, w), 255, np.uint8)
        for d in range(-h, w + h, 9):
            cv2.line(band, (d, 0), (d + h, h), 0, 2)
        mask = np.zeros((h, w), bool)
        mask[:, 20:150] = mask[:, w - 150:w - 20] = mask[h - 170:h - 40, 20:w - 20] = True
        gray[mask] = np.minimum(gray[mask], band[mask])
    return gray


def test_a_hatched_frame_is_not_read_and_the_text_inside_is():
    with pymupdf.open(FRAMED) as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    text = [w.text for w in result.words if not w.noise]
    assert result.layout == "psm 3"     # was psm 11: the frame counted as unread text
    assert not [t for t in text if set(t) <= set("\\/|NWK%&")], text   # was 11 "\\"
    lines = result.text.splitlines()
    assert "1. Congo: Luluabourg under UN control; Gizenga repeats" in lines
    assert "8. Watch Committee conclusions." in " ".join(lines)


def test_text_near_the_edges_and_dense_lines_are_kept():
    gray = _page(frame=False)
    binary = np.where(gray < 128, 0, 255).astype(np.uint8)
    assert clear_border_bands(binary) is binary
    framed = np.where(_page(frame=True) < 128, 0, 255).astype(np.uint8)
    cleared = clear_border_bands(framed)
    h, w = cleared.shape
    assert (cleared[:, :150] == 255).all() and (cleared[h - 170:, :] == 255).all()
    assert np.array_equal(cleared[:h - 200, 160:w - 160], framed[:h - 200, 160:w - 160])
