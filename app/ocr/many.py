"""OCR of several documents as one job: one progress bar over all their pages, one Cancel.

Each document is read in its own languages (as `recto ocr` does), page by page through
`ocr_document`, so pages done before are skipped and a Cancel keeps what was read.
"""
from __future__ import annotations

from dataclasses import replace

from recto.annotations.model import Document
from recto.annotations.project import Project
from recto.app.jobs import SubState, TaskState
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import OcrRunReport, document_languages, ocr_document


def ocr_documents(project: Project, documents: list[Document], settings: OcrSettings,
                  state: TaskState | None = None, jobs: int | None = None,
                  own_languages: bool = True) -> list[OcrRunReport]:
    """OCR each document in turn; progress counts pages over all of them."""
    state = state or TaskState()
    total = sum(d.page_count for d in documents)
    reports, offset = [], 0
    for doc in documents:
        state.check()
        chosen = replace(settings, languages=document_languages(doc, settings.languages)) \
            if own_languages else settings
        part = SubState(state, offset, total, f"{doc.title}: " if len(documents) > 1 else "")
        reports.append(ocr_document(project, doc, chosen, None, jobs, part))
        offset += doc.page_count
    state.report(total, total, "done")
    return reports
