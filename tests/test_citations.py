"""Citation strings and CSL-JSON built from the documents' archival references."""
import pytest

from recto.annotations.model import ArchivalReference, Document
from recto.app.claims import service as svc
from recto.app.claims.citations import (
    claim_citation,
    document_citation,
    evidence_citation,
    page_label,
)
from tests.claims_fixtures import (
    CIB_MUNITIONS,
    CIB_PETROLEUM,
    CIB_REF,
    COURT_BOARD,
    make_sample,
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


def test_citations_give_the_printed_pages():
    from dataclasses import replace
    excerpt = replace(ICRC, first_page=10)
    assert document_citation(excerpt, [1]) == "ICRC Archives, B AG 232 105-027, p. 10"
    assert document_citation(excerpt, [1, 2, 3]) == (
        "ICRC Archives, B AG 232 105-027, pp. 10\u201312")
    labelled = replace(ICRC, page_labels=("i", "ii", "1"))
    assert document_citation(labelled, [2, 3]) == "ICRC Archives, B AG 232 105-027, pp. ii, 1"
