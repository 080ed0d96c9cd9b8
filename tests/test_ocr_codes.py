"""Exemption codes as printed: Tesseract's "25x11" beside a box comes out "25X1".

Real Tesseract on the real PDB page whose margin code it reads as "25x11" (the box
edge as a trailing 1) and the bulletin page where it lost a code's full stop ("3
3(h)(2)"), and the correction's rules on hand-made words.
"""
from __future__ import annotations

import pymupdf

from recto.annotations.model import Box, OcrWord
from recto.app.ocr.codes import correct_codes
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.noise import noise_flags
from recto.app.redactions.exemption_codes import find_codes as redactions_find_codes
from recto.app.text.exemption_codes import find_codes
from tests.ocr_fixtures import ROOT, SCANS, read_scan, render_gray


def _w(text: str, y: float = 100.0, conf: float = 90.0, height: float = 7.0) -> OcrWord:
    return OcrWord(text, Box(400, y, 430, y + height), conf, 1, 1, int(y))


def _texts(words: list[str]) -> list[str]:
    return [w.text for w in correct_codes([_w(t, 20.0 * i) for i, t in enumerate(words)])]


def test_a_code_read_with_the_box_edge_as_a_trailing_one_is_the_code():
    with pymupdf.open(SCANS / "pdb_0006007849_p5.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    text = [w.text for w in result.words if not w.noise]
    assert "25X1" in text
    assert not [t for t in text if t.upper().startswith("25X1") and t != "25X1"]


def test_codes_are_spelled_canonically_and_an_extra_digit_goes_where_the_page_says():
    assert _texts(["25x1", "5OX1", "3.5(¢)", "25X11", "59x1", "25X9"]) == [
        "25X1", "50X1", "3.5(c)", "25X1", "50X1", "25X9"]   # no code starts 59: 50X
    # "50X41": 50X4 or 50X1? The page's other codes say 50X1.
    assert _texts(["50X1", "50X41"]) == ["50X1", "50X1"]
    # Nothing on the page to choose by: left as read, never guessed.
    assert _texts(["50X41"]) == ["50X41"]


def test_only_codes_read_surely_say_which_codes_the_page_has():
    words = [_w("25X1", 20.0), _w("25X4", 40.0, conf=0.0), _w("25x14", 60.0, conf=67.0)]
    # a 25X1 under a speck read "25X4" at 0 does not make "25x14" ambiguous
    assert [w.text for w in correct_codes(words)] == ["25X1", "25X4", "25X1"]
    sure = [_w("25X1", 20.0), _w("25X4", 40.0, conf=80.0), _w("25x14", 60.0)]
    assert [w.text for w in correct_codes(sure)][2] == "25x14"    # both witnessed: as read


def test_a_weak_code_tesseract_misread_no_longer_hides_the_others():
    with pymupdf.open(SCANS / "pdb_0006015108_p9.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    text = [w.text for w in result.words if not w.noise]
    assert text.count("25X1") == 8 and "25x14" not in text       # 8 printed, all 25X1
    assert "25X4" not in text   # a clean code beside two others, read "25x4" at 0 once
    assert not [t for t in text if t[:1].isalpha() and "25x1" in t.lower()]  # "violer25x1"
    assert text.count("CIA-RDP79T00936A013400010001-7") == 2     # top and bottom


def test_running_text_is_never_rewritten():
    words = ["pages", "2-5(a)", "and", "25X", "in", "1951,", "X11", "3.5(c)."]
    assert _texts(words) == words


def test_a_code_read_weakly_and_small_is_text_not_noise():
    words = [_w("Growth", 50), _w("of", 50), _w("25X1", 100, 30.0, height=3.0),
             _w("ee", 150, 30.0, height=3.0)]
    assert noise_flags(words) == [False, False, False, True]


def test_the_parser_is_shared_and_reads_as_before():
    text = "(b)(1) 25Xl 5OX1 3.3(h)(2) 1.4(c)"
    assert find_codes(text) == redactions_find_codes(text) == [
        "(b)(1)", "25X1", "50X1", "3.3(h)(2)", "1.4(c)"]


def test_a_speck_read_as_a_mark_before_a_code_is_dropped_from_it():
    """"~3.3(h)(2)" (cib_02623669_p3) and "£50X1" at 12 (pdb_0005996463_p3, a column of
    stamped codes); a mark before anything but a code, and a FOIA code's bracket, stay."""
    assert _texts(["~3.3(h)(2)", "£50X1", "«25x1", "~about", "£5", "(b)(1)", "~"]) == [
        "3.3(h)(2)", "50X1", "25X1", "~about", "£5", "(b)(1)", "~"]


def test_a_box_edge_read_as_a_quote_before_a_code_is_dropped():
    """cib_02869423_p2's "'3.3(h)(2)" beside a box's edge; a quote before a word stays."""
    assert _texts(["'3.3(h)(2)", "‘25X1", "'Iran"]) == ["3.3(h)(2)", "25X1", "'Iran"]


def test_a_code_read_in_two_at_its_lost_full_stop_is_one_code():
    result = read_scan(ROOT / "bench" / "data" / "heldout" / "cib_02003047_p3.pdf")
    text = [w.text for w in result.words if not w.noise]
    assert text.count("3.3(h)(2)") == 2 and "3(h)(2)" not in text


def _line(*words: tuple[str, float, float]) -> list[OcrWord]:
    """(text, x0, x1) each, on one line, 11 pt tall."""
    return [OcrWord(t, Box(x0, 500, x1, 511), 80.0, 7, 1, 1) for t, x0, x1 in words]


def test_a_codes_halves_are_joined_where_the_page_has_the_code_and_only_then():
    witness = [OcrWord("3.3(h)(2)", Box(540, 80, 580, 91), 90.0, 1, 1, 1)]
    halves = _line(("a", 517.7, 524.0), ("3", 530.7, 536.0), ("3(h)(2)", 537.9, 576.0))
    out = correct_codes(witness + halves)
    assert [w.text for w in out] == ["3.3(h)(2)", "a", "3.3(h)(2)"]
    assert (out[2].bbox.x0, out[2].bbox.x1) == (530.7, 576.0)
    assert [w.text for w in correct_codes(halves)] == ["a", "3", "3(h)(2)"]     # no witness
    apart = _line(("3", 520.0, 525.3), ("3(h)(2)", 531.0, 569.0))             # a space apart
    assert [w.text for w in correct_codes(witness + apart)][1:] == ["3", "3(h)(2)"]
    other = [OcrWord("3", Box(530.7, 520, 536, 531), 80.0, 7, 1, 2)]          # another line
    assert [w.text for w in correct_codes(witness + other + halves[2:])][1:] == ["3", "3(h)(2)"]
