"""CSL-JSON as Zotero reads it: one item per document, pages on the citation items,
`issued` the document's own date, every item valid against CSL's csl-data.json."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from recto.annotations.model import ArchivalReference
from recto.annotations.project import Project
from recto.app.claims import service as svc
from recto.app.claims.citations import claim_csl, claims_csl
from recto.app.document_metadata import edit_metadata, set_first_page
from recto.app.documents import edit_reference
from recto.app.export import ExportOptions, ExportTargetError, export_annotations
from tests.claims_fixtures import (
    CIB_MUNITIONS,
    CIB_PETROLEUM,
    COURT_BOARD,
    make_sample,
)
from tests.cli_runner import recto

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "csl" / "csl-data.json")
                    .read_text(encoding="utf-8"))


def validate(items: list[dict]) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(items)


@pytest.fixture
def sample(tmp_path):
    s = make_sample(tmp_path / "cite.recto")
    yield s
    s.project.close()


def test_the_vendored_schema_refuses_what_recto_used_to_write():
    """A test that could not fail would prove nothing: the old shape must be refused."""
    with pytest.raises(jsonschema.ValidationError, match="label"):
        validate([{"id": "x", "type": "manuscript", "locator": "1", "label": "page"}])
    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "x", "type": "cable"}])


def test_two_claims_on_one_document_give_one_item_and_two_citation_items(sample):
    p = sample.project
    edit_reference(p, sample.cib, ArchivalReference(
        archive="CIA CREST", collection="CIA-RDP79T00975A", box_folder="Box 2",
        item="C02733122"))
    set_first_page(p, sample.cib, 14)
    a = svc.create_claim(p, "Munitions rose", sample.cib, 0, CIB_MUNITIONS,
                         date="1955-12/1956-02")
    b = svc.create_claim(p, "Petroleum went to China", sample.cib, 0, CIB_PETROLEUM)
    svc.add_evidence(p, b.id, sample.court, 0, COURT_BOARD)
    csl = json.loads(json.dumps(claims_csl(p, [svc.get_claim(p, a.id),
                                               svc.get_claim(p, b.id)])))
    assert set(csl) == {"items", "citationItems"}
    cib, court = csl["items"]
    assert [c["id"] for c in csl["citationItems"]] == [cib["id"], cib["id"], court["id"]]
    assert [c["locator"] for c in csl["citationItems"]] == ["14", "14", "1"]
    assert all(c["label"] == "page" for c in csl["citationItems"])
    assert (cib["type"], cib["archive"], cib["archive_collection"], cib["archive_location"],
            cib["call-number"]) == ("manuscript", "CIA CREST", "CIA-RDP79T00975A",
                                    "Box 2, C02733122", "C02733122")
    assert "issued" not in cib  # the claim's 1955-12/1956-02 is not the document's date
    assert not {"page", "locator", "label", "note"} & set(cib)
    assert "call-number" not in court and "archive" not in court
    validate(csl["items"])
    again = claim_csl(p, svc.get_claim(p, b.id))
    assert [i["id"] for i in again["items"]] == [cib["id"], court["id"]]  # stable ids


def test_issued_is_the_documents_own_date_and_its_type_maps(sample):
    p = sample.project
    edit_metadata(p, sample.cib, date="1951-03~", type="report", creator="CIA, OCI",
                  language="en", rights="Approved for release 2019/03/14",
                  archive_place="College Park, MD")
    edit_metadata(p, sample.court, date="195X", type="cable")
    claim = svc.create_claim(p, "x", sample.cib, 0, CIB_MUNITIONS, date="1960")
    svc.add_evidence(p, claim.id, sample.court, 0, COURT_BOARD)
    cib, court = claim_csl(p, svc.get_claim(p, claim.id))["items"]
    assert cib["issued"] == {"date-parts": [[1951, 3]], "circa": True}
    assert (cib["type"], cib["genre"], cib["author"], cib["language"]) == (
        "report", "report", [{"literal": "CIA, OCI"}], "en")
    assert cib["custom"] == {"rights": "Approved for release 2019/03/14"}
    assert cib["archive-place"] == "College Park, MD" and "archive-place" not in court
    assert court["issued"] == {"date-parts": [[1950], [1959]]}
    assert (court["type"], court["genre"]) == ("manuscript", "cable")
    validate([cib, court])


def test_cite_command_and_csl_json_export(sample, tmp_path):
    p = sample.project
    a = svc.create_claim(p, "Munitions rose", sample.cib, 0, CIB_MUNITIONS)
    b = svc.create_claim(p, "Petroleum", sample.cib, 0, CIB_PETROLEUM)
    svc.create_claim(p, "Unsourced")  # no evidence: cites nothing
    edit_metadata(p, sample.cib, date="1951-03-14")
    path = p.path
    p.close()
    csl = json.loads(recto("cite", path, a.id[:8], b.id[:8], "--format", "csl-json").stdout)
    assert len(csl["items"]) == 1 and len(csl["citationItems"]) == 2
    assert csl["items"][0]["issued"] == {"date-parts": [[1951, 3, 14]]}
    out = tmp_path / "cited.json"
    said = recto("export", path, out, "--format", "csl-json")
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [csl["items"][0]["id"]]  # cited documents only, once
    assert "1 cited documents" in said.stderr
    validate(items)
    with Project.open(path) as proj:
        sample.project = proj  # reopened for the fixture's close
        again = tmp_path / "again.json"
        export_annotations(proj, again, ExportOptions(format="csl-json"))
        export_annotations(proj, again, ExportOptions(format="csl-json"))  # replaces its own
        zotero = tmp_path / "my-library.json"   # another tool's CSL-JSON: never overwritten
        zotero.write_text('[{"id": "ITEM-1", "type": "book", "title": "Mine"}]\n')
        before = zotero.read_bytes()
        with pytest.raises(ExportTargetError, match="Recto will not overwrite it"):
            export_annotations(proj, zotero, ExportOptions(format="csl-json"))
        assert zotero.read_bytes() == before
    assert json.loads(again.read_text(encoding="utf-8")) == items


def test_the_readme_example_is_valid_csl():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Citations for Zotero (CSL-JSON)")[1].split("```json")[1]
    example = json.loads(block.split("```")[0])
    validate(example["items"])
    assert {c["label"] for c in example["citationItems"]} == {"page"}
