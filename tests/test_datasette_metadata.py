"""The Datasette metadata beside each SQLite set, checked against a real `datasette` process.

The set comes from a project with the sample scans and a born-digital page whose
text layer has ligatures (`conﬁrmation`) and a two-character Japanese name (総連),
so the full-text search and the short-name recipe are tried on what PDFs hold.
"""
from __future__ import annotations

import importlib.util
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pymupdf
import pytest

from recto.annotations import datasette_metadata, export_descriptions
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from tests.export_fixtures import build_project, store_text_layer
from tests.test_export import export

ROOT = Path(__file__).resolve().parent.parent
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def ligature_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 100), "Awaiting conﬁrmation of the ﬁgures from Geneva.",
                     fontfile=str(DEJAVU), fontname="dejavu", fontsize=11)
    page.insert_text((72, 130), "総連の代表団が到着した。", fontname="japan", fontsize=11)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if not DEJAVU.exists():
        pytest.skip("needs the DejaVu fonts (fonts-dejavu-core) to write a ligature")
    tmp = tmp_path_factory.mktemp("datasette")
    build_project(tmp / "a.recto", tmp / "pdfs")
    pdf = ligature_pdf(tmp / "pdfs" / "ligatures.pdf")
    with Project.open(tmp / "a.recto") as proj:
        doc = add_pdf(proj, pdf).document
        store_text_layer(proj, pdf, doc.sha256)
    out = tmp / "thesis-set.db"
    export(tmp / "a.recto", out)
    return out, doc.id


def test_metadata_beside_the_set_describes_every_table_and_column(exported):
    out, _ = exported
    meta_path = out.with_name("thesis-set.metadata.json")
    assert datasette_metadata.path_for(out) == meta_path
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["title"] == "Recto annotation set: Repatriation study"
    db = meta["databases"]["thesis-set"]
    with sqlite3.connect(out) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN "
                                             "('table', 'view') AND name NOT LIKE '%_fts%'")}
        for name in names:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{name}])")]
            described = db["tables"][name].get("columns", {})
            if name not in ("citations", "confirmed_citations"):  # views described as a whole
                assert set(described) == set(columns), name
    assert set(db["tables"]) == names
    assert db["tables"]["pages"]["columns"]["page"] == "page number, 1-based"
    assert db["tables"]["actors"]["columns"]["author"] == "who made the judgement"  # "as above"
    assert "footnote" in db["tables"]["citations"]["description"]
    assert len(db["queries"]) == len(export_descriptions.QUERIES) >= 5
    assert ":name" in db["queries"]["pages_naming_a_short_name"]["sql"]


def test_descriptions_module_is_generated_from_the_schema_doc():
    spec = importlib.util.spec_from_file_location("sync_readme",
                                                  ROOT / "scripts" / "sync_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = (ROOT / "annotations" / "export_descriptions.py").read_text(encoding="utf-8")
    assert module.descriptions_module() == generated, "run: .venv/bin/python scripts/sync_readme.py"
    doc = (ROOT / "docs" / "export-schema.md").read_text(encoding="utf-8")
    for _, sql in export_descriptions.QUERIES:
        assert sql in doc


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def datasette(exported):
    """A real `datasette serve` of the set and its metadata on 127.0.0.1; killed at the end."""
    out, _ = exported
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(out), "--metadata",
         str(datasette_metadata.path_for(out)), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"datasette exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_set_with_its_metadata(datasette, exported):
    _, lig_doc = exported
    listing = _get(f"{datasette}/thesis-set.json")
    tables = {t["name"] for t in listing["tables"]}
    assert {"documents", "pages", "redactions", "mentions", "claims", "pages_fts"} <= tables
    assert {q["name"] for q in listing["queries"]} == set(
        datasette_metadata.canned_queries())
    title = _get(f"{datasette}/-/metadata.json")["title"]
    assert title == "Recto annotation set: Repatriation study"

    per_code = _get(f"{datasette}/thesis-set/redactions_per_exemption_code_per_document.json"
                    "?_shape=array")
    assert [r["code"] for r in per_code] == ["(b)(1); (b)(3)"]  # the confirmed one only

    found = _get(f"{datasette}/thesis-set/pages.json?_search=confirmation&_shape=array")
    assert [(r["document_id"], r["page"]) for r in found] == [(lig_doc, 1)]
    assert "confirmation" in found[0]["text"]  # exported text is NFKC, and so is its index

    name = urllib.parse.quote("総連")
    short = _get(f"{datasette}/thesis-set/pages_naming_a_short_name.json?name={name}&_shape=array")
    assert [(r["document_id"], r["page"]) for r in short] == [(lig_doc, 1)]
    assert "総連の代表団" in short[0]["context"]


def test_a_foreign_file_named_like_the_metadata_is_never_overwritten(exported, tmp_path):
    out, _ = exported
    project = out.parent / "a.recto"
    again = tmp_path / "notes.db"
    mine = datasette_metadata.path_for(again)
    mine.write_text('{"title": "My own Datasette settings"}\n')
    before = mine.read_bytes()
    from recto.app.export import ExportTargetError
    with pytest.raises(ExportTargetError, match="Recto did not write"):
        export(project, again)
    assert mine.read_bytes() == before and not again.exists()
    export(project, out)   # its own metadata beside the earlier set is replaced as before
    assert json.loads(datasette_metadata.path_for(out).read_text())["title"].startswith("Recto")
