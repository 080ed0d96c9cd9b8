"""A project with many claims (default 200) and ~20 actors, built through app.claims.service,
for the timeline and network views, their tests and the README screenshots.

Deterministic (seeded), so the same pictures come out each time.
"""
from __future__ import annotations

import random
from pathlib import Path

from recto.app.claims import service
from recto.app.errors import InvalidInputError
from tests.claims_fixtures import CIB_MUNITIONS, COURT_BOARD, add_actor, make_sample

ACTORS = [
    ("Japanese Foreign Ministry", "organisation"), ("Japan Red Cross Society", "organisation"),
    ("North Korean Red Cross", "organisation"), ("ICRC", "organisation"),
    ("Ministry of Health and Welfare", "organisation"), ("Chongryon", "organisation"),
    ("Republic of Korea", "state"), ("United States", "state"),
    ("Inoue Masutaro", "person"), ("Kim Il Sung", "person"), ("Tessa Morris-Suzuki", "person"),
    ("Hatoyama Ichiro", "person"), ("Fujiyama Aiichiro", "person"),
    ("Syngman Rhee", "person"), ("Kishi Nobusuke", "person"), ("Asahi Shimbun", "organisation"),
    ("Department of State", "organisation"),
]
VERBS = ["proposed", "opposed", "funded", "negotiated", "denied", "delayed", "announced",
         "criticised", "endorsed", "reported"]
OBJECTS = ["mass repatriation to the North", "the Calcutta agreement", "a screening procedure",
           "the Geneva talks", "the first repatriation ship", "a registration drive",
           "exit interviews at Niigata", "the return of Korean residents",
           "the term 'voluntary return'", "a census of Korean residents"]
LINK_TYPES = ["supports", "supports", "contradicts", "qualifies", "cites"]


def make_many_claims(path: Path, n: int = 200, seed: int = 7):
    """A real project (two real PDFs, their words) holding `n` claims; returns the Sample."""
    rng = random.Random(seed)
    sample = make_sample(path)
    project = sample.project
    actors = [sample.soviet, sample.cia] + [add_actor(project, name, kind)
                                            for name, kind in ACTORS]
    claim_ids: list[str] = []
    for i in range(n):
        claimant = actors[min(int(rng.paretovariate(1.3)) - 1, len(actors) - 1)] \
            if rng.random() < 0.9 else None
        subject = rng.choice(actors)
        doc, box = (sample.cib, CIB_MUNITIONS) if i % 2 else (sample.court, COURT_BOARD)
        claim = service.create_claim(
            project, f"{_name(project, subject)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            doc, 0, box, claimants=[claimant] if claimant else [], subjects=[subject],
            date=_date(rng), certainty=rng.choice(["asserted", "asserted", "probable",
                                                    "possible", "disputed"]),
            tags=[rng.choice(["origins", "numbers", "consent", "diplomacy"])])
        claim_ids.append(claim.id)
    for _ in range(n // 3):
        a, b = rng.sample(claim_ids, 2)
        try:
            service.link_claims(project, a, rng.choice(LINK_TYPES), b)
        except InvalidInputError:  # a duplicate pick; the store refuses it, as it should
            pass
    return sample


def _name(project, actor_id: str) -> str:
    return project.query("SELECT name FROM actors WHERE id = ?", [actor_id])[0]["name"]


def _date(rng: random.Random) -> str | None:
    year = rng.randint(1950, 1967)
    kind = rng.random()
    if kind < 0.08:
        return None
    if kind < 0.45:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind < 0.8:
        return f"{year}-{rng.randint(1, 12):02d}"
    if kind < 0.92:
        return str(year)
    return f"{year}-{rng.randint(1, 6):02d}/{year + rng.randint(0, 1)}-{rng.randint(7, 12):02d}"
