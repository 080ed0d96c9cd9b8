"""Compare time for two 200-page releases of one record (no OCR: words go straight
into the store, as OCR would leave them).

Release B is the same typed text scanned again: every word box shifted and
jittered, 3 % of words misread, a different set of clauses redacted (two per
page in each release, words under a box turned to bar noise). Prints the seconds
for `app.releases.service.compare` (page alignment, word alignment, findings) and pages/s,
and the share of redactions found, as a check that the timed work is the real one.

Usage: .venv/bin/python bench/compare_speed.py [PAGES]
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recto.annotations import ocr_store  # noqa: E402
from recto.annotations import redactions as redaction_store  # noqa: E402
from recto.annotations.documents import add_document  # noqa: E402
from recto.annotations.model import Box, Document, OcrWord, Page, Redaction, Status, new_id  # noqa: E402
from recto.annotations.ocr_store import PageText  # noqa: E402
from recto.annotations.project import Project  # noqa: E402
from recto.app.redactions.service import detect_document_boxes  # noqa: E402
from recto.app.releases import service as releases  # noqa: E402

VOCAB = [
    "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "as", "by",
    "at", "from", "this", "which", "be", "have", "delegation", "committee", "minister", "embassy",
    "repatriation", "ships", "port", "cabinet", "report", "source", "agreement", "proposal",
    "session", "figures", "estimate", "returnees", "observers", "council", "officials", "liaison",
    "cable", "ambassador", "funding", "account", "hearing", "procedure", "centres", "Geneva",
    "Niigata", "Tokyo", "Washington", "Moscow", "Pyongyang", "Seoul", "Red", "Cross", "December",
]
LINES, WORDS_PER_LINE, CHAR, PITCH = 32, 9, 6.0, 21.0


def page_lines(rng: random.Random) -> list[list[str]]:
    return [[rng.choice(VOCAB) for _ in range(WORDS_PER_LINE)] for _ in range(LINES)]


def layout(lines, dx: float, dy: float, rng: random.Random, noise: float):
    words = []
    for n, line in enumerate(lines):
        x = 60 + dx
        for word in line:
            text = word
            if rng.random() < noise:
                k = rng.randrange(len(text))
                text = text[:k] + rng.choice("il1o0e") + text[k + 1:]
            jx, jy = rng.uniform(-0.6, 0.6), rng.uniform(-0.6, 0.6)
            y = 60 + dy + n * PITCH + jy
            words.append(OcrWord(text, Box(x + jx, y, x + jx + CHAR * len(word), y + 10), 90,
                                 1, 1, n))
            x += CHAR * (len(word) + 1)
    return words


def redact(words: list[OcrWord], rng: random.Random, count: int) -> tuple[list, list[Box]]:
    boxes = []
    for line in rng.sample(range(LINES), count):
        start = line * WORDS_PER_LINE + rng.randrange(WORDS_PER_LINE - 3)
        span = words[start:start + 3]
        box = Box(span[0].bbox.x0 - 1, span[0].bbox.y0 - 1, span[-1].bbox.x1 + 1,
                  span[-1].bbox.y1 + 1)
        boxes.append(box)
        for k in range(start, start + 3):
            w = words[k]
            words[k] = OcrWord("I|l", w.bbox, 20, w.block, w.par, w.line)
    return words, boxes


def add_release(project: Project, title: str, pages: list, shift, seed: int, noise: float):
    rng = random.Random(seed)
    doc = Document(new_id(), f"{title}-{seed}".ljust(64, "0"), title, None, len(pages))
    add_document(project, doc, [Page(doc.id, i, 612, 792) for i in range(len(pages))])
    reds = []
    for i, lines in enumerate(pages):
        words, boxes = redact(layout(lines, *shift, rng, noise), rng, 2)
        ocr_store.store_page(project, PageText(doc.sha256, i, "bench", "ocr", "ok", ""), words)
        reds += [Redaction("", doc.id, i, b, status=Status.CONFIRMED) for b in boxes]
    redaction_store.add_redactions(project, reds, "Bench redactions")
    return doc


def main(pages: int = 200) -> None:
    rng = random.Random(7)
    text = [page_lines(rng) for _ in range(pages)]
    with tempfile.TemporaryDirectory() as tmp, \
            Project.open(Path(tmp) / "bench.recto", create=True) as project:
        a = add_release(project, "release-1994", text, (0.0, 0.0), 1, 0.0)
        b = add_release(project, "release-2016", text, (4.0, -3.0), 2, 0.03)
        started = time.perf_counter()
        result = releases.compare(project, a.id, b.id, detect=detect_document_boxes)
        seconds = time.perf_counter() - started
    print(f"compare two {pages}-page releases: {seconds:.2f} s "
          f"({pages / seconds:.0f} pages/s), {len(result.pages)} pages aligned, "
          f"{len(result.findings)} findings for {4 * pages} redactions "
          f"({len(result.findings) / (4 * pages):.0%}; a box may hide text hidden in both), "
          f"{len(result.differences)} other differences")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
