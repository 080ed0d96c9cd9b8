"""Pages that are photographs or scans (JPEG, PNG, TIFF), not PDF pages.

One row per page of an image document, in reading order: which file (a name in
the document's folder, or '' for the document's own file), which frame of a
multi-page TIFF, and the person's corrections before OCR (a quarter-turn rotation
and a crop in fractions of the rotated image). The originals are never changed;
a PDF derived from these rows is what Recto renders.
"""
from annotations.migrations import run_script

SCHEMA = """
CREATE TABLE image_pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    source TEXT NOT NULL,
    frame INTEGER NOT NULL DEFAULT 0,
    rotation INTEGER NOT NULL DEFAULT 0,
    crop TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, page_index)
) STRICT
"""


def migrate(db):
    run_script(db, SCHEMA)
