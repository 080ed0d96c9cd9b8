"""Suggestions across the corpus, on a generated born-digital PDF whose text layer is
stored like OCR output: every spelling found, nothing inside other words, boxes on
the glyphs, and re-runs that never duplicate a place."""
from __future__ import annotations

import unicodedata

import pymupdf
import pytest

from recto.annotations import actors as store
from recto.annotations.model import Status
from recto.app.actors import service as svc
from recto.app.jobs import TaskState
from recto.app.text.alias_match import fold
from tests.actor_corpus import EXPECTED, NOT_MATCHED, PAGES, add_actors, build_project


def canon(text: str) -> str:
    """PDF text extraction gives U+2011 for "-" and compatibility ideographs (U+F997
    for 聯) where the font maps them so; compare in NFKC with plain hyphens."""
    return unicodedata.normalize("NFKC", text).replace("\u2010", "-")


@pytest.fixture
def corpus(project, tmp_path):
    doc = build_project(project, tmp_path)
    return doc, add_actors(project)


def found_by_actor(suggestions, ids) -> dict[str, list[tuple[int, str]]]:
    names = {v: k for k, v in ids.items()}
    out: dict[str, list] = {}
    for s in suggestions:
        m = s.mention
        out.setdefault(names[m.actor_id], []).append((m.anchor.page_index + 1, canon(m.text)))
    return out


def test_text_layer_is_stored_as_page_words(project, corpus):
    doc, _ = corpus
    rows = project.query("SELECT page_index, source, COUNT(*) AS n FROM page_texts "
                         "JOIN page_words USING (doc_sha256, page_index, settings_key) "
                         "GROUP BY page_index ORDER BY page_index")
    assert [(r["page_index"], r["source"]) for r in rows] == [(0, "text_layer"), (1, "text_layer")]
    assert rows[0]["n"] > 80


def test_every_occurrence_in_every_spelling_and_nothing_inside_other_words(project, corpus):
    doc, ids = corpus
    result = svc.suggest_mentions(project)
    assert result.pages == len(PAGES) and result.already_known == 0
    found = found_by_actor(result.suggestions, ids)
    expected = {k: [(p, canon(t)) for p, t in v] for k, v in EXPECTED.items()}
    assert found == expected
    quoted = " ".join(s.mention.text for s in result.suggestions)
    for word in NOT_MATCHED:
        assert word not in quoted
    stored = store.list_mentions(project, status=Status.SUGGESTED)
    assert len(stored) == sum(len(v) for v in EXPECTED.values())
    assert {m.origin.value for m in stored} == {"detected"}


def test_suggestion_boxes_sit_on_the_matched_glyphs(project, corpus, tmp_path):
    doc, _ = corpus
    result = svc.suggest_mentions(project)
    pdf = pymupdf.open(doc.path)
    try:
        for s in result.suggestions:
            m = s.mention
            page = pdf[m.anchor.page_index]
            box = m.anchor.bbox
            if m.anchor.word_start != m.anchor.word_end:
                continue  # hyphenated across lines: the box spans both lines
            inner = pymupdf.Rect(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1)
            under = page.get_textbox(inner)
            assert fold(canon(under)).replace(" ", "") in fold(canon(m.text)).replace(" ", ""), \
                (m.text, under)
            assert fold(canon(m.text))[:2] in fold(canon(under)), (m.text, under)
    finally:
        pdf.close()


def test_rerun_never_duplicates_suggested_confirmed_or_rejected_places(project, corpus):
    doc, ids = corpus
    first = svc.suggest_mentions(project)
    total = len(first.suggestions)
    soren = [s.mention for s in first.suggestions if s.mention.actor_id == ids["Sōren"]]
    svc.set_status(project, [soren[0].id], Status.CONFIRMED)
    svc.set_status(project, [soren[1].id], Status.REJECTED)
    again = svc.suggest_mentions(project)
    assert again.suggestions == () and again.already_known == total
    assert len(store.list_mentions(project)) == total
    assert project.undo_label() == "Reject 1 mention"  # an empty run adds no undo step


def test_new_alias_suggests_only_its_new_places_and_a_run_is_undoable(project, corpus):
    doc, ids = corpus
    svc.suggest_mentions(project)
    before = len(store.list_mentions(project))
    svc.add_aliases(project, ids["Lee Kang-hoon"], [svc.AliasInput("Osaka", "en")])
    result = svc.suggest_mentions(project)
    assert [canon(s.mention.text) for s in result.suggestions] == ["Osaka"]
    assert project.undo_label() == "Suggest 1 mention"
    project.undo()
    assert len(store.list_mentions(project)) == before


def test_shared_alias_lists_both_candidates_until_one_is_confirmed(project, corpus):
    doc, ids = corpus
    other = svc.add_actor(project, "Lee Sung-man", "person", [svc.AliasInput("Lee")])
    assert any("also belongs to" in w for w in other.warnings)
    result = svc.suggest_mentions(project)
    lee_places = [s for s in result.suggestions if canon(s.mention.text) in ("Lee", "LEE")]
    assert len(lee_places) == 6  # three places, two candidates each
    for s in lee_places:
        assert len(s.shared_with) == 1 and s.shared_with[0] != s.mention.actor_id
    # Confirm one candidate at a place; a new actor with the alias is not proposed there.
    svc.set_status(project, [lee_places[0].mention.id], Status.CONFIRMED)
    third = svc.add_actor(project, "Lee Bum-suk", "person", [svc.AliasInput("Lee")]).actor
    again = svc.suggest_mentions(project, [third.id])
    assert len(again.suggestions) == 2
    assert {s.mention.actor_id for s in again.suggestions} == {third.id}


def test_only_the_chosen_actor_and_progress_and_cancel(project, corpus):
    doc, ids = corpus
    seen = []
    state = TaskState(lambda done, total, msg: seen.append((done, total)))
    result = svc.suggest_mentions(project, [ids["Ōmura"]], state)
    assert {s.mention.actor_id for s in result.suggestions} == {ids["Ōmura"]}
    assert len(result.suggestions) == len(EXPECTED["Ōmura"])
    assert seen[-1] == (2, 2)
    cancelled = TaskState()
    cancelled.cancel()
    from recto.app.errors import CancelledError
    with pytest.raises(CancelledError):
        svc.suggest_mentions(project, None, cancelled)
    assert len(store.list_mentions(project)) == len(EXPECTED["Ōmura"])


def test_accept_all_of_one_actor_leaves_others_suggested(project, corpus):
    doc, ids = corpus
    svc.suggest_mentions(project)
    n = svc.set_status_all(project, ids["Ōmura"], Status.CONFIRMED)
    assert n == len(EXPECTED["Ōmura"])
    counts = {s.actor.name: s.counts for s in svc.list_actors(project)}
    assert counts["Ōmura"] == {"confirmed": n}
    assert counts["Sōren"] == {"suggested": len(EXPECTED["Sōren"])}
    project.undo()
    assert {s.actor.name: s.counts for s in svc.list_actors(project)}["Ōmura"] == {
        "suggested": n}
