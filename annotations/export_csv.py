"""The CSV form of an annotation set: one file per table, described by a datapackage.json.

The manifest is a Frictionless Tabular Data Package (https://specs.frictionlessdata.io/):
each resource names its CSV file, its fields with their types, its primary and
foreign keys, and the file's size and SHA-256, so pandas, R or `frictionless
validate` can check it. Its `recto` key names the format and lists the files
Recto wrote: only those are ever replaced or removed by a later export.

Plain CSV is exact (UTF-8, no BOM, every value as stored, NULL as an empty cell).
`excel=True` is for spreadsheets: a UTF-8 byte-order mark, and a text cell that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
(OWASP's advice against CSV injection), so a colleague's `=HYPERLINK(...)` stays text.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from recto.annotations import file_kinds as fk
from recto.annotations.export_schema import (
    FORMAT,
    INT,
    REAL,
    SCHEMA_VERSION,
    SPECS,
    TEXT,
    TableSpec,
)
from recto.annotations.export_target import step

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIELD_TYPES = {TEXT: "string", INT: "integer", REAL: "number"}
CITATIONS = TableSpec("citations", {
    "kind": TEXT, "annotation_id": TEXT, "document_id": TEXT, "page": INT, "citation": TEXT,
    "label": TEXT, "quote": TEXT}, (), (("document_id", "documents", "id"),),
    order_by="kind, annotation_id, page")


def file_names() -> set[str]:
    """Every name a CSV export may write (what a killed export's temp folder can hold)."""
    return {f"{name}.csv" for name in SPECS} | {f"{CITATIONS.name}.csv", fk.MANIFEST}


def write_folder(set_db: Path, folder: Path, *, excel: bool = False,
                 title: str = "", created: str = "") -> list[str]:
    """Write every table of the set at `set_db` into `folder` (synced); the names written."""
    resources, names = [], []
    with contextlib.closing(sqlite3.connect(str(set_db))) as conn:
        specs = [s for s in SPECS.values() if _has_table(conn, s.name)] + [CITATIONS]
        for spec in specs:
            path = folder / f"{spec.name}.csv"
            cur = conn.execute(f"SELECT {', '.join(spec.columns)} FROM {spec.name} "
                               f"ORDER BY {spec.order_by}")
            _write_csv(path, list(spec.columns), cur, excel)
            names.append(path.name)
            resources.append(_resource(spec, path, excel))
            step(f"wrote {path.name}")
    names.append(fk.MANIFEST)
    package = {
        "profile": "tabular-data-package", "name": FORMAT, "title": title, "created": created,
        "resources": resources,
        "recto": {"format": fk.CSV_FORMAT, "schema_version": SCHEMA_VERSION, "excel": excel,
                  "files": names},
    }
    _write_synced(folder / fk.MANIFEST, json.dumps(package, ensure_ascii=False, indent=1) + "\n")
    step("wrote the manifest")
    return names


def excel_cell(value):
    """A value as a spreadsheet should see it: text that looks like a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _write_csv(path: Path, header: list[str], rows, excel: bool) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig" if excel else "utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        if excel:
            writer.writerows([excel_cell(v) for v in row] for row in rows)
        else:
            writer.writerows(rows)
        fh.flush()
        os.fsync(fh.fileno())


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _resource(spec: TableSpec, path: Path, excel: bool) -> dict:
    data = path.read_bytes()
    schema: dict = {"fields": [{"name": c, "type": FIELD_TYPES[t]}
                               for c, t in spec.columns.items()]}
    if spec.pk:
        schema["primaryKey"] = [spec.pk] if isinstance(spec.pk, str) else list(spec.pk)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [col], "reference": {"resource": table, "fields": [ref]}}
            for col, table, ref in spec.foreign_keys]
    schema["missingValues"] = [""]
    return {
        "name": spec.name, "path": path.name, "profile": "tabular-data-resource",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig" if excel else "utf-8",
        "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "schema": schema,
    }


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                             [name]).fetchall())
