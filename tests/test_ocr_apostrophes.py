"""A typeset page's apostrophes read straight among curly ones are curled; a typewritten
page's quote marks read curly among straight ones are straightened.

Real Tesseract on the court filing whose "Plaintiff’s" read straight twice beside a curly
"Board’s", and on the bulletin whose "hostile feelings" closed with a curly quote beside
five straight ones; `page_apostrophes` on words.
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


def test_a_typewritten_pages_quote_read_curly_is_straightened():
    text = read_scan(SCANS / "cib_02623669_p3.pdf").text
    assert 'intensify "hostile feelings"' in text
    assert not set("“”‘’") & set(text)


def test_curly_marks_are_straightened_where_the_pages_marks_read_straight():
    # an apostrophe between letters read straight: a typewriter's face
    out = page_apostrophes(_words("premier's", "“secession.", "‘East", "x“y", noise=("x“y",)))
    assert [w.text for w in out] == ["premier's", '"secession.', "'East", "x“y"]
    # no apostrophe: more straight double quotes than curly ones
    out = page_apostrophes(_words('"hostile', 'feelings”', '"United', 'States"'))
    assert out[1].text == 'feelings"'
    # as many curly as straight: the face is not known, the marks stay as read
    words = _words('"hostile', "feelings”", "“United", "States”", '"x"')
    assert page_apostrophes(words) == words
    # nothing curly, or nothing to tell the face by: left
    assert page_apostrophes(_words("China's", '"x"')) == _words("China's", '"x"')
    assert page_apostrophes(_words("“quoted”")) == _words("“quoted”")
