"""Projects with every kind of annotation, for export and import tests.

Documents are real sample scans added with app.documents.add_pdf; page text and
words come from the PDFs' own text layer (PyMuPDF). Annotation rows are inserted
straight into the m001 tables with `project.edit()`, so these tests do not lean
on the redaction/actor/claim stores being written alongside them.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pymupdf

from recto.annotations import ocr_store
from recto.annotations.model import Box, OcrWord, new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_scans"
PDFS = ("court_cacd_630649_326_p10.pdf", "cib_02733122_p2.pdf",
        "pdb_0006007849_p10_plain.pdf")  # the first two have a text layer


def copy_pdfs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in PDFS:
        shutil.copy(SAMPLES / name, folder / name)
        out.append(folder / name)
    return out


def store_text_layer(project: Project, pdf: Path, sha: str) -> None:
    with pymupdf.open(pdf) as doc:
        for index, page in enumerate(doc):
            words = [OcrWord(w[4], Box(*w[:4]), 100.0, w[5], 0, w[6], "eng")
                     for w in page.get_text("words")]
            ocr_store.store_page(project, ocr_store.PageText(
                sha, index, "layer", "text_layer", "ok", page.get_text("text"),
                languages="eng"), words)


def build_project(path: Path, pdf_folder: Path) -> dict:
    """A project with 3 documents and redactions, actors, mentions, claims, links, tags.

    Returns the ids a test needs (documents, one of each annotation)."""
    ids: dict = {}
    with Project.open(path, create=True) as proj:
        proj.set_meta("name", "Repatriation study")
        docs = []
        for i, pdf in enumerate(copy_pdfs(pdf_folder)):
            doc = add_pdf(proj, pdf).document
            docs.append(doc)
            if i < 2:
                store_text_layer(proj, pdf, doc.sha256)
        with proj.edit("Reference") as ed:
            ed.update("documents", {"id": docs[0].id}, {
                "archive": "ICRC Archives", "collection": "B AG 232", "item": "105-027"})
            ed.update("documents", {"id": docs[1].id}, {"citation": "CIA CREST, PDB 1966-03-14"})
        ids["documents"] = [d.id for d in docs]
        ids.update(add_annotations(proj, [d.id for d in docs]))
    return ids


def add_annotations(proj: Project, doc_ids: list[str], author: str = "tester") -> dict:
    t = now_iso()
    stamp = {"author": author, "created_at": t, "modified_at": t}
    soren, icrc, red, red2 = new_id(), new_id(), new_id(), new_id()
    claim_a, claim_b, men, tag = new_id(), new_id(), new_id(), new_id()
    with proj.edit("Annotate") as ed:
        ed.insert("actors", {"id": soren, "name": "Sōren", "type": "organisation",
                             "external_id": "Q1195869", "note": "", **stamp})
        ed.insert("actors", {"id": icrc, "name": "ICRC", "type": "organisation", **stamp})
        for alias, lang in (("総連", "ja"), ("총련", "ko"), ("Chongryun", "en")):
            ed.insert("actor_aliases", {"id": new_id(), "actor_id": soren, "alias": alias,
                                        "lang": lang, "kind": "name",
                                        "attested_document_id": doc_ids[0],
                                        "attested_page_index": 0, **stamp})
        ed.insert("redactions", {
            "id": red, "document_id": doc_ids[0], "page_index": 0, "x0": 72.0, "y0": 100.5,
            "x1": 300.25, "y1": 114.0, "style": "black_box",
            "codes": json.dumps(["(b)(1)", "(b)(3)"]), "extent_chars": 40, "origin": "manual",
            "status": "confirmed", "confidence": None, "note": "whole clause", **stamp})
        ed.insert("redactions", {
            "id": red2, "document_id": doc_ids[1], "page_index": 0, "x0": 50.0, "y0": 60.0,
            "x1": 90.0, "y1": 70.0, "style": "white_box", "codes": json.dumps(["25X1"]),
            "origin": "detected", "status": "suggested", "confidence": 0.82, **stamp})
        ed.insert("mentions", {
            "id": men, "actor_id": soren, "document_id": doc_ids[0], "page_index": 0,
            "x0": 80.0, "y0": 200.0, "x1": 120.0, "y1": 212.0, "text": "Soren",
            "status": "confirmed", "origin": "manual", **stamp})
        ed.insert("claims", {"id": claim_a, "statement": "Sōren estimated about 60,000 returnees",
                             "quote": "about 60,000", "date_text": "1959-12-15",
                             "date_start": "1959-12-15", "date_end": "1959-12-15",
                             "certainty": "asserted", **stamp})
        ed.insert("claims", {"id": claim_b, "statement": "The ICRC doubted the figure",
                             "date_text": "1958-06/1958-12", "date_start": "1958-06-01",
                             "date_end": "1958-12-31", "certainty": "probable", **stamp})
        ed.insert("claim_actors", {"claim_id": claim_a, "actor_id": soren, "role": "claimant"})
        ed.insert("claim_actors", {"claim_id": claim_b, "actor_id": icrc, "role": "claimant"})
        ed.insert("claim_evidence", {
            "id": new_id(), "claim_id": claim_a, "document_id": doc_ids[0], "page_index": 0,
            "x0": 70.0, "y0": 300.0, "x1": 400.0, "y1": 330.0, "quote": "about 60,000", **stamp})
        ed.insert("claim_evidence", {
            "id": new_id(), "claim_id": claim_b, "document_id": doc_ids[2], "page_index": 0,
            "x0": 10.0, "y0": 10.0, "x1": 50.0, "y1": 20.0, **stamp})
        ed.insert("claim_links", {"id": new_id(), "from_claim_id": claim_b,
                                  "to_claim_id": claim_a, "type": "contradicts", **stamp})
        ed.insert("tags", {"id": tag, "name": "Sōren"})
        for aid, kind in ((red, "redaction"), (men, "mention"), (claim_a, "claim"),
                          (soren, "actor")):
            ed.insert("annotation_tags", {"annotation_id": aid, "kind": kind, "tag_id": tag})
    return {"actor": soren, "actor2": icrc, "redaction": red, "redaction2": red2,
            "mention": men, "claim": claim_a, "claim2": claim_b, "tag": tag}


def table_rows(path: Path, skip_meta=("exported_at",)) -> dict[str, list[tuple]]:
    """Every row of every table and view of a set, sorted (metadata minus `skip_meta`)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE '%_fts%' ORDER BY name")]
        out = {}
        for name in names:
            rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            if name == "metadata":
                rows = [r for r in rows if r[0] not in skip_meta]
            out[name] = sorted(rows, key=repr)
    return out
