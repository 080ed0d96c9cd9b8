"""Page text and words (machine output) and full-text search, in the project store.

Machine output is kept apart from human judgements (it is not in the undo log):
a re-run replaces it, and it is keyed by document hash + page + settings. The one
exception is a word a person retyped (`corrected`): a re-run keeps its text
(annotations/word_corrections.py), and the retyping itself is an undoable step.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from recto.annotations import page_text_undo
from recto.annotations.model import Box, OcrWord, now_iso
from recto.annotations.project import Project
from recto.annotations.text_fold import cjk_grams, index_fold, is_cjk_char, nfkc
from recto.annotations.word_corrections import carry


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


def store_page(project: Project, result: PageText, words: list[OcrWord]) -> bool:
    """Write one page's result in one transaction; an ok result becomes the current text.

    Words a person corrected in the page's current (or this key's earlier) reading are
    laid over the new words; the caller rebuilds the text from them
    (app.text.page_text.refresh_page_text), as it does for redaction placeholders.
    Returns whether there were any."""
    key = (result.doc_sha256, result.page_index, result.settings_key)
    result = replace(result, text=nfkc(result.text))  # one normal form for search and quotes
    with project.transaction() as db:
        corrections = _corrections(db, *key) if result.status == "ok" else []
        words = carry(corrections, words)
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
            " y1, conf, block, par, line, lang, noise, corrected)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*key, i, w.text, w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1, w.conf, w.block,
              w.par, w.line, w.lang, int(w.noise), int(w.corrected))
             for i, w in enumerate(words)])
        if result.status == "ok":
            db.execute("INSERT INTO current_text VALUES (?,?,?) ON CONFLICT(doc_sha256, page_index)"
                       " DO UPDATE SET settings_key = excluded.settings_key", key)
            _reindex(db, result.doc_sha256, result.page_index, result.text)
    return bool(corrections)


def _corrections(db, sha: str, page_index: int, settings_key: str) -> list[OcrWord]:
    """Corrected words of the page's current reading, else of this key's earlier one."""
    current = [r["settings_key"] for r in db.query(
        "SELECT settings_key FROM current_text WHERE doc_sha256 = ? AND page_index = ?",
        [sha, page_index])]
    for key in dict.fromkeys([*current, settings_key]):
        rows = [dict(r) for r in db.query(
            "SELECT * FROM page_words WHERE doc_sha256 = ? AND page_index = ? AND "
            "settings_key = ? AND corrected = 1 ORDER BY seq", [sha, page_index, key])]
        if rows:
            return [_word(r) for r in rows]
    return []


def _reindex(db, sha: str, page_index: int, text: str) -> None:
    index_page(db, sha, page_index, text)


def unindex_page(db, sha: str, page_index: int) -> None:
    """Take a page out of the search index (by its key: no scan of the index)."""
    db.execute("DELETE FROM page_search WHERE rowid = (SELECT id FROM search_keys "
               "WHERE doc_sha256 = ? AND page_index = ?)", [sha, page_index])


def index_page(db, sha: str, page_index: int, text: str) -> None:
    """Put a page's current text in the search index, in place of what it held."""
    unindex_page(db, sha, page_index)
    db.execute("INSERT INTO search_keys (doc_sha256, page_index) VALUES (?, ?) "
               "ON CONFLICT DO NOTHING", [sha, page_index])
    folded = search_form(text)
    db.execute("INSERT INTO page_search (rowid, doc_sha256, page_index, text, grams) "
               "SELECT id, ?, ?, ?, ? FROM search_keys WHERE doc_sha256 = ? AND page_index = ?",
               [sha, page_index, folded, cjk_grams(folded), sha, page_index])


def set_page_text(project: Project, sha: str, page_index: int, text: str) -> None:
    """Replace the current text of a page (e.g. with redaction placeholders), words unchanged."""
    text = nfkc(text)
    with project.transaction() as db:
        db.execute("UPDATE page_texts SET text = ? WHERE (doc_sha256, page_index, settings_key) = "
                   "(SELECT doc_sha256, page_index, settings_key FROM current_text "
                   " WHERE doc_sha256 = ? AND page_index = ?)", [text, sha, page_index])
        _reindex(db, sha, page_index, text)


