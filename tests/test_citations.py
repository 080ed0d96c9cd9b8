"""Citation strings and CSL-JSON built from the documents' archival references."""
import json

import pytest

from annotations.model import ArchivalReference, Document
from app.claims import service as svc
from app.claims.citations import (
    claim_citation, claim_csl, document_citation, evidence_citation, page_label,
)
from tests.claims_fixtures import (
    CIB_MUNITIONS, CIB_MUNITIONS_QUOTE, CIB_PETROLEUM, CIB_REF, COURT_BOARD,
    COURT_BOARD_QUOTE, make_sample,
)

ICRC = Document(id="d", sha256="s", title="Plan", path=None, page_count=40,
                reference=ArchivalReference(archive="ICRC Archives",
                                            collection="B AG 232 105-027"))


@pytest.fixture
def sample(tmp_path):
    s = make_sample(tmp_path / "cite.recto")
    yield s
    s.project.close()


def test_page_labels():
    assert page_label([14]) == "p. 14"
    assert page_label([16, 14, 15]) == "pp. 14\u201316"
    assert page_label([3, 14, 15, 16, 20, 3]) == "pp. 3, 14\u201316, 20"
    assert page_label([]) == ""


def test_document_citation_uses_the_archival_reference():
    assert document_citation(ICRC, [14]) == "ICRC Archives, B AG 232 105-027, p. 14"
    assert document_citation(ICRC, [14, 15]) == "ICRC Archives, B AG 232 105-027, pp. 14\u201315"
    untitled = Document(id="d", sha256="s", title="Court filing", path=None, page_count=1)
    assert document_citation(untitled, [1]) == "Court filing, p. 1"


def test_claim_citation_groups_evidence_by_document(sample):
    p = sample.project
    claim = svc.create_claim(p, "Munitions rose", sample.cib, 0, CIB_MUNITIONS)
    svc.add_evidence(p, claim.id, sample.court, 0, COURT_BOARD)
    svc.add_evidence(p, claim.id, sample.cib, 0, CIB_PETROLEUM)
    claim = svc.get_claim(p, claim.id)
    assert claim_citation(p, claim) == f"{CIB_REF}, p. 1; Court filing 630649-326, p. 1"
    assert [evidence_citation(p, e) for e in claim.evidence] == [
        f"{CIB_REF}, p. 1", "Court filing 630649-326, p. 1", f"{CIB_REF}, p. 1"]


def test_csl_json_items(sample):
    p = sample.project
    claim = svc.create_claim(p, "Munitions rose", sample.cib, 0, CIB_MUNITIONS,
                             date="1955-12/1956-02")
    svc.add_evidence(p, claim.id, sample.court, 0, COURT_BOARD)
    svc.add_evidence(p, claim.id, sample.cib, 0, CIB_PETROLEUM)  # same page: one item
    items = json.loads(json.dumps(claim_csl(p, svc.get_claim(p, claim.id))))
    assert len(items) == 2
    archival, plain = items
    assert archival["type"] == "manuscript"
    assert archival["archive"] == "CIA CREST"
    assert archival["archive_location"] == "CIA-RDP79T00975A, C02733122"
    assert archival["call-number"] == "CIA-RDP79T00975A, C02733122"
    assert archival["title"] == "cib_02733122_p2"
    assert (archival["locator"], archival["label"]) == ("1", "page")
    assert archival["issued"] == {"date-parts": [[1955, 12], [1956, 2]]}
    assert archival["note"] == CIB_MUNITIONS_QUOTE
    assert plain["type"] == "document" and "archive" not in plain
    assert plain["title"] == "Court filing 630649-326" and plain["note"] == COURT_BOARD_QUOTE
    assert len({i["id"] for i in items}) == 2


def test_undated_claim_has_no_issued_date(sample):
    claim = svc.create_claim(sample.project, "x", sample.court, 0, COURT_BOARD)
    (item,) = claim_csl(sample.project, claim)
    assert "issued" not in item and item["locator"] == "1"
