"""Coverage check: a page whose automatic layout drops lines is read again, and kept whole.

Real Tesseract, through the real console script, on an image-only Korean page of six
lines where psm 3 alone keeps three or four (measured) and psm 6 reads all six.
"""
from __future__ import annotations

import json

import pytest

from recto.annotations import ocr_store
from recto.annotations.project import Project
from tests.cli_runner import recto
from tests.ocr_pipeline_fixtures import image_only_pdf

KOREAN = ["재일본조선인총련합회는 1955년에 결성되었다", "총련 대표단이 니가타 항에 도착했다",
          "귀국 사업에 대하여 적십자 국제위원회가", "제네바에서 회의를 열었다",
          "귀국선은 청진으로 향했다", "총련은 이 사업을 적극 지지하였다"]


@pytest.fixture(scope="module")
def korean(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kor")
    pdf = image_only_pdf(folder / "kor.pdf", [(KOREAN, "cjk")], dpi=300, fontsize=14)
    project = folder / "kor.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    recto("set-languages", project, doc_id, "kor")
    recto("ocr", project, doc_id, "--json")
    return project, doc_id


def _compact(text: str) -> str:
    return "".join(text.split())


def test_korean_page_keeps_every_line(korean):
    project, doc_id = korean
    text = recto("text", project, doc_id, "--page", 1).stdout
    lines = [_compact(line) for line in text.splitlines() if line.strip()]
    assert len(lines) == len(KOREAN)
    for line in KOREAN:  # every line read (its start or its end: a character may be misread)
        assert _compact(line)[-4:] in _compact(text) or _compact(line)[:4] in _compact(text)


def test_the_winning_layout_is_recorded(korean):
    project, doc_id = korean
    with Project.open(project) as proj:
        sha = proj.query("SELECT sha256 FROM documents")[0]["sha256"]
        assert ocr_store.current_text(proj, sha, 0).layout in ("psm 6", "psm 4", "psm 11")


@pytest.mark.parametrize("query", ["총련", "총련합회"])
def test_search_finds_korean_names_on_the_page(korean, query):
    project, doc_id = korean
    hits = json.loads(recto("search", project, query, "--json").stdout)
    assert [(h["document_id"], h["page"]) for h in hits] == [(doc_id, 1)]
