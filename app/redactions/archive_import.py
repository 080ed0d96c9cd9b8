"""Taking a document's detected redactions from an archive store (recto batch
detect-redactions) into a project as suggestions, instead of detecting them again."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from recto.annotations import ocr_store
from recto.annotations import redactions as store
from recto.annotations.model import Document, RedactionStyle
from recto.annotations.project import Project
from recto.app import archive_store
from recto.app.redactions.batch import detect_key
from recto.app.redactions.service import (
    DETECT_DPI,
    _refresh_pages,
    _suggestion,
    _without_duplicates,
)


def import_redactions(project: Project, document: Document, archive: Path,
                      dpi: int = DETECT_DPI) -> list[int]:
    """Store the archive's boxes for every page it analysed at `dpi` as suggestions (one
    undoable step; boxes already in the project are not added twice); the pages taken."""
    key = detect_key(dpi)
    new, codes, taken = [], {}, []
    for index in range(document.page_count):
        boxes = archive_store.get_redactions(Path(archive), document.sha256, index, key)
        if boxes is None:
            continue
        taken.append(index)
        words = ocr_store.current_words(project, document.sha256, index) or []
        found = [_suggestion(document.id, index, b.bbox, RedactionStyle(b.style), b.confidence,
                             (b.code,) if b.code else (), (), words,
                             SimpleNamespace(hidden_text=b.hidden_text)
                             if b.text_recoverable else None) for b in boxes]
        kept, filled = _without_duplicates(project, document.id, index, found)
        new += kept
        codes.update(filled)
    if new or codes:
        store.add_with_codes(project, new, codes, "Take redactions from the archive store")
        _refresh_pages(project, new)
    return taken
