"""Exported text is NFKC (search finds words typeset with ligatures); the citations views
say each row's status and cite the printed page."""
from __future__ import annotations

import sqlite3

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.project import Project
from recto.app.export import ExportOptions, export_annotations
from tests.export_fixtures import build_project


def test_ligatures_and_full_width_forms_are_searchable_and_views_carry_status(tmp_path):
    path = tmp_path / "a.recto"
    ids = build_project(path, tmp_path / "pdfs")
    with Project.open(path) as proj:
        plain = doc_store.get_document(proj, ids["documents"][2])
        ocr_store.store_page(proj, ocr_store.PageText(
            plain.sha256, 0, "manual", "ocr", "ok", "Awaiting conﬁrmation from ＩＣＲＣ",
            languages="eng"), [])
        doc_store.set_page_numbering(proj, ids["documents"][0], 326)
        out = tmp_path / "a.db"
        export_annotations(proj, out, ExportOptions())
    with sqlite3.connect(out) as conn:
        text = conn.execute("SELECT text FROM pages WHERE document_id = ?",
                            [ids["documents"][2]]).fetchone()[0]
        assert text == "Awaiting confirmation from ICRC"
        found = conn.execute("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'confirmation'")
        assert len(found.fetchall()) == 1
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT annotation_id, status, citation FROM citations")}
        assert rows[ids["redaction"]] == ("confirmed", "ICRC Archives, B AG 232, 105-027, p. 326")
        assert rows[ids["redaction2"]][0] == "suggested"
        assert rows[ids["claim"]] == ("confirmed", "ICRC Archives, B AG 232, 105-027, p. 326")
        confirmed = {r[0] for r in conn.execute("SELECT annotation_id FROM confirmed_citations")}
        assert ids["redaction"] in confirmed and ids["redaction2"] not in confirmed
        assert confirmed == {i for i, r in rows.items() if r[0] == "confirmed"}


def test_importing_a_set_back_into_its_project_is_no_conflict_despite_nfkc(tmp_path):
    from recto.annotations.import_set import read_set
    from recto.annotations.model import new_id, now_iso
    from recto.app.export import import_annotations
    path = tmp_path / "a.recto"
    build_project(path, tmp_path / "pdfs")
    with Project.open(path) as proj:
        t = now_iso()
        with proj.edit("Ligature") as ed:
            ed.insert("claims", {"id": new_id(), "statement": "No conﬁrmation yet",
                                 "certainty": "asserted", "author": "x", "created_at": t,
                                 "modified_at": t})
        out = tmp_path / "a.db"
        export_annotations(proj, out, ExportOptions())
        report = import_annotations(proj, out)
    assert not report.conflicts and not report.changed
    assert [c["statement"] for c in read_set(out).rows["claims"]
            if "confirmation" in c["statement"]] == ["No confirmation yet"]
