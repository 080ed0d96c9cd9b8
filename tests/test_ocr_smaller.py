"""A weakly read paragraph read again smaller: each word as its readings vote.

Real Tesseract on the real PDB page whose italic paragraph read "ecompanted", "tmpresstion"
and "hits" at 300 dpi; `weak_paragraphs` and the vote on Tesseract's rows.
"""
from __future__ import annotations

import numpy as np

from recto.app.ocr.smaller import read_smaller, weak_paragraphs
from tests.ocr_fixtures import ROOT, read_scan, tesseract_rows

ANNEX = ROOT / "tests" / "data" / "scans" / "pdb_0006466926_p14_plain.pdf"


def test_an_italic_paragraph_read_weakly_is_read_as_printed():
    result = read_scan(ANNEX)
    assert "psm 6 smaller" in result.passes
    text = result.text
    for printed in ("been ac-\ncompanied by", "an impression that his authority",
                    "similarly been enhanced."):
        assert printed in text
    for misread in ("ecompanted", "tmpresstion", "hits", "ae-"):
        assert misread not in text.split()


def _paragraph(confs: list[float], texts: list[str] | None = None) -> dict:
    """One line of words 90 x 30 px, 100 px apart from x 100, y 20."""
    texts = texts or [f"word{n}" for n in range(len(confs))]
    return tesseract_rows(*[(t, 100 + 100 * n, 20, 90, 30, c) for n, (t, c)
                            in enumerate(zip(texts, confs, strict=True))])


def test_a_paragraph_with_a_few_weak_words_among_sure_ones_is_weak():
    assert weak_paragraphs(_paragraph([95] * 10 + [30, 40, 50])) == [list(range(13))]
    assert weak_paragraphs(_paragraph([95] * 10 + [30, 40])) == []      # two: not enough
    assert weak_paragraphs(_paragraph([95] * 30 + [30, 40, 50])) == []  # a small share


def test_junk_read_weakly_throughout_and_weak_codes_are_not_a_weak_paragraph():
    assert weak_paragraphs(_paragraph([20, 30, 40, 95])) == []          # mostly weak: junk
    codes = _paragraph([95] * 6 + [20, 30, 40], ["word"] * 6 + ["25X1"] * 3)
    assert weak_paragraphs(codes) == []


def _read_as(readings: list[list[tuple[str, float]]]):
    """Reads the k-th crop as the k-th list of words, placed as `_paragraph` placed them,
    in the crop's pixels (the paragraph cropped with 12 px of white, then scaled)."""
    def read(crops: list[np.ndarray]) -> list[dict]:
        out = []
        for crop, words in zip(crops, readings, strict=True):
            f = crop.shape[0] / (30 + 24)   # the line 30 px tall, 12 px of white about it
            out.append(tesseract_rows(*[(t, round((12 + 100 * n) * f), round(12 * f),
                                         round(90 * f), round(30 * f), c)
                                        for n, (t, c) in enumerate(words)]))
        return out
    return read


def test_each_word_takes_the_reading_its_readings_vote_for():
    words = [f"word{n}" for n in range(10)]
    page = _paragraph([95] * 10 + [90, 37, 30, 40],
                      words + ["ae-", "ecompanted", "junk", "tmpresstion"])
    sure = [(w, 95.0) for w in words]
    read = _read_as([sure + [("ac-", 90.0), ("companied", 86.0), ("junk2", 60.0),
                             ("tmpresstion", 55.0)],
                     sure + [("ac-", 64.0), ("companied", 73.0), ("junk3", 50.0),
                             ("impression", 67.0)],
                     sure + [("ae-", 20.0), ("ecompanted", 40.0), ("junk4", 55.0),
                             ("impression", 92.0)]])
    out = read_smaller(page, np.full((80, 1700), 255, np.uint8), read)
    # "ac-" 90 + 64 against the page's 90 + 20; "companied" 86 + 73 against 37 + 40;
    # "impression" 67 + 92 against 40 + 55; the junk's smaller readings never reach SURE,
    # so it stays as the page read it
    assert out["text"] == words + ["ac-", "companied", "junk", "impression"]
    assert out["conf"][10:] == [90.0, 86.0, 30, 92.0]


def test_a_surer_reading_of_one_smaller_size_alone_does_not_outvote_the_others():
    words = [f"word{n}" for n in range(10)]
    page = _paragraph([95] * 10 + [50, 50, 50], words + ["Brezhnev", "cult", "hass"])
    sure = [(w, 95.0) for w in words]
    read = _read_as([sure + [("Brezhnev", 90.0), ("cult", 85.0), ("has", 95.0)],
                     sure + [("Breahnev", 97.0), ("cult", 91.0), ("has", 96.0)],
                     sure + [("Brezhnev", 88.0), ("cult", 88.0), ("has", 95.0)]])
    out = read_smaller(page, np.full((80, 1700), 255, np.uint8), read)
    assert weak_paragraphs(page)
    assert out["text"][10:] == ["Brezhnev", "cult", "has"]
