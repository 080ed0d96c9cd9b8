"""Taking pages' text from an archive store into a project, instead of OCR'ing them again."""
from __future__ import annotations

from pathlib import Path

from recto.annotations import ocr_store
from recto.annotations.model import Document
from recto.annotations.project import Project
from recto.app import archive_store
from recto.app.errors import FileMissingError
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import PageOutcome, page_settings, store_outcome
from recto.app.text.page_text import refresh_page_text


def import_pages(project: Project, document: Document, settings: OcrSettings, store: Path,
                 pages: list[int] | None = None) -> list[int]:
    """Store, for each page lacking text under its settings, the archive's result; the
    pages taken (0-based). Pages the archive lacks are left for OCR."""
    if not Path(store).is_dir():
        raise FileMissingError(f"The archive store {store} does not exist.")
    pages = list(range(document.page_count)) if pages is None else pages
    taken = []
    for i, s in page_settings(project, document, settings, pages).items():
        sources = ocr_store.page_sources(project, document.sha256, s.key())
        if i in sources and not (s.force_ocr and sources[i] == "text_layer"):
            continue
        found = archive_store.get_page(Path(store), document.sha256, i, s.key())
        if found is None or (s.force_ocr and found.source == "text_layer"):
            continue
        store_outcome(project, document, PageOutcome(
            i, s, "ok", source=found.source, words=found.words, text=found.text,
            engine=found.engine, engine_version=found.engine_version,
            orientation=found.orientation, deskew=found.deskew, seconds=found.seconds))
        refresh_page_text(project, document.id, i)
        taken.append(i)
    return taken
