"""Timeline and network data for 200 linked claims and 20 actors (what Claims > Timeline
and Claims > Network compute before drawing), against a baseline measured in the same
run: reading the same claims with their actors and links from the store.

The ratio says what the graph and the layered layout cost on top of reading the data.
Usage: .venv/bin/python bench/claim_graph_speed.py [CLAIMS]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recto.annotations import claims as store  # noqa: E402
from recto.annotations.claims import ClaimDraft  # noqa: E402
from recto.app.claims import service as svc  # noqa: E402
from recto.app.claims.dates import parse_date  # noqa: E402
from recto.app.claims.graph import claim_graph, layered_layout, timeline_items  # noqa: E402
from tests.claims_fixtures import add_actor, make_sample  # noqa: E402


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(count: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sample = make_sample(Path(tmp) / "graph.recto")
        p = sample.project
        actors = [add_actor(p, f"Actor {i}") for i in range(20)]
        ids = []
        for i in range(count):
            d = parse_date(f"{1950 + i % 10}-{1 + i % 12:02d}")
            draft = ClaimDraft(f"Claim {i}", date_text=d.text, date_start=d.start_iso,
                               date_end=d.end_iso, claimants=(actors[i % 20],),
                               subjects=(actors[(i * 7) % 20],))
            ids.append(store.create_claim(p, draft).id)
        for i in range(1, count):
            svc.link_claims(p, ids[i], "supports" if i % 3 else "contradicts",
                            ids[(i * 13) % i])

        def baseline():
            for claim in store.list_claims(p):
                store.get_claim(p, claim.id)

        def recto():
            layered_layout(claim_graph(p))
            timeline_items(p)

        base, ours = best_of(3, baseline), best_of(3, recto)
        print(f"{count} claims: read from the store {base * 1000:.0f} ms (baseline); "
              f"graph + layout + timeline {ours * 1000:.0f} ms; ratio {ours / base:.2f}")
        sample.project.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
