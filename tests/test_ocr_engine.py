"""The OCR engine against real Tesseract, on a real 1974 scan and generated pages.

Each OCR call costs 1-3 s on two cores, so results are module fixtures shared by
several assertions (11 Tesseract runs in all). Boxes are checked against truth
that does not come from OCR: the ink of the scan, or a generated page's own text layer.
"""
from __future__ import annotations

import numpy as np
import pymupdf
import pytesseract
import pytest

import recto.app.ocr.engine as engine
from recto.annotations.model import Box, OcrWord
from recto.app.errors import (
    ImageTooLargeError,
    InvalidInputError,
    LanguageMissingError,
    OcrPageError,
    TesseractMissingError,
)
from recto.app.ocr.engine import (
    OcrSettings,
    check_languages,
    check_tesseract,
    has_real_text_layer,
    ocr_image,
    page_text,
    text_layer_words,
)
from tests.ocr_fixtures import (
    PDB_PLAIN,
    SCANS,
    close,
    map_box,
    render_gray,
    rotate_box_cw,
    skew,
    text_page,
    vertical_page,
    word_box,
)

ENGLISH = ["Rotterdam harbour strike", "Geneva committee minutes", "Nicosia embassy report",
           "Moscow delegation arrives", "the returnees sailed from Niigata", "on the Soviet ship",
           "Kryl'ion in December 1959,", "watched by Red Cross", "delegates from Geneva.",
           "Protests followed in Seoul", "and in the Japanese Diet,", "where members asked"]


def _ocr_pdf_page(doc: pymupdf.Document, settings: OcrSettings):
    page = doc[0]
    return ocr_image(render_gray(page, settings.dpi), settings, page.rect.width, page.rect.height)


def _find(result, text: str) -> OcrWord:
    hits = [w for w in result.words if w.text == text]
    assert hits, f"{text!r} not among {[w.text for w in result.words]}"
    return hits[0]


def _lands_on(ocr: Box, font_box) -> bool:
    """OCR boxes hug the ink; a text layer's box spans the font's ascent and descent.
    So: same centre within 3 pt, and the ink box inside the font box (+2 pt)."""
    fx0, fy0, fx1, fy1 = font_box
    centre = ((ocr.x0 + ocr.x1) / 2, (ocr.y0 + ocr.y1) / 2)
    return (close(centre, ((fx0 + fx1) / 2, (fy0 + fy1) / 2), tol=3.0)
            and ocr.x0 >= fx0 - 2 and ocr.y0 >= fy0 - 2 and ocr.x1 <= fx1 + 2 and ocr.y1 <= fy1 + 2)


# --- a real scan ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdb_result():
    with pymupdf.open(PDB_PLAIN) as doc:
        return _ocr_pdf_page(doc, OcrSettings(languages="eng"))


def test_typewritten_scan_reads_known_words(pdb_result):
    text = pdb_result.text
    for phrase in ("NOTES", "Greek Cypriots are planning", "Archbishop Makarios",
                   "13.3 million tons", "Ethiopia:", "Haile", "Selassie"):
        assert phrase in text
    assert pdb_result.orientation == 0
    assert pdb_result.engine_version.startswith("5")
    assert all(w.lang == "eng" and 0 <= w.conf <= 100 for w in pdb_result.words)


def test_scan_word_box_lands_on_its_ink(pdb_result):
    # Ink bounds of the typed heading "NOTES", measured on the 300 dpi render.
    notes = _find(pdb_result, "NOTES")
    assert close(notes.bbox.as_list(), (209.5, 103.2, 237.1, 110.2), tol=2.0)
    assert all(w.bbox.within(612, 792) for w in pdb_result.words)


def test_words_carry_layout_ids_in_reading_order(pdb_result):
    cyprus, canada = _find(pdb_result, "Cyprus:"), _find(pdb_result, "Canada:")
    assert cyprus.block < canada.block
    assert pdb_result.text.index("Cyprus:") < pdb_result.text.index("Canada:")
    assert "\n\n" in pdb_result.text


def test_timeout_becomes_a_page_error():
    with pymupdf.open(PDB_PLAIN) as doc, pytest.raises(OcrPageError, match="timed out"):
        _ocr_pdf_page(doc, OcrSettings(timeout_s=0.2, detect_orientation=False))


