"""Where the historian left off in each project: document, page, zoom (or fit mode).

Kept in the app's QSettings (a preference of this machine, not part of the project
file a colleague receives), one entry per project path.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QSettings

from recto.annotations import documents as doc_store
from recto.annotations.errors import NotFoundError


@dataclass(frozen=True)
class Place:
    document_id: str
    page_index: int = 0
    zoom: float = 1.0
    fit_mode: str | None = "width"


def _key(project_path: str) -> str:
    return "places/" + hashlib.sha1(project_path.encode("utf-8")).hexdigest()


def save_place(settings: QSettings, project_path: str, place: Place) -> None:
    settings.setValue(_key(project_path), json.dumps(asdict(place)))


def load_place(settings: QSettings, project_path: str) -> Place | None:
    raw = settings.value(_key(project_path))
    try:
        data = json.loads(raw) if isinstance(raw, str) else None
        return Place(**data) if isinstance(data, dict) else None
    except (TypeError, ValueError):
        return None


def restore_place(window, place: Place | None) -> None:
    """Show the document, page and zoom of `place` in the main window, if it still exists."""
    project = window.session.project
    if place is None or project is None:
        return
    try:
        doc = doc_store.get_document(project, place.document_id)
    except NotFoundError:
        return
    window.session.select_document(doc, min(place.page_index, doc.page_count - 1))
    if place.fit_mode is None:
        window.view.set_zoom(place.zoom)
    else:
        window.view.fit_mode = place.fit_mode
        window.view._apply_fit()


def remember_place(window) -> None:
    session, view = window.session, window.view
    if session.project is not None and session.document is not None:
        save_place(window.settings, str(session.project.path),
                   Place(session.document.id, session.page_index, view.zoom, view.fit_mode))