def correct_words(project: Project, sha: str, page_index: int, texts: dict[int, str],
                  page_text: str, label: str = "Correct OCR text") -> None:
    """Retype words of the page's current reading (`texts`: word seq -> new text) and store
    the page text rebuilt from them: one undoable step, which undo puts back whole
    (words, text and search entry, as page_text_undo records a result)."""
    rows = project.query("SELECT settings_key FROM current_text WHERE doc_sha256 = ? AND "
                         "page_index = ?", [sha, page_index])
    if not rows:
        raise ValueError("the page has no current text to correct")
    pk = {"doc_sha256": sha, "page_index": page_index, "settings_key": rows[0]["settings_key"]}
    with project.edit(label) as ed:
        db = project.db
        before = page_text_undo.image(db, pk)
        db.conn.executemany(
            "UPDATE page_words SET text = ?, corrected = 1 WHERE doc_sha256 = ? AND "
            "page_index = ? AND settings_key = ? AND seq = ?",
            [(nfkc(text), sha, page_index, pk["settings_key"], seq)
             for seq, text in texts.items()])
        set_page_text(project, sha, page_index, page_text)
        ed.record(page_text_undo.TABLE, pk, before, page_text_undo.image(db, pk))


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
    overlay to show dimmed), which page text, search, mentions and exports leave out.
    Words a person deleted (corrected to empty text) stay in the list, so the word
    numbers mentions and evidence point at do not move; text building skips them."""
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
    """What the index holds: folded as mentions are matched, punctuation as word breaks
    and one leading space (annotations.text_fold.index_fold)."""
    return index_fold(text)


RANK_LIMIT = 500  # pages: more than this and bm25 ranks by reading order (see match_pages)


class PageMatch(NamedTuple):
    """A page that holds every term of a query (a tuple: ten thousand are made at once)."""
    document_id: str
    doc_sha256: str
    page_index: int
    rowid: int  # of the page in the index, to fetch its text (see index_texts)


def _where(needles: list[str], shas: list[str] | None, page_index: int | None
           ) -> tuple[str, dict[str, object]]:
    """Needles of 3+ characters go through the trigram index, one or two CJK characters
    through the `grams` column (総連 as "総連|", 朝 as "朝||"); others ("a", "of") scan
    the text."""
    params: dict[str, object] = {}
    phrases, where = [], []
    for i, needle in enumerate(needles):
        if len(needle) >= 3:
            phrases.append('text : "' + needle.replace('"', '""') + '"')
        elif len(needle) == 2 and all(is_cjk_char(c) for c in needle):
            phrases.append(f'grams : "{needle}|"')
        elif len(needle) == 1 and is_cjk_char(needle):
            phrases.append(f'grams : "{needle}||"')
        else:
            where.append(f"instr(s.text, :n{i}) > 0")
            params[f"n{i}"] = needle
    if phrases:
        where.insert(0, "page_search MATCH :match")
        params["match"] = " AND ".join(phrases)
    if shas is not None:
        where.append(f"k.doc_sha256 IN ({', '.join(f':d{i}' for i in range(len(shas)))})")
        params.update({f"d{i}": d for i, d in enumerate(shas)})
    if page_index is not None:
        where.append("k.page_index = :page")
        params["page"] = page_index
    return " AND ".join(where), params


_FROM = "FROM page_search s JOIN search_keys k ON k.id = s.rowid"


def match_pages(project: Project, needles: list[str], document_ids: list[str] | None = None,
                page_index: int | None = None, order: str = "rank") -> list[PageMatch]:
    """Every page whose index text holds all `needles` (in index form, see search_form),
    without reading any page's text: ranked by FTS5's bm25, or with order="reading" in
    document and page order. bm25 reads every matching page's statistics, so a term on
    more than RANK_LIMIT pages (a word such as "the", which ranks nothing) is listed in
    reading order. Pages of documents no longer in the project are left out."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        return []
    docs = {sha: (created, title, doc_id) for doc_id, sha, created, title in project.db.execute(
        "SELECT id, sha256, created_at, title FROM documents").fetchall()
        if not document_ids or doc_id in document_ids}
    where, params = _where(needles, list(docs) if document_ids else None, page_index)
    select = f"SELECT k.doc_sha256, k.page_index, s.rowid {_FROM} WHERE {where} ORDER BY "
    with project.read() as db:
        rows = [r for r in db.execute(select + "s.rowid", params).fetchall() if r[0] in docs]
        if order == "rank" and "match" in params and 1 < len(rows) <= RANK_LIMIT:
            rows = [r for r in db.execute(select + "s.rank", params).fetchall() if r[0] in docs]
        else:
            rows.sort(key=lambda r: (docs[r[0]][:2], r[1]))
    return [PageMatch(docs[sha][2], sha, page, rowid) for sha, page, rowid in rows]


