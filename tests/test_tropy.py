"""Importing a Tropy JSON-LD export (hand-made in Tropy's shape, real photos) with the
real `recto import`, then reading what landed in the real project file."""
from __future__ import annotations

import json

import pytest

from tests.cli_runner import recto
from tests.tropy_fixtures import DC, write_export


def _load(project_path):
    from recto.annotations import document_notes as notes
    from recto.annotations import documents as store
    from recto.annotations.project import Project
    from recto.annotations.tags import tags_of
    with Project.open(project_path) as project:
        return {d.title: {"doc": d, "tags": tags_of(project, d.id, "document"),
                          "notes": notes.notes_of(project, d.id),
                          "regions": notes.regions_of(project, d.id),
                          "fields": notes.fields_of(project, d.id),
                          "pages": store.pages_of(project, d.id)}
                for d in store.list_documents(project)}


def test_three_items_import_as_three_documents_twice_without_duplicates(tmp_path):
    export = write_export(tmp_path)
    project = tmp_path / "p.recto"
    first = json.loads(recto("import", project, export, "--json").stdout)
    assert first["format"] == "tropy" and first["documents_added"] == 3
    docs = _load(project)
    assert sorted(docs) == ["Brezhnev annex and CIB summary", "Intelligence Checklist, 1963",
                            "PDB Notes, 1974"]
    pdb = docs["PDB Notes, 1974"]
    assert pdb["doc"].page_count == 2
    assert pdb["doc"].reference.cite() == (
        "CIA FOIA Reading Room, President's Daily Brief, Box 12, Folder 3, DOC_0006007849")
    assert pdb["fields"][DC + "date"] == "1974-07-15"
    assert pdb["fields"][DC + "creator"] == "CIA"
    own = pdb["doc"].metadata   # Dublin Core fields become the document's own metadata
    assert (own.date, own.creator) == ("1974-07-15", "CIA")
    assert docs["Intelligence Checklist, 1963"]["doc"].metadata.date == "1963-03-02"
    assert set(map(str.lower, pdb["tags"])) == {"cyprus", "pdb"}
    (note,) = pdb["notes"]
    assert (note.text, note.page_index, note.language) == (
        "Protests planned in Nicosia.", 0, "en")
    (region,) = pdb["regions"]
    assert region.page_index == 0 and region.note == "Cyprus paragraph"
    width = pdb["pages"][0].width
    assert region.box.x0 == pytest.approx(100 * 72 / 150, abs=0.1)  # photo px -> points
    assert region.box.x1 == pytest.approx(500 * 72 / 150, abs=0.1) and width > region.box.x1
    checklist = docs["Intelligence Checklist, 1963"]
    assert [n.text for n in checklist["notes"]] == ["Syria coup names."]
    assert set(map(str.lower, checklist["tags"])) == {"syria"}
    assert checklist["fields"][DC + "date"] == "1963-03-02"
    assert docs["Brezhnev annex and CIB summary"]["doc"].reference.box_folder == "Box 7"

    again = json.loads(recto("import", project, export, "--json").stdout)
    assert again["documents_added"] == 0 and again["documents_found"] == 3
    assert again["added_or_updated"] == {}
    assert _load(project).keys() == docs.keys()
    assert sum(len(d["notes"]) for d in _load(project).values()) == 2
    assert sum(len(d["regions"]) for d in _load(project).values()) == 1


def test_tropy_documents_render_and_missing_photos_are_reported(tmp_path):
    export = write_export(tmp_path)
    (tmp_path / "photos" / "IMG_0003.jpg").unlink()
    project = tmp_path / "p.recto"
    out = recto("import", project, export)
    assert "Skipped \"Intelligence Checklist, 1963\": photo" in out.stderr
    assert "2 new documents" in out.stdout
    import pymupdf

    from recto.annotations import documents as store
    from recto.annotations.project import Project
    from recto.app.documents import resolve_path
    with Project.open(project) as proj:
        for doc in store.list_documents(proj):
            with pymupdf.open(resolve_path(proj, doc)) as pdf:
                assert pdf.page_count == doc.page_count == 2


def test_undoing_an_import_step_removes_its_notes(tmp_path):
    export = write_export(tmp_path)
    project = tmp_path / "p.recto"
    recto("import", project, export)
    assert "Undid: Import Tropy item" in recto("undo", project).stderr
    assert "Undid: Add document" in recto("undo", project).stderr
    assert len(_load(project)) == 2


def test_a_json_file_that_is_not_tropy_is_not_taken_for_one(tmp_path):
    other = tmp_path / "notes.json"
    other.write_text(json.dumps({"@context": {"@vocab": "http://schema.org/"}, "@graph": []}))
    out = recto("import", tmp_path / "p.recto", other, check=False)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "tropy" not in out.stdout.lower()


def test_a_selection_becomes_a_claims_evidence_through_its_region(tmp_path):
    export = write_export(tmp_path)
    project = tmp_path / "p.recto"
    recto("import", project, export)
    rows = json.loads(recto("notes", project, "--json").stdout)
    pdb = next(r for r in rows if r["title"] == "PDB Notes, 1974")
    (region,) = pdb["regions"]
    assert region["page"] == 1 and region["note"] == "Cyprus paragraph"
    assert [n["text"] for n in pdb["notes"]] == ["Protests planned in Nicosia."]
    claim_id = recto("claim-add", project, "--statement", "Protests were planned in Nicosia",
                     "--doc", pdb["document_id"], "--page", region["page"],
                     "--bbox", region["bbox"], "--quote", "Greek Cypriots").stdout.strip()
    cite = recto("cite", project, claim_id).stdout
    assert "CIA FOIA Reading Room" in cite and "p. 1" in cite
    text = recto("notes", project, pdb["document_id"]).stdout
    assert "region" in text and "--bbox" in text and "date: 1974-07-15" in text


def test_an_item_whose_photo_is_a_pdf_is_skipped_and_the_rest_imported(tmp_path):
    import shutil

    from tests.conftest import SAMPLES
    export = write_export(tmp_path)
    shutil.copy(SAMPLES / "cib_02733122_p2.pdf", tmp_path / "photos" / "scan.pdf")
    data = json.loads(export.read_text())
    data["@graph"][2]["photo"][0]["path"] = str(tmp_path / "photos" / "scan.pdf")
    export.write_text(json.dumps(data))
    out = recto("import", tmp_path / "p.recto", export)
    assert "Skipped \"Brezhnev annex and CIB summary\"" in out.stderr
    assert "2 new documents" in out.stdout
