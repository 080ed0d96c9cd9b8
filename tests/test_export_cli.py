"""`recto export` and `recto import` as a script sees them: the real console script."""
from __future__ import annotations

import json
import sqlite3

import pytest

from tests.cli_runner import recto
from tests.export_fixtures import build_project, table_rows


@pytest.fixture
def built(tmp_path):
    path = tmp_path / "a.recto"
    return path, build_project(path, tmp_path / "pdfs")


def test_export_prints_a_summary_on_stderr_and_json_on_request(built, tmp_path):
    project, ids = built
    out = tmp_path / "set.db"
    res = recto("export", project, out)
    assert res.stdout == ""
    assert "Exported to" in res.stderr and "2 redactions" in res.stderr
    res = recto("export", project, out, "--json", "--kind", "claims", "--with-ocr")
    data = json.loads(res.stdout)
    assert data["counts"]["claims"] == 2 and data["counts"]["redactions"] == 0
    assert data["counts"]["ocr_words"] > 100
    with sqlite3.connect(out) as conn:
        filters = json.loads(conn.execute(
            "SELECT value FROM metadata WHERE key = 'filters'").fetchone()[0])
    assert filters["kinds"] == ["claims"]


def test_export_filters_and_formats_from_the_command_line(built, tmp_path):
    project, ids = built
    out = tmp_path / "doc.db"
    recto("export", project, out, "--document", ids["documents"][0][:8], "--status", "confirmed",
          "--tag", "Sōren", "--author", "tester")
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT id FROM redactions").fetchall() == [(ids["redaction"],)]
    recto("export", project, tmp_path / "set.jsonld", "--format", "w3c")
    assert json.loads((tmp_path / "set.jsonld").read_text())["type"] == "AnnotationCollection"
    recto("export", project, tmp_path / "csv", "--format", "csv")
    assert (tmp_path / "csv" / "redactions.csv").is_file()
    bad = recto("export", project, out, "--kind", "photos", check=False)
    assert bad.returncode == 2 and "photos" in bad.stderr  # click's own usage error
    missing = recto("export", project, out, "--document", "ffffffff", check=False)
    assert missing.returncode == 5 and "No document" in missing.stderr


def test_import_round_trip_and_report(built, tmp_path):
    project, ids = built
    a_db, b_db, b = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "b.recto"
    recto("export", project, a_db)
    res = recto("import", b, a_db)
    assert "Added:" in res.stdout and "3 documents" in res.stdout
    assert "Documents missing (add their PDFs): 3" in res.stdout
    again = json.loads(recto("import", b, a_db, "--json").stdout)
    assert again["added"] == {} and again["conflicts"] == [] and again["unchanged"] > 20
    assert len(again["missing_documents"]) == 3
    recto("export", b, b_db)
    assert table_rows(a_db) == table_rows(b_db)
    assert recto("undo", b).stderr.strip() == "Undid: Import annotation set"


def test_import_refuses_a_bad_file_with_one_sentence(built, tmp_path):
    project, _ = built
    b = tmp_path / "b.recto"
    res = recto("import", b, project, check=False)  # a project is not an annotation set
    assert res.returncode == 2
    assert res.stderr.startswith("Error: ") and "not a Recto annotation set" in res.stderr
    assert "Traceback" not in res.stderr and not b.exists()
