"""The search index rebuilt: punctuation becomes a word break and each page's text gets
one leading space, so a Latin query matches at the start of a word ("war" finds "war,"
and "warfare", not "toward") with a plain substring search (annotations.text_fold.
index_fold); and a `grams` column holds every pair of adjacent CJK characters and every
CJK character, so a two-character name (総連, 총련) or one character (朝) is an index
lookup, not a scan of every page's text.
`search_keys` gives each page's index row its rowid, so a search lists, ranks and
filters pages without reading their text out of the index.
"""


def migrate(db) -> None:
    from recto.annotations.text_fold import cjk_grams, index_fold
    rows = db.execute("SELECT c.doc_sha256, c.page_index, p.text FROM current_text c "
                      "JOIN page_texts p USING (doc_sha256, page_index, settings_key)").fetchall()
    db.execute("DROP TABLE page_search")
    db.execute("CREATE VIRTUAL TABLE page_search USING fts5(doc_sha256 UNINDEXED, "
               "page_index UNINDEXED, text, grams, tokenize = 'trigram')")
    db.execute("CREATE TABLE search_keys (id INTEGER PRIMARY KEY, doc_sha256 TEXT NOT NULL, "
               "page_index INTEGER NOT NULL, UNIQUE (doc_sha256, page_index)) STRICT")
    db.conn.executemany("INSERT INTO search_keys (doc_sha256, page_index) VALUES (?, ?)",
                        [(sha, index) for sha, index, _ in rows])
    keys = dict(((sha, index), key) for key, sha, index in db.execute(
        "SELECT id, doc_sha256, page_index FROM search_keys").fetchall())
    folded = ((sha, index, index_fold(text)) for sha, index, text in rows)
    db.conn.executemany(
        "INSERT INTO page_search (rowid, doc_sha256, page_index, text, grams) "
        "VALUES (?, ?, ?, ?, ?)",
        [(keys[(sha, index)], sha, index, text, cjk_grams(text)) for sha, index, text in folded])
