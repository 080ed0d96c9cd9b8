"""Words struck through with a slanted pen line ("TOP SECRET" on declassified pages):
found as such a line, read again without it, and replaced only when that reading is
better.

Real Tesseract on real CIA scans whose footers read "TOP RET" and "TOP-SECRET" before,
and on a page drawn with a real font and struck through with a line at 20 degrees;
`slanted_rules` on drawn frames, rules and italic text it must leave alone.
"""
from __future__ import annotations

import math

import cv2
import numpy as np
import pymupdf
import pytest

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.preprocess import binarise
from recto.app.ocr.rules import slanted_rules
from recto.app.ocr.struck import _whole_words, better_reading
from tests.ocr_fixtures import ROOT, SCANS, render_gray, text_page

HELDOUT = ROOT / "bench" / "data" / "heldout"


@pytest.mark.parametrize("path", [SCANS / "cib_02623669_p3.pdf", SCANS / "cib_02887897_p5.pdf",
                                  HELDOUT / "cib_02003047_p2.pdf"])
def test_a_struck_footer_reads_top_secret(path):
    """The footers read "TOP RET", "TOP-SECRET" and "TOP SECF T" before (their headers,
    half hidden under the release line, are another matter)."""
    with pymupdf.open(path) as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    words = result.text.split()
    assert "SECRET" in words and "TOP" in words
    assert not [w for w in words if w in ("RET", "TOP-SECRET", "TOP_SECRET", "SECF", "T")]
    assert result.passes.count("psm 6 struck crops") == 1   # one sheet for all struck lines


def _struck(text: list[str], degrees: float, thick: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """(the page, the page struck through its first line at `degrees`), binarised."""
    page = binarise(render_gray(text_page(text, font="tiro", fontsize=28)[0]))
    rows = np.nonzero((page < 128).any(axis=1))[0]
    first = rows[rows < rows[0] + 90]
    cols = np.nonzero((page[first[0]:first[-1] + 1] < 128).any(axis=0))[0]
    x0, x1 = int(cols[0]) - 20, int(cols[-1]) + 20
    y0 = int(first[-1]) + 15
    y1 = y0 - round((x1 - x0) * math.tan(math.radians(degrees)))
    struck = page.copy()
    cv2.line(struck, (x0, y0), (x1, y1), 0, thick)
    return page, struck


def test_a_slanted_strike_line_is_found_and_the_words_keep_their_ink():
    page, struck = _struck(["TOP SECRET"], 20)
    line = slanted_rules(struck)
    assert line is not None
    added = (struck < 128) & (page >= 128)
    assert np.count_nonzero(line & added) > 0.7 * np.count_nonzero(added)
    letters = page < 128
    assert np.count_nonzero(line & letters) < 0.05 * np.count_nonzero(letters)


def test_a_drawn_struck_heading_reads_as_two_words():
    _, struck = _struck(["TOP SECRET", "The conference opened on Monday."], 20)
    words = ocr_image(struck, OcrSettings(), 595, 842).text.split()
    assert words[:2] == ["TOP", "SECRET"]


def test_frames_rules_and_italic_text_hold_no_slanted_line():
    page = binarise(render_gray(text_page(
        ["An italic line of quite ordinary text", "and another one below it"],
        font="tiit", fontsize=24)[0]))
    h, w = page.shape
    cv2.rectangle(page, (200, h // 2), (1400, h // 2 + 300), 0, 2)     # a frame
    cv2.line(page, (200, h - 700), (1400, h - 700), 0, 6)               # a horizontal rule
    cv2.line(page, (1800, h - 1200), (1830, h - 400), 0, 4)             # a steep line
    assert slanted_rules(page) is None


def _rows(*words: tuple[str, float]) -> dict:
    return {"text": [t for t, _ in words], "conf": [c for _, c in words]}


@pytest.mark.parametrize("before, after, better", [
    ([("TOP-SECRET", 83)], [("TOP", 95), ("SECRET", 95)], True),      # parted
    ([("TO", 95), ("RET", 95)], [("TOP", 95), ("SECRET", 95)], True),  # the unread part read
    ([("TOP", 65), ("SECRET", 65)], [("TOP.", 74), ("SECRET", 95)], False),  # a stub as "."
    ([("TOR", 42)], [("Tor", 84)], False),                             # the same letters
    ([("TOR", 22), ("SECRET", 22)], [("TOP", 96), ("SECRET", 95)], True),
    ([("TOP", 96), ("SECRET", 96)], [("TOP", 90), ("SEC", 90)], False),  # less read
])
def test_a_reading_without_the_line_replaces_the_words_only_when_better(before, after, better):
    old, new = _rows(*before), _rows(*after)
    assert better_reading(old, list(range(len(before))), new, list(range(len(after)))) is better


def _letters(words: str) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A drawn line of capitals, binarised, and its letters' boxes left to right."""
    page = binarise(render_gray(text_page([words], font="tiro", fontsize=28)[0]))
    _, _, stats, _ = cv2.connectedComponentsWithStats((page < 128).astype(np.uint8))
    return page, sorted(tuple(int(v) for v in row[:4]) for row in stats[1:])


def _data(*words: tuple[str, float, tuple[int, int, int, int]]) -> dict:
    n = len(words)
    return {"level": [5] * n, "page_num": [1] * n, "block_num": [1] * n, "par_num": [1] * n,
            "line_num": [1] * n, "word_num": list(range(1, n + 1)),
            "left": [b[0] for _, _, b in words], "top": [b[1] for _, _, b in words],
            "width": [b[2] for _, _, b in words], "height": [b[3] for _, _, b in words],
            "conf": [c for _, c, _ in words], "text": [t for t, _, _ in words]}


def _box(boxes):
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return (x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0)


@pytest.mark.parametrize("t_conf, grown", [(70, True), (95, False)])
def test_a_crop_ending_inside_a_word_grows_over_its_weak_piece_read_apart(t_conf, grown):
    """The crop of a struck "TOP" ended where the line did, inside "SECRET", whose "T" was
    read apart: it grows over that piece, not over a word read surely."""
    page, letters = _letters("TOP SECRET")
    top, t = _box(letters[:3]), letters[-1]
    data = _data(("TOP", 95, top), ("T", t_conf, t))
    mid_r = letters[6]   # the crop ends inside "R"
    crop = _box([top, (mid_r[0], mid_r[1], mid_r[2] // 2, mid_r[3])])
    rows, box = _whole_words(page, data, [0], crop)
    assert (rows, box) == (([0, 1], _box([crop, t])) if grown else ([0], crop))


def test_a_crop_does_not_grow_over_the_next_word():
    page, letters = _letters("TOP SECRET COPY")
    secret, copy = _box(letters[3:9]), _box(letters[9:])
    data = _data(("TOP", 95, _box(letters[:3])), ("SECRET", 95, secret), ("COPY", 40, copy))
    crop = _box(letters[:9])
    assert _whole_words(page, data, [0, 1], crop) == ([0, 1], crop)
