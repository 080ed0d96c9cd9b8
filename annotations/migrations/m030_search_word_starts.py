"""The search index refolded: punctuation becomes a word break and each page's text gets
one leading space, so a Latin query matches at the start of a word ("war" finds "war,"
and "warfare", not "toward") with a plain substring search, and occurrences can be
counted in SQLite (annotations.text_fold.index_fold). CJK queries still match anywhere.
"""


def migrate(db) -> None:
    from annotations.text_fold import index_fold
    rows = db.execute("SELECT c.doc_sha256, c.page_index, p.text FROM current_text c "
                      "JOIN page_texts p USING (doc_sha256, page_index, settings_key)").fetchall()
    db.execute("DELETE FROM page_search")
    db.conn.executemany(
        "INSERT INTO page_search (doc_sha256, page_index, text) VALUES (?, ?, ?)",
        [(sha, index, index_fold(text)) for sha, index, text in rows])
