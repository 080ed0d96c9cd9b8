"""Claims through the services and the store, on a real project with two real PDFs."""
import pytest

from recto.annotations import claims as store
from recto.annotations.model import Box, Certainty, LinkType
from recto.app.claims import service as svc
from recto.app.errors import InvalidInputError, NotFoundError
from tests.claims_fixtures import (
    CIB_MUNITIONS,
    CIB_MUNITIONS_QUOTE,
    CIB_PETROLEUM,
    CIB_PETROLEUM_QUOTE,
    COURT_BOARD,
    COURT_BOARD_QUOTE,
    counts,
    make_sample,
)


@pytest.fixture
def sample(tmp_path):
    s = make_sample(tmp_path / "claims.recto")
    yield s
    s.project.close()


def _two_claims(s):
    a = svc.create_claim(s.project, "Soviet munitions output rose", s.cib, 0, CIB_MUNITIONS,
                         claimants=[s.cia], subjects=[s.soviet], date="1951-03",
                         certainty="probable", tags=["economy"])
    b = svc.create_claim(s.project, "The fee was approved by the board", s.court, 0,
                         COURT_BOARD, date="1955-12-15")
    return a, b


def test_quote_is_filled_from_the_words_under_the_box(sample):
    a, b = _two_claims(sample)
    assert a.quote == CIB_MUNITIONS_QUOTE
    assert b.quote == COURT_BOARD_QUOTE
    ev = a.evidence[0]
    assert ev.quote == CIB_MUNITIONS_QUOTE
    assert ev.anchor.bbox == Box.of(CIB_MUNITIONS)
    assert ev.anchor.word_end - ev.anchor.word_start == 4
    assert (a.date_text, a.date_start, a.date_end) == ("1951-03", "1951-03-01", "1951-03-31")
    assert a.certainty is Certainty.PROBABLE
    assert (a.claimants, a.subjects, a.tags) == ((sample.cia,), (sample.soviet,), ("economy",))


def test_given_quote_wins_and_page_without_words_gives_empty_quote(sample):
    c = svc.create_claim(sample.project, "x", sample.cib, 0, "1,1,20,5", quote=" typed ")
    assert c.quote == "typed" and c.evidence[0].quote == "typed"
    empty = svc.create_claim(sample.project, "y", sample.cib, 0, "400,660,560,720")
    assert empty.quote == "" and empty.evidence[0].anchor.word_start is None


def test_evidence_on_two_documents_and_several_regions(sample):
    a, _ = _two_claims(sample)
    svc.add_evidence(sample.project, a.id, sample.court, 0, COURT_BOARD)
    ev = svc.add_evidence(sample.project, a.id[:8], sample.cib[:6], 0, CIB_PETROLEUM)
    assert ev.quote == CIB_PETROLEUM_QUOTE
    claim = svc.get_claim(sample.project, a.id)
    assert [(e.anchor.document_id, e.quote) for e in claim.evidence] == [
        (sample.cib, CIB_MUNITIONS_QUOTE), (sample.court, COURT_BOARD_QUOTE),
        (sample.cib, CIB_PETROLEUM_QUOTE)]


def test_links_are_shown_both_ways(sample):
    a, b = _two_claims(sample)
    c = svc.create_claim(sample.project, "Petroleum went to China", sample.cib, 0, CIB_PETROLEUM)
    sup = svc.link_claims(sample.project, a.id, "supports", b.id, note="same period")
    con = svc.link_claims(sample.project, c.id, LinkType.CONTRADICTS, a.id)
    a, b, c = (svc.get_claim(sample.project, x.id) for x in (a, b, c))
    assert [(k.id, k.type, k.to_claim_id, k.note) for k in a.links] == [
        (sup.id, LinkType.SUPPORTS, b.id, "same period")]
    assert [(k.id, k.from_claim_id) for k in a.incoming] == [(con.id, c.id)]
    assert [k.id for k in b.incoming] == [sup.id] and b.links == ()
    assert [k.id for k in c.links] == [con.id] and c.incoming == ()


def test_link_evidence_and_unlink_removes_it(sample):
    a, b = _two_claims(sample)
    link = svc.link_claims(sample.project, a.id, "contradicts", b.id)
    ev = svc.add_link_evidence(sample.project, link.id, sample.cib, 0, CIB_PETROLEUM,
                               claim_id=b.id)
    got = svc.get_claim(sample.project, a.id)
    assert got.links[0].evidence == (store.get_evidence(sample.project, ev.id),)
    assert len(got.evidence) == 1  # link evidence is not the claim's own
    svc.unlink_claims(sample.project, a.id, "contradicts", b.id)
    with pytest.raises(NotFoundError):
        store.get_evidence(sample.project, ev.id)
    assert svc.get_claim(sample.project, b.id).incoming == ()


def test_update_and_filters(sample):
    a, b = _two_claims(sample)
    svc.update_claim(sample.project, b.id, claimants=[sample.soviet], tags=["origins", "fees"],
                     date="1950", certainty="disputed")
    got = svc.get_claim(sample.project, b.id)
    assert (got.claimants, got.tags, got.date_start, got.certainty) == (
        (sample.soviet,), ("fees", "origins"), "1950-01-01", Certainty.DISPUTED)
    assert got.statement == b.statement and got.quote == b.quote
    ids = lambda claims: [c.id for c in claims]  # noqa: E731
    assert ids(svc.list_claims(sample.project)) == [b.id, a.id]  # 1950 sorts before 1951
    assert ids(svc.list_claims(sample.project, tag="origins")) == [b.id]
    assert ids(svc.list_claims(sample.project, actor_id=sample.cia)) == [a.id]
    assert ids(svc.list_claims(sample.project, actor_id=sample.soviet)) == [b.id, a.id]
    assert ids(svc.list_claims(sample.project, document_id=sample.court[:8])) == [b.id]
    assert ids(svc.list_claims(sample.project, certainty="disputed")) == [b.id]


