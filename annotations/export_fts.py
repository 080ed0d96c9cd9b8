"""Full-text indexes of an annotation set fed NFKC text, so a plain query finds what OCR wrote.

OCR and born-digital PDFs write ligatures (`ﬁ`, `ﬂ`) and full-width forms (`ＩＣＲＣ`): a
search for "confirmation" in Datasette finds nothing in "conﬁrmation". The FTS5 tables
index the NFKC form of each value; the tables themselves keep the text as exported.
(Once the exported rows are NFKC themselves this changes nothing: NFKC is idempotent.)
"""
from __future__ import annotations

import unicodedata


def _nfkc(value):
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def index_nfkc(db, table: str, columns: list[str]) -> None:
    """Refill `<table>_fts` (external content, made by sqlite-utils) with NFKC values."""
    fts = f"{table}_fts"
    db.conn.create_function("recto_nfkc", 1, _nfkc, deterministic=True)
    db.conn.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('delete-all')")
    names = ", ".join(f"[{c}]" for c in columns)
    values = ", ".join(f"recto_nfkc([{c}])" for c in columns)
    db.conn.execute(f"INSERT INTO [{fts}] (rowid, {names}) SELECT rowid, {values} FROM [{table}]")
