"""Importing annotation sets: round trip, idempotence, conflicts, matching, bad input."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from recto.annotations import ocr_store
from recto.annotations.model import now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.export import (
    AnnotationSetError,
    ExportOptions,
    export_annotations,
    import_annotations,
    import_into_path,
)
from tests.export_fixtures import SAMPLES, build_project, table_rows

DATA_TABLES = ("documents", "pages", "redactions", "actors", "actor_aliases", "mentions",
               "claims", "claim_actors", "claim_evidence", "claim_links", "tags",
               "annotation_tags", "page_texts", "page_words", "undo_steps")


@pytest.fixture
def a_set(tmp_path):
    a = tmp_path / "a.recto"
    ids = build_project(a, tmp_path / "pdfs")
    out = tmp_path / "a.db"
    export(a, out)
    return a, out, ids


def export(project: Path, out: Path, with_ocr: bool = False) -> None:
    with Project.open(project) as proj:
        export_annotations(proj, out, ExportOptions(with_ocr=with_ocr))


def snapshot(project: Path) -> dict:
    with Project.open(project) as proj:
        return {t: proj.query(f"SELECT * FROM {t} ORDER BY 1, 2") for t in DATA_TABLES}


def test_round_trip_through_an_empty_project_gives_the_same_set(a_set, tmp_path):
    a, a_db, _ = a_set
    b, b_db = tmp_path / "b.recto", tmp_path / "b.db"
    report = import_into_path(b, a_db)
    assert report.added["redactions"] == 2 and report.added["documents"] == 3
    assert report.page_texts_added == 2 and not report.conflicts
    assert len(report.missing_documents) == 3  # B has none of the PDFs yet
    export(b, b_db)
    assert table_rows(a_db) == table_rows(b_db)


def test_round_trip_with_ocr_words(a_set, tmp_path):
    a, _, _ = a_set
    a_db, b_db, b = tmp_path / "a_ocr.db", tmp_path / "b_ocr.db", tmp_path / "b.recto"
    export(a, a_db, with_ocr=True)
    import_into_path(b, a_db)
    export(b, b_db, with_ocr=True)
    rows_a, rows_b = table_rows(a_db), table_rows(b_db)
    assert len(rows_a["ocr_words"]) > 100
    assert rows_a == rows_b


def test_importing_twice_adds_nothing_and_import_is_one_undo_step(a_set, tmp_path):
    _, a_db, _ = a_set
    b = tmp_path / "b.recto"
    import_into_path(b, a_db)
    first = snapshot(b)
    again = import_into_path(b, a_db)
    assert again.added == {} and again.updated == {} and not again.conflicts
    assert again.unchanged > 20 and not again.changed
    assert snapshot(b) == first
    with Project.open(b) as proj:
        assert proj.undo_label() == "Import annotation set"
        proj.undo()
        assert proj.query("SELECT COUNT(*) AS n FROM redactions")[0]["n"] == 0
        assert proj.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] == 0
        proj.redo()
        assert proj.query("SELECT COUNT(*) AS n FROM redactions")[0]["n"] == 2


def test_documents_are_matched_by_sha256_and_missing_ones_reported(a_set, tmp_path):
    _, a_db, ids = a_set
    b = tmp_path / "b.recto"
    own = tmp_path / "mine" / "renamed.pdf"
    own.parent.mkdir()
    shutil.copy(SAMPLES / "court_cacd_630649_326_p10.pdf", own)
    with Project.open(b, create=True) as proj:
        mine = add_pdf(proj, own).document  # the same bytes as A's first document, new id
        report = import_annotations(proj, a_db)
        assert mine.id != ids["documents"][0]
        assert proj.query("SELECT document_id FROM redactions WHERE id = ?",
                          [ids["redaction"]]) == [{"document_id": mine.id}]
        assert proj.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] == 3
        assert proj.query("SELECT path FROM documents WHERE id = ?", [mine.id])[0]["path"] \
            == str(own)
        assert ocr_store.current_text(proj, mine.sha256, 0).source == "text_layer"
    assert report.added["documents"] == 2
    assert {d.id for d in report.missing_documents} == set(ids["documents"][1:])
    with Project.open(b) as proj:  # empty reference fields are filled from the set ...
        doc = proj.query("SELECT title, archive, item FROM documents WHERE id = ?", [mine.id])[0]
    assert doc["archive"] == "ICRC Archives" and doc["item"] == "105-027"
    (conflict,) = [c for c in report.conflicts if c.table == "documents"]
    assert conflict.kept == "project" and doc["title"] == "renamed"  # ... ours was added later


def test_a_conflicting_edit_keeps_the_newer_and_is_reported(a_set, tmp_path):
    a, a_db, ids = a_set
    b = tmp_path / "b.recto"
    import_into_path(b, a_db)
    with Project.open(a) as proj, proj.edit("Edit note") as ed:  # A edits first ...
        ed.update("redactions", {"id": ids["redaction"]}, {"note": "A: two clauses"})
        ed.update("claims", {"id": ids["claim"]}, {"statement": "A: about 60,000"})
    with Project.open(b) as proj, proj.edit("Edit claim") as ed:  # ... B edits the claim later
        ed.update("claims", {"id": ids["claim"]}, {"statement": "B: roughly 60,000"})
    export(a, a_db)
    with Project.open(b) as proj:
        report = import_annotations(proj, a_db)
        note = proj.query("SELECT note FROM redactions WHERE id = ?", [ids["redaction"]])
        claim = proj.query("SELECT statement FROM claims WHERE id = ?", [ids["claim"]])
    assert note == [{"note": "A: two clauses"}]  # A's edit is newer than B's copy
    assert claim == [{"statement": "B: roughly 60,000"}]  # B's own edit is newer
    kept = {(c.table, c.id): c.kept for c in report.conflicts}
    assert kept == {("redactions", ids["redaction"]): "incoming",
                    ("claims", ids["claim"]): "project"}
    assert report.updated == {"redactions": 1}
    claim_conflict = [c for c in report.conflicts if c.table == "claims"][0]
    assert claim_conflict.project_modified_at > claim_conflict.incoming_modified_at


def test_tags_are_merged_by_name(a_set, tmp_path):
    _, a_db, ids = a_set
    b = tmp_path / "b.recto"
    with Project.open(b, create=True) as proj, proj.edit("Tag") as ed:
        ed.insert("tags", {"id": "my-own-tag-id", "name": "Sōren"})
    report = import_into_path(b, a_db)
    assert "tags" not in report.added
    with Project.open(b) as proj:
        assert proj.query("SELECT id FROM tags") == [{"id": "my-own-tag-id"}]
        assert proj.query("SELECT COUNT(*) AS n FROM annotation_tags WHERE tag_id = ?",
                          ["my-own-tag-id"])[0]["n"] == 4


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def _bad_sets(a_db: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    def copy(name: str) -> Path:
        target = folder / name
        shutil.copy(a_db, target)
        return target

    text = folder / "notes.db"
    text.write_text("not a database at all", encoding="utf-8")
    plain = folder / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE metadata (key TEXT, value TEXT)")
    newer = copy("newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE metadata SET value = '99' WHERE key = 'schema_version'")
    truncated = copy("truncated.db")
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    dangling = copy("dangling.db")
    with sqlite3.connect(dangling) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM actors WHERE name = 'ICRC'")
    return {"text": (text, "not an SQLite file"), "plain": (plain, "not a Recto annotation set"),
            "newer": (newer, "newer version of Recto"), "truncated": (truncated, "truncated"),
            "dangling": (dangling, "dangling reference")}


def test_bad_sets_are_refused_and_change_nothing(a_set, tmp_path):
    _, a_db, _ = a_set
    b = tmp_path / "b.recto"
    import_into_path(b, a_db)
    with Project.open(b) as proj, proj.edit("Local") as ed:
        ed.update("claims", {"id": proj.query("SELECT id FROM claims")[0]["id"]},
                  {"note": "mine"})
    before = snapshot(b)
    for name, (path, message) in _bad_sets(a_db, tmp_path).items():
        with pytest.raises(AnnotationSetError, match=message):
            import_into_path(b, path)
        assert snapshot(b) == before, name
        fresh = tmp_path / f"fresh_{name}.recto"
        with pytest.raises(AnnotationSetError):
            import_into_path(fresh, path)
        assert _digest(fresh) == "absent", name  # no project was created for a bad set


def test_a_set_that_cannot_merge_rolls_back_everything(a_set, tmp_path):
    _, a_db, ids = a_set
    b = tmp_path / "b.recto"
    clash = tmp_path / "clash.db"
    shutil.copy(a_db, clash)
    with sqlite3.connect(clash) as conn:  # a link from a claim to itself breaks a CHECK
        conn.execute("UPDATE claim_links SET to_claim_id = from_claim_id")
    with Project.open(b, create=True) as proj:
        with pytest.raises(AnnotationSetError, match="cannot be merged"):
            import_annotations(proj, clash)
        assert proj.query("SELECT COUNT(*) AS n FROM redactions")[0]["n"] == 0
        assert proj.query("SELECT COUNT(*) AS n FROM page_texts")[0]["n"] == 0
        assert proj.undo_label() is None


def test_import_timestamps_are_kept(a_set, tmp_path):
    _, a_db, ids = a_set
    b = tmp_path / "b.recto"
    import_into_path(b, a_db)
    with sqlite3.connect(a_db) as conn:
        exported = conn.execute("SELECT created_at, modified_at, author FROM redactions "
                                "WHERE id = ?", [ids["redaction"]]).fetchone()
    with Project.open(b) as proj:
        row = proj.query("SELECT created_at, modified_at, author FROM redactions WHERE id = ?",
                         [ids["redaction"]])[0]
    assert tuple(row.values()) == exported and exported[1] < now_iso()
