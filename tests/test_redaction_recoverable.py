"""Failed born-digital redactions: boxes drawn over text that can still be extracted."""
from __future__ import annotations

import pymupdf

from annotations.model import Box
from app.redactions.recoverable import find_recoverable, recoverable_in_pdf

LINES = ["The committee met on 15 December 1955 to approve the plan.",
         "Agent CARDINAL reported from Vienna on the second day.",
         "The estimate of returnees was revised to about 60,000."]


def _page_with_text(doc: pymupdf.Document) -> pymupdf.Page:
    page = doc.new_page(width=612, height=792)
    for k, line in enumerate(LINES):
        page.insert_text((72, 100 + 20 * k), line, fontname="cour", fontsize=11)
    return page


def _word_rect(page: pymupdf.Page, *words: str) -> pymupdf.Rect:
    rects = [pymupdf.Rect(w[:4]) for w in page.get_text("words") if w[4] in words]
    out = rects[0]
    for r in rects[1:]:
        out |= r
    return out + (-1, -1, 1, 1)


def test_box_drawn_over_text_is_flagged_with_the_hidden_words(tmp_path):
    path = tmp_path / "leaky.pdf"
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        rect = _word_rect(page, "CARDINAL", "reported")
        page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
        doc.save(path)
    found = recoverable_in_pdf(path)
    assert len(found) == 1
    index, hit = found[0]
    assert index == 0 and hit.source == "drawing"
    assert hit.hidden_text == "CARDINAL reported"
    assert hit.bbox.iou(Box.of(rect)) > 0.95


def test_applied_redaction_is_not_flagged():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        page.add_redact_annot(_word_rect(page, "CARDINAL"), fill=(0, 0, 0))
        page.apply_redactions()
        assert "CARDINAL" not in page.get_text()
        assert find_recoverable(page) == []


def test_unapplied_redact_dark_square_and_black_highlight_are_flagged():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        page.add_redact_annot(_word_rect(page, "Vienna"), fill=(0, 0, 0))
        square = page.add_rect_annot(_word_rect(page, "60,000."))
        square.set_colors(stroke=(0, 0, 0), fill=(0, 0, 0))
        square.update()
        marker = page.add_highlight_annot(_word_rect(page, "committee") + (1, 1, -1, -1))
        marker.set_colors(stroke=(0, 0, 0))
        marker.update()
        hits = {h.hidden_text: h.source for h in find_recoverable(page)}
    assert hits == {"Vienna": "annotation:Redact", "60,000.": "annotation:Square",
                    "committee": "annotation:Highlight"}


def test_box_over_empty_space_and_white_on_black_banner_are_not_flagged():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        page.draw_rect(pymupdf.Rect(72, 300, 300, 320), color=(0, 0, 0), fill=(0, 0, 0))
        page.draw_rect(pymupdf.Rect(72, 400, 300, 420), color=(0, 0, 0), fill=(0, 0, 0))
        page.insert_text((80, 414), "SECRET BANNER", fontname="helv", fontsize=11,
                         color=(1, 1, 1))
        page.draw_rect(_word_rect(page, "committee"), color=(0, 0, 0), fill=(0.9, 0.9, 0.9))
        assert find_recoverable(page) == []
