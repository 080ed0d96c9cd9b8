"""A born-digital PDF's own text layer, stored as page words like OCR output.

Born-digital pages need no OCR: their words and boxes come from PyMuPDF, exact,
and go into the same store as OCR results (source "text_layer"), so search,
mentions and suggestions treat both alike.
"""
from __future__ import annotations

import pymupdf

from annotations import ocr_store
from annotations.model import Box, Document, OcrWord
from annotations.ocr_store import PageText
from annotations.project import Project
from app.documents import resolve_path
from app.jobs import TaskState
from app.pdf.reader import open_pdf

SETTINGS_KEY = "text_layer"


def page_words(page: pymupdf.Page) -> list[OcrWord]:
    """Words in content order with boxes in PDF points. PyMuPDF gives them in the
    unrotated page's coordinates already (checked), which is what Recto stores."""
    return [OcrWord(text, Box.of((x0, y0, x1, y1)), 100.0, block, 0, line)
            for x0, y0, x1, y1, text, block, line, _ in page.get_text("words", sort=False)]


def import_text_layer(project: Project, document: Document,
                      state: TaskState | None = None) -> int:
    """Store the text layer of every page that has one; returns how many pages."""
    pdf = open_pdf(resolve_path(project, document))
    stored = 0
    try:
        for index in range(pdf.page_count):
            if state is not None:
                state.check()
                state.report(index, pdf.page_count, document.title)
            page = pdf.load_page(index)
            words = page_words(page)
            if not words:
                continue
            result = PageText(doc_sha256=document.sha256, page_index=index,
                              settings_key=SETTINGS_KEY, source="text_layer", status="ok",
                              text=page.get_text("text"), engine="pymupdf",
                              engine_version=pymupdf.VersionBind)
            ocr_store.store_page(project, result, words)
            stored += 1
    finally:
        pdf.close()
    return stored
