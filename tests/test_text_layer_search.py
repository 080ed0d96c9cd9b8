"""Born-digital text is searchable at once, in one normal form, folded like the matcher.

Real PDFs built with PyMuPDF (DejaVu Sans for the ligature, Noto CJK for 総連), added
through the real console script and searched with it; no OCR step in between.
"""
from __future__ import annotations

import json

import pymupdf
import pytest

from recto.annotations.text_fold import search_fold
from recto.app.pdf.text_layer_words import layer_words
from recto.app.text.alias_match import fold
from tests.cli_runner import recto
from tests.ocr_fixtures import cjk_font_file

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _pdf(path, lines):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 100
    for line in lines:
        page.insert_text((60, y), line, fontsize=12, fontname="dejavu", fontfile=DEJAVU)
        y += 24
    if cjk_font_file():
        page.insert_text((60, y), "Sōren", fontsize=12, fontname="dejavu", fontfile=DEJAVU)
        page.insert_text((60 + pymupdf.Font(fontfile=DEJAVU).text_length("Sōren", 12), y),
                         "総連", fontsize=12, fontname="cjk", fontfile=cjk_font_file())
    doc.save(path)
    doc.close()
    return path


LINES = ["Written con\ufb01rmation of the classi\ufb01ed order reached the O\ufb03ce",
         "Ōmura met the delegates from Geneva on Monday", "and the ICRC returned to Tōkyō"]


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layer")
    pdf = _pdf(folder / "memo.pdf", LINES)
    project = folder / "p.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    return project, doc_id, pdf


@pytest.mark.parametrize("query", ["confirmation", "classified", "Office", "Ōmura", "Omura",
                                   "Oomura", "OHMURA", "Tokyo"])
def test_born_digital_pdf_is_searchable_right_after_add(added, query):
    project, doc_id, _ = added
    hits = json.loads(recto("search", project, query, "--json").stdout)
    assert [(h["document_id"], h["page"]) for h in hits] == [(doc_id, 1)]
    assert hits[0]["bboxes"]


def test_stored_text_and_words_have_no_ligatures(added):
    project, doc_id, _ = added
    text = recto("text", project, doc_id, "--page", 1).stdout
    assert "confirmation" in text and "\ufb01" not in text and "\ufb03" not in text
    words = [w["text"] for w in json.loads(recto("text", project, doc_id, "--page", 1,
                                                  "--json").stdout)]
    assert "confirmation" in words and "Office" in words


@pytest.mark.skipif(not cjk_font_file(), reason="Noto Sans CJK (fonts-noto-cjk) is not installed")
def test_a_cjk_alias_inside_a_latin_word_gets_its_own_box(added):
    _, _, pdf = added
    with pymupdf.open(pdf) as doc:
        words = layer_words(doc[0])
    texts = [w.text for w in words]
    assert "Sōren" in texts and "総連" in texts
    soren, soren_cjk = (next(w for w in words if w.text == t) for t in ("Sōren", "総連"))
    assert soren.bbox.x1 <= soren_cjk.bbox.x0 + 0.5
    assert soren_cjk.bbox.width == pytest.approx(24, abs=3)  # two 12 pt em squares


@pytest.mark.parametrize("text", ["Ōmura", "Oomura", "Ohmura", "ＩＣＲＣ", "Ｓōren総連",
                                  "Kim Il-sung", "Chongryŏn", "l’Humanité"])
def test_search_folds_as_the_matcher_does(text):
    assert search_fold(text) == fold(text)


def test_two_character_cjk_names_survive_folding_and_stray_ocr_spaces_do_not():
    assert search_fold("총련 합회는") == "총련합회는"
    assert search_fold("総連") == "総連" and search_fold("Kim Il sung") == "kim il sung"
