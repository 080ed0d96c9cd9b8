"""Write an annotation set: a flat SQLite file (or W3C JSON-LD, or CSVs) from a project.

OUT must be absent or an earlier Recto export of the same format (checked by
content, annotations.export_target); anything else is refused untouched. The set
is built in a temporary file beside OUT and put in place only once it is complete
and synced to disk (one rename; a CSV folder by one atomic exchange), so a failed,
cancelled or killed export (disk full, power cut, kill -9) never leaves a
half-written set and never damages what is at OUT. Exporting the same project
twice gives the same rows; only metadata.exported_at differs.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlite_utils import Database

from recto.annotations import csl, datasette_metadata, export_csv, file_kinds, w3c
from recto.annotations import export_target as target
from recto.annotations.export_rows import NO_FILTERS, ExportFilters, PageTextFn, Selection
from recto.annotations.export_schema import (
    FORMAT,
    OCR_WORDS,
    SCHEMA_VERSION,
    TABLES,
    ExportTargetError,
    create_tables,
    finish,
)
from recto.annotations.model import now_iso
from recto.annotations.project import Project

FORMATS = ("sqlite", "w3c", "csv", "csl-json")
BATCH = 5000
ANNOTATION_TABLES = ("actors", "actor_aliases", "redactions", "mentions", "claims",
                     "claim_actors", "claim_evidence", "claim_links", "tags", "annotation_tags")


class Progress(Protocol):
    """What long work reports through (app.jobs.TaskState fits)."""
    def check(self) -> None: ...
    def report(self, done: int, total: int, message: str = "") -> None: ...


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    counts: dict = field(default_factory=dict)
    exported_at: str = ""


def export_set(project: Project, out: str | os.PathLike, *, fmt: str = "sqlite",
               filters: ExportFilters = NO_FILTERS, with_ocr: bool = False,
               page_text: PageTextFn | None = None, state: Progress | None = None,
               recto_version: str = "", excel: bool = False) -> ExportResult:
    """Export `project` to `out` (a file, or a folder for csv); see the module docstring.

    `excel` (csv only) writes CSVs for spreadsheets; see annotations.export_csv."""
    if fmt not in FORMATS:
        raise ExportTargetError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if excel and fmt != "csv":
        raise ExportTargetError("The spreadsheet option applies to CSV exports only.")
    out = Path(out).expanduser().absolute()
    if fmt == "csv" and out.is_symlink() and out.is_dir():
        out = out.resolve()  # the folder is replaced, not the link to it
    kind = target.check(out, fmt, project.path)
    if fmt == "sqlite":
        datasette_metadata.check_replaceable(out)
    own_names = export_csv.file_names()
    target.remove_stale_temps(out, own_names)
    selection = Selection(project, filters)
    exported_at = now_iso()
    meta = _metadata(project, filters, with_ocr, exported_at, recto_version)
    tmp_db = target.temp_path(out, ".db")
    try:
        with _disk_errors(out):
            counts = _build(tmp_db, selection, meta, with_ocr, page_text, state)
            target.step("set built")
            kind = target.check(out, fmt, project.path)  # again: the build may have been long
            if fmt == "sqlite":
                _publish_with_datasette_metadata(tmp_db, out)
            elif fmt in ("w3c", "csl-json"):
                tmp_json = target.temp_path(out, ".json")
                try:
                    if fmt == "w3c":
                        w3c.write(tmp_db, tmp_json)
                    else:  # the file holds cited documents only: say so, not the set's rows
                        counts = {"cited_documents": csl.write_set(tmp_db, tmp_json)}
                    target.publish_file(tmp_json, out)
                finally:
                    target.unlink(tmp_json)
            else:
                _publish_csv(tmp_db, out, kind, excel, project.name, exported_at)
    finally:
        target.unlink(tmp_db)
    return ExportResult(out, fmt, counts, exported_at)


def _publish_csv(set_db: Path, out: Path, kind: str, excel: bool, title: str,
                 created: str) -> None:
    """Build the folder beside OUT, then put it in place (export_target.publish_folder)."""
    earlier = file_kinds.manifest(out) if kind == file_kinds.CSV_FOLDER else None
    ours = {file_kinds.MANIFEST, *earlier["recto"]["files"]} if earlier else set()
    new = target.temp_path(out, ".d")
    new.mkdir()
    try:
        written = export_csv.write_folder(set_db, new, excel=excel, title=title,
                                          created=created)
    except BaseException:
        target.empty_folder(new, export_csv.file_names())
        raise
    target.publish_folder(new, out, kind, set(written), ours)


def _metadata(project: Project, filters: ExportFilters, with_ocr: bool, exported_at: str,
              recto_version: str) -> list[dict]:
    values = {
        "format": FORMAT, "schema_version": str(SCHEMA_VERSION), "exported_at": exported_at,
        "recto_version": recto_version, "project_name": project.name,
        "filters": json.dumps(filters.as_dict(), ensure_ascii=False, sort_keys=True),
        "with_ocr": "1" if with_ocr else "0", "pages": "1-based",
        "coordinates": "x0,y0,x1,y1 in PDF points (1/72 inch), origin top-left of the "
                       "unrotated page",
    }
    return [{"key": k, "value": v} for k, v in sorted(values.items())]


def _build(path: Path, sel: Selection, meta: list[dict], with_ocr: bool,
           page_text: PageTextFn | None, state: Progress | None) -> dict:
    """Write every table into a fresh file at `path`; returns row counts per table."""
    sources = {"metadata": iter(meta), "documents": sel.documents(),
               "pages": sel.pages(page_text)}
    sources.update({t: sel.table(t) for t in ANNOTATION_TABLES})
    if with_ocr:
        sources["ocr_words"] = sel.ocr_words()
    total = sum(len(sel.rows[t]) for t in ANNOTATION_TABLES) + len(sel.docs)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")  # a temp file: on failure it is thrown away
    conn.execute("PRAGMA synchronous=OFF")  # synced once, as a whole, before the rename
    conn.execute(f"PRAGMA application_id = {file_kinds.SET_APPLICATION_ID}")
    db = Database(conn)
    counts, done = {}, 0
    try:
        with db.atomic():
            create_tables(db, with_ocr)
            for spec in (*TABLES, OCR_WORDS) if with_ocr else TABLES:
                counts[spec.name] = 0
                insert = _insert_sql(spec)
                for chunk in _chunks(sources[spec.name], spec.columns):
                    db.conn.executemany(insert, chunk)
                    counts[spec.name] += len(chunk)
                    done += len(chunk)
                    if state is not None:
                        state.check()
                        state.report(min(done, total), total, spec.name)
            finish(db)
        _self_check(db)
    finally:
        db.close()
    target.fsync(path)
    counts.pop("metadata", None)
    return counts


def _insert_sql(spec) -> str:
    """Rows go into the tables sqlite-utils created through one prepared statement per
    table (executemany): the same SQL insert_all would run, without its per-value checks."""
    cols = ", ".join(f"[{c}]" for c in spec.columns)
    return f"INSERT INTO [{spec.name}] ({cols}) VALUES ({', '.join('?' * len(spec.columns))})"


def _chunks(rows: Iterable[dict], columns: dict) -> Iterator[list[tuple]]:
    """Rows as tuples in the declared column order, in batches (cancel is checked between)."""
    names = list(columns)
    it = iter(rows)
    while chunk := [tuple(r.get(c) for c in names) for r in itertools.islice(it, BATCH)]:
        yield chunk


def _publish_with_datasette_metadata(tmp_db: Path, out: Path) -> None:
    """The set, then its Datasette metadata beside it (annotations/datasette_metadata.py)."""
    tmp_meta = target.temp_path(out, ".json")
    try:
        datasette_metadata.write(tmp_db, out, tmp_meta)
        target.publish_file(tmp_db, out)
        target.publish_file(tmp_meta, datasette_metadata.path_for(out))
    finally:
        target.unlink(tmp_meta)


def _self_check(db: Database) -> None:
    bad = list(db.execute("PRAGMA foreign_key_check").fetchall())
    if bad:  # a bug in the selection, never the person's fault: refuse to publish
        raise RuntimeError(f"export would have dangling references: {bad[:3]}")


@contextlib.contextmanager
def _disk_errors(out: Path) -> Iterator[None]:
    """Disk full, quota, I/O errors: one sentence, and OUT is as it was."""
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        text = str(exc)
        if isinstance(exc, OSError) and exc.errno in (13, 30):
            reason = "Recto may not write there"
        elif "full" in text or getattr(exc, "errno", None) in (27, 28, 122):
            reason = "the disk is full (or a quota or file size limit was reached)"
        elif "I/O" in text:
            reason = ("the disk could not be written: it may be full, over a quota or file "
                      "size limit, or failing")
        else:
            reason = f"a disk error occurred ({text})"
        raise ExportTargetError(f"The export to {out.name} failed: {reason}. "
                                "Any earlier file there is unchanged.") from exc
