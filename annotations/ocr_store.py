"""Page text and words (machine output) and full-text search, in the project store.

Machine output is kept apart from human judgements (it is not in the undo log):
a re-run replaces it, and it is keyed by document hash + page + settings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from recto.annotations.model import Box, OcrWord, now_iso
from recto.annotations.project import Project
from recto.annotations.text_fold import nfkc, search_fold


@dataclass(frozen=True)
class PageText:
    doc_sha256: str
    page_index: int
    settings_key: str
    source: str
    status: str
    text: str
    engine: str = ""
    engine_version: str = ""
    languages: str = ""
    dpi: int | None = None
    preprocessing: str = ""
    orientation: int = 0
    deskew: float = 0.0
    error: str = ""
    seconds: float | None = None
    created_at: str = ""
    layout: str = ""


@dataclass(frozen=True)
class SearchHit:
    document_id: str
    doc_sha256: str
    page_index: int
    snippet: str
    bboxes: tuple[Box, ...]


def store_page(project: Project, result: PageText, words: list[OcrWord]) -> None:
    """Write one page's result in one transaction; an ok result becomes the current text."""
    key = (result.doc_sha256, result.page_index, result.settings_key)
    result = replace(result, text=nfkc(result.text))  # one normal form for search and quotes
    with project.transaction() as db:
        db.execute("DELETE FROM page_texts WHERE doc_sha256 = ? AND page_index = ? "
                   "AND settings_key = ?", key)
        db.execute(
            "INSERT INTO page_texts (doc_sha256, page_index, settings_key, source, status, engine,"
            " engine_version, languages, dpi, preprocessing, orientation, deskew, error, text,"
            " seconds, created_at, layout) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [*key, result.source, result.status, result.engine, result.engine_version,
             result.languages, result.dpi, result.preprocessing, result.orientation,
             result.deskew, result.error, result.text, result.seconds, now_iso(),
             result.layout])
        db.conn.executemany(
            "INSERT INTO page_words (doc_sha256, page_index, settings_key, seq, text, x0, y0, x1,"
            " y1, conf, block, par, line, lang, noise) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*key, i, w.text, w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1, w.conf, w.block,
              w.par, w.line, w.lang, int(w.noise)) for i, w in enumerate(words)])
        if result.status == "ok":
            db.execute("INSERT INTO current_text VALUES (?,?,?) ON CONFLICT(doc_sha256, page_index)"
                       " DO UPDATE SET settings_key = excluded.settings_key", key)
            _reindex(db, result.doc_sha256, result.page_index, result.text)


def _reindex(db, sha: str, page_index: int, text: str) -> None:
    db.execute("DELETE FROM page_search WHERE doc_sha256 = ? AND page_index = ?", [sha, page_index])
    db.execute("INSERT INTO page_search (doc_sha256, page_index, text) VALUES (?, ?, ?)",
               [sha, page_index, search_form(text)])


def set_page_text(project: Project, sha: str, page_index: int, text: str) -> None:
    """Replace the current text of a page (e.g. with redaction placeholders), words unchanged."""
    text = nfkc(text)
    with project.transaction() as db:
        db.execute("UPDATE page_texts SET text = ? WHERE (doc_sha256, page_index, settings_key) = "
                   "(SELECT doc_sha256, page_index, settings_key FROM current_text "
                   " WHERE doc_sha256 = ? AND page_index = ?)", [text, sha, page_index])
        _reindex(db, sha, page_index, text)


def has_result(project: Project, sha: str, page_index: int, settings_key: str) -> bool:
    return bool(project.query(
        "SELECT 1 FROM page_texts WHERE doc_sha256 = ? AND page_index = ? AND settings_key = ? "
        "AND status = 'ok'", [sha, page_index, settings_key]))


def done_pages(project: Project, sha: str, settings_key: str) -> set[int]:
    return {r["page_index"] for r in project.query(
        "SELECT page_index FROM page_texts WHERE doc_sha256 = ? AND settings_key = ? "
        "AND status = 'ok'", [sha, settings_key])}


def current_text(project: Project, sha: str, page_index: int) -> PageText | None:
    rows = project.query(
        "SELECT p.* FROM current_text c JOIN page_texts p USING (doc_sha256, page_index, "
        "settings_key) WHERE c.doc_sha256 = ? AND c.page_index = ?", [sha, page_index])
    return PageText(**rows[0]) if rows else None


def current_words(project: Project, sha: str, page_index: int,
                  noise: bool = False) -> list[OcrWord]:
    """The page's words in order; with `noise`, only the scanner artefacts (for the
    overlay to show dimmed), which page text, search, mentions and exports leave out."""
    rows = project.query(
        "SELECT w.* FROM current_text c JOIN page_words w USING (doc_sha256, page_index, "
        "settings_key) WHERE c.doc_sha256 = ? AND c.page_index = ? AND w.noise = ? "
        "ORDER BY w.seq", [sha, page_index, int(noise)])
    return [_word(r) for r in rows]


