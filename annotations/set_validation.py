"""Check a colleague's annotation set completely, read-only and in bounded time, before import.

A set is outside input: it may have been written by another tool, edited by
hand or built to hurt. Everything the import will read is checked first, so a
bad set is refused with one sentence naming the first problem and the project
is never touched: only tables (no views, triggers or virtual tables other than
the set's own full-text index and `citations` view), exactly the declared
columns and types, enum values, JSON that parses, values where the project
needs one, and sizes (bytes per cell, rows per table). Every query runs under a
progress handler that interrupts it after `CHECK_SECONDS`, so even a file that
slips past the structure checks cannot hold the import for long.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import sqlite3
import time

from sqlite_utils import Database

from recto.annotations import migrations
from recto.annotations.export_schema import (
    ADDED_IN,
    FORMAT,
    OCR_WORDS,
    SCHEMA_VERSION,
    SPECS,
    TABLES,
    AnnotationSetError,
    TableSpec,
    create_tables,
    finish,
)
from recto.annotations.model import (
    ActorType,
    AliasKind,
    Certainty,
    LinkType,
    Origin,
    RedactionStyle,
    Status,
    TextSource,
)
from recto.annotations.tags import KINDS as TAG_KINDS

CHECK_SECONDS = float(os.environ.get("RECTO_SET_CHECK_SECONDS", "60"))
MAX_CELL_BYTES = 1_000_000  # one page of text is a few KB; a note, a few hundred bytes
MAX_ROWS = 2_000_000
MAX_WORD_ROWS = 50_000_000  # ocr_words: about 300 words a page
MAX_METADATA_ROWS = 1_000
MAX_COORDINATE = 1e6  # PDF points; a page is at most 14,400 pt wide

ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("pages", "text_source"): tuple(e.value for e in TextSource),
    ("actors", "type"): tuple(e.value for e in ActorType),
    ("actor_aliases", "kind"): tuple(e.value for e in AliasKind),
    ("redactions", "style"): tuple(e.value for e in RedactionStyle),
    ("redactions", "status"): tuple(e.value for e in Status),
    ("redactions", "origin"): tuple(e.value for e in Origin),
    ("mentions", "status"): tuple(e.value for e in Status),
    ("mentions", "origin"): tuple(e.value for e in Origin),
    ("claims", "certainty"): tuple(e.value for e in Certainty),
    ("claim_links", "type"): tuple(e.value for e in LinkType),
    ("annotation_tags", "kind"): TAG_KINDS,
}
JSON_ARRAYS = {("documents", "languages"), ("redactions", "polygon")}
PAGES = {"page", "attested_page"}  # 1-based
COORDINATES = {"x0", "y0", "x1", "y1", "width_pt", "height_pt"}

# Tables the importer rewrites rather than inserting as they are: what it cannot fill in.
REQUIRED = {
    "metadata": ("key",),
    "documents": ("id", "sha256", "page_count", "created_at", "modified_at"),
    "pages": ("document_id", "page", "width_pt", "height_pt"),
}
FILLED_BY_IMPORT = {"redactions": {"code", "polygon"}}
PROJECT_COLUMN = {"page": "page_index", "attested_page": "attested_page_index", "code": "codes"}
PROJECT_TABLE = {"ocr_words": "page_words"}
STORAGE = {str: ("text",), int: ("integer",), float: ("real", "integer")}
TYPE_NAMES = {str: "text", int: "an integer", float: "a number"}


@contextlib.contextmanager
def time_limit(conn: sqlite3.Connection, name: str, seconds: float | None = None):
    """Interrupt any statement on `conn` once `seconds` have passed; refuse the set then."""
    limit = CHECK_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        raise AnnotationSetError(
            f"{name} could not be checked within {limit:g} s (it is unusually large or built "
            "to be slow to read); nothing was imported.") from exc
    finally:
        conn.set_progress_handler(None, 0)


def validate(conn: sqlite3.Connection, name: str) -> dict:
    """Check the whole set; return its metadata. Raises AnnotationSetError (one sentence)."""
    if [tuple(r) for r in conn.execute("PRAGMA quick_check")] != [("ok",)]:
        raise AnnotationSetError(f"{name} is damaged or truncated; nothing was imported.")
    objects = {r[1]: (r[0], r[2], r[3]) for r in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master")}
    meta = _metadata(conn, name, objects)
    version = int(meta["schema_version"])
    later = added_after(version)
    with_ocr = "ocr_words" in objects
    _check_objects(name, objects, _expected_objects(with_ocr), older=version < SCHEMA_VERSION)
    specs = [*TABLES, OCR_WORDS] if with_ocr else list(TABLES)
    for spec in specs:
        _check_columns(conn, name, spec, later.get(spec.name, ()))
    for spec in specs:
        _check_size(conn, name, spec)
        _check_values(conn, name, spec, later.get(spec.name, ()))
    return meta


def added_after(version: int) -> dict[str, tuple[str, ...]]:
    """Columns of the current schema that a set of `version` does not have."""
    later: dict[str, tuple[str, ...]] = {}
    for v, tables in ADDED_IN.items():
        if v > version:
            for table, columns in tables.items():
                later[table] = (*later.get(table, ()), *columns)
    return later


def _metadata(conn, name: str, objects: dict) -> dict:
    kind = objects.get("metadata", ("",))[0]
    if kind != "table" or _is_virtual(objects["metadata"][2]):
        raise AnnotationSetError(f"{name} is not a Recto annotation set (no set metadata).")
    have = {r[1] for r in conn.execute("PRAGMA table_xinfo(metadata)")}
    if not {"key", "value"} <= have:
        raise AnnotationSetError(f"{name} is not a Recto annotation set (no set metadata).")
    _check_size(conn, name, SPECS["metadata"], MAX_METADATA_ROWS)
    _check_values(conn, name, SPECS["metadata"])
    meta = dict(conn.execute("SELECT key, value FROM metadata").fetchall())
    if meta.get("format") != FORMAT:
        raise AnnotationSetError(f"{name} is not a Recto annotation set (no set metadata).")
    version = meta.get("schema_version") or ""
    if not version.isdigit():
        raise AnnotationSetError(f"{name} has no valid schema_version; nothing was imported.")
    if int(version) > SCHEMA_VERSION:
        raise AnnotationSetError(
            f"{name} was written by a newer version of Recto (set schema {version}; this "
            f"version reads up to {SCHEMA_VERSION}). Update Recto to import it.")
    return meta


@functools.lru_cache(maxsize=2)
def _expected_objects(with_ocr: bool) -> dict:
    """What Recto's own exporter writes: built afresh in memory from the declarations."""
    db = Database(memory=True)
    create_tables(db, with_ocr)
    finish(db)
    return {r[1]: (r[0], r[2], r[3]) for r in db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master")}


def _check_objects(name: str, objects: dict, expected: dict, older: bool = False) -> None:
    """Only Recto's own tables, views, indexes and FTS tables. A set of an older schema
    version had other views and FTS definitions: those are checked by kind, not by their
    SQL (import never reads a view or an FTS table; only the tables must be tables)."""
    for obj, (kind, table, sql) in objects.items():
        if kind == "index" and obj.startswith("sqlite_autoindex_") and table in expected:
            continue
        if kind == "table" and obj.startswith("sqlite_stat"):
            continue  # statistics from ANALYZE: data, never run
        want = expected.get(obj)
        if want is None:
            raise AnnotationSetError(
                f"{name} holds a {_kind(kind, sql)} named {obj}, which is not part of an "
                "annotation set; nothing was imported.")
        if kind != want[0] or _is_virtual(sql) != _is_virtual(want[2]):
            raise AnnotationSetError(
                f"{name} is not a plain annotation set: {obj} is a {_kind(kind, sql)}, not a "
                f"{_kind(*want[::2])}; nothing was imported.")
        if older and (kind == "view" or (_is_virtual(sql) and "usingfts5" in _normal(sql))):
            continue
        if (kind != "table" or _is_virtual(sql)) and _normal(sql) != _normal(want[2]):
            raise AnnotationSetError(
                f"{name} is not a plain annotation set: its {_kind(kind, sql)} {obj} is not "
                "the one Recto writes; nothing was imported.")
    for spec in TABLES:
        if spec.name not in objects:
            raise AnnotationSetError(f"{name} is incomplete: it lacks the table {spec.name}; "
                                     "nothing was imported.")


def _kind(kind: str, sql: str | None) -> str:
    return "virtual table" if kind == "table" and _is_virtual(sql) else kind


def _is_virtual(sql: str | None) -> bool:
    return bool(sql) and str(sql).lstrip().upper().startswith("CREATE VIRTUAL")


def _normal(sql: str | None) -> str:
    return re.sub(r"[\s\"'`\[\]]", "", sql or "").lower()


@functools.cache
def _expected_columns(table: str) -> list[tuple]:
    db = Database(memory=True)
    create_tables(db, with_ocr=True)
    return [(r[1], r[2].upper(), r[5], r[6]) for r in db.execute(f"PRAGMA table_xinfo({table})")]


def _check_columns(conn, name: str, spec: TableSpec, later: tuple[str, ...] = ()) -> None:
    have = [(r[1], r[2].upper(), r[5], r[6]) for r in conn.execute(
        f"PRAGMA table_xinfo({spec.name})")]
    want = [c for c in _expected_columns(spec.name) if c[0] not in later]
    if have == want:
        return
    lacking = [c[0] for c in want if c[0] not in {h[0] for h in have}]
    if lacking:
        raise AnnotationSetError(f"{name} is incomplete: table {spec.name} lacks "
                                 f"{', '.join(lacking)}; nothing was imported.")
    extra = [h[0] for h in have if h[0] not in {c[0] for c in want}]
    if extra:
        raise AnnotationSetError(f"{name} is not a plain annotation set: table {spec.name} "
                                 f"has a column {extra[0]} Recto does not write; nothing was "
                                 "imported.")
    if len(have) == len(want):
        wrong = next(h for h, w in zip(have, want, strict=True) if h != w)
    else:
        wrong = have[0]
    raise AnnotationSetError(f"{name} is not a plain annotation set: column {spec.name}."
                             f"{wrong[0]} is not declared as Recto declares it; nothing was "
                             "imported.")


def _check_size(conn, name: str, spec: TableSpec, limit: int | None = None) -> None:
    limit = limit or (MAX_WORD_ROWS if spec is OCR_WORDS else MAX_ROWS)
    n = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {spec.name} LIMIT ?)",
                     [limit + 1]).fetchone()[0]
    if n > limit:
        raise AnnotationSetError(f"{name} has more than {limit:,} rows in {spec.name}, more "
                                 "than Recto imports; nothing was imported.")


