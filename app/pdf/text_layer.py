"""A born-digital PDF's own text layer, stored as page words like OCR output.

Born-digital pages need no OCR: their words and boxes come from PyMuPDF, exact,
and go into the same store as OCR results (source "text_layer"), so search,
mentions and suggestions treat both alike.
"""
from __future__ import annotations

import pymupdf

from recto.annotations import ocr_store
from recto.annotations.model import Document, OcrWord
from recto.annotations.ocr_store import PageText
from recto.annotations.project import Project
from recto.app.documents import resolve_path
from recto.app.jobs import TaskState
from recto.app.pdf.reader import open_pdf
from recto.app.pdf.text_layer_words import has_real_text_layer, layer_text, layer_words

SETTINGS_KEY = "text_layer"


def page_words(page: pymupdf.Page) -> list[OcrWord]:
    """Words in content order with boxes in PDF points (unrotated page), NFKC, split
    where the script changes (app.pdf.text_layer_words)."""
    return layer_words(page)


def import_text_layer(project: Project, document: Document,
                      state: TaskState | None = None, real_only: bool = False) -> int:
    """Store the text layer of every page that has one; returns how many pages.

    With `real_only` (what adding a PDF does, so a born-digital PDF is searchable at
    once) only visible text counts: an earlier OCR hidden under a scan is of unknown
    quality, and those pages are left for Recto's own OCR."""
    pdf = open_pdf(resolve_path(project, document))
    stored = 0
    try:
        for index in range(pdf.page_count):
            if state is not None:
                state.check()
                state.report(index, pdf.page_count, document.title)
            page = pdf.load_page(index)
            if real_only and not has_real_text_layer(page):
                continue
            words = page_words(page)
            if not words:
                continue
            result = PageText(doc_sha256=document.sha256, page_index=index,
                              settings_key=SETTINGS_KEY, source="text_layer", status="ok",
                              text=layer_text(page), engine="pymupdf",
                              engine_version=pymupdf.VersionBind)
            ocr_store.store_page(project, result, words)
            stored += 1
    finally:
        pdf.close()
    return stored
