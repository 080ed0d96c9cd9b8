"""Dismissed release findings: a finding the historian judged not worth a claim.

A finding is recomputed by every comparison, so it has no id of its own; a dismissal
is stored as the hidden box (document, page, box in PDF points) and matched back
by overlap, as an accepted finding is matched to its claim's evidence. Accepted
findings need no row here: their claim (tagged revealed-elsewhere) is the record.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
CREATE TABLE release_dismissals (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    text_revealed TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX release_dismissals_doc ON release_dismissals(document_id, page_index)
"""


def migrate(db):
    run_script(db, SCHEMA)
