"""The actor registry through its services, on a real project file: aliases and their
bad input, mentions by hand, merge, split, undo, the actor view."""
from __future__ import annotations

import pytest

from recto.annotations import actors as store
from recto.annotations.model import ActorType, AliasKind, Status
from recto.annotations.project import Project
from recto.app.actors import service as svc
from recto.app.errors import InvalidInputError, NotFoundError
from tests.actor_corpus import build_project


def A(text, lang="", kind=AliasKind.NAME, **kw):
    return svc.AliasInput(text, lang, kind, **kw)


def row_counts(project) -> tuple[int, int, int]:
    return tuple(project.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
                 for t in ("actors", "actor_aliases", "mentions"))


@pytest.fixture
def corpus(project, tmp_path):
    return build_project(project, tmp_path)


def test_add_actor_with_aliases_in_every_script_survives_reopening(project_path):
    with Project.open(project_path, create=True) as proj:
        result = svc.add_actor(proj, "  Sōren ", "organisation",
                               [svc.parse_alias_spec(s) for s in
                                ("総連@ja", "총련@ko", "Chongryun@ko-Latn", "me@home")],
                               note="Chongryun", external_id="Q483426")
        assert result.warnings == ()
    with Project.open(project_path) as proj:
        (actor,) = store.list_actors(proj)
    assert actor.name == "Sōren" and actor.type is ActorType.ORGANISATION
    assert actor.external_id == "Q483426"
    assert [(a.alias, a.lang) for a in actor.aliases] == [
        ("総連", "ja"), ("총련", "ko"), ("Chongryun", "ko-Latn"), ("me@home", "")]
    assert all(a.attested_document_id is None for a in actor.aliases)  # added by researcher


@pytest.mark.parametrize("aliases, message", [
    ([A("")], "empty"), ([A(" \t ")], "empty"),
    ([A("総連"), A("総連 ")], "already has the alias"),
    ([A("Soren", "not a tag!")], "not a language tag"),
    ([A("Soren", kind="nickname")], "Unknown alias kind"),
])
def test_bad_aliases_are_refused_and_nothing_is_written(project, aliases, message):
    with pytest.raises(InvalidInputError, match=message):
        svc.add_actor(project, "Sōren", "organisation", [A("Chongryun"), *aliases])
    assert row_counts(project) == (0, 0, 0)
    assert project.undo_label() is None


def test_bad_actor_name_or_type_is_refused(project):
    with pytest.raises(InvalidInputError, match="needs a name"):
        svc.add_actor(project, "   ")
    with pytest.raises(InvalidInputError, match="Unknown actor type"):
        svc.add_actor(project, "Sōren", "union")
    assert row_counts(project) == (0, 0, 0)


def test_duplicate_alias_on_existing_actor_is_refused_as_a_whole(project):
    actor = svc.add_actor(project, "Sōren", "organisation", [A("総連")]).actor
    with pytest.raises(InvalidInputError, match='"Sōren" already has the alias "総連"'):
        svc.add_aliases(project, actor.id, [A("총련"), A("総連")])
    assert [a.alias for a in store.get_actor(project, actor.id).aliases] == ["総連"]


def test_warnings_for_one_letter_shared_and_same_text_aliases(project):
    svc.add_actor(project, "Lee Kang-hoon", "person", [A("Lee")])
    result = svc.add_actor(project, "Lee Sung-man", "person", [A("Lee"), A("L."), A("LEE")])
    text = " | ".join(result.warnings)
    assert 'also belongs to "Lee Kang-hoon"' in text
    assert '"L." is a single letter' in text
    assert 'matches the same text as "Lee"' in text
    assert len(result.actor.aliases) == 3  # warnings, not errors


