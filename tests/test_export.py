"""Exporting annotation sets: schema, keys, FTS, citations, filters, formats, atomic target."""
from __future__ import annotations

import asyncio
import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recto.annotations.export_schema import SPECS, TABLES
from recto.annotations.project import Project
from recto.app.errors import CancelledError
from recto.app.export import ExportFilters, ExportOptions, ExportTargetError, export_annotations
from recto.app.jobs import TaskState
from tests.export_fixtures import build_project, table_rows
from tests.other_user import as_nobody


@pytest.fixture
def built(tmp_path):
    path = tmp_path / "a.recto"
    ids = build_project(path, tmp_path / "pdfs")
    return path, ids


def export(project_path: Path, out: Path, **kw) -> dict:
    options = ExportOptions(kw.pop("fmt", "sqlite"), kw.pop("with_ocr", False),
                            ExportFilters(**kw.pop("filters", {})))
    with Project.open(project_path) as proj:
        return export_annotations(proj, out, options, **kw).counts


def q(path: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def test_set_has_declared_keys_plain_columns_and_clean_foreign_keys(built, tmp_path):
    project, ids = built
    out = tmp_path / "set.db"
    export(project, out)
    for spec in TABLES:
        cols = [r[1] for r in q(out, f"PRAGMA table_info({spec.name})")]
        assert cols == list(spec.columns), spec.name
        pk = [r[1] for r in sorted(q(out, f"PRAGMA table_info({spec.name})"), key=lambda r: r[5])
              if r[5]]
        assert pk == ([spec.pk] if isinstance(spec.pk, str) else list(spec.pk)), spec.name
        fks = {(r[3], r[2], r[4]) for r in q(out, f"PRAGMA foreign_key_list({spec.name})")}
        assert fks == set(spec.foreign_keys), spec.name
    assert "STRICT" in q(out, "SELECT sql FROM sqlite_master WHERE name = 'redactions'")[0][0]
    assert q(out, "PRAGMA foreign_key_check") == []
    assert q(out, "SELECT page, x0, y0, x1, y1, code FROM redactions WHERE id = ?",
             [ids["redaction"]]) == [(1, 72.0, 100.5, 300.25, 114.0, "(b)(1); (b)(3)")]
    assert q(out, "SELECT page FROM pages WHERE document_id = ?", [ids["documents"][0]]) == [(1,)]
    assert "ocr_words" not in {r[0] for r in q(out, "SELECT name FROM sqlite_master")}


def test_full_text_search_and_citations_view(built, tmp_path):
    project, ids = built
    out = tmp_path / "set.db"
    export(project, out)
    word = q(out, "SELECT text FROM pages WHERE text IS NOT NULL ORDER BY document_id")[0][0]
    needle = max(word.split(), key=len)
    hits = q(out, "SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?", [f'"{needle}"'])
    assert hits
    assert q(out, "SELECT id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts "
                  "WHERE claims_fts MATCH '\"returnees\"')") == [(ids["claim"],)]
    cites = q(out, "SELECT kind, annotation_id, citation FROM citations ORDER BY kind, citation")
    assert ("redaction", ids["redaction"], "ICRC Archives, B AG 232, 105-027, p. 1") in cites
    assert ("redaction", ids["redaction2"], "CIA CREST, PDB 1966-03-14, p. 1") in cites
    assert ("mention", ids["mention"], "ICRC Archives, B AG 232, 105-027, p. 1") in cites
    assert {c[0] for c in cites} == {"redaction", "mention", "claim"} and len(cites) == 5


def test_exporting_twice_gives_the_same_rows_only_exported_at_differs(built, tmp_path):
    project, _ = built
    export(project, tmp_path / "one.db")
    export(project, tmp_path / "two.db")
    assert table_rows(tmp_path / "one.db") == table_rows(tmp_path / "two.db")
    rowids = "SELECT rowid, id FROM redactions ORDER BY rowid"
    assert q(tmp_path / "one.db", rowids) == q(tmp_path / "two.db", rowids)
    meta = "SELECT value FROM metadata WHERE key = 'exported_at'"
    assert q(tmp_path / "one.db", meta) != q(tmp_path / "two.db", meta)


def test_filters_narrow_the_set_keep_references_and_are_recorded(built, tmp_path):
    project, ids = built
    doc0 = ids["documents"][0]
    cases = {
        "doc": {"document_ids": (doc0[:8],)},
        "tag": {"tags": ("Sōren",)},
        "kind": {"kinds": ("claims",)},
        "status": {"statuses": ("confirmed",)},
        "author": {"authors": ("nobody",)},
    }
    for name, filters in cases.items():
        out = tmp_path / f"{name}.db"
        export(project, out, filters=filters)
        assert q(out, "PRAGMA foreign_key_check") == [], name
        recorded = json.loads(q(out, "SELECT value FROM metadata WHERE key = 'filters'")[0][0])
        assert {k: v for k, v in recorded.items() if v} == {k: list(v) for k, v in filters.items()}

    def ids_in(name: str, table: str) -> set:
        return {r[0] for r in q(tmp_path / f"{name}.db", f"SELECT id FROM {table}")}

    assert ids_in("doc", "documents") == {doc0}
    assert ids_in("doc", "redactions") == {ids["redaction"]}
    assert ids_in("doc", "claims") == {ids["claim"]}  # the other claim's evidence is elsewhere
    assert ids_in("tag", "redactions") == {ids["redaction"]}
    assert ids_in("tag", "claims") == {ids["claim"]}
    assert ids_in("tag", "actors") == {ids["actor"]}
    assert ids_in("kind", "redactions") == set() and len(ids_in("kind", "claims")) == 2
    assert ids_in("kind", "actors") == {ids["actor"], ids["actor2"]}  # claimants come along
    assert ids_in("kind", "claim_links") and not ids_in("kind", "mentions")
    assert ids_in("status", "redactions") == {ids["redaction"]}
    assert ids_in("author", "redactions") == set() and ids_in("author", "documents") == set()


def test_with_ocr_exports_every_word_and_page_text_callback_is_used(built, tmp_path):
    project, ids = built
    out = tmp_path / "ocr.db"
    seen = []

    def placeholder_text(document_id, page_index):
        seen.append((document_id, page_index))
        return f"[REDACTED] text of {document_id[:8]} page {page_index + 1}"

    options = ExportOptions(with_ocr=True)
    with Project.open(project) as proj:
        expected = proj.query("SELECT COUNT(*) AS n FROM page_words")[0]["n"]
        export_annotations(proj, out, options, page_text=placeholder_text)
    assert expected > 50
    assert q(out, "SELECT COUNT(*) FROM ocr_words") == [(expected,)]
    assert q(out, "SELECT MIN(page), MIN(seq) FROM ocr_words") == [(1, 0)]
    assert sorted(seen) == sorted((d, 0) for d in ids["documents"][:2])
    texts = dict(q(out, "SELECT document_id, text FROM pages"))
    assert texts[ids["documents"][0]] == f"[REDACTED] text of {ids['documents'][0][:8]} page 1"
    assert texts[ids["documents"][2]] is None  # no text for the third document


def test_opens_with_sqlite_utils_cli_and_datasette(built, tmp_path):
    project, ids = built
    out = tmp_path / "set.db"
    export(project, out)
    cli = Path(sys.executable).with_name("sqlite-utils")
    res = subprocess.run([str(cli), "tables", str(out), "--counts"], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    counts = {t["table"]: t["count"] for t in json.loads(res.stdout)}
    assert counts["redactions"] == 2 and counts["claims"] == 2 and counts["documents"] == 3

    from datasette.app import Datasette

    async def browse():
        ds = Datasette([str(out)])
        await ds.invoke_startup()
        reds = await ds.client.get("/set/redactions.json?_shape=array")
        cites = await ds.client.get("/set/citations.json?_shape=array")
        search = await ds.client.get("/set/claims.json?_search=returnees&_shape=array")
        return reds, cites, search

    reds, cites, search = asyncio.run(browse())
    assert reds.status_code == 200 and {r["id"] for r in reds.json()} == {
        ids["redaction"], ids["redaction2"]}
    assert cites.status_code == 200 and len(cites.json()) == 5
    assert search.status_code == 200 and [r["id"] for r in search.json()] == [ids["claim"]]


def test_w3c_json_ld_has_selectors_tags_and_links(built, tmp_path):
    project, ids = built
    out = tmp_path / "set.jsonld"
    export(project, out, fmt="w3c")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = {a["id"]: a for a in doc["first"]["items"]}
    assert doc["total"] == len(items) == 6  # 2 redactions, 1 mention, 2 claims, 1 link
    red = items[f"urn:uuid:{ids['redaction']}"]
    sel = red["target"]["selector"]
    assert sel["value"] == "page=1" and sel["refinedBy"]["value"].startswith("xywh=percent:")
    with Project.open(project) as proj:
        width, height = [(p["width_pt"], p["height_pt"]) for p in proj.query(
            "SELECT * FROM pages WHERE document_id = ?", [ids["documents"][0]])][0]
    x, y, w, h = map(float, sel["refinedBy"]["value"].split(":")[1].split(","))
    assert x == pytest.approx(7200 / width, abs=0.01)
    assert y == pytest.approx(10050 / height, abs=0.01)
    assert w == pytest.approx(100 * 228.25 / width, abs=0.01)
    assert {"type": "TextualBody", "purpose": "tagging", "value": "Sōren"} in red["body"]
    mention = items[f"urn:uuid:{ids['mention']}"]
    assert mention["motivation"] == "identifying"
    quotes = [s["refinedBy"] for s in mention["target"]["selector"]
              if s["refinedBy"]["type"] == "TextQuoteSelector"]
    assert quotes == [{"type": "TextQuoteSelector", "exact": "Soren"}]  # not in the page text
    assert {"type": "SpecificResource", "source": "http://www.wikidata.org/entity/Q1195869",
            "purpose": "identifying"} in mention["body"]
    links = [a for a in items.values() if a["motivation"] == "linking"]
    assert len(links) == 1 and links[0]["target"] == f"urn:uuid:{ids['claim2']}"
    assert links[0]["body"][0]["source"] == f"urn:uuid:{ids['claim']}"


def test_csv_writes_one_file_per_table_with_the_set_columns(built, tmp_path):
    project, _ = built
    out = tmp_path / "csv"
    counts = export(project, out, fmt="csv")
    names = {p.stem for p in out.iterdir()}
    assert names == {s.name for s in TABLES} | {"citations", "datapackage"}
    for spec in TABLES:
        with open(out / f"{spec.name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == list(spec.columns)
        if spec.name != "metadata":
            assert len(rows) - 1 == counts[spec.name], spec.name
    export(project, out, fmt="csv")  # an earlier CSV export is replaced
    assert {p.stem for p in out.iterdir()} == names
    assert not [p for p in tmp_path.iterdir() if ".tmp-export" in p.name]


def test_refuses_bad_targets_and_leaves_them_alone(built, tmp_path):
    project, _ = built
    precious = tmp_path / "notes.db"
    with sqlite3.connect(precious) as conn:
        conn.execute("CREATE TABLE notes (t TEXT)")
    before = precious.read_bytes()
    with pytest.raises(ExportTargetError, match="SQLite database Recto did not write"):
        export(project, precious)
    assert precious.read_bytes() == before
    with pytest.raises(ExportTargetError, match="project itself"):
        export(project, project)
    with pytest.raises(ExportTargetError, match="does not exist"):
        export(project, tmp_path / "nowhere" / "set.db")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("chapter 1")
    with pytest.raises(ExportTargetError, match="folder holding files Recto did not write"):
        export(project, tmp_path / "full", fmt="csv")


def test_into_a_read_only_folder_is_refused_even_when_tests_run_as_root(built):
    """Root may write anywhere, so the export runs in a forked child as `nobody`."""
    import shutil
    import tempfile
    project, _ = built
    shared = Path(tempfile.mkdtemp(prefix="recto-ro-"))
    try:
        os.chmod(shared, 0o777)
        copy = shared / "p.recto"
        shutil.copy(project, copy)
        os.chmod(copy, 0o666)
        locked = shared / "ro"
        locked.mkdir()
        os.chmod(locked, 0o555)
        # `nobody` cannot read root's Python installation: every module the export needs is
        # imported here first, by a real export as root, so the child only uses loaded ones.
        export(copy, shared / "warm-up.db")

        def export_there() -> str:
            export(copy, locked / "set.db")
            return "exported"

        report = as_nobody(export_there)
        assert report.startswith("ExportTargetError") and "may not write" in report, report
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_over_a_set_open_for_writing_elsewhere_is_refused(built, tmp_path):
    project, _ = built
    out = tmp_path / "set.db"
    export(project, out)
    before = out.read_bytes()
    other = sqlite3.connect(out, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ExportTargetError, match="open in another program"):
            export(project, out)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert out.read_bytes() == before
    export(project, out)  # once it is closed, the set is replaced


def test_cancel_leaves_the_previous_set_and_no_temp_files(built, tmp_path):
    project, _ = built
    out = tmp_path / "set.db"
    export(project, out)
    before = out.read_bytes()
    state = TaskState()
    state.cancel()
    with pytest.raises(CancelledError):
        export(project, out, state=state)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-export" in p.name]


def test_every_documented_column_is_in_the_docs():
    text = (Path(__file__).resolve().parent.parent / "docs" / "export-schema.md").read_text()
    for spec in SPECS.values():
        assert f"### `{spec.name}`" in text, spec.name
        for column in spec.columns:
            assert f"`{column}`" in text, (spec.name, column)
    assert "citations" in text and "xywh=percent:" in text
