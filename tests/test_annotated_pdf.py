"""`recto export --format pdf`: a searchable, annotated copy read back with PyMuPDF.

Built on a photo document (image only: no text until Recto's OCR) and on a real
sample PDF, with real OCR, a confirmed redaction, a confirmed mention and a claim."""
from __future__ import annotations

import hashlib
import json
import shutil

import pymupdf
import pytest

from tests.cli_runner import recto
from tests.conftest import SAMPLES
from tests.photo_fixtures import DPI, photo_folder


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _annotate(project, doc_id) -> None:
    hits = json.loads(recto("search", project, "Cyprus", "--doc", doc_id, "--json").stdout)
    box = ",".join(f"{v:.1f}" for v in hits[0]["bboxes"][0])
    recto("redaction-add", project, "--doc", doc_id, "--page", "1", "--bbox", "60,20,300,40",
          "--code", "25X1")
    actor = recto("actor-add", project, "Cyprus", "--type", "state").stdout.strip()
    recto("mention-add", project, actor, doc_id, "1", "--bbox", box)
    recto("claim-add", project, "--statement", "Protests were planned in Nicosia",
          "--doc", doc_id, "--page", "1", "--bbox", box)


def _annots(page) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in page.annots():
        out.setdefault(a.type[1], []).append(a.info["content"])
    return out


@pytest.mark.slow
def test_a_photo_document_becomes_a_searchable_annotated_pdf(tmp_path):
    photos = photo_folder(tmp_path / "photos", count=1)
    before = _sha(photos[0])
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, tmp_path / "photos", "--ref", "CIA FOIA, PDB").stdout.strip()
    recto("ocr", project, doc_id, "--dpi", str(DPI))
    _annotate(project, doc_id)
    out = tmp_path / "out.pdf"
    result = json.loads(recto("export", project, out, "--format", "pdf", "--document", doc_id,
                              "--json").stdout)
    assert result[0]["text_pages"] == 1 and result[0]["words"] > 20
    with pymupdf.open(out) as pdf:
        page = pdf[0]
        text = page.get_text()
        assert "Cyprus" in text and "Nicosia" in text
        annots = _annots(page)
    assert len(annots["Square"]) == 1 and "25X1" in annots["Square"][0]
    assert len(annots["Highlight"]) == 2
    assert any(n.startswith("Cyprus") for n in annots["Highlight"])
    assert any("Protests were planned in Nicosia" in n and "CIA FOIA, PDB, p. 1" in n
               for n in annots["Highlight"])
    assert _sha(photos[0]) == before


@pytest.mark.slow
def test_without_document_every_document_gets_its_pdf_and_the_original_is_untouched(tmp_path):
    pdf_path = tmp_path / "court.pdf"
    shutil.copy(SAMPLES / "pdb_0006007849_p10_plain.pdf", pdf_path)
    before = _sha(pdf_path)
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, pdf_path).stdout.strip()
    recto("ocr", project, doc_id, "--dpi", "150")
    _annotate(project, doc_id)
    photo_folder(tmp_path / "photos", count=2)
    recto("add", project, tmp_path / "photos")
    out = tmp_path / "pdfs"
    recto("export", project, out, "--format", "pdf")
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 2
    with pymupdf.open(next(f for f in files if f.name.startswith("court"))) as pdf:
        annots = _annots(pdf[0])
        assert "Cyprus" in pdf[0].get_text()
    assert len(annots["Square"]) == 1 and len(annots["Highlight"]) == 2
    assert _sha(pdf_path) == before


def test_the_text_layer_keeps_every_script_recto_reads():
    from recto.annotations.model import Box, OcrWord
    from recto.app.pdf.annotated import _text_layer
    words = ["Москва", "総連", "총련", "Sōren", "帰国事業"]
    with pymupdf.open() as pdf:
        page = pdf.new_page()
        placed = _text_layer(page, [OcrWord(w, Box(50, 100 + 30 * i, 200, 120 + 30 * i))
                                    for i, w in enumerate(words)])
        assert placed == 5
        assert page.get_text().split() == words


def test_only_confirmed_redactions_become_squares(tmp_path, project, sample_pdf):
    from recto.annotations.model import Box, Origin, Redaction, Status
    from recto.annotations.redactions import add_redactions
    from recto.app.documents import add_pdf
    from recto.app.pdf.annotated import write_annotated_pdf
    doc = add_pdf(project, sample_pdf).document
    add_redactions(project, [
        Redaction("", doc.id, 0, Box(60, 20, 300, 40), codes=("25X1",), extent_chars=40),
        Redaction("", doc.id, 0, Box(60, 60, 300, 80), origin=Origin.DETECTED,
                  status=Status.SUGGESTED),
        Redaction("", doc.id, 0, Box(60, 90, 300, 99), status=Status.REJECTED),
    ], "Add redactions")
    result = write_annotated_pdf(project, doc, tmp_path / "copy.pdf")
    assert result.redactions == 1
    with pymupdf.open(tmp_path / "copy.pdf") as pdf:
        page = pdf[0]
        (square,) = list(page.annots())
        assert square.type[1] == "Square"
        assert tuple(square.rect) == pytest.approx((60, 20, 300, 40), abs=1.5)  # + border
        assert "25X1" in square.info["content"] and "~40 chars" in square.info["content"]
