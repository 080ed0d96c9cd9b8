"""Asterisks as the page prints them: copies of a "*" read twice in one shape are stars.

Real Tesseract on the two real pages whose "* * *" rules it misread (cib_05973621_p2: two
stars read "kK"; pdb_0006015108_p9: two not read at all), and `asterisks` itself on drawn
ink, where a letter of a star's size and a speck must stay what they are.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf

from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.marks import asterisks, star_rows
from recto.app.ocr.rows import insert_at
from tests.ocr_fixtures import SCANS, render_gray, rescanned

HELDOUT = SCANS.parents[2] / "bench" / "data" / "heldout"


def _ocr(pdf):
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def test_stars_read_as_letters_beside_stars_read_as_stars_are_stars():
    result = _ocr(HELDOUT / "cib_05973621_p2.pdf")
    assert "* * * *" in result.text.splitlines()
    assert "kK" not in result.text.split()


def test_stars_the_layout_left_unread_are_read_where_printed():
    result = _ocr(SCANS / "pdb_0006015108_p9.pdf")
    stars = [w for w in result.words if w.text == "*" and not w.noise]
    assert len(stars) == 5            # "* * *" and, beside the codes, "* *" (and a sixth
    #                                   fused with a "25X1" that stays that code's)
    low = sorted((w for w in stars if w.bbox.y0 > 300), key=lambda w: w.bbox.x0)
    assert len(low) == 2
    assert 200 < low[0].bbox.x0 < 215 and 235 < low[1].bbox.x0 < 250
    assert all(310 < w.bbox.y0 < 325 and w.bbox.height < 8 for w in low)


def _star(ink: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    """A six-armed star of ink with its top left at (x, y); its box."""
    for angle in (0, 60, 120):
        dx, dy = np.cos(np.radians(angle)) * 9, np.sin(np.radians(angle)) * 9
        cv2.line(ink, (round(x + 10 - dx), round(y + 10 - dy)),
                 (round(x + 10 + dx), round(y + 10 + dy)), 1, 3)
    return x, y, 21, 21


def _data(rows) -> dict:
    data: dict = {k: [] for k in ("level", "page_num", "block_num", "par_num", "line_num",
                                  "word_num", "left", "top", "width", "height", "conf",
                                  "text")}
    for n, (text, conf, (x, y, w, h)) in enumerate(rows):
        for key, value in zip(data, (5, 1, 1, 1, 1, n + 1, x, y, w, h, conf, text),
                              strict=True):
            data[key].append(value)
    return data


def test_only_ink_of_the_stars_shape_becomes_a_star():
    ink = np.zeros((200, 600), np.uint8)
    one, two, misread = _star(ink, 20, 20), _star(ink, 70, 20), _star(ink, 120, 21)
    cv2.putText(ink, "a", (170, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 1, 3)   # a star's size
    x, y, _, _ = _star(ink, 300, 100)                      # left unread
    cv2.circle(ink, (400, 110), 8, 1, -1)                                  # a round speck
    data = _data([("*", 66.0, one), ("*", 61.0, two), ("kK", 31.0, misread),
                  ("a", 58.0, (168, 22, 22, 20))])
    out = asterisks(data, ink)
    words = [(t, c) for t, c in zip(out["text"], out["conf"], strict=True)]
    assert words[:4] == [("*", 66.0), ("*", 61.0), ("*", 61.0), ("a", 58.0)]
    assert len(words) == 5 and words[4] == ("*", 61.0)       # the unread star, not the speck
    assert abs(out["left"][4] - x) <= 2 and abs(out["top"][4] - y) <= 2
    assert out["block_num"][4] == 2                          # a line of its own


def test_one_star_read_is_no_template():
    ink = np.zeros((100, 300), np.uint8)
    data = _data([("*", 90.0, _star(ink, 20, 20)), ("kK", 31.0, _star(ink, 70, 20))])
    assert asterisks(data, ink)["text"] == ["*", "kK"]


def test_a_weak_star_among_many_sure_ones_is_read():
    ink = np.zeros((400, 2000), np.uint8)
    rows = [("*", 90.0, _star(ink, 20 + 40 * k, 20)) for k in range(40)]
    rows.append(("kK", 31.0, _star(ink, 20, 200)))
    out = asterisks(_data(rows), ink)
    assert out["text"] == ["*"] * 41


def test_a_word_read_over_two_stars_becomes_two():
    """cib_02869423_p2's "* * * *" came back "* kK *": the "kK" holds two stars."""
    lines = _ocr(HELDOUT / "cib_02869423_p2.pdf").text.splitlines()
    assert "* * * *" in lines
    assert not [line for line in lines if "kK" in line]


