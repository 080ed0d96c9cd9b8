"""The Datasette `metadata.json` written beside each SQLite annotation set.

`datasette thesis-set.db --metadata thesis-set.metadata.json` then shows the set
with its title, a description of every table, view and column, the example
queries of docs/export-schema.md as canned queries (all three taken from the
doc through annotations/export_descriptions.py), among them one for names of 1-2
characters, common in Chinese, Japanese and Korean, which the trigram full-text
index cannot find.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from pathlib import Path

from recto.annotations import export_descriptions as described
from recto.annotations.export_schema import ExportTargetError

SUFFIX = ".metadata.json"
TITLE = "Recto annotation set"


def path_for(set_path: Path) -> Path:
    """`thesis-set.db` -> `thesis-set.metadata.json`, beside it (one per set in a folder)."""
    return set_path.with_name(set_path.stem + SUFFIX)


def check_replaceable(set_path: Path) -> None:
    """The metadata file beside a set follows the rule of every export: Recto replaces only
    its own (a title it wrote), never another file of that name."""
    path = path_for(set_path)
    if not os.path.lexists(path):
        return
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        ours = isinstance(doc, dict) and str(doc.get("title", "")).startswith(TITLE)
    except (OSError, ValueError, RecursionError):
        ours = False
    if not ours or not path.is_file():
        raise ExportTargetError(
            f"{path.name} beside the set is a file Recto did not write; Recto will not "
            "overwrite it, so move it or choose another name for the set.")


def database_name(set_path: Path) -> str:
    """The name Datasette gives the database: the file name without its extension."""
    return set_path.stem


def write(set_db: Path, set_path: Path, out: Path) -> None:
    """Write to `out` the metadata for the set built at `set_db` that will be published at
    `set_path`."""
    with contextlib.closing(sqlite3.connect(f"file:{set_db}?mode=ro", uri=True)) as conn:
        names = {r[0]: [c[1] for c in conn.execute(f"PRAGMA table_info([{r[0]}])")]
                 for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN "
                                       "('table', 'view') AND name NOT LIKE '%\\_fts%' "
                                       "ESCAPE '\\' ORDER BY name")}
        project = conn.execute("SELECT value FROM metadata WHERE key = 'project_name'").fetchone()
    doc = build(database_name(set_path), project[0] if project else "", names)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def build(database: str, project_name: str, tables: dict[str, list[str]]) -> dict:
    """Metadata for `tables` (name -> its columns) of the database named `database`."""
    title = f"{TITLE}: {project_name}".rstrip(": ")
    return {
        "title": title,
        "description": "Annotations exported by Recto: redactions, actors and their mentions, "
                       "claims with their evidence, on 1-based pages; boxes in PDF points.",
        "databases": {database: {
            "title": title,
            "tables": {name: _table(name, columns) for name, columns in tables.items()},
            "queries": canned_queries(),
        }},
    }


def _table(name: str, columns: list[str]) -> dict:
    out: dict[str, str | dict[str, str]] = {}
    if described.TABLES.get(name):
        out["description"] = described.TABLES[name]
    known = described.COLUMNS.get(name, {})
    cols = {c: known[c] for c in columns if c in known}
    if cols:
        out["columns"] = cols
    return out


def canned_queries() -> dict:
    """The documented example queries, by a short name made from their description."""
    queries = {}
    for text, sql in described.QUERIES:
        title = text.split(" (", 1)[0]
        slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
        queries[slug] = {"sql": sql.rstrip().rstrip(";"), "title": title, "description": text}
    return queries
