"""Sets survive export -> import into an empty project -> export, column for column,
claim dates and document metadata included, for the current and the previous schema."""
from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from recto.annotations import documents as doc_store
from recto.annotations.export_schema import SCHEMA_VERSION
from recto.annotations.model import DocumentMetadata
from recto.annotations.project import Project
from recto.app.claims.graph import timeline_items
from recto.app.export import (
    AnnotationSetError,
    ExportOptions,
    export_annotations,
    import_into_path,
)
from tests.export_fixtures import build_project, table_rows

V1_SET = Path(__file__).resolve().parent / "data" / "sets" / "v1_set.db"


def export(project: Path, out: Path) -> None:
    with Project.open(project) as proj:
        export_annotations(proj, out, ExportOptions())


def columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def rows_of(path: Path, table: str, cols: list[str]) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)


def nfkc(rows: list[tuple]) -> list[tuple]:
    """A version 1 set kept text as it was; sets now carry it as NFKC."""
    return sorted((tuple(unicodedata.normalize("NFKC", v) if isinstance(v, str) else v
                         for v in r) for r in rows), key=repr)


def test_current_set_round_trips_every_column_dates_and_metadata_included(tmp_path):
    a = tmp_path / "a.recto"
    ids = build_project(a, tmp_path / "pdfs")
    with Project.open(a) as proj:
        doc_store.set_metadata(proj, ids["documents"][0], DocumentMetadata(
            date="1959-12~", creator="ICRC Delegation, Tokyo", type="cable", language="ja",
            rights="ICRC Archives, reproduction by permission", archive_place="Geneva"))
        doc_store.set_page_numbering(proj, ids["documents"][0], 10)
        doc_store.set_page_numbering(proj, ids["documents"][1], None, ("iv",))
    a_db, b_db, b = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "b.recto"
    export(a, a_db)
    import_into_path(b, a_db)
    export(b, b_db)
    assert table_rows(a_db) == table_rows(b_db)  # every column of every table and view
    claims = dict(rows_of(b_db, "claims", ["id", "date"]))
    assert claims[ids["claim"]] == "1959-12-15" and claims[ids["claim2"]] == "1958-06/1958-12"
    docs = {r[0]: r[1:] for r in rows_of(b_db, "documents", [
        "id", "date", "creator", "type", "language", "rights", "archive_place", "first_page",
        "page_labels"])}
    assert docs[ids["documents"][0]] == ("1959-12~", "ICRC Delegation, Tokyo", "cable", "ja",
                                         "ICRC Archives, reproduction by permission", "Geneva",
                                         10, None)
    assert docs[ids["documents"][1]][-1] == '["iv"]'
    with sqlite3.connect(b_db) as conn:
        cited = dict(conn.execute("SELECT annotation_id, citation FROM citations"))
    assert cited[ids["claim"]].endswith(", p. 10")  # PDF page 1 is p. 10 of the original
    assert cited[ids["redaction2"]].endswith(", p. iv")
    with Project.open(b) as proj:
        assert len(timeline_items(proj)) == 2  # the dates are there, not only their bounds


def test_a_previous_version_set_imports_with_its_dates_and_round_trips(tmp_path):
    v1 = tmp_path / "v1_set.db"
    shutil.copy(V1_SET, v1)
    with sqlite3.connect(v1) as conn:
        version = conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'")
        assert version.fetchone() == ("1",) and SCHEMA_VERSION == 2
        assert "date" not in columns(v1, "claims")
    b, b_db = tmp_path / "b.recto", tmp_path / "b.db"
    report = import_into_path(b, v1)
    assert report.added["claims"] == 3 and not report.conflicts
    export(b, b_db)
    old = table_rows(v1)
    for table in old:  # every column the old set has is carried unchanged
        if table in ("metadata", "citations"):
            continue
        cols = columns(v1, table)
        assert nfkc(rows_of(v1, table, cols)) == rows_of(b_db, table, cols), table
    dates = {r[0]: r[1:] for r in rows_of(b_db, "claims", ["statement", "date", "date_start",
                                                              "date_end"])}
    assert dates["Talks began"] == ("1955", "1955-01-01", "1955-12-31")
    assert dates["The ICRC doubted the figure"] == ("1958-06/1958-12", "1958-06-01",
                                                    "1958-12-31")
    assert dates["Sōren estimated about 60,000 returnees"][0] == "1959-12-15"
    with Project.open(b) as proj:
        assert [i.date_text for i in timeline_items(proj)] == [
            "1955", "1958-06/1958-12", "1959-12-15"]
    c, c_db = tmp_path / "c.recto", tmp_path / "c.db"
    import_into_path(c, b_db)
    export(c, c_db)
    assert table_rows(b_db) == table_rows(c_db)


def test_a_set_with_an_unreadable_date_is_refused_whole(tmp_path):
    bad = tmp_path / "bad.db"
    a = tmp_path / "a.recto"
    build_project(a, tmp_path / "pdfs")
    export(a, bad)
    with sqlite3.connect(bad) as conn:
        conn.execute("UPDATE claims SET date = 'sometime in 1958' WHERE date <> ''")
    with pytest.raises(AnnotationSetError, match="cannot read .*sometime in 1958"):
        import_into_path(tmp_path / "b.recto", bad)
