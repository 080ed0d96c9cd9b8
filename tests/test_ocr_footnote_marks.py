"""Raised footnote digits are read as digits; quote marks, apostrophes and the words
themselves are left as read.

Real Tesseract on the real court filing whose marks it reads "benefits!>", "‘4" and "'S",
and on drawn pages (Times, Helvetica) with raised digits set beside typed quote marks.
"""
from __future__ import annotations

import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.footnote_marks import footnote_marks
from tests.ocr_fixtures import SCANS, render_gray, tesseract_rows


def _read(doc: pymupdf.Document):
    page = doc[0]
    return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def test_a_court_filings_footnote_marks_read_as_their_digits():
    with pymupdf.open(SCANS / "court_cacd_630649_326_p20.pdf") as doc:
        result = _read(doc)
    text = result.text
    assert "fall-out benefits15 and the nature" in text
    assert "\n14 “Breakpoints are staggered" in text
    assert "\n15 Fall-out benefits “are those" in text
    assert "psm 6 footnote marks" in result.passes


def _drawn(font: str) -> pymupdf.Document:
    """A line with raised digits after a word and after a citation's full stop, a typed
    quote and an apostrophe; and a footnote opening with its raised digits."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    size, small, rise = 12, 7.5, 5

    def run(x: float, y: float, text: str, sup: str = "") -> float:
        page.insert_text((x, y), text, fontsize=size, fontname=font)
        x += pymupdf.get_text_length(text, fontname=font, fontsize=size)
        if sup:
            page.insert_text((x + 0.5, y - rise), sup, fontsize=small, fontname=font)
            x += pymupdf.get_text_length(sup, fontname=font, fontsize=small) + 0.5
        return x

    x = run(72, 120, "courts consider the benefits", "27")
    x = run(x, 120, " and the fees (see Board ")
    run(x, 120, "218).", "31")
    run(72, 150, 'He called it "the practice" and the Board\'s view was final.')
    page.insert_text((72, 180 - rise), "27", fontsize=small, fontname=font)
    run(72 + 10, 180, "Fall-out benefits are those which accrue to the adviser.")
    return doc


def test_drawn_raised_digits_are_read_and_quotes_left_as_they_are(monkeypatch):
    """Times: "218).³¹" read "218).*!" (the "3" binarised in two pieces) is read as its
    digits. Where Tesseract reads raised digits as quote marks ("benefits”’" in both faces,
    "218).°*\"" in Helvetica) they are left as read: a typed '"' is as tall and narrow."""
    with _drawn("tiro") as doc:
        lines = _read(doc).text.splitlines()
    assert lines[0].endswith("and the fees (see Board 218).31")
    assert 'He called it "the practice" and the Board\'s view was final.' in lines
    assert "27 Fall-out benefits are those which accrue to the adviser." in lines
    with _drawn("helv") as doc:
        lines = _read(doc).text.splitlines()
        monkeypatch.setattr("recto.app.ocr.engine.footnote_marks", lambda data, *_: data)
        unread = _read(doc).text.splitlines()
    assert 'He called it "the practice" and the Board\'s view was final.' in lines
    assert lines == unread                       # the marks read as quotes: left as read


def test_a_word_read_ending_in_a_quote_mark_is_left_as_read():
    """The same raised ink after "he" is sent to be read as digits when the word was read
    ending in "!", never when read ending in a quote mark."""
    sent: list = []

    def reader(crops):
        sent.extend(crops)
        return [{"text": ["1"], "conf": [99.0]} for _ in crops]

    image = np.full((200, 600), 255, np.uint8)
    image[60:100, 20:60] = 0                          # two letters on the line ...
    image[60:100, 70:110] = 0
    image[50:78, 120:130] = 0                         # ... and a raised mark, 0.7 as tall
    quoted = tesseract_rows(('he"', 20, 50, 115, 50, 90.0))
    assert footnote_marks(quoted, image, reader)["text"] == ['he"'] and not sent
    marked = tesseract_rows(("he!", 20, 50, 115, 50, 90.0))
    assert footnote_marks(marked, image, reader)["text"] == ["he1"] and len(sent) == 1
