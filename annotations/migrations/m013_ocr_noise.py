"""OCR words flagged as scanner noise (perforation strips, specks, box edges); the
page layout each OCR'd page was read with; the search index refolded.

They stay stored, so the word overlay can show them dimmed, but page text,
search, mentions and exports leave them out.
"""


def migrate(db) -> None:
    db.execute("ALTER TABLE page_words ADD COLUMN noise INTEGER NOT NULL DEFAULT 0")
    # which page segmentation won the coverage check ("psm 3", "psm 6"; '' for text layers)
    db.execute("ALTER TABLE page_texts ADD COLUMN layout TEXT NOT NULL DEFAULT ''")
    # search now folds like mention matching (Omura finds Ōmura): rebuild the index
    from recto.annotations.text_fold import search_fold
    rows = db.execute("SELECT doc_sha256, page_index, text FROM page_search").fetchall()
    db.execute("DELETE FROM page_search")
    for sha, index, text in rows:
        db.execute("INSERT INTO page_search (doc_sha256, page_index, text) VALUES (?, ?, ?)",
                   [sha, index, search_fold(text)])
