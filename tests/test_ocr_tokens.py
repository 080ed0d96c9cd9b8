"""Word boundaries mended: "400..miles" (specks between words) reads as two words, the
release line's code Tesseract split in two reads as one, real neighbours stay apart.

Real Tesseract on the real speckled PDB pages; the rules on hand-made words whose boxes
are the ones measured on the bench pages.
"""
from __future__ import annotations

import pymupdf
import pytest

from recto.annotations.model import Box, OcrWord
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.tokens import mend_words
from tests.ocr_fixtures import SCANS, render_gray


def _read(name: str) -> list[str]:
    with pymupdf.open(SCANS / f"{name}.pdf") as doc:
        page = doc[0]
        result = ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)
    return [w.text for w in result.words if not w.noise]


def test_specks_between_two_words_do_not_glue_them():
    words = _read("pdb_0006007849_p5")
    i = words.index("400")
    assert words[i + 1] == "miles"


def test_a_code_tesseract_split_in_two_reads_as_printed():
    words = _read("pdb_0006007849_p4")
    assert words.count("CIA-RDP79T00936A012300010026-2") == 2   # top and bottom
    assert "0026-2" not in words


def _w(text: str, x0: float, x1: float) -> OcrWord:
    return OcrWord(text, Box(x0, 100, x1, 108), 90.0, 1, 1, 1)


def test_a_glued_pair_is_split_with_its_box():
    a, b = mend_words([_w("400..miles", 323.8, 372.5)])
    assert (a.text, b.text) == ("400", "miles")
    assert a.bbox.x0 == 323.8 and b.bbox.x1 == 372.5 and a.bbox.x1 < b.bbox.x0


@pytest.mark.parametrize("pair", [
    (("Friday.", 283.2, 333.6), ("at", 324.5, 334.3)),      # box stretched over a speck
    (("Sanitized", 123.0, 226.8), ("Copy", 160.2, 177.6)),  # box stretched over the next word
    (("ii", 218.4, 544.8), ("as", 490.1, 544.6)),           # a speck line's box
    (("the", 100.0, 115.0), ("VOA", 118.0, 140.0)),         # neighbours a space apart
    (("a...and", 100.0, 140.0),),                           # an ellipsis is typed text
])
def test_real_neighbours_stay_apart(pair):
    words = [_w(*p) for p in pair]
    assert [w.text for w in mend_words(words)] == [w.text for w in words]


def test_the_rest_of_a_word_lying_inside_its_end_is_joined():
    joined = mend_words([_w("CIA-RDP79T00936A01230001", 301.2, 433.2), _w("0026-2", 408.7, 434.2)])
    assert [(w.text, w.bbox.x0, w.bbox.x1) for w in joined] == [
        ("CIA-RDP79T00936A012300010026-2", 301.2, 434.2)]


def test_a_code_stamped_against_a_word_is_parted_from_it():
    a, b = mend_words([_w("violer25x1", 381.7, 434.5)])
    assert (a.text, b.text) == ("violer", "25x1")           # spelled 25X1 by codes.py
    assert a.bbox.x0 == 381.7 and b.bbox.x1 == 434.5
    for word in ("Arab25", "B52X1s", "1951x12"):            # no code, or not a word before it
        assert [w.text for w in mend_words([_w(word, 100.0, 140.0)])] == [word]


def test_a_cia_number_read_in_two_halves_is_one_word():
    joined = mend_words([_w("CIA-RDP79T00936A01", 396.2, 493.0),
                         _w("3400010001-7", 494.5, 573.4)])
    assert [w.text for w in joined] == ["CIA-RDP79T00936A013400010001-7"]
    apart = [_w("CIA-RDP79T00936A01", 396.2, 493.0), _w("3400010001-77", 494.5, 573.4)]
    assert len(mend_words(apart)) == 2                      # not a document number