def _check_values(conn, name: str, spec: TableSpec, later: tuple[str, ...] = ()) -> None:
    """One scan per table; the CASE names the first bad cell of the first bad row."""
    cases = []
    required = _required(spec.name)
    for col, kind in spec.columns.items():
        if col in later:
            continue  # an older set has no such column
        tag = f"'{col}|' ||"
        if col in required:
            cases.append(f"WHEN {col} IS NULL THEN {tag} 'null'")
        allowed = ", ".join(f"'{t}'" for t in ("null", *STORAGE[kind]))
        cases.append(f"WHEN typeof({col}) NOT IN ({allowed}) THEN {tag} 'type|' || typeof({col})")
        if kind is str:
            cases.append(f"WHEN length(CAST({col} AS BLOB)) > {MAX_CELL_BYTES} THEN {tag} "
                         f"'size|' || length(CAST({col} AS BLOB))")
        values = ENUMS.get((spec.name, col))
        if values:
            listed = ", ".join(f"'{v}'" for v in values)
            cases.append(f"WHEN {col} NOT IN ({listed}) THEN {tag} 'enum|' || "
                         f"substr({col}, 1, 40)")
        if (spec.name, col) in JSON_ARRAYS:
            cases.append(f"WHEN {col} IS NOT NULL AND json_valid({col}) = 0 THEN {tag} 'json'")
            cases.append(f"WHEN {col} IS NOT NULL AND json_type({col}) <> 'array' THEN {tag} "
                         "'json'")
        if col in PAGES:
            cases.append(f"WHEN {col} < 1 THEN {tag} 'page|' || {col}")
        if col in COORDINATES:
            cases.append(f"WHEN abs({col}) > {MAX_COORDINATE:g} THEN {tag} 'range|' || {col}")
    keys = [spec.pk] if isinstance(spec.pk, str) else list(spec.pk)
    ident = " || ', ' || ".join(f"substr(CAST({k} AS TEXT), 1, 40)" for k in keys)
    row = conn.execute(
        f"SELECT * FROM (SELECT CASE {' '.join(cases)} END AS problem, {ident} AS ident "
        f"FROM {spec.name}) WHERE problem IS NOT NULL LIMIT 1").fetchone()
    if row is not None:
        raise AnnotationSetError(_sentence(name, spec, row[0], row[1]))


