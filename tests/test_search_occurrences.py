"""Search as a reader expects it: occurrences counted, phrases in quotes, words at word
starts, folded like the matcher, more hits by --offset; through the real console script
on a real born-digital PDF (its text layer stored by `recto add`) and the app service."""
from __future__ import annotations

import json

import pytest

from recto.annotations.project import Project
from recto.app.text.search import parse_query, search
from tests.cli_runner import recto
from tests.ocr_fixtures import cjk_font_file
from tests.search_fixtures import PHRASE, WAR, memo_pdf


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    project = folder / "p.recto"
    doc_id = recto("add", project, memo_pdf(folder / "memo.pdf")).stdout.strip()
    return project, doc_id


def _pages(hits) -> dict[int, int]:
    out: dict[int, int] = {}
    for h in hits:
        out[h["page"]] = out.get(h["page"], 0) + 1
    return out


def test_every_occurrence_is_a_hit_and_the_count_is_exact(memo):
    project, _ = memo
    run = recto("search", project, "war", "--json", "--order", "page")
    hits = json.loads(run.stdout)
    assert _pages(hits) == WAR  # not "toward" nor "award"; "warfare" starts with war
    assert "6 hits on 2 pages" in run.stderr
    assert [(h["number_on_page"], h["on_page"]) for h in hits if h["page"] == 1] == \
        [(n, 5) for n in range(1, 6)]
    first = hits[0]
    assert first["snippet"].startswith("The prisoner of war camp")
    assert len(first["bboxes"]) == 1


def test_hits_on_a_page_come_in_reading_order_with_their_own_boxes(memo):
    project, _ = memo
    hits = [h for h in json.loads(recto("search", project, "war", "--json").stdout)
            if h["page"] == 1]
    tops = [(h["bboxes"][0][1], h["bboxes"][0][0]) for h in hits]
    assert tops == sorted(tops) and len(set(tops)) == 5  # five distinct words, top to bottom


def test_a_phrase_in_quotes_matches_only_adjacent_words(memo):
    project, _ = memo
    run = recto("search", project, '"prisoner of war"', "--json")
    hits = json.loads(run.stdout)
    assert _pages(hits) == PHRASE and "2 hits on 1 page" in run.stderr
    assert all(len(h["bboxes"]) == 3 for h in hits)  # prisoner, of, war
    loose = json.loads(recto("search", project, "prisoner war", "--json").stdout)
    assert set(_pages(loose)) == {1, 2}  # both words on the page, anywhere


def test_limit_and_offset_page_through_the_same_hits(memo):
    project, _ = memo
    every = json.loads(recto("search", project, "war", "--json").stdout)
    first = recto("search", project, "war", "--limit", 4, "--json")
    rest = json.loads(recto("search", project, "war", "--limit", 4, "--offset", 4,
                            "--json").stdout)
    assert json.loads(first.stdout) + rest == every
    assert "6 hits on 2 pages; showing 1-4" in first.stderr


@pytest.mark.parametrize("query", ["Omura", "OOMURA", "Ōmura", "ohmura"])
def test_romanised_names_fold_as_the_matcher_folds(memo, query):
    project, _ = memo
    assert _pages(json.loads(recto("search", project, query, "--json").stdout)) == {1: 1}


@pytest.mark.skipif(not cjk_font_file(), reason="Noto Sans CJK (fonts-noto-cjk) is not installed")
@pytest.mark.parametrize("query, count", [("総連", 2), ("총련", 1), ('"総連 and 총련"', 1)])
def test_two_character_cjk_names_are_still_found_and_counted(memo, query, count):
    project, _ = memo
    hits = json.loads(recto("search", project, query, "--json").stdout)
    assert _pages(hits) == {2: count}
    assert all(h["bboxes"] for h in hits)


@pytest.mark.skipif(not cjk_font_file(), reason="Noto Sans CJK (fonts-noto-cjk) is not installed")
@pytest.mark.parametrize("query, count", [("総", 2), ("연", 0), ("련", 1)])
def test_one_cjk_character_is_found_through_the_index(memo, query, count):
    from recto.annotations.ocr_store import _where
    where, params = _where([query], None, None)
    assert "page_search MATCH" in where and params["match"] == f'grams : "{query}||"'
    project, _ = memo
    hits = json.loads(recto("search", project, query, "--json").stdout)
    assert _pages(hits) == ({2: count} if count else {})


def test_the_service_counts_pages_and_fetches_only_what_is_asked(memo):
    project, doc_id = memo
    with Project.open(project) as proj:
        result = search(proj, "war", limit=2, order="reading")
        assert (result.total, result.page_count, len(result.hits), result.more) == (6, 2, 2, True)
        last = search(proj, "war", limit=20, offset=5, order="reading")
        assert [(h.page_index, h.number) for h in last.hits] == [(1, 1)] and not last.more
        page = search(proj, "war", [doc_id], page_index=1)
        assert page.total == 1
        assert search(proj, '"', limit=5).total == 0  # nothing to look for


def test_queries_parse_into_words_and_quoted_phrases():
    q = parse_query('“Prisoner of War” Ōmura  "unclosed phrase')
    assert q.terms == ("prisoner of war", "unclosed phrase", "omura")
    assert q.needles()[0] == " prisoner of war"
    assert parse_query("総連 총련").needles() == ["総連", "총련"]
