"""Page text as exported: reading order, with `[REDACTED ~N chars]` where a box hides text.

An annotation set must show *where* something was withheld, not the OCR noise a
black bar produces. The text is rebuilt from the page's current OCR words and its
confirmed redaction boxes (app.text.placeholders), without writing anything back.
Pages that cannot be rebuilt keep their stored text: a page with no words (an
imported set brings text but usually no words) already carries its placeholders,
and rebuilding it would lose the text or double them.
"""
from __future__ import annotations

from collections.abc import Callable

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import Box, Document, OcrWord, Status
from recto.annotations.project import Project
from recto.app.text.placeholders import text_with_placeholders

PLACEHOLDER = "[REDACTED ~"
PageTextFn = Callable[[str, int], str]


def page_text_with_placeholders(project: Project) -> PageTextFn:
    """A `page_text(document_id, page_index)` for export: confirmed boxes are read once,
    on the first call (an export reads every page), words page by page."""
    boxes: dict[tuple[str, int], list[Box]] | None = None
    shas: dict[str, str] = {}

    def page_text(document_id: str, page_index: int) -> str:
        nonlocal boxes
        if boxes is None:
            boxes = confirmed_boxes(project)
        if document_id not in shas:
            shas[document_id] = doc_store.get_document(project, document_id).sha256
        sha = shas[document_id]
        current = ocr_store.current_text(project, sha, page_index)
        stored = current.text if current is not None else ""
        return rebuilt_text(stored, ocr_store.current_words(project, sha, page_index),
                            boxes.get((document_id, page_index), []))

    return page_text


def rebuilt_text(stored: str, words: list, boxes: list[Box]) -> str:
    """The rule, apart from the store: rebuild only when there is something to place
    (a confirmed box, or a stale placeholder to remove) and words to place it among."""
    if not words:
        return stored
    if not boxes and PLACEHOLDER not in stored:
        return stored
    return text_with_placeholders(words, boxes)


def confirmed_boxes(project: Project) -> dict[tuple[str, int], list[Box]]:
    """Boxes of confirmed redactions by (document_id, page_index), in reading order."""
    out: dict[tuple[str, int], list[Box]] = {}
    for r in redaction_store.list_redactions(project, status=Status.CONFIRMED):
        out.setdefault((r.document_id, r.page_index), []).append(r.bbox)
    return out


# -- keeping stored page text in step with confirmed redactions ------------------------
def page_words(project: Project, document: Document, page_index: int) -> list[OcrWord]:
    """The page's current OCR (or text-layer) words; empty if it has none yet."""
    return ocr_store.current_words(project, document.sha256, page_index)


def refresh_page_text(project: Project, document_id: str, page_index: int) -> str | None:
    """Rebuild a page's searchable text with placeholders for its confirmed redactions.
    Pages without text (not OCR'd yet) or untouched by redaction are left as they are."""
    document = doc_store.get_document(project, document_id)
    current = ocr_store.current_text(project, document.sha256, page_index)
    if current is None:
        return None
    boxes = [r.bbox for r in redaction_store.list_redactions(project, document.id, page_index,
                                                   Status.CONFIRMED)]
    if not boxes and "[REDACTED ~" not in current.text:
        return None
    words = page_words(project, document, page_index)
    if not words:  # text without words (an imported set) already carries its placeholders
        return None
    text = text_with_placeholders(words, boxes)
    if text != current.text:
        ocr_store.set_page_text(project, document.sha256, page_index, text)
    return text


def sync_page_texts(project: Project, document_id: str | None = None) -> int:
    """Refresh every page whose placeholders may be stale (after undo, redo or OCR)."""
    pages = redaction_store.redacted_pages(project, document_id) | {
        p for p in redaction_store.pages_with_placeholders(project)
        if document_id is None or p[0] == document_id}
    for doc_id, index in sorted(pages):
        refresh_page_text(project, doc_id, index)
    return len(pages)


def keep_page_text_in_sync(project: Project):
    """Subscribe to the project so undo and redo of redactions also refresh page text;
    returns the unsubscribe function."""
    def listener(changes) -> None:
        if changes.kind in ("undo", "redo") and changes.touches("redactions"):
            sync_page_texts(project)
    return project.subscribe(listener)
