"""What a path on disk holds, judged by its content: Recto writes only over its own output.

SQLite files Recto writes carry an `application_id` in their header (sets and
projects each their own), so `file(1)` and Recto can tell them apart without
trusting a file name. Files written before the id existed are recognised by
their content (a set's `metadata` table with its format marker, a project's
migration log). W3C files are recognised by the collection's generator, CSV
folders by the `datapackage.json` manifest Recto writes inside them.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

SET_APPLICATION_ID = 0x52435453  # "RCTS": a Recto annotation set
PROJECT_APPLICATION_ID = 0x52435450  # "RCTP": a Recto project
SQLITE_MAGIC = b"SQLite format 3\x00"
SET_FORMAT = "recto-annotation-set"  # the `format` row of a set's metadata table
CSV_FORMAT = "recto-annotation-set-csv"  # the `recto.format` of a CSV folder's manifest
MANIFEST = "datapackage.json"
GENERATOR_PREFIX = "Recto"
W3C_HEAD = 1 << 16  # where Recto's W3C writer puts the collection's type and generator
W3C_PARSE_LIMIT = 64 << 20  # a larger JSON file is not parsed whole just to be judged

MISSING, EMPTY_FOLDER = "missing", "empty folder"
SET, PROJECT, W3C, CSV_FOLDER = "set", "project", "w3c", "csv folder"
CSL = "csl-json"
CSL_ID_PREFIX = "recto-"  # every item of Recto's CSL-JSON export has such an id
SQLITE, FILE, FOLDER = "sqlite", "file", "folder"  # not Recto's
QDPX, GEXF, GRAPHML = "qdpx", "gexf", "graphml"  # bridges to other tools (app/exchange)
TEI_FOLDER, ALTO_FOLDER = "tei folder", "alto folder"
EXCHANGE_MANIFEST = "recto-export.json"  # names the files of a TEI or ALTO folder
FOLDER_FORMATS = {"recto-tei": TEI_FOLDER, "recto-alto": ALTO_FOLDER}
XML_HEAD = 4096  # Recto's GEXF and GraphML writers name themselves within this

_W3C_TYPE = re.compile(r'^\s*"type"\s*:\s*"AnnotationCollection"', re.M)
_W3C_GENERATOR = re.compile(
    r'^\s*"generator"\s*:\s*\{[^{}]*"name"\s*:\s*"' + GENERATOR_PREFIX + r'[ "]', re.M)

DESCRIPTIONS = {
    SET: "a Recto annotation set", PROJECT: "a Recto project",
    W3C: "a Recto W3C export", CSV_FOLDER: "a Recto CSV export folder",
    CSL: "a Recto CSL-JSON export",
    QDPX: "a Recto REFI-QDA export", GEXF: "a Recto GEXF export",
    GRAPHML: "a Recto GraphML export", TEI_FOLDER: "a Recto TEI export folder",
    ALTO_FOLDER: "a Recto ALTO export folder",
    SQLITE: "an SQLite database Recto did not write", FILE: "a file Recto did not write",
    FOLDER: "a folder holding files Recto did not write", EMPTY_FOLDER: "an empty folder",
    MISSING: "nothing",
}


def kind_of(path: str | os.PathLike) -> str:
    """One of the kind constants above, for whatever is at `path` (it is never changed)."""
    path = Path(path)
    if not os.path.lexists(path):
        return MISSING
    if path.is_dir():
        return _folder_kind(path)
    if not path.is_file():  # a dangling symlink, a device, a socket
        return FILE
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return FILE
    if head.startswith(SQLITE_MAGIC):
        return _sqlite_kind(path, head)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _is_recto_w3c(path):
        return W3C
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") and _is_recto_csl(path):
        return CSL
    if head.startswith(b"PK\x03\x04") and _is_recto_qdpx(path):
        return QDPX
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _xml_kind(path)
    return FILE


def application_id(head: bytes) -> int:
    """The id in an SQLite header (bytes 68-71, big-endian); 0 when none was set."""
    return int.from_bytes(head[68:72], "big") if len(head) >= 72 else 0


def manifest(folder: str | os.PathLike) -> dict | None:
    """A Recto CSV folder's manifest, or None when the folder has none (or a foreign one)."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    recto = data.get("recto") if isinstance(data, dict) else None
    if not isinstance(recto, dict) or recto.get("format") != CSV_FORMAT:
        return None
    files = recto.get("files")
    if not isinstance(files, list) or not all(_plain_name(f) for f in files):
        return None
    return data