def pages_with_text(project: Project, sha: str | None = None) -> list[tuple[str, int]]:
    """(doc_sha256, page_index) of every page that has current text, in order."""
    where, params = ("WHERE doc_sha256 = ?", [sha]) if sha else ("", [])
    return [(r["doc_sha256"], r["page_index"]) for r in project.query(
        f"SELECT doc_sha256, page_index FROM current_text {where} "
        "ORDER BY doc_sha256, page_index", params)]


def failed_pages(project: Project, sha: str, settings_key: str) -> list[tuple[int, str]]:
    return [(r["page_index"], r["error"]) for r in project.query(
        "SELECT page_index, error FROM page_texts WHERE doc_sha256 = ? AND settings_key = ? "
        "AND status = 'failed' ORDER BY page_index", [sha, settings_key])]


def search_form(text: str) -> str:
    """What the index holds: folded as mentions are matched (annotations.text_fold)."""
    return search_fold(text)


def search(project: Project, query: str, document_ids: list[str] | None = None,
           limit: int = 500) -> list[SearchHit]:
    """Substring search in any script; hit boxes are the words that carry the match."""
    needle = search_form(query).strip()
    if not needle:
        return []
    if len(needle) >= 3:
        sql = ("SELECT s.doc_sha256, s.page_index, s.text FROM page_search s "
               "WHERE page_search MATCH ? LIMIT ?")
        params = ['"' + needle.replace('"', '""') + '"', limit]
    else:  # trigram finds nothing below 3 characters: scan (fast enough at thousands of pages)
        sql = ("SELECT doc_sha256, page_index, text FROM page_search WHERE instr(text, ?) > 0 "
               "LIMIT ?")
        params = [needle, limit]
    rows = project.query(sql, params)
    docs = {r["sha256"]: r["id"] for r in project.query("SELECT id, sha256 FROM documents")}
    hits = []
    for r in rows:
        doc_id = docs.get(r["doc_sha256"])
        if doc_id is None or (document_ids and doc_id not in document_ids):
            continue
        words = current_words(project, r["doc_sha256"], r["page_index"])
        page = current_text(project, r["doc_sha256"], r["page_index"])
        original = page.text if page else r["text"]
        hits.append(SearchHit(doc_id, r["doc_sha256"], r["page_index"],
                              _snippet(original, needle), tuple(_hit_boxes(words, needle))))
    return hits


def _snippet(text: str, needle: str, width: int = 60) -> str:
    at = max(0, search_form(text).find(needle))  # NFKC rarely moves offsets; close enough
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    body = re.sub(r"\s+", " ", text[start:end]).strip()
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


def _hit_boxes(words: list[OcrWord], needle: str) -> list[Box]:
    """Boxes of the words whose joined text contains the needle (matches may span words)."""
    forms = [search_form(w.text) for w in words]
    joined, starts = "", []
    for form in forms:
        starts.append(len(joined))
        joined += form
    compact = needle.replace(" ", "")
    boxes, at = [], joined.find(compact)
    while at >= 0 and compact:
        end = at + len(compact)
        boxes += [w.bbox for w, s, f in zip(words, starts, forms, strict=True)
                  if s < end and s + len(f) > at]
        at = joined.find(compact, end)
    return boxes


def _word(r: dict) -> OcrWord:
    return OcrWord(r["text"], Box(r["x0"], r["y0"], r["x1"], r["y1"]), r["conf"], r["block"],
                   r["par"], r["line"], r["lang"], bool(r["noise"]))


def page_sources(project: Project, sha: str, settings_key: str) -> dict[int, str]:
    """page_index -> source ("ocr" / "text_layer") of the ok results under one settings key."""
    return {r["page_index"]: r["source"] for r in project.query(
        "SELECT page_index, source FROM page_texts WHERE doc_sha256 = ? AND settings_key = ? "
        "AND status = 'ok'", [sha, settings_key])}


def page_languages(project: Project, document_id: str) -> dict[int, str]:
    """Per-page OCR language overrides ('kor', 'jpn+eng'); pages without one are absent."""
    return {r["page_index"]: r["languages"] for r in project.query(
        "SELECT page_index, languages FROM pages WHERE document_id = ? "
        "AND coalesce(languages, '') != ''", [document_id])}


def set_page_languages(project: Project, document_id: str, page_indexes: list[int],
                       languages: str | None) -> None:
    """Override (or with None, clear) the OCR languages of some pages: one undoable step."""
    with project.edit("Set page languages") as ed:
        for index in page_indexes:
            ed.update("pages", {"document_id": document_id, "page_index": index},
                      {"languages": languages or None})
