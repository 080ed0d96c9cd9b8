"""Redaction detection on the real scans (ground truth by eye) and on generated pages."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest

from recto.annotations.model import Box, RedactionStyle
from recto.app.errors import CancelledError
from recto.app.jobs import TaskState
from recto.app.redactions.detect import detect_in_pdf, detect_redactions, render_gray
from recto.app.redactions.evaluate import load_truth, match_boxes, overall, page_words, score_page
from recto.app.redactions.exemption_codes import code_near, find_codes
from tests.map_pages import map_page

SCANS = Path(__file__).parent / "data" / "scans"
PLAIN = ("pdb_0006007849_p10_plain.pdf", "pdb_0006466926_p14_plain.pdf")


def _detect_file(name: str, with_words: bool = False):
    with pymupdf.open(SCANS / name) as doc:
        page = doc[0]
        words = page_words(page, ocr=False) if with_words else None
        return detect_redactions(render_gray(page, 150), page.rect.width, page.rect.height, words)


def test_precision_and_recall_on_real_scans():
    scores = []
    for truth in load_truth(SCANS / "redactions.json"):
        found = _detect_file(truth.file)
        scores.append(score_page(truth.file, [r.bbox for r in found],
                                 [r.code for r in found], truth.boxes))
    precision, recall, _ = overall(scores)
    assert precision >= 0.9, [(s.file, s.precision) for s in scores]
    assert recall >= 0.9, [(s.file, s.recall) for s in scores]


def test_styles_follow_the_page_kind():
    bars = _detect_file("court_cacd_630649_326_p20.pdf")
    boxes = _detect_file("pdb_0006007849_p4.pdf")
    assert bars and all(r.style is RedactionStyle.BLACK_BOX for r in bars)
    assert boxes and all(r.style is RedactionStyle.OUTLINE_BOX for r in boxes)
    assert all(0.0 <= r.confidence <= 1.0 for r in bars + boxes)


@pytest.mark.parametrize("name", PLAIN)
def test_plain_pages_give_no_suggestion(name):
    assert _detect_file(name) == []


def test_codes_read_from_the_text_layer():
    truth = next(t for t in load_truth(SCANS / "redactions.json")
                 if t.file == "cib_02733122_p2.pdf")
    found = _detect_file(truth.file, with_words=True)
    pairs = match_boxes([r.bbox for r in found], [b.bbox for b in truth.boxes])
    assert len(pairs) == len(truth.boxes)
    for i, j in pairs:
        assert found[i].code == truth.boxes[j].code


@pytest.mark.parametrize("text,codes", [
    ("(b)(1)", ["(b)(1)"]), ("(b) (7)(C)", ["(b)(7)(C)"]), ("(b)(l)", ["(b)(1)"]),
    ("25X1", ["25X1"]), ("25Xl", ["25X1"]), ("5OX1", ["50X1"]), ("25X11", ["25X1"]),
    ("3.3(h)(2)", ["3.3(h)(2)"]), ("3.5(c)", ["3.5(c)"]), ("1.4(c)", ["1.4(c)"]),
    ("page 25 of 1925X1", []), ("the 1950s", []),
])
def test_exemption_codes_as_printed(text, codes):
    assert find_codes(text) == codes


def test_code_near_prefers_the_same_line_band():
    from recto.annotations.model import OcrWord
    box = Box(100, 200, 300, 215)
    words = [OcrWord("25X1", Box(500, 180, 525, 190)), OcrWord("50X1", Box(500, 203, 525, 212)),
             OcrWord("(b)(3)", Box(520, 400, 550, 410))]
    assert code_near(box, words) == "50X1"
    assert code_near(Box(100, 600, 200, 620), words) is None


def _clutter_page(doc: pymupdf.Document) -> pymupdf.Page:
    """Things that look like boxes but are not redactions: a stamp, a table, a photo,
    a page frame, underlined text."""
    page = doc.new_page(width=612, height=792)
    page.draw_rect(pymupdf.Rect(20, 20, 592, 772), color=(0, 0, 0), width=1.5)
    page.insert_text((72, 80), "MEMORANDUM FOR THE RECORD", fontname="cour", fontsize=12)
    page.draw_line((72, 83), (260, 83), color=(0, 0, 0), width=0.8)
    stamp = pymupdf.Rect(360, 50, 540, 100)
    page.draw_rect(stamp, color=(0.2, 0.2, 0.2), width=2)
    page.insert_textbox(stamp + (6, 8, -6, -4), "APPROVED FOR RELEASE\nDATE: 12 JUN 1998",
                        fontname="helv", fontsize=11, align=1)
    for r in range(5):
        for c in range(4):
            cell = pymupdf.Rect(72 + c * 110, 140 + r * 22, 182 + c * 110, 162 + r * 22)
            page.draw_rect(cell, color=(0, 0, 0), width=0.7)
            page.insert_text(cell.tl + (6, 15), f"Item {r}.{c} 1953", fontname="helv",
                             fontsize=10)
    rng = np.random.default_rng(7)
    noise = rng.normal(120, 60, (150, 200)).clip(0, 255)
    ramp = np.linspace(40, 200, 200)[None, :]
    photo = ((noise + ramp) / 2).astype(np.uint8)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, 200, 150, photo.tobytes(), False)
    page.insert_image(pymupdf.Rect(72, 300, 372, 525), pixmap=pix)
    page.draw_rect(pymupdf.Rect(72, 300, 372, 525), color=(0, 0, 0), width=1)
    for k in range(8):
        page.insert_text((72, 560 + 16 * k), "The committee met on Thursday to review "
                         "the estimate of returnees.", fontname="cour", fontsize=11)
    return page


def test_stamp_table_photo_and_frame_are_not_redactions():
    with pymupdf.open() as doc:
        page = _clutter_page(doc)
        found = detect_redactions(render_gray(page, 150), page.rect.width, page.rect.height)
    assert found == []


def test_generated_bar_and_box_are_found(tmp_path):
    path = tmp_path / "made.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        for k in range(6):
            page.insert_text((72, 100 + 16 * k), "The committee met on Thursday to review "
                             "the estimate.", fontname="cour", fontsize=11)
        bar = pymupdf.Rect(150, 120, 400, 133)
        box = pymupdf.Rect(72, 250, 450, 300)
        page.draw_rect(bar, color=(0, 0, 0), fill=(0, 0, 0))
        page.draw_rect(box, color=(0.6, 0.6, 0.6), width=0.6)
        page.insert_text((480, 280), "(b)(1)", fontname="helv", fontsize=10)
        doc.save(path)
    skipped: list = []
    seen: list = []
    results = detect_in_pdf(path, state=TaskState(lambda d, t, m: seen.append((d, t))),
                            skipped=skipped)
    boxes = {r.style: r.bbox for _, r in results}
    assert len(results) == 2 and skipped == [] and seen[-1] == (1, 1)
    assert boxes[RedactionStyle.BLACK_BOX].iou(Box.of(bar)) > 0.8
    assert boxes[RedactionStyle.OUTLINE_BOX].iou(Box.of(box)) > 0.8


def test_detect_in_pdf_stops_when_cancelled():
    state = TaskState()
    state.cancel()
    with pytest.raises(CancelledError):
        detect_in_pdf(SCANS / "court_cacd_630649_326_p10.pdf", state=state)


def test_a_page_that_cannot_be_drawn_is_skipped_not_hung(tmp_path, monkeypatch):
    """`recto detect-redactions FILE.pdf` on a damaged scan MuPDF spins on: reported, skipped."""
    import time

    from recto.app.pdf import render_service
    from recto.app.redactions.detect import detect_in_pdf
    from tests.fuzz_pdfs import Mutator, seed_files
    monkeypatch.setattr(render_service, "DRAW_TIMEOUT_S", 2.0)
    spins = tmp_path / "spins.pdf"
    spins.write_bytes(Mutator(seed_files(tmp_path / "seeds"), 2).case(1024).data)
    skipped: list = []
    start = time.monotonic()
    assert detect_in_pdf(spins, skipped=skipped) == []
    assert time.monotonic() - start < 15
    assert [index for index, _ in skipped] == [0] and "could not be drawn" in skipped[0][1]


@pytest.mark.parametrize("seed", [2, 10])
def test_map_graticule_cells_are_not_redactions_but_boxes_beside_them_are(seed):
    """Made-up globes (tests/map_pages.py): every enclosed cell of the curved graticule
    is a white region walled by thin lines, like an outlined box, and must not be
    reported; the outlined boxes in the text column and beside the classification
    (with the release stamp printed across its top) must be."""
    page = map_page(seed, skew_deg=0.8 if seed == 2 else 0.0)
    found = [r.bbox for r in detect_redactions(page.gray, page.width_pt, page.height_pt)]
    pairs = match_boxes(found, list(page.boxes))
    assert len(pairs) == len(page.boxes), "a drawn redaction was missed"
    assert len(found) == len(page.boxes), f"map cells reported: {found}"


def test_the_text_layer_is_read_in_the_time_limited_child_not_by_the_caller(tmp_path,
                                                                           monkeypatch):
    """`recto detect-redactions FILE.pdf` reads each page's text layer (for the codes
    beside the boxes) in the renderer's child, under its time limit: a hostile text layer
    cannot stall the caller."""
    from recto.app.redactions import detect

    def on_the_callers_thread(page):
        raise AssertionError("the text layer was read by the caller")
    monkeypatch.setattr(detect, "page_text_words", on_the_callers_thread)
    path = tmp_path / "coded.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.draw_rect(pymupdf.Rect(72, 250, 450, 300), color=(0, 0, 0), fill=(0, 0, 0))
        page.insert_text((460, 280), "(b)(1)", fontname="helv", fontsize=10)
        doc.save(path)
    skipped: list = []
    found = detect_in_pdf(path, skipped=skipped)
    assert skipped == [] and [r.code for _, r in found] == ["(b)(1)"]
