"""Evidence anchors: a page and a box checked against the document, with the quote under it.

Claims and release findings both point at pages; they share this one way of
reading a typed box, checking it lies on the page and quoting the words beneath.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.claims import EvidenceDraft
from recto.annotations.model import Anchor, Box, OcrWord
from recto.annotations.project import Project
from recto.app.errors import InvalidInputError


def parse_bbox(text: str | Sequence[float]) -> Box:
    """"x0,y0,x1,y1" (PDF points, top-left origin) or four numbers -> Box."""
    parts = text.replace(" ", "").split(",") if isinstance(text, str) else list(text)
    try:
        values = [float(v) for v in parts]
    except (TypeError, ValueError):
        values = []
    if len(values) != 4:
        raise InvalidInputError(
            f"\"{text}\" is not a box; give four numbers x0,y0,x1,y1 in PDF points.")
    return Box.of(values)


def words_in_box(words: Iterable[OcrWord], bbox: Box) -> list[tuple[int, OcrWord]]:
    """(index, word) of the words whose box centre lies inside `bbox`, in reading order."""
    chosen = []
    for i, w in enumerate(words):
        cx, cy = (w.bbox.x0 + w.bbox.x1) / 2, (w.bbox.y0 + w.bbox.y1) / 2
        if bbox.x0 <= cx <= bbox.x1 and bbox.y0 <= cy <= bbox.y1:
            chosen.append((i, w))
    return chosen


def join_words(words: Sequence[OcrWord]) -> str:
    """Words to a quote: spaces between words, none between CJK characters."""
    text = ""
    for w in words:
        if text and not (_is_cjk(text[-1]) and _is_cjk(w.text[:1])):
            text += " "
        text += w.text
    return text


def quote_line(text: str) -> str:
    """Page text (its lines, with placeholders) as a quote: lines joined as words are."""
    out = ""
    for line in (part.strip() for part in text.splitlines()):
        if line:
            if out and not (_is_cjk(out[-1]) and _is_cjk(line[0])):
                out += " "
            out += line
    return out


def _is_cjk(char: str) -> bool:
    if not char:
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"))


def make_evidence(project: Project, document_id: str, page_index: int, bbox: Box | str | None,
                  quote: str | None = None) -> EvidenceDraft:
    """Check the page and box, and fill the quote from the OCR words under the box."""
    document = doc_store.get_document(project, document_id)
    if page_index < 0 or page_index >= document.page_count:
        raise InvalidInputError(
            f"\"{document.title}\" has no page {page_index + 1} "
            f"(it has {document.page_count} page{'s' if document.page_count != 1 else ''}).")
    page = doc_store.get_page(project, document.id, page_index)
    box = None if bbox is None else (bbox if isinstance(bbox, Box) else parse_bbox(bbox))
    span: tuple[int | None, int | None] = (None, None)
    words_quote = ""
    if box is not None:
        _check_box(box, page.width, page.height, page_index)
        chosen = words_in_box(ocr_store.current_words(project, document.sha256, page_index), box)
        if chosen:
            span = (chosen[0][0], chosen[-1][0] + 1)
            words_quote = join_words([w for _, w in chosen])
    anchor = Anchor(document.id, page_index, box, *span)
    return EvidenceDraft(anchor, words_quote if quote is None else quote.strip())


def _check_box(box: Box, width: float, height: float, page_index: int) -> None:
    if box.width <= 0 or box.height <= 0:
        raise InvalidInputError("The box is empty; give x0,y0,x1,y1 with x1 > x0 and y1 > y0.")
    if not box.within(width, height):
        raise InvalidInputError(
            f"The box {box.as_list()} lies outside page {page_index + 1}, which is "
            f"{width:.0f} x {height:.0f} points.")
