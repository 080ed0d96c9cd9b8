"""How long "Suggest mentions" takes: 1,000 OCR'd pages, 200 actors, 1,000 aliases.

Synthetic pages (English filler with romanised Japanese/Korean names in several
spellings, Japanese and Korean runs) are stored through ocr_store like OCR output;
the registry is built through the same services the CLI uses. Prints the time to
find candidates (read words + match) and to find and store them (one undoable step).

Run: .venv/bin/python bench/actor_suggestions.py [--pages 1000] [--actors 200]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recto.annotations import documents as doc_store  # noqa: E402
from recto.annotations import ocr_store  # noqa: E402
from recto.annotations.model import Box, Document, OcrWord, Page, new_id  # noqa: E402
from recto.annotations.project import Project  # noqa: E402
from recto.app.actors import service as svc  # noqa: E402
from recto.app.actors.mentions import find_candidates  # noqa: E402

FILLER = [
    "the", "of", "and", "to", "in", "a", "report", "committee", "camp", "repatriation",
    "delegates", "said", "were", "centre", "Koreans", "Japan", "Red", "Cross", "government",
    "ship", "Niigata", "returnees", "list", "names", "Geneva", "minutes", "meeting", "December",
    "agreement", "families", "office", "visit",
]
SYLLABLES = ["ka", "ki", "ko", "sa", "shi", "so", "ta", "to", "na", "no", "mu", "ra", "ri",
             "ro", "yo", "ya", "ma", "mi", "ha", "hi", "jo", "kyu", "ryo", "tsu"]
KANJI = "総連朝鮮日本赤十字大村新潟帰国協会委員長外務省法務局"
HANGUL = "총련재일조선인귀국협회적십자위원회오무라니가타"


def romaji(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def long_vowel(name: str, rng: random.Random) -> str:
    """One of the spellings the matcher must fold: Ō / Oo / Oh / O."""
    return name.replace("o", rng.choice(["ō", "oo", "oh", "o"]), 1)


def make_registry(rng: random.Random, n_actors: int) -> list[list[str]]:
    actors = []
    for _ in range(n_actors):
        given, family = romaji(rng), romaji(rng)
        aliases = [f"{family} {given}", f"{given} {family}", f"{family}-{given[:3]}",
                   "".join(rng.choice(KANJI) for _ in range(rng.randint(2, 4))),
                   "".join(rng.choice(HANGUL) for _ in range(rng.randint(2, 3)))]
        actors.append([family] + aliases)
    return actors


def make_page(rng: random.Random, names: list[str], n_words: int = 350) -> list[OcrWord]:
    words, x, y, line = [], 54.0, 60.0, 0
    for _ in range(n_words):
        r = rng.random()
        if r < 0.03:
            token = long_vowel(rng.choice(names), rng)
        elif r < 0.05:
            token = rng.choice(names) + "’s"
        else:
            token = rng.choice(FILLER)
        for part in token.split(" "):
            width = 5.5 * len(part)
            if x + width > 560:
                x, y, line = 54.0, y + 14, line + 1
            words.append(OcrWord(part, Box(x, y, x + width, y + 11), 90.0, 0, 0, line))
            x += width + 4
    return words


def build(path: Path, pages: int, actors: int, seed: int = 7) -> Project:
    rng = random.Random(seed)
    project = Project.open(path, create=True)
    registry = make_registry(rng, actors)
    for name, *aliases in registry:
        svc.add_actor(project, name, "person", [svc.AliasInput(a) for a in aliases])
    names = [a for entry in registry for a in entry]
    per_doc = 100
    for d in range(0, pages, per_doc):
        count = min(per_doc, pages - d)
        doc = Document(new_id(), f"{d:064x}", f"File {d // per_doc + 1}", None, count)
        doc_store.add_document(project, doc, [Page(doc.id, i, 612, 792) for i in range(count)])
        for i in range(count):
            words = make_page(rng, names)
            text = " ".join(w.text for w in words)
            ocr_store.store_page(project, ocr_store.PageText(
                doc.sha256, i, "bench", "ocr", "ok", text), words)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project = build(Path(tmp) / "bench.recto", args.pages, args.actors)
        n_aliases = project.query("SELECT COUNT(*) AS n FROM actor_aliases")[0]["n"]
        print(f"built {args.pages} pages, {args.actors} actors, {n_aliases} aliases "
              f"in {time.perf_counter() - started:.1f} s")
        t0 = time.perf_counter()
        found, pages = find_candidates(project)
        find_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = svc.suggest_mentions(project)
        total_s = time.perf_counter() - t0
        print(f"find candidates: {len(found)} on {pages} pages in {find_s:.2f} s "
              f"({pages / find_s:.0f} pages/s)")
        print(f"suggest + store: {len(result.suggestions)} suggestions in {total_s:.2f} s "
              f"({pages / total_s:.0f} pages/s)")
        t0 = time.perf_counter()
        again = svc.suggest_mentions(project)
        print(f"re-run (nothing new, {again.already_known} known): "
              f"{time.perf_counter() - t0:.2f} s")
        project.close()


if __name__ == "__main__":
    main()
