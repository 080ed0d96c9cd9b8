"""A typeset page's apostrophes read straight among curly ones are curled.

Real Tesseract on the court filing whose "Plaintiff’s" read straight twice beside a curly
"Board’s"; `page_apostrophes` on words.
"""
from __future__ import annotations

from recto.annotations.model import Box, OcrWord
from recto.app.ocr.apostrophes import page_apostrophes
from tests.ocr_fixtures import SCANS, read_scan


def _words(*texts: str, noise: tuple[str, ...] = ()) -> list[OcrWord]:
    return [OcrWord(t, Box(10.0 * n, 0, 10.0 * n + 8, 10), 90.0, noise=t in noise)
            for n, t in enumerate(texts)]


def test_a_court_filings_straight_apostrophes_are_read_as_printed():
    text = read_scan(SCANS / "court_cacd_630649_326_p10.pdf").text
    assert text.count("Plaintiff’s") == 2 and "Plaintiff's" not in text


def test_straight_apostrophes_between_letters_are_curled_where_the_page_reads_curly_ones():
    out = page_apostrophes(_words("Board’s", "Plaintiff's", "'quoted'", "dogs'", "a'b",
                                  noise=("a'b",)))
    assert [w.text for w in out] == ["Board’s", "Plaintiff’s", "'quoted'", "dogs'", "a'b"]


def test_a_page_with_no_curly_apostrophe_keeps_its_straight_ones():
    words = _words("THURSDAY'S", "China's", "9'5")
    assert page_apostrophes(words) == words
    # a curly one read in a noise word says nothing of the page's face
    assert page_apostrophes(_words("China's", "x’y", noise=("x’y",)))[0].text == "China's"
