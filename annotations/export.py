"""Write an annotation set: a flat SQLite file (or W3C JSON-LD, or CSVs) from a project.

The set is built in a temporary file beside OUT and renamed onto it only once it
is complete and synced to disk, so a failed, cancelled or killed export (disk
full, power cut, kill -9) never leaves a half-written set and never damages the
file already at OUT. Exporting the same project twice gives the same rows; only
metadata.exported_at differs.
"""
from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from sqlite_utils import Database

from annotations import csl, w3c
from annotations.export_rows import ExportFilters, PageTextFn, Selection
from annotations.export_schema import (
    FORMAT, OCR_WORDS, SCHEMA_VERSION, SPECS, TABLES, ExportTargetError, create_tables, finish,
)
from annotations.model import now_iso
from annotations.project import Project

FORMATS = ("sqlite", "w3c", "csv", "csl-json")
BATCH = 5000
TMP_MARK = ".tmp-export"
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
               filters: ExportFilters = ExportFilters(), with_ocr: bool = False,
               page_text: PageTextFn | None = None, state: Progress | None = None,
               recto_version: str = "") -> ExportResult:
    """Export `project` to `out` (a file, or a folder for csv); see the module docstring."""
    if fmt not in FORMATS:
        raise ExportTargetError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    out = Path(out).expanduser().absolute()
    _check_target(project, out, fmt)
    _remove_stale_temps(out)
    selection = Selection(project, filters)
    exported_at = now_iso()
    meta = _metadata(project, filters, with_ocr, exported_at, recto_version)
    tmp_db = _temp_path(out, ".db")
    try:
        with _disk_errors(out):
            counts = _build(tmp_db, selection, meta, with_ocr, page_text, state)
            if fmt == "sqlite":
                _publish_file(tmp_db, out)
            elif fmt in ("w3c", "csl-json"):
                tmp_json = _temp_path(out, ".json")
                try:
                    if fmt == "w3c":
                        w3c.write(tmp_db, tmp_json)
                    else:  # the file holds cited documents only: say so, not the set's rows
                        counts = {"cited_documents": csl.write_set(tmp_db, tmp_json)}
                    _publish_file(tmp_json, out)
                finally:
                    _unlink(tmp_json)
            else:
                _write_csv_dir(tmp_db, out)
    finally:
        _unlink(tmp_db)
    return ExportResult(out, fmt, counts, exported_at)


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
    _fsync(path)
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


def _self_check(db: Database) -> None:
    bad = list(db.execute("PRAGMA foreign_key_check").fetchall())
    if bad:  # a bug in the selection, never the person's fault: refuse to publish
        raise RuntimeError(f"export would have dangling references: {bad[:3]}")


# -- the target file ------------------------------------------------------------
def _check_target(project: Project, out: Path, fmt: str) -> None:
    folder = out.parent
    if not folder.is_dir():
        raise ExportTargetError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportTargetError(f"Recto may not write in {folder}: choose a writable folder.")
    if out.resolve() == project.path.resolve():
        raise ExportTargetError("The export cannot overwrite the project itself: choose "
                                "another file name.")
    if fmt == "csv":
        _check_csv_target(out)
    elif out.is_dir():
        raise ExportTargetError(f"{out} is a folder: give a file name for the export.")
    elif fmt == "sqlite" and out.exists():
        _check_replaceable_set(out)


def _check_replaceable_set(out: Path) -> None:
    """Only an earlier annotation set may be replaced, and only if nobody is writing it."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{out}?mode=ro", uri=True)) as conn:
            rows = conn.execute("SELECT value FROM metadata WHERE key = 'format'").fetchall()
    except sqlite3.DatabaseError:
        rows = []
    if rows != [(FORMAT,)]:
        raise ExportTargetError(f"{out.name} already exists and is not a Recto annotation set; "
                                "Recto will not overwrite it. Choose another file name.")
    if not os.access(out, os.W_OK):
        return
    conn = sqlite3.connect(str(out), timeout=0.2, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise ExportTargetError(f"{out.name} is open in another program that is writing to it "
                                f"({exc}): close it there and export again.") from exc
    finally:
        conn.close()


def _check_csv_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExportTargetError(f"{out} is a file: CSV export writes a folder of CSV files.")
    if out.is_dir() and any(out.iterdir()) and not (out / "metadata.csv").exists():
        raise ExportTargetError(f"The folder {out} is not empty and does not hold an earlier "
                                "CSV export; Recto will not overwrite it.")


def _temp_path(out: Path, suffix: str) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}{TMP_MARK}{suffix}")


def _remove_stale_temps(out: Path) -> None:
    """Temp files left by an export that was killed (its process is gone)."""
    for tmp in out.parent.glob(f".{out.name}.*{TMP_MARK}*"):
        pid = tmp.name[len(out.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True) if tmp.is_dir() else _unlink(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _publish_file(tmp: Path, out: Path) -> None:
    _fsync(tmp)
    os.replace(tmp, out)
    _fsync_dir(out.parent)


def _write_csv_dir(set_db: Path, out: Path) -> None:
    """One CSV per table (and the citations view) in a fresh folder swapped in at the end."""
    tmp_dir = _temp_path(out, ".d")
    tmp_dir.mkdir()
    try:
        with contextlib.closing(sqlite3.connect(str(set_db))) as conn:
            names = [s for s in SPECS if _has_table(conn, s)] + ["citations"]
            for name in names:
                order = SPECS[name].order_by if name in SPECS else "kind, annotation_id, page"
                cur = conn.execute(f"SELECT * FROM {name} ORDER BY {order}")
                with open(tmp_dir / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
                    writer = csv.writer(fh)
                    writer.writerow([d[0] for d in cur.description])
                    writer.writerows(cur)
                    fh.flush()
                    os.fsync(fh.fileno())
        _swap_dir(tmp_dir, out)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def _swap_dir(new: Path, out: Path) -> None:
    old = _temp_path(out, ".old")
    if out.exists():
        os.replace(out, old)
    os.replace(new, out)
    _fsync_dir(out.parent)
    shutil.rmtree(old, ignore_errors=True)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                             [name]).fetchall())


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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