# --- CJK ----------------------------------------------------------------------------

def test_japanese_horizontal_has_no_spurious_spaces():
    doc = text_page(["在日朝鮮人の帰国事業について", "総連は新潟港で集会を開いた。"],
                    font="japan", fontsize=28)   # Tesseract reads 総 better here than in Noto
    result = _ocr_pdf_page(doc, OcrSettings(languages="jpn", detect_orientation=False))
    lines = [line for line in result.text.splitlines() if line]
    assert "帰国事業について" in lines[0]
    assert "総連" in lines[1]
    assert " " not in result.text
    assert {w.lang for w in result.words} == {"jpn"}


def test_korean_keeps_word_spaces_only():
    doc = text_page(["총련 대표단이 도착했다", "귀국 사업에 대하여"], font="cjk", fontsize=28)
    result = _ocr_pdf_page(doc, OcrSettings(languages="kor", detect_orientation=False))
    text = result.text
    assert "총련 대표단이" in text          # Tesseract splits 대표단이 into 4 tokens
    assert "귀국 사업에 대하여" in text
    assert "총련" in {w.text for w in result.words}


def test_vertical_japanese_reads_columns_right_to_left():
    doc = vertical_page(["帰国事業について", "総連の代表が", "新潟に着いた"])
    result = _ocr_pdf_page(doc, OcrSettings(languages="jpn_vert"))
    assert result.vertical and result.orientation == 0
    lines = result.text.splitlines()
    assert lines[0] == "帰国事業について"
    assert "総連" in lines[1] and "新潟" in lines[2]
    # and the order does not depend on the order Tesseract listed the columns in
    assert page_text(list(reversed(result.words))) == result.text


# --- orientation and skew ---------------------------------------------------------------

@pytest.fixture(scope="module")
def english_page():
    # OSD needs a page's worth of text to be confident (4 lines scored 4.3, under the bar)
    return text_page(ENGLISH, fontsize=16, leading=1.6, size=(420, 460))


