"""Release links: two documents marked as releases of the same record.

A typed link between two documents, never a merge: each release keeps its own
pages, OCR and redactions, and comparing them shows what one hides and the other
reveals. `document_a`/`document_b` keep the order the person gave (often the
earlier and the later release); a pair is linked at most once, in either order.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
CREATE TABLE release_links (
    id TEXT PRIMARY KEY,
    document_a TEXT NOT NULL REFERENCES documents(id),
    document_b TEXT NOT NULL REFERENCES documents(id),
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    CHECK (document_a <> document_b)
) STRICT;
CREATE UNIQUE INDEX release_links_pair
    ON release_links(min(document_a, document_b), max(document_a, document_b));
CREATE INDEX release_links_b ON release_links(document_b)
"""


def migrate(db):
    run_script(db, SCHEMA)
