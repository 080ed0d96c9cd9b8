"""An archive store: OCR results for many PDFs, shared by many machines and projects.

A folder with one SQLite file per document, named by the PDF's SHA-256, holding one
row per (page, OCR settings key). Content addressing makes it append-only: a page's
result under given settings never changes, so a writer inserts and never updates,
any number of workers can write (each page in its own short transaction; the
rollback journal, not WAL, so the folder may sit on a network filesystem), and a
project takes a page's text from it instead of running Tesseract again. Redaction
detection results sit beside the text, keyed by the page and the detection settings.
Failures are not stored: a re-run tries those pages again. Shared by the OCR and the
redaction features (both write it from `recto batch`), so it lives in the core.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from recto.annotations.model import Box, OcrWord, now_iso
from recto.annotations.project import Project

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
  page_index INTEGER NOT NULL, settings_key TEXT NOT NULL, source TEXT NOT NULL,
  text TEXT NOT NULL, words TEXT NOT NULL, engine TEXT NOT NULL, engine_version TEXT NOT NULL,
  orientation INTEGER NOT NULL, deskew REAL NOT NULL, seconds REAL NOT NULL,
  created_at TEXT NOT NULL, PRIMARY KEY (page_index, settings_key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS redactions (
  page_index INTEGER NOT NULL, settings_key TEXT NOT NULL, boxes TEXT NOT NULL,
  created_at TEXT NOT NULL, PRIMARY KEY (page_index, settings_key)) WITHOUT ROWID;
"""
BUSY_TIMEOUT_S = 120


@dataclass(frozen=True)
class StoredPage:
    """One page's OCR result as the archive keeps it."""
    page_index: int
    settings_key: str
    source: str                  # "ocr" | "text_layer"
    text: str
    words: tuple[OcrWord, ...]
    engine: str
    engine_version: str
    orientation: int
    deskew: float
    seconds: float


def document_path(store: Path, sha256: str) -> Path:
    return Path(store) / sha256[:2] / f"{sha256}.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.executescript(SCHEMA)
    return conn


def add_page(store: Path, sha256: str, page: StoredPage) -> bool:
    """Insert a page's result unless it is there already; True when this call added it."""
    path = document_path(store, sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    b = [(w, w.bbox) for w in page.words]
    words = json.dumps([[w.text, x.x0, x.y0, x.x1, x.y1, w.conf, w.block, w.par, w.line, w.lang]
                        for w, x in b], ensure_ascii=False)
    conn = _connect(path)
    try:
        cur = conn.execute(
            "INSERT OR IGNORE INTO pages VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [page.page_index, page.settings_key, page.source, page.text, words, page.engine,
             page.engine_version, page.orientation, page.deskew, round(page.seconds, 3),
             now_iso()])
        return cur.rowcount == 1
    finally:
        conn.close()


def done_pages(store: Path, sha256: str, settings_key: str) -> set[int]:
    """Pages of the document already in the store under these settings."""
    return _done(store, sha256, settings_key, "pages")


def _done(store: Path, sha256: str, settings_key: str, table: str) -> set[int]:
    path = document_path(store, sha256)
    if not path.exists():
        return set()
    conn = _connect(path)
    try:
        return {r[0] for r in conn.execute(
            f"SELECT page_index FROM {table} WHERE settings_key = ?", [settings_key])}
    finally:
        conn.close()


def get_page(store: Path, sha256: str, page_index: int, settings_key: str) -> StoredPage | None:
    path = document_path(store, sha256)
    if not path.exists():
        return None
    conn = _connect(path)
    try:
        row = conn.execute(
            "SELECT page_index, settings_key, source, text, words, engine, engine_version,"
            " orientation, deskew, seconds FROM pages WHERE page_index = ? AND settings_key = ?",
            [page_index, settings_key]).fetchone()
    finally:
        conn.close()
    if row is None:
        return None
    words = tuple(OcrWord(text=w[0], bbox=Box(*w[1:5]), conf=w[5], block=w[6], par=w[7],
                          line=w[8], lang=w[9]) for w in json.loads(row[4]))
    return StoredPage(row[0], row[1], row[2], row[3], words, *row[5:])


def page_counts(store: Path, sha256: str) -> dict[int, int]:
    """How many rows each page has (any settings): a check that nothing is stored twice."""
    path = document_path(store, sha256)
    if not path.exists():
        return {}
    conn = _connect(path)
    try:
        return dict(conn.execute("SELECT page_index, count(*) FROM pages GROUP BY page_index"))
    finally:
        conn.close()


# --- redaction detection results ---------------------------------------------------------

@dataclass(frozen=True)
class StoredBox:
    """One detected redaction as the archive keeps it (PDF points, top-left origin)."""
    bbox: Box
    style: str
    confidence: float
    code: str | None = None
    text_recoverable: bool = False
    hidden_text: str = ""        # the text still under a failed redaction


def add_redactions(store: Path, sha256: str, page_index: int, settings_key: str,
                   boxes: list[StoredBox]) -> bool:
    """Insert a page's detected boxes (possibly none) unless there; True when added."""
    path = document_path(store, sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = json.dumps([[b.bbox.x0, b.bbox.y0, b.bbox.x1, b.bbox.y1, b.style, b.confidence,
                        b.code, b.text_recoverable, b.hidden_text] for b in boxes],
                      ensure_ascii=False)
    conn = _connect(path)
    try:
        cur = conn.execute("INSERT OR IGNORE INTO redactions VALUES (?,?,?,?)",
                           [page_index, settings_key, rows, now_iso()])
        return cur.rowcount == 1
    finally:
        conn.close()


def done_redactions(store: Path, sha256: str, settings_key: str) -> set[int]:
    """Pages whose detection is already in the store under these settings."""
    return _done(store, sha256, settings_key, "redactions")


def get_redactions(store: Path, sha256: str, page_index: int,
                   settings_key: str) -> list[StoredBox] | None:
    """The boxes stored for a page (None: the page was never analysed under this key)."""
    path = document_path(store, sha256)
    if not path.exists():
        return None
    conn = _connect(path)
    try:
        row = conn.execute("SELECT boxes FROM redactions WHERE page_index = ? AND "
                           "settings_key = ?", [page_index, settings_key]).fetchone()
    finally:
        conn.close()
    if row is None:
        return None
    return [StoredBox(Box(*b[:4]), b[4], b[5], b[6], bool(b[7]), b[8])
            for b in json.loads(row[0])]


# --- the store a project takes its pages from -----------------------------------------------

STORE_META = "archive_store"


def named_store(project: Project) -> Path | None:
    """The archive store named in the project's settings (`recto set-store`), if any."""
    value = project.get_meta(STORE_META)
    return Path(value) if value else None


def name_store(project: Project, store: Path | None) -> None:
    """Name (or, with None, forget) the archive store `recto add` and `recto ocr` use."""
    project.set_meta(STORE_META, str(Path(store).resolve()) if store else "")


def redaction_counts(store: Path, sha256: str) -> dict[int, int]:
    """How many redaction rows each page has (any settings)."""
    path = document_path(store, sha256)
    if not path.exists():
        return {}
    conn = _connect(path)
    try:
        return dict(conn.execute(
            "SELECT page_index, count(*) FROM redactions GROUP BY page_index"))
    finally:
        conn.close()
