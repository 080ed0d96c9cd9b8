"""Photos and folders of photos as documents: real JPEG/PNG/TIFF files made from the
sample scans, the real `recto` command, real Tesseract and PyMuPDF on the derived PDF."""
from __future__ import annotations

import hashlib
import json

import pymupdf
import pytest

from tests.cli_runner import recto
from tests.photo_fixtures import DPI, multipage_tiff, page_image, photo_folder

WORDS = ["Cyprus", "YUGOSLAVIA", "SYRIA", "Growth", "munitions"]


def _info(project) -> list[dict]:
    return json.loads(recto("info", project, "--json").stdout)["documents"]


def _hashes(paths) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def _search_pages(project, word) -> list[int]:
    hits = json.loads(recto("search", project, word, "--json").stdout)
    return sorted({h["page"] for h in (hits["hits"] if isinstance(hits, dict) else hits)})


def _derived(project_path) -> pymupdf.Document:
    """The PDF every renderer, OCR and detection opens for the document (as they do)."""
    from recto.annotations import documents as store
    from recto.annotations.project import Project
    from recto.app.documents import resolve_path
    with Project.open(project_path) as project:
        (doc,) = store.list_documents(project)
        return pymupdf.open(resolve_path(project, doc))


def test_a_folder_of_five_jpegs_is_one_document_ocrd_and_searchable(tmp_path):
    photos = photo_folder(tmp_path / "box 12")
    before = _hashes(photos)
    project = tmp_path / "p.recto"
    out = recto("add", project, tmp_path / "box 12", "--ref", "ICRC Archives, B AG 232")
    doc_id = out.stdout.strip()
    assert len(doc_id) == 36 and "5 pages" in out.stderr
    (doc,) = _info(project)
    assert doc["page_count"] == 5 and doc["title"] == "box 12"
    assert doc["sha256"] == hashlib.sha256(b"".join(p.read_bytes() for p in photos)).hexdigest()
    recto("ocr", project, doc_id, "--dpi", str(DPI), "--jobs", "2")
    # natural order: page10 and page11 come after page3, so page 4 is the Brezhnev annex
    for number, word in enumerate(WORDS, start=1):
        assert _search_pages(project, word) == [number], word
    assert _hashes(photos) == before
    assert sorted(p.name for p in (tmp_path / "box 12").iterdir()) == sorted(
        p.name for p in photos)


def test_the_same_folder_added_twice_is_one_document_even_after_a_move(tmp_path):
    photo_folder(tmp_path / "photos", count=2)
    project = tmp_path / "p.recto"
    first = recto("add", project, tmp_path / "photos").stdout.strip()
    (tmp_path / "photos").rename(tmp_path / "moved")
    again = recto("add", project, tmp_path / "moved")
    assert again.stdout.strip() == first and "nothing changed" in again.stderr
    (doc,) = _info(project)
    assert doc["path"] == str(tmp_path / "moved")


def test_a_multipage_tiff_is_one_document_ocrd_and_searchable(tmp_path):
    tiff = multipage_tiff(tmp_path / "scan.tiff")
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, tiff).stdout.strip()
    assert _info(project)[0]["page_count"] == 3
    recto("ocr", project, doc_id, "--dpi", str(DPI))
    assert _search_pages(project, "SYRIA") == [3]
    assert _search_pages(project, "Cyprus") == [1]


def test_each_makes_one_document_per_file_and_png_works(tmp_path):
    photo_folder(tmp_path / "photos", count=3, suffix="png")
    project = tmp_path / "p.recto"
    ids = recto("add", project, tmp_path / "photos", "--each").stdout.split()
    assert len(ids) == 3 and len(set(ids)) == 3
    assert [d["title"] for d in _info(project)] == ["page1", "page2", "page3"]