@pytest.mark.parametrize("degrees", [90, 180])
def test_sideways_scan_is_turned_and_boxes_stay_on_the_stored_page(english_page, degrees):
    page = english_page[0]
    gray = np.ascontiguousarray(np.rot90(render_gray(page), -degrees // 90))  # turn cw
    w, h = page.rect.width, page.rect.height
    size = (h, w) if degrees == 90 else (w, h)
    result = ocr_image(gray, OcrSettings(), *size)
    assert result.orientation == (360 - degrees) % 360
    assert "Rotterdam harbour strike" in result.text
    expected = rotate_box_cw(word_box(page, "Rotterdam"), degrees, w, h)
    assert _lands_on(_find(result, "Rotterdam").bbox, expected)


def test_skewed_scan_is_straightened_and_boxes_map_back(english_page):
    page = english_page[0]
    skewed, m = skew(render_gray(page), 4.0)
    result = ocr_image(skewed, OcrSettings(detect_orientation=False),
                       page.rect.width, page.rect.height)
    assert result.deskew_angle == pytest.approx(4.0, abs=0.5)
    assert "Geneva committee minutes" in result.text
    expected = map_box(m, word_box(page, "Geneva"), 72 / 300)
    assert _lands_on(_find(result, "Geneva").bbox, expected)


# --- settings and dependencies (no OCR) ------------------------------------------------

def test_settings_key_is_stable_and_tracks_output_settings():
    base = OcrSettings(languages="jpn+eng")
    assert base.key() == OcrSettings(languages="jpn + eng").key()
    assert len(base.key()) == 16
    assert base.key() != OcrSettings(languages="eng+jpn").key()
    assert base.key() != OcrSettings(languages="jpn+eng", dpi=400).key()
    assert base.key() != OcrSettings(languages="jpn+eng", preprocess=False).key()
    assert base.key() == OcrSettings(languages="jpn+eng", timeout_s=5).key()


@pytest.mark.parametrize("dpi", [10, 69, 1201, 5000])
def test_absurd_dpi_is_refused(dpi):
    with pytest.raises(InvalidInputError, match="DPI"):
        OcrSettings(dpi=dpi)


@pytest.mark.parametrize("languages", ["xyz", "eng+klingon", "", "osd"])
def test_unknown_language_is_refused(languages):
    with pytest.raises(InvalidInputError):
        OcrSettings(languages=languages)


def test_missing_language_pack_names_the_apt_package():
    with pytest.raises(LanguageMissingError) as err:
        check_languages("eng+chi_sim")
    assert "Chinese (Simplified)" in err.value.message
    assert "sudo apt-get install tesseract-ocr-chi-sim" in err.value.message
    assert engine.apt_package("jpn_vert") == "tesseract-ocr-jpn-vert"
    check_languages("jpn_vert+jpn+kor+eng+fra+deu+rus")


def test_missing_pack_is_reported_before_any_ocr():
    with pytest.raises(LanguageMissingError, match="tesseract-ocr-chi-tra"):
        ocr_image(np.full((100, 100), 255, np.uint8), OcrSettings(languages="chi_tra"), 72, 72)


def test_missing_tesseract_binary(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    engine._tesseract_version.cache_clear()
    try:
        with pytest.raises(TesseractMissingError, match="sudo apt-get install tesseract-ocr"):
            check_tesseract()
    finally:
        engine._tesseract_version.cache_clear()


@pytest.mark.timeout(30)
def test_huge_image_is_refused_before_any_work():
    huge = np.broadcast_to(np.uint8(255), (20000, 20000))  # a view: copying it would be work
    with pytest.raises(ImageTooLargeError):
        ocr_image(huge, OcrSettings(), 612, 792)


# --- page_text joining rules (no OCR) ---------------------------------------------------

def _w(text, x0, x1, line=1, block=1, y0=0.0, y1=10.0):
    return OcrWord(text=text, bbox=Box(x0, y0, x1, y1), block=block, line=line)


def test_page_text_joins_cjk_tight_and_latin_with_spaces():
    words = [_w("1959", 0, 20), _w("年", 21, 31), _w("の", 31, 41), _w("US", 60, 75),
             _w("policy", 80, 110), _w("next", 0, 20, line=2), _w("block", 0, 20, block=2)]
    assert page_text(words) == "1959年の US policy\nnext\n\nblock"


# --- PDF text layers (no OCR) ------------------------------------------------------------

def test_born_digital_page_has_a_real_text_layer_in_unrotated_points():
    doc = text_page(ENGLISH, fontsize=22, size=(420, 420))
    page = doc[0]
    before = {w.text: w.bbox for w in text_layer_words(page)}
    page.set_rotation(90)
    after = {w.text: w.bbox for w in text_layer_words(page)}
    assert before == after and "Rotterdam" in after
    assert has_real_text_layer(page)


@pytest.mark.parametrize("name", ["pdb_0006007849_p10_plain.pdf", "cib_02733122_p2.pdf"])
def test_scans_are_not_born_digital(name):
    """PDB scans have no text; CIB scans hide the CIA's own OCR (render mode 3)."""
    with pymupdf.open(SCANS / name) as doc:
        assert not has_real_text_layer(doc[0])


def test_a_stamp_on_a_scan_is_not_a_text_layer():
    with pymupdf.open(PDB_PLAIN) as src:
        doc = pymupdf.open()
        doc.insert_pdf(src)
    page = doc[0]
    page.insert_text((72, 780), "Exhibit 12 - Bates 000123", fontsize=9)
    assert not has_real_text_layer(page)
    assert page.insert_textbox(pymupdf.Rect(72, 72, 540, 700), " ".join(ENGLISH * 3),
                               fontsize=11) >= 0
    assert has_real_text_layer(page)   # plenty of visible text on top: use it


def test_the_pgm_hand_off_reads_what_pytesseract_s_png_reads():
    """Tesseract gets the page as an unnamed PGM file, not as pytesseract's PNG: the same
    pixels and no resolution either way, so the same rows, word for word."""
    with pymupdf.open(PDB_PLAIN) as doc:
        gray = render_gray(doc[0], 150)
    settings = OcrSettings(dpi=150)
    ours = engine._run_tesseract(gray, settings, 60)
    theirs = pytesseract.image_to_data(gray, lang="eng", output_type=pytesseract.Output.DICT,
                                       config="--psm 3 -c preserve_interword_spaces=1")
    assert ours == theirs
    assert sum(1 for t in ours["text"] if t.strip()) > 100
