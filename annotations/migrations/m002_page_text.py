"""Page text from OCR or a PDF text layer, and the index that searches it.

Results are keyed by the document's SHA-256 (which fixes the page images), the
page and a hash of the OCR settings, so re-running OCR redoes only what is
missing and re-adding a document reuses its text. `current_text` says which
result each page shows. Search: an FTS5 trigram index finds any substring of
three or more characters in any script; shorter queries (two-character CJK names
such as 総連 or 총련) fall back to a scan of the same text (see ocr_store.search).
"""
from recto.annotations.migrations import run_script

SCHEMA = """
CREATE TABLE page_texts (
    doc_sha256 TEXT NOT NULL,
    page_index INTEGER NOT NULL,
    settings_key TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    engine TEXT NOT NULL DEFAULT '',
    engine_version TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    dpi INTEGER,
    preprocessing TEXT NOT NULL DEFAULT '',
    orientation INTEGER NOT NULL DEFAULT 0,
    deskew REAL NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    seconds REAL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (doc_sha256, page_index, settings_key)
) STRICT;

CREATE TABLE page_words (
    doc_sha256 TEXT NOT NULL,
    page_index INTEGER NOT NULL,
    settings_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    conf REAL NOT NULL,
    block INTEGER NOT NULL, par INTEGER NOT NULL, line INTEGER NOT NULL,
    lang TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_sha256, page_index, settings_key, seq),
    FOREIGN KEY (doc_sha256, page_index, settings_key)
        REFERENCES page_texts(doc_sha256, page_index, settings_key) ON DELETE CASCADE
) STRICT;

CREATE TABLE current_text (
    doc_sha256 TEXT NOT NULL,
    page_index INTEGER NOT NULL,
    settings_key TEXT NOT NULL,
    PRIMARY KEY (doc_sha256, page_index),
    FOREIGN KEY (doc_sha256, page_index, settings_key)
        REFERENCES page_texts(doc_sha256, page_index, settings_key) ON DELETE CASCADE
) STRICT;

CREATE VIRTUAL TABLE page_search USING fts5(
    doc_sha256 UNINDEXED, page_index UNINDEXED, text, tokenize = 'trigram'
);
"""


def migrate(db):
    run_script(db, SCHEMA)