def test_attestation_page_is_checked_and_stored(project, corpus):
    actor = svc.add_actor(project, "Sōren", "organisation").actor
    with pytest.raises(InvalidInputError, match="pages 1 to 2, not page 3"):
        svc.add_aliases(project, actor.id, [A("総連", document_id=corpus.id, page_index=2)])
    with pytest.raises(NotFoundError):
        svc.add_aliases(project, actor.id, [A("総連", document_id="nope", page_index=0)])
    svc.add_aliases(project, actor.id, [A("総連", "ja", AliasKind.ABBREVIATION,
                                          document_id=corpus.id, page_index=0)])
    (alias,) = store.get_actor(project, actor.id).aliases
    assert (alias.attested_document_id, alias.attested_page_index) == (corpus.id, 0)
    assert alias.kind is AliasKind.ABBREVIATION


def test_add_actor_and_alias_are_undoable(project):
    actor = svc.add_actor(project, "Sōren", "organisation", [A("総連")]).actor
    svc.add_aliases(project, actor.id, [A("총련")])
    assert project.undo_label() == "Add alias 총련"
    project.undo()
    assert [a.alias for a in store.get_actor(project, actor.id).aliases] == ["総連"]
    project.undo()
    assert row_counts(project) == (0, 0, 0)
    project.redo()
    assert store.get_actor(project, actor.id).aliases[0].alias == "総連"


def test_manual_mention_from_words_or_region(project, corpus):
    actor = svc.add_actor(project, "Ōmura", "place").actor
    by_words = svc.add_mention(project, actor.id, corpus.id, 0, words=(53, 54))
    assert by_words.status is Status.CONFIRMED and by_words.text == "Ōmura camp;"
    region = by_words.anchor.bbox
    by_box = svc.add_mention(project, actor.id, corpus.id, 0, bbox=region.as_list())
    assert (by_box.anchor.word_start, by_box.anchor.word_end) == (53, 54)
    assert by_box.text == "Ōmura camp;"
    with pytest.raises(InvalidInputError, match="not inside page 1"):
        svc.add_mention(project, actor.id, corpus.id, 0, bbox=[0, 0, 900, 10])
    with pytest.raises(InvalidInputError, match="not page 5"):
        svc.add_mention(project, actor.id, corpus.id, 4, words=(0, 0))
    with pytest.raises(InvalidInputError, match="span 3-900"):
        svc.add_mention(project, actor.id, corpus.id, 0, words=(3, 900))
    assert len(store.list_mentions(project)) == 2


def _mention(project, actor_id, doc, page_index, start, end, status=Status.CONFIRMED):
    mention = svc.add_mention(project, actor_id, doc.id, page_index, words=(start, end))
    if status is not Status.CONFIRMED:
        svc.set_status(project, [mention.id], status)
    return mention


def test_merge_moves_everything_keeps_best_judgement_and_undoes(project, corpus):
    keep = svc.add_actor(project, "Sōren", "organisation", [A("総連", "ja")]).actor
    gone = svc.add_actor(project, "Chongryun", "organisation", [A("総連"), A("총련")]).actor
    k1 = _mention(project, keep.id, corpus, 0, 10, 10, Status.SUGGESTED)
    g1 = _mention(project, gone.id, corpus, 0, 10, 10)             # same place, confirmed
    g2 = _mention(project, gone.id, corpus, 1, 3, 3)
    before = row_counts(project)
    result = svc.merge_actors(project, keep.id, gone.id)
    assert (result.moved_mentions, result.dropped_duplicates) == (1, 1)
    merged = store.get_actor(project, keep.id)
    assert sorted(a.alias for a in merged.aliases) == sorted(["総連", "총련", "Chongryun"])
    mentions = {m.id: m for m in store.list_mentions(project)}
    assert set(mentions) == {k1.id, g2.id}
    assert mentions[k1.id].status is Status.CONFIRMED and mentions[g2.id].actor_id == keep.id
    with pytest.raises(NotFoundError):
        store.get_actor(project, gone.id)
    assert project.undo_label() == "Merge Chongryun into Sōren"
    project.undo()
    assert row_counts(project) == before
    assert store.get_mention(project, g1.id).actor_id == gone.id
    assert store.get_mention(project, k1.id).status is Status.SUGGESTED
    assert [a.alias for a in store.get_actor(project, gone.id).aliases] == ["総連", "총련"]