def count_occurrences(project: Project, needles: list[str],
                      document_ids: list[str] | None = None,
                      page_index: int | None = None) -> int:
    """Occurrences of the needles on every page that holds them all, counted in SQLite
    (non-overlapping, left to right, as app.text.search.occurrences finds them). Reads
    the text of every matching page: the one step that grows with the archive."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        return 0
    shas = None if not document_ids else [r[0] for r in project.db.execute(
        f"SELECT sha256 FROM documents WHERE id IN ({', '.join('?' * len(document_ids))})",
        document_ids).fetchall()]
    where, params = _where(needles, shas, page_index)
    counts = []
    for i, needle in enumerate(needles):
        params[f"c{i}"], params[f"l{i}"] = needle, len(needle)
        counts.append(f"(length(s.text) - length(replace(s.text, :c{i}, ''))) / :l{i}")
    with project.read() as db:
        return db.execute(f"SELECT coalesce(sum({' + '.join(counts)}), 0) {_FROM} JOIN "
                          f"documents d ON d.sha256 = k.doc_sha256 WHERE {where}",
                          params).fetchone()[0]


def index_texts(project: Project, matches: list[PageMatch]) -> dict[tuple[str, int], str]:
    """The index text (search_form) of some matched pages: where their occurrences are."""
    if not matches:
        return {}
    marks = ", ".join("?" * len(matches))
    with project.read() as db:
        return {(sha, page): text for sha, page, text in db.execute(
            f"SELECT doc_sha256, page_index, text FROM page_search WHERE rowid IN ({marks})",
            [m.rowid for m in matches])}


def word_rows(project: Project, keys: list[tuple[str, int]]
              ) -> dict[tuple[str, int], list[tuple[str, float, float, float, float]]]:
    """(text, x0, y0, x1, y1) of the current words of some pages, in reading order, noise
    left out: plain tuples, so a screen of hits costs no objects for the words not shown."""
    out: dict[tuple[str, int], list] = {key: [] for key in keys}
    for sha, page, *word in _by_pages(
            project, "SELECT w.doc_sha256, w.page_index, w.text, w.x0, w.y0, w.x1, w.y1 "
            "FROM current_text c JOIN page_words w USING (doc_sha256, page_index, "
            "settings_key)", keys, "AND w.noise = 0 ORDER BY w.doc_sha256, "
            "w.page_index, w.seq"):
        out[(sha, page)].append(tuple(word))
    return out


def _by_pages(project: Project, select: str, keys: list[tuple[str, int]], tail: str
              ) -> list[tuple]:
    if not keys:
        return []
    cond = " OR ".join("(c.doc_sha256 = ? AND c.page_index = ?)" for _ in keys)
    with project.read() as db:
        return list(db.execute(f"{select} WHERE ({cond}) {tail}",
                               [v for key in keys for v in key]).fetchall())


def _word(r: dict) -> OcrWord:
    return OcrWord(r["text"], Box(r["x0"], r["y0"], r["x1"], r["y1"]), r["conf"], r["block"],
                   r["par"], r["line"], r["lang"], bool(r["noise"]),
                   bool(r.get("corrected", 0)), seq=r["seq"])


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
