"""REFI-QDA PDF selections land on the words they code, read back by pdfminer.six (a
PDF reader independent of MuPDF, working in PDF user space) on the PDF inside the .qdpx,
also on a page whose crop box does not start at the corner of its media box.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO

import pymupdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent

from recto.annotations import ocr_store
from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.export import ExportOptions, export_annotations

QDA = "{urn:QDA-XML:project:1.0}"
WORDS = [("Chalmers", 100, 200), ("Geneva", 300, 420), ("repatriation", 140, 650)]


def _pdf(path, crop: pymupdf.Rect | None) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for text, x, y in WORDS:
        page.insert_text((x, y), text, fontsize=12)
    if crop is not None:
        page.set_cropbox(crop)
    doc.save(path)


def _chars(node) -> list[LTChar]:
    if isinstance(node, LTChar):
        return [node]
    return [c for child in getattr(node, "_objs", []) for c in _chars(child)]


def _text_in(pdf: bytes, page: int, left: float, top: float, right: float,
             bottom: float) -> str:
    """The characters pdfminer finds with their middle inside the rectangle."""
    layout = list(extract_pages(BytesIO(pdf), page_numbers=[page]))[0]
    inside = [c for c in _chars(layout) if isinstance(c, LTComponent)
              and left <= (c.x0 + c.x1) / 2 <= right and bottom <= (c.y0 + c.y1) / 2 <= top]
    return "".join(c.get_text() for c in sorted(inside, key=lambda c: c.x0))


@pytest.mark.parametrize("crop", [None, pymupdf.Rect(50, 60, 550, 700)])
def test_a_pdf_selection_covers_its_word_in_pdf_user_space(tmp_path, crop):
    pdf = tmp_path / "letter.pdf"
    _pdf(pdf, crop)
    with Project.open(tmp_path / "p.recto", create=True) as proj:
        doc = add_pdf(proj, pdf).document
        words = {w.text: w for w in ocr_store.current_words(proj, doc.sha256, 0)}
        assert set(words) == {t for t, _, _ in WORDS}   # the text layer, read at once
        person, t = new_id(), now_iso()
        stamp = {"author": "tester", "created_at": t, "modified_at": t}
        with proj.edit("Mentions") as ed:
            ed.insert("actors", {"id": person, "name": "H. Chalmers", "type": "person", **stamp})
            for text in ("Chalmers", "repatriation"):
                b = words[text].bbox
                ed.insert("mentions", {
                    "id": new_id(), "actor_id": person, "document_id": doc.id,
                    "page_index": 0, "x0": b.x0, "y0": b.y0, "x1": b.x1, "y1": b.y1,
                    "text": text, "status": "confirmed", "origin": "manual", **stamp})
        out = tmp_path / "study.qdpx"
        export_annotations(proj, out, ExportOptions("qdpx"))
    with zipfile.ZipFile(out) as zf:
        root = ET.fromstring(zf.read("project.qde"))
        source = root.find(f"{QDA}Sources/{QDA}PDFSource")
        inside = zf.read(f"sources/{source.get('path').removeprefix('internal://')}")
    found = []
    for sel in source.findall(f"{QDA}PDFSelection"):
        a = {k: int(sel.get(k)) for k in ("page", "firstX", "firstY", "secondX", "secondY")}
        assert a["firstY"] > a["secondY"]          # first is the upper-left corner
        found.append(_text_in(inside, a["page"], a["firstX"], a["firstY"],
                              a["secondX"], a["secondY"]))
    assert sorted(found) == ["Chalmers", "repatriation"], json.dumps(found)
