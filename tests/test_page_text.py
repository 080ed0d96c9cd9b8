"""Exported page text: confirmed redactions become placeholders where they sit."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pymupdf
import pytest

from recto.annotations import ocr_store
from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.export import ExportOptions, export_annotations, import_into_path
from recto.app.text.page_text import page_text_with_placeholders, rebuilt_text
from tests.export_fixtures import store_text_layer
from tests.pdf_factory import text_pdf
from tests.test_export_cli import recto

LINES = ["The plan was approved by SECRETNAME after review.",
         "Second line of the memo continues here.",
         "Third line names the ICRC delegate."]


@pytest.fixture
def memo(tmp_path) -> dict:
    """A generated page with known words (its text layer) and one confirmed box over
    SECRETNAME, one suggested box over "ICRC", inserted with project.edit."""
    pdf = text_pdf(tmp_path / "memo.pdf", ["\n".join(LINES)])
    with pymupdf.open(pdf) as doc:
        words = {w[4]: w[:4] for w in doc[0].get_text("words")}
    path = tmp_path / "memo.recto"
    with Project.open(path, create=True) as proj:
        doc = add_pdf(proj, pdf).document
        store_text_layer(proj, pdf, doc.sha256)
        stored = ocr_store.current_text(proj, doc.sha256, 0).text
        with proj.edit("Redact") as ed:
            for word, status in (("SECRETNAME", "confirmed"), ("ICRC", "suggested")):
                x0, y0, x1, y1 = words[word]
                t = now_iso()
                ed.insert("redactions", {
                    "id": new_id(), "document_id": doc.id, "page_index": 0, "x0": x0 - 1,
                    "y0": y0 - 1, "x1": x1 + 1, "y1": y1 + 1, "style": "black_box",
                    "codes": "[]", "origin": "manual", "status": status, "author": "tester",
                    "created_at": t, "modified_at": t})
    return {"path": path, "doc": doc.id, "sha": doc.sha256, "stored": stored}


def page_texts(set_path: Path) -> list[str]:
    with sqlite3.connect(set_path) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM pages ORDER BY document_id, page")]


def test_cli_export_puts_the_placeholder_where_the_confirmed_box_is(memo, tmp_path):
    out = tmp_path / "set.db"
    recto("export", memo["path"], out)
    [text] = page_texts(out)
    lines = text.splitlines()
    assert lines[0] == "The plan was approved by [REDACTED ~10 chars] after review."
    assert lines[1:] == LINES[1:]  # the suggested box over ICRC hides nothing
    assert "SECRETNAME" not in text and "SECRETNAME" in memo["stored"]
    with Project.open(memo["path"]) as proj:  # exporting never rewrites the project's text
        assert ocr_store.current_text(proj, memo["sha"], 0).text == memo["stored"]


def test_pages_without_confirmed_boxes_keep_their_stored_text(memo):
    with Project.open(memo["path"]) as proj:
        with proj.edit("Reject") as ed:
            for r in proj.query("SELECT id FROM redactions"):
                ed.update("redactions", {"id": r["id"]}, {"status": "rejected"})
        assert page_text_with_placeholders(proj)(memo["doc"], 0) == memo["stored"]
        # a placeholder left from a box since rejected is removed, from the words
        ocr_store.set_page_text(proj, memo["sha"], 0, "by [REDACTED ~10 chars] after")
        rebuilt = page_text_with_placeholders(proj)(memo["doc"], 0)
    assert "[REDACTED" not in rebuilt and "SECRETNAME" in rebuilt


def test_an_imported_page_keeps_its_placeholders_when_exported_again(memo, tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    with Project.open(memo["path"]) as proj:
        export_annotations(proj, first, page_text=page_text_with_placeholders(proj))
    import_into_path(tmp_path / "b.recto", first)
    with Project.open(tmp_path / "b.recto") as proj:
        assert ocr_store.current_words(proj, memo["sha"], 0) == []  # a set without OCR words
        export_annotations(proj, second, ExportOptions(),
                           page_text=page_text_with_placeholders(proj))
    assert page_texts(second) == page_texts(first)
    assert page_texts(second)[0].count("[REDACTED ~") == 1


def test_with_ocr_words_an_imported_page_is_rebuilt_to_the_same_text(memo, tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    recto("export", memo["path"], first, "--with-ocr")
    recto("import", tmp_path / "b.recto", first)
    recto("export", tmp_path / "b.recto", second, "--with-ocr")
    assert page_texts(second) == page_texts(first)
    assert page_texts(second)[0].count("[REDACTED ~") == 1


def test_the_rule_without_words_or_boxes():
    assert rebuilt_text("kept [REDACTED ~4 chars] as is", [], []) == \
        "kept [REDACTED ~4 chars] as is"
    assert rebuilt_text("plain text", [], []) == "plain text"
