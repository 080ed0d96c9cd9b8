"""One page's redaction analysis, run in the drawing helper process.

The page is drawn there first (`IsolatedRenderer.render`, with its own time limit);
reading its text layer (for failed redactions and, before OCR, the words codes are
read from) and the exemption codes beside the boxes call MuPDF and Tesseract, and
MuPDF keeps Python's lock while it works: on the window's job thread a hostile page
would freeze the window, and no Python timer could stop it. In the helper
(`IsolatedRenderer.call`) the caller waits with a time limit and a Cancel, and a page
past its limit costs only a new helper.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recto.annotations.model import Box, OcrWord, RedactionStyle
from recto.app.redactions.budget import PageBudget
from recto.app.redactions.recoverable import RecoverableText

# Beyond the analysis budget, time for the text layer and Tesseract on the margins: past
# budget + margin the helper is replaced and the page reported as skipped.
MARGIN_S = 30.0
DUPLICATE_IOU = 0.5             # boxes overlapping this much are one redaction
RECOVERABLE_CONFIDENCE = 0.95   # a failed redaction found in the text layer


@dataclass(frozen=True)
class FoundBox:
    """A box on the page with what the analysis knows of it."""
    bbox: Box
    style: RedactionStyle
    confidence: float
    codes: tuple[str, ...]
    polygon: tuple[tuple[float, float], ...] = ()
    hidden: RecoverableText | None = None   # text still extractable under it


@dataclass(frozen=True)
class PageAnalysis:
    boxes: tuple[FoundBox, ...]
    words: tuple[OcrWord, ...]   # the words codes and extents were read from


def analyse_page(path: str, page_index: int, gray: np.ndarray,
                 words: tuple[OcrWord, ...] | None, seconds: float) -> PageAnalysis:
    """`analyse` on page `page_index` of the PDF at `path` (kept open for the next call)."""
    from recto.app.pdf.reader import kept_open
    return analyse(kept_open(path).load_page(page_index), gray, words, seconds)


def analyse(page, gray: np.ndarray, words, seconds: float) -> PageAnalysis:
    """Boxes on the page image `gray`, failed redactions in the page's text layer, and
    each box's exemption code (from `words`, else the text layer, else Tesseract beside
    the box), within a budget of `seconds` (the caller's, as it may set it)."""
    from recto.app.redactions.detect import detect_redactions, page_text_words
    from recto.app.redactions.exemption_codes import code_near
    from recto.app.redactions.recoverable import find_recoverable
    page_index = page.number
    width, height = page.rect.width, page.rect.height
    used = list(words) if words else page_text_words(page)
    budget = PageBudget(page_index, seconds)   # a hostile page is skipped with a sentence
    detected = detect_redactions(gray, width, height, used, budget)
    leaks = find_recoverable(page, budget)
    extra = [r for r in leaks if not any(r.bbox.iou(d.bbox) >= DUPLICATE_IOU for d in detected)]
    boxes = [FoundBox(d.bbox, d.style, d.confidence, (d.code,) if d.code else (), d.polygon,
                      next((r for r in leaks if r.bbox.iou(d.bbox) >= DUPLICATE_IOU), None))
             for d in detected]
    for r in extra:
        code = code_near(r.bbox, used)
        boxes.append(FoundBox(r.bbox, RedactionStyle.BLACK_BOX, RECOVERABLE_CONFIDENCE,
                              (code,) if code else (), (), r))
    missing = [k for k, b in enumerate(boxes) if not b.codes]
    if missing:   # not OCR'd yet, or the OCR garbled the margin: read it beside the boxes
        from recto.app.redactions.margin_codes import margin_codes
        read = margin_codes(gray, width, height, [boxes[k].bbox for k in missing])
        for k, m in zip(missing, read, strict=True):
            if m:
                b = boxes[k]
                boxes[k] = FoundBox(b.bbox, b.style, b.confidence, (m,), b.polygon, b.hidden)
    return PageAnalysis(tuple(boxes), tuple(used))
