"""Writing an exchange file or folder under the one rule for every output path.

OUT must be new or a Recto output of the same kind (annotations.export_target);
a file is written beside OUT and renamed onto it once, a folder is built beside
OUT with a manifest naming its files and put in place in one rename or atomic
exchange, so OUT never holds half an export and nothing foreign is overwritten.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from recto.annotations import export_target as target
from recto.annotations import file_kinds as fk
from recto.annotations.project import Project


class Folder:
    """The folder being built: records each name written, so a failure removes only those."""

    def __init__(self, path: Path):
        self.path = path
        self.names: list[str] = []

    def write(self, name: str, data: bytes) -> Path:
        if "/" in name or name in ("", ".", "..", fk.EXCHANGE_MANIFEST):
            raise ValueError(f"not a plain file name: {name!r}")
        path = self.path / name
        self.names.append(name)
        path.write_bytes(data)
        return path


def write_file(out: str | os.PathLike, fmt: str, project: Project,
               build: Callable[[Path], None]) -> Path:
    """`build(tmp)` writes the whole file at tmp; it then replaces OUT in one rename."""
    out = Path(out).expanduser().absolute()
    target.check(out, fmt, project.path)
    target.remove_stale_temps(out, set())
    tmp = target.temp_path(out, out.suffix or ".tmp")
    try:
        build(tmp)
        target.check(out, fmt, project.path)  # again: the build may have been long
        target.publish_file(tmp, out)
    finally:
        target.unlink(tmp)
    return out


def write_folder(out: str | os.PathLike, fmt: str, project: Project,
                 build: Callable[[Folder], None]) -> tuple[Path, list[str]]:
    """`build(folder)` writes every file through `folder.write`; the manifest is added and
    the folder put at OUT. Returns OUT and the names written."""
    out = Path(out).expanduser().absolute()
    if out.is_symlink() and out.is_dir():
        out = out.resolve()  # the folder is replaced, not the link to it
    kind = target.check(out, fmt, project.path)
    earlier = _earlier_names(out, kind)
    target.remove_stale_temps(out, earlier)
    new = target.temp_path(out, ".d")
    new.mkdir()
    folder = Folder(new)
    try:
        build(folder)
        manifest = {"recto": {"format": f"recto-{fmt}", "files": sorted(folder.names)}}
        (new / fk.EXCHANGE_MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
        for name in (*folder.names, fk.EXCHANGE_MANIFEST):
            target.fsync(new / name)
        kind = target.check(out, fmt, project.path)
        earlier = _earlier_names(out, kind)
    except BaseException:
        target.empty_folder(new, {*folder.names, fk.EXCHANGE_MANIFEST})
        raise
    target.publish_folder(new, out, kind, {*folder.names, fk.EXCHANGE_MANIFEST}, earlier)
    return out, sorted(folder.names)


def _earlier_names(out: Path, kind: str) -> set[str]:
    found = fk.exchange_manifest(out) if kind in (fk.TEI_FOLDER, fk.ALTO_FOLDER) else None
    return {fk.EXCHANGE_MANIFEST, *found[1]} if found else set()