def test_three_alike_in_a_row_one_read_as_a_star_are_stars():
    """No star read surely on the page: a row of three of one shape, one read "*", is a row
    of stars (the other two weak or unread); two alike, or a star beside letters, are not."""
    ink = np.zeros((300, 600), np.uint8)
    weak, misread = _star(ink, 20, 20), _star(ink, 70, 20)
    _star(ink, 120, 20)                                               # left unread
    out = asterisks(_data([("*", 40.0, weak), ("kK", 30.0, misread)]), ink)
    assert out["text"] == ["*", "*", "*"] and min(out["conf"]) == 60.0

    two = np.zeros((300, 600), np.uint8)
    data = _data([("*", 40.0, _star(two, 20, 20)), ("kK", 30.0, _star(two, 70, 20))])
    assert asterisks(data, two)["text"] == ["*", "kK"]

    letters = np.zeros((300, 600), np.uint8)
    star = _star(letters, 20, 20)
    for x in (70, 120):
        cv2.putText(letters, "o", (x, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 1, 3)
    data = _data([("*", 40.0, star), ("oo", 30.0, (68, 22, 75, 20))])
    assert asterisks(data, letters)["text"] == ["*", "oo"]


def test_a_closing_row_of_stars_read_weakly_is_read_whole_in_one_line():
    """cib_03017657_p2's "* * * *" above a redaction box: read "x *  Ok" at 18-40 and one
    left unread, the "*"'s box cutting its star's left arm, the third star a little unlike
    the read one. All four are stars, in one line where printed, not at the page's top."""
    lines = _ocr(HELDOUT / "cib_03017657_p2.pdf").text.splitlines()
    assert "* * * *" in lines
    assert lines.index("* * * *") > lines.index("LATE ITEM")
    assert not [line for line in lines if "*" in line and line != "* * * *"]


def test_an_unread_star_beside_a_row_of_stars_joins_it_in_order():
    ink = np.zeros((300, 600), np.uint8)
    rows = [("*", 90.0, _star(ink, 20, 20)), ("*", 90.0, _star(ink, 70, 20)),
            ("*", 90.0, _star(ink, 170, 20))]
    _star(ink, 120, 20)                                               # left unread
    out = asterisks(_data(rows), ink)
    assert out["text"] == ["*"] * 4
    assert out["left"] == sorted(out["left"]) and abs(out["left"][2] - 120) <= 2
    assert set(out["block_num"]) == {1} and set(out["line_num"]) == {1}


def test_a_block_read_apart_goes_before_the_first_block_of_words_below_it():
    """Tesseract lists a box's edge (a block with no word) first, whatever its height."""
    data = _data([("edge", 95.0, (10, 500, 2, 300)), ("above", 95.0, (10, 100, 50, 20)),
                  ("below", 95.0, (10, 600, 50, 20))])
    for key, values in (("level", [2, 5, 2, 5, 2, 5]), ("text", ["", " ", "", "above", "",
                                                                 "below"])):
        data[key] = values
    for key in ("page_num", "block_num", "par_num", "line_num", "word_num", "left", "top",
                "width", "height", "conf"):
        data[key] = [v for v in data[key] for _ in (0, 1)]
    assert insert_at(data, 300) == 4
    assert insert_at(data, 700) == 6


def _reader():
    from recto.app.ocr.engine import _Deadline, _mark_reader
    deadline = _Deadline(60.0)
    return _mark_reader(OcrSettings(), deadline), deadline


def test_a_row_read_as_letters_alone_becomes_stars_when_a_mark_read_alone_is_one():
    """A grayscale rescan read cib_03017657_p2's "* * * *" as "*x Kk ke k" with no "*" of
    its own to serve as template: one of its four like marks, read alone by real Tesseract
    (psm 10), is "*", so the row is four stars. A row of letters' shapes is read alone too
    but stays; two alike are no row and cost no pass."""
    ink = np.zeros((200, 700), np.uint8)
    marks = [_star(ink, 40 + 50 * k, 40) for k in range(4)]
    for k in range(4):
        cv2.putText(ink, "o", (40 + 50 * k, 160), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 1, 3)
    _star(ink, 500, 40), _star(ink, 550, 40)
    image = np.where(ink > 0, 0, 255).astype(np.uint8)
    data = _data([("*x", 41.0, (38, 38, 70, 25)), ("Kk", 53.0, (138, 38, 25, 25)),
                  ("ke", 0.0, (188, 38, 25, 25)), ("oo", 40.0, (38, 138, 180, 30)),
                  ("Ok", 44.0, (498, 38, 75, 25))])
    data["line_num"] = [1, 1, 1, 2, 3]
    read, deadline = _reader()
    out = star_rows(data, ink, image, read)
    assert out["text"] == ["*", "*", "*", "*", "oo", "Ok"]
    assert all(abs(out["left"][k] - x) <= 2 and abs(out["top"][k] - y) <= 2
               for k, (x, y, _, _) in enumerate(marks))
    assert min(out["conf"][:4]) >= 60.0
    assert deadline.passes == ["psm 10 one mark"] * 2    # the stars' row and the letters'
    assert star_rows(_data([("Ok", 44.0, (498, 38, 75, 25))]), ink, image, read)["text"] == ["Ok"]
    assert len(deadline.passes) == 2

    mixed = np.zeros((100, 300), np.uint8)           # a star, then two letters: no row
    _star(mixed, 40, 40)
    for x in (90, 140):
        cv2.putText(mixed, "o", (x, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 1, 3)
    row = _data([("*oo", 30.0, (38, 38, 140, 25))])
    assert star_rows(row, mixed, np.where(mixed > 0, 0, 255).astype(np.uint8),
                     read)["text"] == ["*oo"]


def test_a_rescanned_pages_row_of_stars_read_as_letters_is_read(tmp_path):
    """cib_03017657_p2 scanned again in grayscale at 200 and 400 dpi: "*x Kk ke k" and
    "x kK k" (all noise), now "* * * *"."""
    for dpi in (200, 400):
        lines = _ocr(rescanned(HELDOUT / "cib_03017657_p2.pdf", dpi, tmp_path)).text.splitlines()
        assert "* * * *" in lines, dpi
