"""Export and import of annotation sets: the services the CLI and the GUI dialog call.

Both are plain functions taking a `TaskState` (progress, cancel), so the export
dialog runs them on a worker and the CLI prints their progress to stderr.
Options are one validated value (`ExportOptions`), built once by either side.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from importlib import metadata as pkg_metadata
from pathlib import Path

from recto.annotations import import_set as importer
from recto.annotations.export import FORMATS, ExportResult, export_set
from recto.annotations.export_rows import KINDS, ExportFilters, PageTextFn
from recto.annotations.export_schema import AnnotationSetError, ExportTargetError
from recto.annotations.import_set import ImportReport
from recto.annotations.project import Project, lock_path
from recto.app.errors import InvalidInputError
from recto.app.jobs import TaskState

__all__ = [
    "AnnotationSetError", "ExportFilters", "ExportOptions", "ExportResult", "ExportTargetError",
    "ImportReport", "FORMATS", "KINDS", "export_annotations", "import_annotations",
    "import_into_path", "recto_version",
]


@dataclass(frozen=True)
class ExportOptions:
    format: str = "sqlite"
    with_ocr: bool = False
    filters: ExportFilters = field(default_factory=ExportFilters)
    excel: bool = False  # CSV for spreadsheets: BOM, formula-looking cells quoted

    def __post_init__(self):
        if self.format not in FORMATS:
            raise InvalidInputError(f"Unknown format {self.format!r}: use one of "
                                    f"{', '.join(FORMATS)}.")
        if self.excel and self.format != "csv":
            raise InvalidInputError("The spreadsheet option (--excel) applies to the CSV "
                                    "format only.")


def recto_version() -> str:
    try:
        return pkg_metadata.version("recto")
    except pkg_metadata.PackageNotFoundError:
        return "dev"


def export_annotations(project: Project, out: str | os.PathLike,
                       options: ExportOptions = ExportOptions(), state: TaskState | None = None,
                       page_text: PageTextFn | None = None) -> ExportResult:
    """Write the project's annotation set to `out` (atomically; see annotations.export).

    `page_text(document_id, page_index)` gives each page's text as exported (the
    app passes one that puts redaction placeholders in reading order); by default
    the page's current stored text is used.
    """
    return export_set(project, out, fmt=options.format, filters=options.filters,
                      with_ocr=options.with_ocr, page_text=page_text, state=state,
                      recto_version=recto_version(), excel=options.excel)


def import_annotations(project: Project, set_path: str | os.PathLike,
                       state: TaskState | None = None, adopt_name: bool = False) -> ImportReport:
    """Merge a set into an open project as one undoable step; a bad set changes nothing."""
    aset = importer.read_set(set_path)
    if state is not None:
        state.check()
    return importer.merge(project, aset, state, adopt_name=adopt_name)


def import_into_path(project_path: str | os.PathLike, set_path: str | os.PathLike,
                     state: TaskState | None = None) -> ImportReport:
    """`recto import`: the set is checked before the project is created or touched; a new
    project takes the set's name, and is removed again if the merge fails."""
    aset = importer.read_set(set_path)
    path = Path(project_path).expanduser().absolute()
    created = not (path.exists() and path.stat().st_size > 0)
    project = Project.open(path, create=True)
    try:
        report = importer.merge(project, aset, state, adopt_name=created)
    except BaseException:
        project.close()
        if created:
            _remove_project(path)
        raise
    project.close()
    return report


def _remove_project(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
              lock_path(path)):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