def test_merge_refuses_itself_and_unknown_ids(project):
    actor = svc.add_actor(project, "Sōren").actor
    with pytest.raises(InvalidInputError, match="into itself"):
        svc.merge_actors(project, actor.id, actor.id)
    with pytest.raises(NotFoundError, match="No actor with id nope"):
        svc.merge_actors(project, actor.id, "nope")


def test_split_moves_chosen_mentions_to_a_new_actor_and_undoes(project, corpus):
    lee = svc.add_actor(project, "Lee", "person").actor
    m1 = _mention(project, lee.id, corpus, 0, 30, 30)
    m2 = _mention(project, lee.id, corpus, 0, 40, 40)
    other = svc.add_actor(project, "Kim").actor
    m3 = _mention(project, other.id, corpus, 1, 1, 1)
    with pytest.raises(InvalidInputError, match="is not one of"):
        svc.split_mentions(project, lee.id, [m1.id, m3.id], "Lee Kang-hoon")
    new = svc.split_mentions(project, lee.id, [m2.id], "Lee Kang-hoon",
                             aliases=[A("이강훈", "ko")]).actor
    assert new.type is ActorType.PERSON and new.aliases[0].alias == "이강훈"
    assert store.get_mention(project, m2.id).actor_id == new.id
    assert store.get_mention(project, m1.id).actor_id == lee.id
    project.undo()
    assert store.get_mention(project, m2.id).actor_id == lee.id
    with pytest.raises(NotFoundError):
        store.get_actor(project, new.id)


def test_overview_counts_snippets_and_co_occurring_actors(project, corpus):
    soren = svc.add_actor(project, "Sōren", "organisation").actor
    omura = svc.add_actor(project, "Ōmura", "place").actor
    lee = svc.add_actor(project, "Lee", "person").actor
    _mention(project, soren.id, corpus, 0, 22, 22)                 # "Sōren"
    _mention(project, soren.id, corpus, 1, 20, 20, Status.SUGGESTED)
    _mention(project, soren.id, corpus, 1, 21, 21, Status.REJECTED)
    _mention(project, omura.id, corpus, 0, 53, 53)
    _mention(project, omura.id, corpus, 1, 1, 1)
    _mention(project, lee.id, corpus, 1, 30, 30, Status.REJECTED)
    view = svc.actor_overview(project, soren.id)
    (doc,) = view.documents
    assert (doc.title, doc.confirmed, doc.suggested, doc.rejected) == (
        "Repatriation note", 1, 1, 1)
    assert [(v.page, v.mention.status) for v in view.mentions] == [
        (1, Status.CONFIRMED), (2, Status.SUGGESTED)]
    assert "Sōren" in view.mentions[0].snippet and "…" in view.mentions[0].snippet
    assert [(c.name, c.pages) for c in view.cooccurring] == [("Ōmura", 2)]
    summaries = {s.actor.name: s for s in svc.list_actors(project)}
    assert summaries["Sōren"].counts == {"confirmed": 1, "suggested": 1, "rejected": 1}


def test_type_ahead_finds_names_and_aliases_in_any_script(project):
    soren = svc.add_actor(project, "Sōren", "organisation", [A("総連"), A("Chongryun")]).actor
    omura = svc.add_actor(project, "Ōmura", "place", [A("大村")]).actor
    assert [a.id for a in svc.search_actors(project, "omu")] == [omura.id]
    assert [a.id for a in svc.search_actors(project, "総")] == [soren.id]
    assert [a.id for a in svc.search_actors(project, "CHONG")] == [soren.id]
    assert svc.search_actors(project, "  ") == []


def test_delete_actor_removes_its_aliases_and_mentions_undoably(project, corpus):
    actor = svc.add_actor(project, "Sōren", "organisation", [A("総連")]).actor
    _mention(project, actor.id, corpus, 0, 10, 10)
    svc.delete_actor(project, actor.id)
    assert row_counts(project) == (0, 0, 0)
    project.undo()
    assert row_counts(project) == (1, 1, 1)
