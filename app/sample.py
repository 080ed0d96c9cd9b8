"""The embedded sample project, built from sample_scans/ on first use."""
from __future__ import annotations

import json
import os
from pathlib import Path

from recto.annotations.model import ArchivalReference
from recto.annotations.project import Project
from recto.app.documents import add_pdf

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_scans"


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    path = Path(base) / "recto"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sample_manifest() -> list[dict]:
    return json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))


def build_sample_project(path: Path | None = None) -> Path:
    """Create (or complete) the sample project and return its path."""
    path = path or data_dir() / "sample.recto"
    with Project.open(path, create=True, author="Recto sample") as project:
        project.set_meta("name", "Sample: declassified intelligence briefs and a court ruling")
        for entry in sample_manifest():
            ref = ArchivalReference(
                archive=entry["archive"], collection=entry["collection"], item=entry["item"],
                citation=f'{entry["archive"]}, {entry["collection"]}, {entry["item"]}')
            add_pdf(project, SAMPLE_DIR / entry["file"], reference=ref, title=entry["title"])
    return path