def test_a_release_date_read_in_pieces_is_one_word():
    """'201' + '9/07/1' + '0': a release line's narrow '1's read as spaces (cib pages)."""
    pieces = [_w("201", 313.6, 326.3), _w("9/07/1", 328.4, 354.2), _w("0", 356.3, 361.1),
              _w("C02869423", 364.7, 415.3)]
    assert [w.text for w in mend_words(pieces)] == ["2019/07/10", "C02869423"]
    assert [w.text for w in mend_words([_w("201", 286.9, 298.0), _w("9/05/28", 299.6, 325.3)])
            ] == ["2019/05/28"]


@pytest.mark.parametrize("pair", [
    (("1961", 100.0, 120.0), ("12/05", 123.0, 150.0)),      # not one date
    (("2019/05/28", 100.0, 150.0), ("3", 152.0, 156.0)),    # a whole date and a number
    (("201", 100.0, 115.0), ("9/05/28", 140.0, 170.0)),     # a word space apart
    (("Item", 100.0, 120.0), ("3.", 123.0, 130.0)),
    (("3.", 100.0, 108.0), ("Congo:", 125.0, 150.0)),       # a list number and its item
])
def test_numbers_that_do_not_spell_one_date_or_code_stay_apart(pair):
    words = [_w(*p) for p in pair]
    assert [w.text for w in mend_words(words)] == [w.text for w in words]


def test_an_exemption_code_read_in_two_pieces_is_one_word():
    assert [w.text for w in mend_words([_w("3.", 560.6, 568.9), _w("5(c)", 570.6, 590.5)])
            ] == ["3.5(c)"]


def test_a_rule_drawn_against_a_document_number_is_not_part_of_it():
    word, = mend_words([_w("C05973621——", 327.9, 386.3)])
    assert word.text == "C05973621" and word.bbox.x1 < 386.3
    assert [w.text for w in mend_words([_w("C02064584___", 364.8, 429.9)])] == ["C02064584"]
    for text in ("well--", "1961—", "word——"):               # a typed dash; no number before
        assert [w.text for w in mend_words([_w(text, 100.0, 140.0)])] == [text]


@pytest.mark.parametrize(("read", "printed"), [
    ("lst", "1st"), ("llth", "11th"), ("2lst", "21st"), ("l2th", "12th"), ("lst,", "1st,"),
    ("lth", "lth"), ("lnd", "lnd"), ("Ist", "Ist"), ("list", "list"), ("last", "last"),
    ("21st", "21st")])
def test_an_ordinals_one_read_as_an_l_is_spelled_only_where_the_suffix_agrees(read, printed):
    assert [w.text for w in mend_words([_w(read, 100.0, 130.0)])] == [printed]


def test_a_typewriters_one_and_a_boxs_edge_are_not_read_into_words():
    """pdb_0005996489_p4: "A 1st Cavalry Division" read "lst"; a redaction box's edge
    under the first letter of "the VOA agreement." read "_the", and under its "ag" read
    "ag" at 96 over "agreement."."""
    words = _read("pdb_0005996489_p4")
    assert words[words.index("Cavalry") - 1] == "1st"
    assert words[words.index("VOA") - 1] == "the"
    assert words[words.index("VOA") + 1] == "agreement."


def test_a_words_start_read_twice_is_dropped_and_other_neighbours_stay():
    """The boxes of pdb_0005996489_p4's "ag" over "agreement." (points); a word that is
    not the next one's start, or that stands beside it, stays."""
    echo = [_w("ag", 287.6, 303.9), _w("agreement.", 289.3, 362.6)]
    assert [w.text for w in mend_words(echo)] == ["agreement."]
    for pair in ([_w("ED", 100.0, 101.7), _w("ELLEN", 100.0, 102.0)],
                 [_w("ag", 250.0, 266.0), _w("agreement.", 270.0, 340.0)],
                 [_w("an", 287.6, 303.9), _w("agreement.", 289.3, 362.6)]):
        assert [w.text for w in mend_words(pair)] == [w.text for w in pair]
