"""Failed born-digital redactions: boxes drawn over text that can still be extracted."""
from __future__ import annotations

import pymupdf

from recto.annotations.model import Box
from recto.app.redactions.recoverable import (
    HiddenText,
    find_hidden,
    find_recoverable,
    recoverable_in_pdf,
)

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
        assert find_hidden(page) == HiddenText((), ())


def test_black_text_typed_after_a_black_box_is_black_on_black_and_flagged():
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "Meeting with", fontname="cour", fontsize=11)
        bar = pymupdf.Rect(160, 89, 260, 104)
        page.draw_rect(bar, color=(0, 0, 0), fill=(0, 0, 0))
        page.insert_text((164, 100), "SOURCE RAVEN", fontname="cour", fontsize=11)
        found = find_hidden(page)
    assert [(h.hidden_text, h.source) for h in found.failed] == [("SOURCE RAVEN", "drawing")]
    assert found.failed[0].bbox.iou(Box.of(bar)) > 0.95
    assert found.invisible == ()


def test_light_opaque_box_over_text_is_a_failed_whiteout():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        rect = _word_rect(page, "committee")
        page.draw_rect(rect, color=None, fill=(0.9, 0.9, 0.9))
        found = find_hidden(page)
    assert [(h.hidden_text, h.source) for h in found.failed] == [("committee", "drawing")]
    assert found.failed[0].bbox.iou(Box.of(rect)) > 0.95


def test_cross_hatched_box_still_hides_the_text_under_it():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        rect = _word_rect(page, "Vienna")
        page.draw_rect(rect, color=None, fill=(0, 0, 0))
        for x in range(int(rect.x0) - 20, int(rect.x1), 5):   # white diagonal hatching
            page.draw_line((x, rect.y1), (x + rect.height, rect.y0), color=(1, 1, 1), width=0.6)
        hits = find_recoverable(page)
    assert [h.hidden_text for h in hits] == ["Vienna"]
    assert hits[0].bbox.iou(Box.of(rect)) > 0.8


def test_label_naming_the_redaction_is_not_a_leak():
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "Privilege", fontname="helv", fontsize=11)
        page.insert_text((72, 130), "(b)(6) Walter", fontname="helv", fontsize=11)
        page.draw_rect(pymupdf.Rect(70, 88, 200, 104), color=None, fill=(0, 0, 0))
        page.draw_rect(pymupdf.Rect(70, 118, 200, 134), color=None, fill=(0, 0, 0))
        page.draw_rect(pymupdf.Rect(70, 148, 200, 164), color=None, fill=(0, 0, 0))
        page.insert_text((80, 160), "REDACTED", fontname="helv", fontsize=11, color=(1, 1, 1))
        hits = find_recoverable(page)
    assert [h.hidden_text for h in hits] == ["Walter"]


def test_red_stamp_with_red_text_on_white_fill_is_visible():
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.draw_rect(pymupdf.Rect(300, 60, 520, 110), color=(0.8, 0, 0), fill=(1, 1, 1),
                       width=2)
        page.insert_text((310, 90), "APPROVED FOR RELEASE", fontname="helv", fontsize=14,
                         color=(0.8, 0, 0))
        assert find_hidden(page) == HiddenText((), ())


def test_three_stacked_bars_are_three_boxes_and_the_lines_between_stay_visible():
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        lines = ["alpha one", "visible two", "bravo three", "visible four", "charlie five"]
        for k, line in enumerate(lines):
            page.insert_text((72, 100 + 16 * k), line, fontname="cour", fontsize=11)
        shape = page.new_shape()   # one path, three bars: its bounding box is their union
        bars = [pymupdf.Rect(70, 90 + 32 * k, 200, 103 + 32 * k) for k in range(3)]
        for bar in bars:
            shape.draw_rect(bar)
        shape.finish(color=None, fill=(0, 0, 0))
        shape.commit()
        hits = find_recoverable(page)
    assert [h.hidden_text for h in hits] == ["alpha one", "bravo three", "charlie five"]
    for hit, bar in zip(hits, bars, strict=True):
        assert hit.bbox.iou(Box.of(bar)) > 0.8


def test_white_text_on_white_is_invisible_text_not_a_failed_redaction():
    with pymupdf.open() as doc:
        page = _page_with_text(doc)
        page.insert_text((72, 300), "keywords for search engines", fontname="helv",
                         fontsize=11, color=(1, 1, 1))
        found = find_hidden(page)
    assert found.failed == ()
    assert [t.text for t in found.invisible] == ["keywords for search engines"]


def test_invisible_ocr_layer_under_a_scan_with_burnt_in_bars(tmp_path):
    """The scan shows every word but CARDINAL, blacked out in the image; the OCR layer
    (render mode 3) still holds it. Only that word leaks."""
    with pymupdf.open() as src:
        page = _page_with_text(src)
        bar = _word_rect(page, "CARDINAL")
        page.draw_rect(bar, color=None, fill=(0, 0, 0))
        png = page.get_pixmap(dpi=150).tobytes("png")
        words = page.get_text("words")
    path = tmp_path / "scan.pdf"
    with pymupdf.open() as doc:
        scan = doc.new_page(width=612, height=792)
        scan.insert_image(scan.rect, stream=png)
        for k, line in enumerate(LINES):
            scan.insert_text((72, 100 + 20 * k), line, fontname="cour", fontsize=11,
                             render_mode=3)
        doc.save(path)
    found = recoverable_in_pdf(path)
    assert [(i, h.hidden_text, h.source) for i, h in found] == [(0, "CARDINAL", "image")]
    assert found[0][1].bbox.iou(Box.of(bar)) > 0.8
    with pymupdf.open(path) as doc:
        assert find_hidden(doc[0]).invisible == ()
    assert len(words) > 20