def test_each_step_undoes_and_redoes(sample):
    p = sample.project
    before = counts(p)
    a, b = _two_claims(sample)
    assert p.undo_label() == "Add claim"
    ev = svc.add_evidence(p, a.id, sample.court, 0, COURT_BOARD)
    svc.link_claims(p, a.id, "supports", b.id)
    svc.update_claim(p, a.id, statement="Changed")
    steps = [("Edit claim", lambda: svc.get_claim(p, a.id).statement == "Changed"),
             ("Link claims (supports)", lambda: svc.get_claim(p, b.id).incoming != ()),
             ("Add evidence", lambda: ev.id in [e.id for e in svc.get_claim(p, a.id).evidence]),
             ("Add claim", lambda: bool(p.query("SELECT 1 FROM claims WHERE id = ?", [b.id])))]
    for label, present in steps:
        assert p.undo().label == label and not present()
    for label, present in reversed(steps):
        assert p.redo().label == label and present()
    for _ in range(len(steps) + 1):
        p.undo()
    assert counts(p) | {"undo_steps": 0} == before | {"undo_steps": 0}


def test_delete_claim_takes_links_both_ways_and_undo_restores_all(sample):
    p = sample.project
    a, b = _two_claims(sample)
    svc.link_claims(p, a.id, "supports", b.id)
    svc.link_claims(p, b.id, "contradicts", a.id)
    svc.add_evidence(p, a.id, sample.court, 0, COURT_BOARD)
    full = svc.get_claim(p, a.id)
    snapshot = counts(p) | {"undo_steps": 0}
    svc.delete_claim(p, a.id)
    assert [c.id for c in svc.list_claims(p)] == [b.id]
    assert svc.get_claim(p, b.id).links == () and svc.get_claim(p, b.id).incoming == ()
    assert p.undo().label == "Delete claim"
    assert svc.get_claim(p, a.id) == full
    assert counts(p) | {"undo_steps": 0} == snapshot


def test_bad_input_leaves_nothing_written(sample):
    p = sample.project
    a, b = _two_claims(sample)
    svc.link_claims(p, a.id, "supports", b.id)
    snapshot = counts(p)
    bad = [
        (lambda: svc.create_claim(p, "x", sample.cib, 0, CIB_MUNITIONS, date="Dec 1955"),
         InvalidInputError, "not a date"),
        (lambda: svc.create_claim(p, "x", sample.cib, 1, CIB_MUNITIONS), InvalidInputError,
         "has no page 2"),
        (lambda: svc.create_claim(p, "x", sample.cib, 0, "100,100,700,200"), InvalidInputError,
         "outside page 1"),
        (lambda: svc.create_claim(p, "x", sample.cib, 0, "1,2,3"), InvalidInputError,
         "not a box"),
        (lambda: svc.create_claim(p, "x", sample.cib, 0, "5,5,5,9"), InvalidInputError, "empty"),
        (lambda: svc.create_claim(p, "x", sample.cib, 0, CIB_MUNITIONS, tags=["t"],
                                  claimants=[sample.cia, "no-such-actor"]),
         NotFoundError, "No actor with id no-such-actor"),
        (lambda: svc.create_claim(p, "x", sample.cib, 0, CIB_MUNITIONS, certainty="sure"),
         InvalidInputError, "asserted, probable, possible, disputed"),
        (lambda: svc.create_claim(p, "  ", sample.cib, 0, CIB_MUNITIONS), InvalidInputError,
         "needs a statement"),
        (lambda: svc.create_claim(p, "x", "nosuchdoc", 0, CIB_MUNITIONS), NotFoundError,
         "No document"),
        (lambda: svc.link_claims(p, a.id, "supports", a.id), InvalidInputError, "itself"),
        (lambda: svc.link_claims(p, a.id, "supports", b.id), InvalidInputError, "already"),
        (lambda: svc.link_claims(p, a.id, "refutes", b.id), InvalidInputError,
         "not a link type"),
        (lambda: svc.add_evidence(p, a.id, sample.court, 3, COURT_BOARD), InvalidInputError,
         "has no page 4"),
        (lambda: svc.add_evidence(p, "nonexistent", sample.court, 0, COURT_BOARD),
         NotFoundError, "No claim"),
        (lambda: svc.update_claim(p, a.id, date="1955-02-30"), InvalidInputError, "28 days"),
        (lambda: svc.update_claim(p, a.id, subjects=["ghost"]), NotFoundError, "No actor"),
    ]
    for call, error, words in bad:
        with pytest.raises(error) as err:
            call()
        assert words in err.value.message
        assert err.value.message.count(". ") == 0  # one sentence
        assert counts(p) == snapshot, words


def test_claim_ids_accept_a_unique_prefix(sample):
    a, _ = _two_claims(sample)
    assert svc.get_claim(sample.project, a.id[:8]).id == a.id
    with pytest.raises(NotFoundError):
        svc.get_claim(sample.project, "abc")
