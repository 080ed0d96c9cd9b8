"""Where the historian left off in each project: document, page, zoom (or fit mode).

Kept in the app's QSettings (a preference of this machine, not part of the project
file a colleague receives), one entry per project path.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QSettings


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
