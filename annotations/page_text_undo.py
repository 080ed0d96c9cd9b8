"""Page text inside an undoable step (an import's texts), with its words and search entry.

OCR output normally stays out of the undo log (a re-run replaces it). An import
adds page text as part of one human step, so undoing the import must take the
text away too, and redo must bring it back: the step records the whole result
(row, words, whether it is the page's current text) as one image, and this
module writes or removes it together with the derived tables.
"""
from __future__ import annotations

from recto.annotations.ocr_store import search_form

TABLE = "page_texts"
KEY = ("doc_sha256", "page_index", "settings_key")


def image(db, pk: dict) -> dict | None:
    """Everything one page-text result consists of, as JSON-ready data."""
    where, params = _where(pk)
    rows = list(db.query(f"SELECT * FROM page_texts WHERE {where}", params))
    if not rows:
        return None
    words = [list(r.values()) for r in db.query(
        f"SELECT * FROM page_words WHERE {where} ORDER BY seq", params)]
    current = bool(list(db.query(f"SELECT 1 FROM current_text WHERE {where}", params)))
    return {"row": rows[0], "words": words, "current": current}


def restore(db, pk: dict, img: dict | None) -> None:
    """Put a result back as `img` describes it, or remove it (None) with all it derived."""
    where, params = _where(pk)
    sha, page = pk["doc_sha256"], pk["page_index"]
    db.execute(f"DELETE FROM page_texts WHERE {where}", params)  # words, current: cascade
    if img is None:
        if not list(db.query("SELECT 1 FROM current_text WHERE doc_sha256 = ? AND "
                             "page_index = ?", [sha, page])):
            db.execute("DELETE FROM page_search WHERE doc_sha256 = ? AND page_index = ?",
                       [sha, page])
        return
    row = img["row"]
    cols = list(row)
    db.execute(f"INSERT INTO page_texts ({', '.join(cols)}) VALUES "
               f"({', '.join('?' * len(cols))})", [row[c] for c in cols])
    if img["words"]:
        marks = ", ".join("?" * len(img["words"][0]))
        db.conn.executemany(f"INSERT INTO page_words VALUES ({marks})", img["words"])
    if img["current"]:
        db.execute("INSERT INTO current_text VALUES (?, ?, ?) ON CONFLICT(doc_sha256, "
                   "page_index) DO UPDATE SET settings_key = excluded.settings_key",
                   [pk[k] for k in KEY])
        db.execute("DELETE FROM page_search WHERE doc_sha256 = ? AND page_index = ?",
                   [sha, page])
        db.execute("INSERT INTO page_search (doc_sha256, page_index, text) VALUES (?, ?, ?)",
                   [sha, page, search_form(row["text"])])


def _where(pk: dict) -> tuple[str, list]:
    return " AND ".join(f"{k} = ?" for k in KEY), [pk[k] for k in KEY]
