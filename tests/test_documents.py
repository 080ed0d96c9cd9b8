"""Adding real PDFs: identity by SHA-256, relinking, and every kind of bad input."""
from __future__ import annotations

import shutil

import pytest

from recto.annotations import documents as store
from recto.annotations.project import Project
from recto.app import documents as service
from recto.app.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    FileMissingError,
    InputFileError,
    NotAPdfError,
)
from tests.conftest import SAMPLES


def test_add_real_scan_records_hash_pages_and_reference(project, sample_pdf):
    ref = service.parse_reference("ICRC Archives, B AG 232 105-027")
    result = service.add_pdf(project, sample_pdf, reference=ref)
    doc = result.document
    assert result.created
    assert len(doc.sha256) == 64
    assert doc.page_count == 1
    assert doc.reference.archive == "ICRC Archives"
    assert doc.citation(14) == "ICRC Archives, B AG 232 105-027, p. 14"
    (page,) = store.pages_of(project, doc.id)
    assert (round(page.width), round(page.height)) == (612, 792)
    assert page.has_text_layer is False  # an image-only typewritten scan


def test_same_bytes_twice_is_a_no_op(project, sample_pdf, tmp_path):
    first = service.add_pdf(project, sample_pdf)
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(sample_pdf, copy)
    second = service.add_pdf(project, copy)
    assert not second.created
    assert second.document.id == first.document.id
    assert len(store.list_documents(project)) == 1


def test_file_moved_beside_the_project_is_found_and_relinked(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    scan = tmp_path / "downloads" / "pdb_notes.pdf"
    scan.parent.mkdir()
    shutil.copy(SAMPLES / "pdb_0006007849_p10_plain.pdf", scan)
    with Project.open(folder / "thesis.recto", create=True) as project:
        doc = service.add_pdf(project, scan).document
        beside = folder / scan.name
        shutil.move(scan, beside)
        assert service.resolve_path(project, doc) == beside
        assert store.get_document(project, doc.id).path == str(beside)   # relinked, kept


def test_file_moved_elsewhere_is_relinked_by_hand(project, sample_pdf, tmp_path):
    doc = service.add_pdf(project, sample_pdf).document
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    moved = elsewhere / sample_pdf.name
    shutil.move(sample_pdf, moved)
    with pytest.raises(FileMissingError, match="Relink"):
        service.resolve_path(project, doc)
    relinked = service.relink(project, doc, moved)
    assert relinked.path == str(moved)
    assert service.resolve_path(project, relinked) == moved


def test_relink_refuses_a_different_file(project, sample_pdf):
    doc = service.add_pdf(project, sample_pdf).document
    with pytest.raises(Exception, match="not the same document"):
        service.relink(project, doc, SAMPLES / "cib_02733122_p2.pdf")


def test_changed_file_is_a_new_document(project, tmp_path):
    import pymupdf
    path = tmp_path / "draft.pdf"
    for text in ("first version", "second version"):
        doc = pymupdf.open()
        doc.new_page().insert_text((72, 72), text)
        doc.save(path)
        doc.close()
        service.add_pdf(project, path)
    assert len(store.list_documents(project)) == 2


@pytest.mark.parametrize("kind, error, words", [
    ("empty", EmptyFileError, "empty"),
    ("not_pdf", NotAPdfError, "not a PDF"),
    ("truncated", CorruptPdfError, "damaged"),
    ("garbage", CorruptPdfError, "damaged"),
    ("encrypted", EncryptedPdfError, "password"),
    ("missing", FileMissingError, "does not exist"),
])
def test_bad_input_gets_one_sentence_and_changes_nothing(project, bad_pdfs, kind, error, words):
    before = project.query("SELECT count(*) AS n FROM undo_steps")[0]["n"]
    with pytest.raises(error, match=words) as info:
        service.add_pdf(project, bad_pdfs[kind])
    assert isinstance(info.value, InputFileError)
    assert "\n" not in info.value.message and "Traceback" not in info.value.message
    assert store.list_documents(project) == []
    assert project.query("SELECT count(*) AS n FROM undo_steps")[0]["n"] == before


def test_add_many_reports_bad_files_and_keeps_the_good(project, bad_pdfs, sample_pdf):
    results, failures = service.add_pdfs(project, [bad_pdfs["empty"], sample_pdf,
                                                   bad_pdfs["encrypted"]])
    assert [r.document.page_count for r in results] == [1]
    assert {p.split("/")[-1] for p, _ in failures} == {"empty.pdf", "encrypted.pdf"}


def test_removing_several_documents_is_one_undo_step(project):
    docs = [service.add_pdf(project, SAMPLES / name).document
            for name in ("cib_02733122_p2.pdf", "pdb_0006007849_p4.pdf", "pdb_0005996463_p3.pdf")]
    service.remove_many(project, [docs[0].id, docs[2].id])
    assert [d.id for d in store.list_documents(project)] == [docs[1].id]
    assert project.undo_label() == "Remove 2 documents"
    project.undo()
    assert {d.id for d in store.list_documents(project)} == {d.id for d in docs}
    assert project.undo_label().startswith("Add")  # the next step back is the last add
