"""Shared set-up for the claims tests: a real project, two real PDFs, their words, actors.

Words come from the PDFs' own text layers (read with PyMuPDF) and are stored with
`ocr_store.store_page`, exactly as the text-layer import does, so quotes filled
from a selection are the real words of the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from recto.annotations import ocr_store
from recto.annotations.model import Box, OcrWord, new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf, parse_reference

SCANS = Path(__file__).resolve().parents[1] / "sample_scans"
CIB = SCANS / "cib_02733122_p2.pdf"
COURT = SCANS / "court_cacd_630649_326_p10.pdf"
CIB_REF = "CIA CREST, CIA-RDP79T00975A, C02733122"

# Selections on the real pages (PDF points) and the words they cover.
CIB_MUNITIONS = (105, 125, 340, 150)
CIB_MUNITIONS_QUOTE = "USSR munitions production increased"
CIB_PETROLEUM = (105, 315, 482, 340)
CIB_PETROLEUM_QUOTE = "Petroleum being shipped to Communist China from Indonesia"
COURT_BOARD = (70, 60, 306, 85)
COURT_BOARD_QUOTE = "Board approved the 35 basis point advisory fee"


@dataclass
class Sample:
    project: Project
    cib: str  # document ids
    court: str
    soviet: str  # actor ids
    cia: str


def store_text_layer(project: Project, pdf: Path, sha256: str) -> None:
    with pymupdf.open(pdf) as doc:
        for index, page in enumerate(doc):
            words = [OcrWord(w[4], Box(*w[:4]), -1.0, w[5], 0, w[6])
                     for w in page.get_text("words")]
            result = ocr_store.PageText(sha256, index, "text-layer", "text_layer", "ok",
                                        page.get_text("text"))
            ocr_store.store_page(project, result, words)


def add_actor(project: Project, name: str, kind: str = "organisation") -> str:
    """Insert an actor directly (the actors store is another engineer's module)."""
    actor_id, now = new_id(), now_iso()
    with project.edit(f"Add actor {name}") as ed:
        ed.insert("actors", {"id": actor_id, "name": name, "type": kind,
                             "author": project.author, "created_at": now, "modified_at": now})
    return actor_id


def make_sample(path: Path) -> Sample:
    project = Project.open(path, create=True, author="tester")
    cib = add_pdf(project, CIB, reference=parse_reference(CIB_REF)).document
    court = add_pdf(project, COURT, title="Court filing 630649-326").document
    store_text_layer(project, CIB, cib.sha256)
    store_text_layer(project, COURT, court.sha256)
    return Sample(project, cib.id, court.id, add_actor(project, "Soviet Union", "state"),
                  add_actor(project, "Central Intelligence Agency"))


def count(project: Project, table: str) -> int:
    return project.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def counts(project: Project) -> dict[str, int]:
    tables = ("claims", "claim_actors", "claim_evidence", "claim_links", "annotation_tags",
              "undo_steps")
    return {t: count(project, t) for t in tables}
