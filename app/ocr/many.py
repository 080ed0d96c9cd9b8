"""Reading documents as the CLI and the window both do: an archive store first, then OCR.

`read` takes the pages an archive store already has (the one given, else the one named
in the project with `recto set-store`) and OCRs only the rest. `ocr_documents` reads
several documents as one job: one progress bar over all their pages, one Cancel, each
in its own languages (as `recto ocr` does); pages done before are skipped and a Cancel
keeps what was read.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from recto.annotations.model import Document
from recto.annotations.project import Project
from recto.app.archive_store import named_store
from recto.app.jobs import SubState, TaskState
from recto.app.ocr.archive_import import import_pages
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import OcrRunReport, document_languages, ocr_document


def read(project: Project, document: Document, settings: OcrSettings,
         pages: list[int] | None = None, jobs: int | None = None,
         state: TaskState | None = None, again: bool = False,
         store: Path | None = None) -> OcrRunReport:
    """`ocr_document`, after taking what the archive store has (not with `again`, which
    asks for a new reading); the report's `from_store` lists the pages taken."""
    archive = Path(store) if store else named_store(project)
    taken = [] if archive is None or again else import_pages(project, document, settings,
                                                            archive, pages)
    report = ocr_document(project, document, settings, pages, jobs, state, again=again)
    return replace(report, from_store=tuple(taken),
                   store=str(archive) if archive is not None and not again else "")


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
        reports.append(read(project, doc, chosen, None, jobs, part))
        offset += doc.page_count
    state.report(total, total, "done")
    return reports
