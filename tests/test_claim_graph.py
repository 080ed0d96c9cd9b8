"""Timeline and network data for claims, and the deterministic layered layout."""
from datetime import date

import pytest

from recto.annotations import claims as store
from recto.annotations.claims import ClaimDraft
from recto.app.claims import service as svc
from recto.app.claims.dates import parse_date
from recto.app.claims.graph import NO_CLAIMANT, claim_graph, layered_layout, timeline_items
from tests.claims_fixtures import CIB_MUNITIONS, COURT_BOARD, add_actor, make_sample


@pytest.fixture
def sample(tmp_path):
    s = make_sample(tmp_path / "graph.recto")
    yield s
    s.project.close()


def _three(s):
    p = s.project
    a = svc.create_claim(p, "A", s.cib, 0, CIB_MUNITIONS, claimants=[s.cia],
                         subjects=[s.soviet], date="1956")
    b = svc.create_claim(p, "B", s.court, 0, COURT_BOARD, date="1955-12-15")
    c = svc.create_claim(p, "C", s.court, 0, COURT_BOARD, claimants=[s.soviet])
    svc.link_claims(p, a.id, "supports", b.id)
    svc.link_claims(p, c.id, "contradicts", a.id)
    return a, b, c


def test_timeline_orders_dated_claims_and_names_claimants(sample):
    a, b, _ = _three(sample)
    items = timeline_items(sample.project)
    assert [i.claim_id for i in items] == [b.id, a.id]  # undated C is left out
    assert (items[0].start, items[0].end, items[0].group) == (
        date(1955, 12, 15), date(1955, 12, 15), NO_CLAIMANT)
    assert items[1].claimants == ((sample.cia, "Central Intelligence Agency"),)
    assert items[1].group == "Central Intelligence Agency"
    assert [i.claim_id for i in timeline_items(sample.project, actor_id=sample.cia)] == [a.id]


def test_graph_nodes_and_edges(sample):
    a, b, c = _three(sample)
    g = claim_graph(sample.project)
    assert {(n.id, n.kind) for n in g.nodes} == {
        (a.id, "claim"), (b.id, "claim"), (c.id, "claim"),
        (sample.cia, "actor"), (sample.soviet, "actor")}
    assert {(e.source, e.kind, e.target) for e in g.edges} == {
        (sample.cia, "claimant", a.id), (a.id, "subject", sample.soviet),
        (sample.soviet, "claimant", c.id), (a.id, "supports", b.id),
        (c.id, "contradicts", a.id)}
    only_a = claim_graph(sample.project, [svc.get_claim(sample.project, a.id)])
    assert {e.kind for e in only_a.edges} == {"claimant", "subject"}  # links to B, C dropped


def test_layout_layers_follow_links_and_is_deterministic(sample):
    a, b, c = _three(sample)
    g = claim_graph(sample.project)
    pos = layered_layout(g)
    assert set(pos) == {n.id for n in g.nodes}
    assert len(set(pos.values())) == len(pos)
    actors_y = {pos[sample.cia][1], pos[sample.soviet][1]}
    assert len(actors_y) == 1 and actors_y.pop() < pos[b.id][1] < pos[a.id][1] < pos[c.id][1]
    assert layered_layout(claim_graph(sample.project)) == pos


def test_cycles_do_not_hang_the_layout(sample):
    a, b, c = _three(sample)
    svc.link_claims(sample.project, b.id, "cites", c.id)  # c -> a -> b -> c
    pos = layered_layout(claim_graph(sample.project))
    assert len(set(pos.values())) == len(pos) == 5


def test_two_hundred_claims_lay_out_with_distinct_places(sample):
    p = sample.project
    actors = [add_actor(p, f"Actor {i}") for i in range(20)]
    ids = []
    for i in range(200):
        d = parse_date(f"{1950 + i % 10}-{1 + i % 12:02d}")
        draft = ClaimDraft(f"Claim {i}", date_text=d.text, date_start=d.start_iso,
                           date_end=d.end_iso, claimants=(actors[i % 20],),
                           subjects=(actors[(i * 7) % 20],))
        ids.append(store.create_claim(p, draft).id)
    for i in range(1, 200):
        svc.link_claims(p, ids[i], "supports" if i % 3 else "contradicts", ids[(i * 13) % i])
    g = claim_graph(p)
    pos = layered_layout(g)
    items = timeline_items(p)
    assert len(g.nodes) == 220 and len(items) == 200
    assert len(set(pos.values())) == 220   # speed on this graph: bench/claim_graph_speed.py
