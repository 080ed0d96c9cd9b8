"""Pages that are photographs or scans (JPEG, PNG, TIFF), not PDF pages.

One row per page of an image document, in reading order: which file (a name in
the document's folder, or '' for the document's own file) and its place among the
files whose bytes, in that order, are the document's SHA-256; which frame of a
multi-page TIFF, and the person's corrections before OCR (a quarter-turn rotation
and a crop in fractions of the rotated image). The originals are never changed;
a PDF derived from these rows is what Recto renders.

Also what documents bring from the tools historians sort their photos in (Tropy):
notes on a document (or one of its pages), regions (a box on a page, e.g. a Tropy
selection, that can become a claim's evidence) and metadata fields by property
URI (dc:date, dc:creator, ...), kept whole so nothing the person recorded is lost.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
CREATE TABLE image_pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    source TEXT NOT NULL,
    file_seq INTEGER NOT NULL DEFAULT 0,
    frame INTEGER NOT NULL DEFAULT 0,
    rotation INTEGER NOT NULL DEFAULT 0,
    crop TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, page_index)
) STRICT;

CREATE TABLE document_notes (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER,
    text TEXT NOT NULL DEFAULT '',
    html TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_notes_doc ON document_notes(document_id);

CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX regions_doc ON regions(document_id, page_index);

CREATE TABLE document_fields (
    document_id TEXT NOT NULL REFERENCES documents(id),
    property TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, property)
) STRICT
"""


def migrate(db):
    run_script(db, SCHEMA)