def _sentence(name: str, spec: TableSpec, problem: str, ident: str | None) -> str:
    col, kind, *rest = problem.split("|", 2)
    detail = rest[0] if rest else ""
    where = f"{spec.name}.{col} (row {ident})"
    if kind == "null":
        what = f"{where} is empty where the project needs a value"
    elif kind == "type":
        what = f"{where} holds {detail}, not {TYPE_NAMES[spec.columns[col]]}"
    elif kind == "size":
        what = (f"{where} holds {int(detail):,} bytes, more than the {MAX_CELL_BYTES:,} "
                "Recto imports in one cell")
    elif kind == "enum":
        what = (f"{where} holds {detail!r}, which is not one of "
                f"{', '.join(ENUMS[(spec.name, col)])}")
    elif kind == "json":
        what = f"{where} is not a JSON list"
    elif kind == "page":
        what = f"{where} holds page {detail}; pages count from 1"
    else:
        what = f"{where} holds {detail}, far outside any page"
    return f"{name} cannot be imported: {what}; nothing was imported."


@functools.cache
def _required(table: str) -> frozenset[str]:
    """Set columns that must hold a value: those the project declares NOT NULL."""
    if table in REQUIRED:
        return frozenset(REQUIRED[table])
    spec = SPECS[table]
    keys = {spec.pk} if isinstance(spec.pk, str) else set(spec.pk)
    keys |= {fk[0] for fk in spec.foreign_keys if fk[0] != "attested_document_id"}
    project = _project_not_null(PROJECT_TABLE.get(table, table))
    filled = FILLED_BY_IMPORT.get(table, set())
    return frozenset(c for c in spec.columns if c not in filled and (
        c in keys or PROJECT_COLUMN.get(c, c) in project))


@functools.cache
def _project_not_null(table: str) -> frozenset[str]:
    db = Database(memory=True)
    migrations.build().apply(db)
    return frozenset(r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[3])