def foreign_entries(folder: str | os.PathLike, ours: set[str]) -> list[str]:
    """Names in `folder` that are not in `ours` (Recto's own temp files aside), sorted."""
    return sorted(p.name for p in Path(folder).iterdir()
                  if p.name not in ours and ".tmp-export" not in p.name)


def _folder_kind(path: Path) -> str:
    try:
        entries = [p.name for p in path.iterdir() if ".tmp-export" not in p.name]
    except OSError:
        return FOLDER
    if not entries:
        return EMPTY_FOLDER
    data = manifest(path)
    if data is None:
        names = exchange_manifest(path)
        if names is None:
            return FOLDER
        kind, files = names
        return kind if not foreign_entries(path, {EXCHANGE_MANIFEST, *files}) else FOLDER
    return CSV_FOLDER if not foreign_entries(path, {MANIFEST, *data["recto"]["files"]}) \
        else FOLDER


def exchange_manifest(folder: str | os.PathLike) -> tuple[str, list[str]] | None:
    """(kind, file names) of a Recto TEI or ALTO folder, from the manifest Recto wrote in it."""
    try:
        data = json.loads((Path(folder) / EXCHANGE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    recto = data.get("recto") if isinstance(data, dict) else None
    if not isinstance(recto, dict) or recto.get("format") not in FOLDER_FORMATS:
        return None
    files = recto.get("files")
    if not isinstance(files, list) or not all(_plain_name(f) for f in files):
        return None
    return FOLDER_FORMATS[recto["format"]], files


def _is_recto_qdpx(path: Path) -> bool:
    """A zip whose project.qde names Recto as its origin."""
    try:
        with zipfile.ZipFile(path) as zf, zf.open("project.qde") as fh:
            head = fh.read(XML_HEAD)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    return re.search(rb'<Project\b[^>]*\sorigin="' + GENERATOR_PREFIX.encode(), head) is not None


def _xml_kind(path: Path) -> str:
    """GEXF and GraphML files Recto wrote say so near their start."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(XML_HEAD)
    except OSError:
        return FILE
    prefix = GENERATOR_PREFIX.encode()
    if b"<gexf" in head and b"<creator>" + prefix in head:
        return GEXF
    if b"<graphml" in head and b"<desc>" + prefix in head:
        return GRAPHML
    return FILE


def _sqlite_kind(path: Path, head: bytes) -> str:
    app_id = application_id(head)
    if app_id == SET_APPLICATION_ID:
        return SET
    if app_id == PROJECT_APPLICATION_ID:
        return PROJECT
    if app_id != 0:
        return SQLITE
    try:  # written before the ids existed: look inside, read-only
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "metadata" in tables and conn.execute(
                    "SELECT 1 FROM metadata WHERE key = 'format' AND value = ?",
                    [SET_FORMAT]).fetchall():
                return SET
            if "_sqlite_migrations" in tables and conn.execute(
                    "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'recto'").fetchall():
                return PROJECT
    except sqlite3.Error:
        pass
    return SQLITE


def _is_recto_w3c(path: Path) -> bool:
    """Recto writes the generator before the items: the file's head decides; a file whose
    head does not (another writer's key order) is parsed whole if it is not huge."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(W3C_HEAD).decode("utf-8", "replace")
        if _W3C_TYPE.search(head) and _W3C_GENERATOR.search(head):
            return True
        if path.stat().st_size > W3C_PARSE_LIMIT:
            return False
        with open(path, encoding="utf-8-sig") as fh:
            doc = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return False
    if not isinstance(doc, dict) or doc.get("type") != "AnnotationCollection":
        return False
    generator = doc.get("generator")
    name = generator.get("name") if isinstance(generator, dict) else generator
    return isinstance(name, str) and name.split(" ", 1)[0] == GENERATOR_PREFIX


def _is_recto_csl(path: Path) -> bool:
    """A CSL-JSON array whose every item has a Recto id (`recto-` + the PDF's hash)."""
    try:
        if path.stat().st_size > W3C_PARSE_LIMIT:
            return False
        with open(path, encoding="utf-8-sig") as fh:
            items = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return False
    return (isinstance(items, list) and bool(items)
            and all(isinstance(i, dict) and str(i.get("id", "")).startswith(CSL_ID_PREFIX)
                    for i in items))


def _plain_name(name) -> bool:
    """A manifest may only name plain files inside its folder (no `..`, no slashes)."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
            and "\\" not in name and "\0" not in name)


def stamp(conn: sqlite3.Connection, app_id: int) -> None:
    """Set the header's application_id unless the file already carries one."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
        conn.execute(f"PRAGMA application_id = {int(app_id)}")
