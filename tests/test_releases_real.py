"""A real pair: one typewritten PDB page (CIA, 1974) released twice with different boxes.

Release A blacks out a name, release B a figure and a place; both are rasterised
like the original scan, OCR'd with Tesseract and given redactions by the project's
own detector (stored as suggestions), so the comparison reads the project's boxes.
"""
from __future__ import annotations

import cv2
import numpy as np
import pymupdf
import pytest
from rapidfuzz import fuzz

from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.ocr.engine import OcrSettings, ocr_image
from recto.app.ocr.pipeline import ocr_document
from recto.app.redactions.service import detect_document, detect_document_boxes
from recto.app.releases import service as releases
from recto.app.releases.align import REVEALED_IN_A, REVEALED_IN_B, norm
from tests.conftest import SCANS

pytestmark = pytest.mark.slow  # a campaign or real-script flow: scripts/test.sh --fast skips it

PAGE = SCANS / "pdb_0006007849_p10_plain.pdf"
DPI = 200
HIDDEN_A = ["Vassos Lyssarides"]
HIDDEN_B = ["13.3 million tons", "Nicosia"]


def _gray(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()


def _phrase_box(words, phrase: str) -> tuple[float, float, float, float]:
    """Box in points of the OCR words that spell `phrase` (punctuation ignored)."""
    keys = [norm(p) for p in phrase.split()]
    texts = [norm(w.text) for w in words]
    for i in range(len(texts) - len(keys) + 1):
        if texts[i:i + len(keys)] == keys:
            chosen = [w.bbox for w in words[i:i + len(keys)]]
            return (min(b.x0 for b in chosen), min(b.y0 for b in chosen),
                    max(b.x1 for b in chosen), max(b.y1 for b in chosen))
    raise AssertionError(f"{phrase!r} not read on the page")


def _release(path, gray: np.ndarray, boxes, size) -> None:
    img = gray.copy()
    k = DPI / 72
    for x0, y0, x1, y1 in boxes:
        cv2.rectangle(img, (int((x0 - 2) * k), int((y0 - 2) * k)),
                      (int((x1 + 2) * k), int((y1 + 2) * k)), 0, -1)
    ok, png = cv2.imencode(".png", img)
    assert ok
    doc = pymupdf.open()
    page = doc.new_page(width=size[0], height=size[1])
    page.insert_image(page.rect, stream=png.tobytes())
    doc.save(path)
    doc.close()


@pytest.fixture(scope="module")
def real_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real_pair")
    with pymupdf.open(PAGE) as src:
        page = src[0]
        size = (page.rect.width, page.rect.height)
        words = ocr_image(_gray(page, 300), OcrSettings(), *size).words
        gray = _gray(page, DPI)
    boxes = {p: _phrase_box(words, p) for p in HIDDEN_A + HIDDEN_B}
    _release(folder / "pdb_release_a.pdf", gray, [boxes[p] for p in HIDDEN_A], size)
    _release(folder / "pdb_release_b.pdf", gray, [boxes[p] for p in HIDDEN_B], size)
    path = folder / "real.recto"
    with Project.open(path, create=True) as project:
        docs = [add_pdf(project, folder / f"pdb_release_{s}.pdf").document for s in "ab"]
        for doc in docs:
            assert ocr_document(project, doc, OcrSettings(), jobs=2).complete
            assert detect_document(project, doc).added >= 1
        result = releases.compare(project, docs[0].id, docs[1].id, detect=detect_document_boxes)
    return result, boxes


def test_each_phrase_hidden_in_one_release_is_read_from_the_other(real_pair):
    result, boxes = real_pair
    assert result.box_source_a == result.box_source_b == "project"
    expected = [(p, REVEALED_IN_B) for p in HIDDEN_A] + [(p, REVEALED_IN_A) for p in HIDDEN_B]
    texts = [(f.text_revealed, f.direction) for f in result.findings]
    assert len(result.findings) == len(expected), texts
    for phrase, direction in expected:
        hits = [f for f in result.findings
                if fuzz.ratio(norm(f.text_revealed), norm(phrase)) >= 85]
        assert len(hits) == 1, (phrase, texts)
        f = hits[0]
        assert f.direction == direction
        assert (f.page_a, f.page_b) == (0, 0)
        hidden = f.bbox_a if direction == REVEALED_IN_B else f.bbox_b
        x0, y0, x1, y1 = boxes[phrase]
        assert hidden.x0 <= x0 + 1 and hidden.x1 >= x1 - 1   # the detected box covers it


def test_differences_on_the_same_scan_are_few_and_never_findings(real_pair):
    result, _ = real_pair
    assert [(m.page_a, m.page_b) for m in result.pages] == [(0, 0)]
    assert all(d.kind in ("ocr", "other") for d in result.differences)
    assert len(result.differences) <= 10
