"""`recto ocr / text / search / set-languages` through the real console script.

One image-only document, OCR'd once (two Tesseract pages): p. 1 Japanese, p. 2
Korean. The document is set to Japanese and p. 2 overridden to Korean, so the
per-page language override is exercised by a real run.
"""
from __future__ import annotations

import json

import pytest

from tests.cli_runner import recto
from tests.ocr_pipeline_fixtures import image_only_pdf

JAPANESE = ["在日朝鮮人の帰国事業について", "総連は新潟港で集会を開いた。"]
KOREAN = ["총련 대표단이 도착했다", "귀국 사업에 대하여"]


@pytest.fixture(scope="module")
def cjk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    pdf = image_only_pdf(folder / "cjk.pdf", [(JAPANESE, "japan"), (KOREAN, "cjk")], dpi=300,
                         fontsize=28)
    project = folder / "cjk.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    recto("set-languages", project, doc_id, "jpn")
    recto("set-languages", project, doc_id, "kor", "--pages", "2")
    run = recto("ocr", project, doc_id, "--jobs", "2", "--json")
    return project, doc_id, run


def test_ocr_reports_pages_one_based_and_progress_on_stderr(cjk):
    project, doc_id, run = cjk
    (report,) = json.loads(run.stdout)
    assert report["document_id"] == doc_id
    assert report["pages"] == [1, 2] and report["done"] == [1, 2]
    assert report["failed"] == [] and report["skipped"] == [] and report["text_layer"] == []
    assert "2/2" in run.stderr and "2 pages read" in run.stderr
    again = json.loads(recto("ocr", project, doc_id, "--json").stdout)
    assert again[0]["skipped"] == [1, 2] and again[0]["done"] == []


def test_text_prints_cjk_without_spurious_spaces(cjk):
    project, doc_id, _ = cjk
    japanese = recto("text", project, doc_id, "--page", 1).stdout
    assert "帰国事業について" in japanese and "総連" in japanese and " " not in japanese.strip()
    korean = recto("text", project, doc_id, "--page", 2).stdout
    assert "총련 대표단이" in korean and "귀국 사업에 대하여" in korean


def test_text_json_words_have_the_documented_shape(cjk):
    project, doc_id, _ = cjk
    words = json.loads(recto("text", project, doc_id, "--page", 2, "--json").stdout)
    assert words and all(set(w) == {"text", "bbox", "conf", "block", "par", "line",
                                    "word_number", "line_number", "corrected"}
                         for w in words)
    assert [w["word_number"] for w in words] == list(range(1, len(words) + 1))
    chongryun = next(w for w in words if w["text"] == "총련")
    x0, y0, x1, y1 = chongryun["bbox"]
    # set at (60, 100) in 28 pt type on a 595 x 842 pt page
    assert 55 < x0 < x1 < 140 and 70 < y0 < y1 < 110


@pytest.mark.parametrize("query, page", [("帰国事業", 1), ("総連", 1), ("총련", 2)])
def test_search_finds_cjk_names_of_any_length(cjk, query, page):
    project, doc_id, _ = cjk
    hits = json.loads(recto("search", project, query, "--json").stdout)
    assert [(h["document_id"], h["page"]) for h in hits] == [(doc_id, page)]
    (hit,) = hits
    assert set(hit) == {"document_id", "page", "snippet", "bboxes", "number_on_page", "on_page"}
    assert query in hit["snippet"]
    assert hit["bboxes"] and all(len(b) == 4 and b[0] < b[2] and b[1] < b[3]
                                 for b in hit["bboxes"])


def test_text_of_a_page_without_text_or_outside_the_document(cjk, tmp_path):
    project, doc_id, _ = cjk
    out = recto("text", project, doc_id, "--page", 3, check=False)
    assert out.returncode == 5 and "no page 3" in out.stderr
    fresh = tmp_path / "fresh.recto"
    pdf = image_only_pdf(tmp_path / "unread.pdf", [(["Geneva"], "helv")], dpi=100)
    new_id = recto("add", fresh, pdf).stdout.strip()
    out = recto("text", fresh, new_id, "--page", 1, check=False)
    assert out.returncode == 5 and "no text yet" in out.stderr and "recto ocr" in out.stderr


def test_missing_language_pack_and_bad_pages_are_clear_errors(cjk):
    project, doc_id, _ = cjk
    out = recto("ocr", project, doc_id, "--lang", "ita", check=False)
    assert out.returncode == 3 and "sudo apt-get install tesseract-ocr-ita" in out.stderr
    out = recto("ocr", project, doc_id, "--pages", "2-9", check=False)
    assert out.returncode != 0 and "outside the document" in out.stderr
    out = recto("ocr", project, doc_id, "--dpi", "5000", check=False)
    assert out.returncode != 0 and "DPI" in out.stderr


def test_failed_pages_exit_7_and_are_listed(tmp_path):
    pdf = image_only_pdf(tmp_path / "one.pdf", [(["Geneva"], "helv")], dpi=100)
    project = tmp_path / "f.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    out = recto("ocr", project, doc_id, "--dpi", "1200", "--json", check=False)
    # 842 pt at 1200 DPI is 14034 px: refused before rendering, page marked failed
    assert out.returncode == 7
    assert "Failed: one p. 1" in out.stderr and "lower DPI" in out.stderr
    assert json.loads(out.stdout)[0]["failed"][0]["page"] == 1
