"""Correcting OCR by hand: retype a word, a line or any run of words on a page.

The words keep their boxes and numbers (annotations/word_corrections.py spreads the
new text over them) and are marked `corrected`, so a re-OCR keeps them. The page's
text is rebuilt from its words with the placeholders of its confirmed redactions, so
search, quotes, mention suggestions and exports read the corrected text at once.
Each correction is one undoable step.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations import redactions as redaction_store
from recto.annotations.model import OcrWord, Status
from recto.annotations.project import Project
from recto.annotations.text_fold import nfkc
from recto.annotations.word_corrections import spread
from recto.app.errors import InvalidInputError, NotFoundError
from recto.app.text.placeholders import text_with_placeholders


@dataclass(frozen=True)
class Correction:
    document_id: str
    page_index: int
    changed: tuple[int, ...]   # word numbers (0-based, as current_words lists them) retyped
    text: str                  # the page's text afterwards


def line_numbers(words: list[OcrWord]) -> list[int]:
    """Each word's line on the page, 0-based, in reading order (the order words are stored)."""
    order: dict[tuple[int, int, int], int] = {}
    return [order.setdefault((w.block, w.par, w.line), len(order)) for w in words]


def line_words(words: list[OcrWord], line: int) -> list[int]:
    """Word numbers of the page's `line` (0-based)."""
    return [i for i, n in enumerate(line_numbers(words)) if n == line and words[i].text]


def correct(project: Project, document_id: str, page_index: int, word_numbers: list[int],
            text: str) -> Correction:
    """Retype the words `word_numbers` (0-based, in the page's word order) as `text`."""
    document = doc_store.get_document(project, document_id)
    where = f"page {page_index + 1} of \"{document.title}\""
    if ocr_store.current_text(project, document.sha256, page_index) is None:
        raise NotFoundError(f"There is no text on {where} to correct yet; OCR it first.")
    words = ocr_store.current_words(project, document.sha256, page_index)
    numbers = sorted(set(word_numbers))
    if not numbers:
        raise InvalidInputError("Choose the words to correct first.")
    bad = [n for n in numbers if not 0 <= n < len(words)]
    if bad:
        raise InvalidInputError(f"There is no word {bad[0] + 1} on {where}; it has "
                                f"{len(words)} words (recto text --json numbers them).")
    texts = spread([words[n].text for n in numbers], nfkc(text.strip()))
    changed = {n: t for n, t in zip(numbers, texts, strict=True) if t != words[n].text}
    if not changed:
        current = ocr_store.current_text(project, document.sha256, page_index)
        return Correction(document.id, page_index, (), current.text if current else "")
    fixed = [replace(w, text=changed[i], corrected=True) if i in changed else w
             for i, w in enumerate(words)]
    boxes = [r.bbox for r in redaction_store.list_redactions(project, document.id, page_index,
                                                             Status.CONFIRMED)]
    page = text_with_placeholders(fixed, boxes)
    ocr_store.correct_words(project, document.sha256, page_index,
                            {words[n].seq: t for n, t in changed.items()}, page,
                            label=_label(words, changed))
    return Correction(document.id, page_index, tuple(sorted(changed)), page)


def _label(words: list[OcrWord], changed: dict[int, str]) -> str:
    """The undo step's name: Correct "Chalmcrs" -> "Chalmers"."""
    if len(changed) == 1:
        (n, text), = changed.items()
        return f"Correct \u201c{words[n].text}\u201d \u2192 \u201c{text}\u201d"[:80]
    return f"Correct {len(changed)} OCR words"
