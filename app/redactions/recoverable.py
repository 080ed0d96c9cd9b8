"""Failed redactions on born-digital pages: a black box drawn over text that is still there.

Drawing a filled rectangle (or a dark Square / Highlight annotation, or an
unapplied Redact annotation) over text hides it on screen only; the words stay
in the content stream and copy-and-paste recovers them. A proper redaction
(`apply_redactions`) removes them. This module finds the first kind and returns
what can be read under each box, so the historian can mark it `text_recoverable`.

A box only hides text painted before it: white lettering on a black banner is
drawn after the banner, so it is visible and not reported.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from annotations.model import Box

DARK_LUMA = 0.35         # fill darker than this hides text (0 black, 1 white)
MIN_SIDE_PT = 2.0
MIN_OPACITY = 0.8
WORD_COVER = 0.5         # share of a word's box under the redaction box
_ANNOT_KINDS = {pymupdf.PDF_ANNOT_SQUARE, pymupdf.PDF_ANNOT_HIGHLIGHT,
                pymupdf.PDF_ANNOT_REDACT, pymupdf.PDF_ANNOT_POLYGON}
_ON_TOP = 10 ** 9        # annotations are painted after all page content


@dataclass(frozen=True)
class RecoverableText:
    bbox: Box
    hidden_text: str
    source: str           # "drawing" or "annotation:<type>"


def find_recoverable(page: pymupdf.Page) -> list[RecoverableText]:
    """Boxes on `page` that cover text still extractable underneath, in reading order."""
    words = page.get_text("words", sort=True)
    if not words:
        return []
    spans = _text_spans(page)
    found = []
    for rect, seqno, source in _dark_boxes(page):
        hidden = [w for w in words if _covered(rect, w) and _painted_before(spans, w, seqno)]
        if hidden:
            text = " ".join(w[4] for w in hidden)
            found.append(RecoverableText(Box.of(rect), text, source))
    return found


def recoverable_in_pdf(path: str | Path) -> list[tuple[int, RecoverableText]]:
    """Every recoverable box of a PDF as (page_index, finding)."""
    out = []
    with pymupdf.open(str(path)) as doc:
        for index, page in enumerate(doc):
            out.extend((index, r) for r in find_recoverable(page))
    return out


def _dark_boxes(page: pymupdf.Page):
    """(rect, paint order, source) of every dark filled shape and redaction-like annot."""
    for d in page.get_drawings():
        fill = d.get("fill")
        if fill is None or (d.get("fill_opacity") or 1.0) < MIN_OPACITY:
            continue
        rect = pymupdf.Rect(d["rect"])
        if _luma(fill) <= DARK_LUMA and _big_enough(rect):
            yield rect, d.get("seqno", 0), "drawing"
    for annot in page.annots() or []:
        kind = annot.type[0]
        if kind not in _ANNOT_KINDS or not _big_enough(annot.rect):
            continue
        colors = annot.colors or {}
        color = colors.get("fill") or (colors.get("stroke") if kind == pymupdf.PDF_ANNOT_HIGHLIGHT
                                       else None)
        if kind == pymupdf.PDF_ANNOT_REDACT or (color and _luma(color) <= DARK_LUMA):
            yield pymupdf.Rect(annot.rect), _ON_TOP, f"annotation:{annot.type[1]}"


def _text_spans(page: pymupdf.Page) -> list[tuple[pymupdf.Rect, int]]:
    """Every text span's box and paint order (invisible OCR text included)."""
    return [(pymupdf.Rect(s["bbox"]), s["seqno"]) for s in page.get_texttrace()]


def _painted_before(spans, word, seqno: int) -> bool:
    wrect = pymupdf.Rect(word[:4])
    order = [n for rect, n in spans if rect.intersects(wrect)]
    return not order or min(order) < seqno


def _covered(rect: pymupdf.Rect, word) -> bool:
    wrect = pymupdf.Rect(word[:4])
    area = wrect.get_area()
    return area > 0 and (wrect & rect).get_area() >= WORD_COVER * area


def _luma(color) -> float:
    if len(color) == 1:
        return float(color[0])
    if len(color) == 4:   # CMYK
        c, m, y, k = color
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        r, g, b = color[:3]
    return 0.299 * r + 0.587 * g + 0.114 * b


def _big_enough(rect: pymupdf.Rect) -> bool:
    return rect.width >= MIN_SIDE_PT and rect.height >= MIN_SIDE_PT