def test_pages_render_at_the_size_the_photo_stands_for(tmp_path):
    photos = photo_folder(tmp_path / "photos", count=2)
    project = tmp_path / "p.recto"
    recto("add", project, tmp_path / "photos")
    with _derived(project) as pdf:
        assert pdf.page_count == 2
        width_px = page_image("pdb_0006007849_p10_plain.pdf").width
        assert pdf[0].rect.width == pytest.approx(width_px * 72 / DPI)
        # an untouched JPEG goes into the derived PDF byte for byte
        xref = pdf[0].get_images()[0][0]
        assert pdf.extract_image(xref)["image"] == photos[0].read_bytes()


def test_reordering_pages_is_undoable(tmp_path):
    photo_folder(tmp_path / "photos", count=5)
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, tmp_path / "photos").stdout.strip()

    def first_page_height():
        with _derived(project) as pdf:
            return round(pdf[0].rect.height, 1), pdf.page_count

    original = first_page_height()
    recto("pages", "reorder", project, doc_id, "5,1,2,3,4")
    moved = first_page_height()
    assert moved != original and moved[1] == 5  # the CIB page is shorter than the PDB page
    assert "Undid: Reorder pages" in recto("undo", project).stderr
    assert first_page_height() == original
    recto("redo", project)
    assert first_page_height() == moved
    bad = recto("pages", "reorder", project, doc_id, "1,1,2,3,4", check=False)
    assert bad.returncode != 0 and "exactly once" in bad.stderr


def test_rotate_and_crop_before_ocr_then_arranging_is_refused(tmp_path):
    photo_folder(tmp_path / "photos", count=1)
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, tmp_path / "photos").stdout.strip()
    with _derived(project) as pdf:
        width, height = pdf[0].rect.width, pdf[0].rect.height
    recto("pages", "rotate", project, doc_id, "1", "90")
    with _derived(project) as pdf:
        assert (pdf[0].rect.width, pdf[0].rect.height) == pytest.approx((height, width), abs=1)
    recto("pages", "rotate", project, doc_id, "1", "270")
    recto("pages", "crop", project, doc_id, "1", "0,0,0.5,1")
    with _derived(project) as pdf:
        assert pdf[0].rect.width == pytest.approx(width / 2, abs=1)
        assert pdf[0].rect.height == pytest.approx(height, abs=1)
    recto("ocr", project, doc_id, "--dpi", str(DPI))
    late = recto("pages", "rotate", project, doc_id, "1", "90", check=False)
    assert late.returncode != 0 and "before OCR" in late.stderr


def test_redaction_detection_finds_the_same_bars_on_the_photo_as_on_the_pdf(tmp_path):
    from tests.conftest import SAMPLES
    folder = tmp_path / "photos"
    folder.mkdir()
    image = page_image("pdb_0006007849_p4.pdf", dpi=150, band=1.0)
    image.save(folder / "p4.png", dpi=(150, 150))
    project = tmp_path / "p.recto"
    photo_id = recto("add", project, folder).stdout.strip()
    pdf_id = recto("add", project, SAMPLES / "pdb_0006007849_p4.pdf").stdout.strip()
    recto("detect-redactions", project)
    rows = json.loads(recto("redactions", project, "--json").stdout)
    found = {d: sorted(round(r["bbox"][1]) for r in rows if r["document_id"] == d)
             for d in (photo_id, pdf_id)}
    assert len(found[photo_id]) >= 3
    assert len(found[photo_id]) == len(found[pdf_id])
    assert found[photo_id] == pytest.approx(found[pdf_id], abs=3)


@pytest.mark.parametrize("make, words", [
    (lambda d: d.mkdir() or d, "holds no JPEG, PNG or TIFF"),
    (lambda d: (d.with_suffix(".jpg").write_bytes(b"not a picture"), d.with_suffix(".jpg"))[1],
     "damaged"),
    (lambda d: (d.with_suffix(".txt").write_text("notes"), d.with_suffix(".txt"))[1],
     "not a PDF"),
])
def test_unusable_photos_are_one_line_and_a_non_zero_exit(tmp_path, make, words):
    source = make(tmp_path / "empty")
    out = recto("add", tmp_path / "p.recto", source, check=False)
    assert out.returncode == 2 and out.stdout == ""
    assert words in out.stderr and len(out.stderr.strip().splitlines()) == 1
