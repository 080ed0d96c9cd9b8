"""A document's own metadata and page numbering: store, service, `recto doc-edit`, citations."""
from __future__ import annotations

import json

import pymupdf
import pytest

from recto.annotations import documents as store
from recto.annotations.project import Project
from recto.app.document_metadata import edit_metadata, pdf_page_labels, set_first_page
from recto.app.documents import add_pdf
from recto.app.errors import InvalidInputError
from tests.cli_runner import recto
from tests.pdf_factory import text_pdf


def labelled_pdf(path):
    """Four pages printed as i, ii, 1, 2 (front matter in roman numerals), via /PageLabels."""
    text_pdf(path, ["Preface", "Contents", "Chapter one", "Chapter two"])
    with pymupdf.open(path) as doc:
        doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                             {"startpage": 2, "prefix": "", "style": "D", "firstpagenum": 1}])
        doc.saveIncr()
    return path


def test_printed_page_labels_are_read_when_the_pdf_is_added_and_cited(tmp_path):
    pdf = labelled_pdf(tmp_path / "labelled.pdf")
    with Project.open(tmp_path / "p.recto", create=True) as proj:
        doc = add_pdf(proj, pdf).document
        assert doc.page_labels == ("i", "ii", "1", "2")
        assert doc.citation(3) == "labelled, p. 1"
        assert store.get_document(proj, doc.id).citation(2) == "labelled, p. ii"


def test_a_pdf_without_labels_has_none(tmp_path):
    with pymupdf.open(text_pdf(tmp_path / "plain.pdf", ["a", "b"])) as doc:
        assert pdf_page_labels(doc) == ()


def test_first_page_offset_shifts_every_citation_and_undoes(tmp_path):
    pdf = text_pdf(tmp_path / "excerpt.pdf", ["p. 10", "p. 11"])
    with Project.open(tmp_path / "p.recto", create=True) as proj:
        doc = add_pdf(proj, pdf).document
        assert doc.citation(2) == "excerpt, p. 2"
        assert set_first_page(proj, doc.id, 10).citation(2) == "excerpt, p. 11"
        proj.undo()
        assert store.get_document(proj, doc.id).citation(2) == "excerpt, p. 2"
        with pytest.raises(InvalidInputError):
            set_first_page(proj, doc.id, 0)


def test_metadata_is_checked_normalised_and_one_undo_step(tmp_path):
    pdf = text_pdf(tmp_path / "cable.pdf", ["Tokyo to Geneva"])
    with Project.open(tmp_path / "p.recto", create=True) as proj:
        doc = add_pdf(proj, pdf).document
        doc = edit_metadata(proj, doc.id, date=" 1959-12-3 ", type="Cable", language="ja",
                            creator="ICRC  Delegation, Tokyo", rights="")
        assert (doc.metadata.date, doc.metadata.type, doc.metadata.creator) == (
            "1959-12-03", "cable", "ICRC Delegation, Tokyo")
        with pytest.raises(InvalidInputError, match="not a date"):
            edit_metadata(proj, doc.id, date="Dec 1959")
        with pytest.raises(InvalidInputError, match="language tag"):
            edit_metadata(proj, doc.id, language="Japanese!")
        assert store.get_document(proj, doc.id).metadata.date == "1959-12-03"
        proj.undo()
        assert store.get_document(proj, doc.id).metadata.date == ""


def test_doc_edit_command(tmp_path):
    pdf = text_pdf(tmp_path / "memo.pdf", ["Memorandum", "Second page"])
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    out = recto("doc-edit", project, doc_id[:8], "--date", "1958-06~", "--type", "memorandum",
                "--creator", "Foreign Ministry", "--language", "ja", "--rights", "public domain",
                "--archive", "Diplomatic Archives", "--archive-place", "Tokyo",
                "--item", "A'-0393", "--first-page", "10",
                "--json")
    doc = json.loads(out.stdout)
    assert (doc["date"], doc["type"], doc["creator"], doc["language"], doc["rights"]) == (
        "1958-06~", "memorandum", "Foreign Ministry", "ja", "public domain")
    assert doc["first_page"] == 10 and doc["item"] == "A'-0393"
    assert doc["archive_place"] == "Tokyo"
    said = recto("doc-edit", project, doc_id, "--pdf-page-numbers").stderr
    assert "Diplomatic Archives, A'-0393, p. 1" in said
    bad = recto("doc-edit", project, doc_id, "--date", "June 1958", check=False)
    assert bad.returncode != 0 and "not a date" in bad.stderr
    info = json.loads(recto("info", project, "--json").stdout)["documents"][0]
    assert info["date"] == "1958-06~" and info["first_page"] is None


def test_doc_edit_reads_page_labels_of_a_pdf_added_before(tmp_path):
    pdf = labelled_pdf(tmp_path / "labelled.pdf")
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, pdf).stdout.strip()
    with Project.open(project) as proj:  # as a project made before labels were read
        store.set_page_numbering(proj, doc_id, None, ())
        assert store.get_document(proj, doc_id).citation(3) == "labelled, p. 3"
    doc = json.loads(recto("doc-edit", project, doc_id, "--read-page-labels", "--json").stdout)
    assert doc["page_labels"] == ["i", "ii", "1", "2"]
