"""Where an export is offered by default: beside the project file, never a hidden folder.

The folder last exported to is offered again only for the same project (another
project's folder is rarely wanted); a project kept in a hidden folder (the sample
project lives in the app's data folder) offers the Documents folder instead.
"""
from __future__ import annotations

from pathlib import Path


def is_hidden(folder: Path) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in folder.parts)


def default_folder(project_path: Path, last_folder: str | None = None,
                   last_project: str | None = None, home: Path | None = None) -> Path:
    home = home or Path.home()
    if last_folder and last_project == str(project_path):
        last = Path(last_folder)
        if last.is_dir() and not is_hidden(last.relative_to(home) if last.is_relative_to(home)
                                           else last):
            return last
    beside = project_path.parent
    inside_home = beside.relative_to(home) if beside.is_relative_to(home) else beside
    if not is_hidden(inside_home):
        return beside
    documents = home / "Documents"
    return documents if documents.is_dir() else home
