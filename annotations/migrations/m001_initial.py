"""The first schema: documents, pages, annotations, tags, the undo log.

STRICT tables with foreign keys; ids are UUID text; times are ISO-8601 UTC text;
page_index is 0-based; boxes are x0,y0,x1,y1 in PDF points, top-left origin.
"""
from recto.annotations.migrations import run_script

SCHEMA = """
CREATE TABLE project_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    path TEXT,
    file_size INTEGER,
    file_mtime REAL,
    page_count INTEGER NOT NULL,
    languages TEXT NOT NULL DEFAULT '[]',
    archive TEXT NOT NULL DEFAULT '',
    collection TEXT NOT NULL DEFAULT '',
    box_folder TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL DEFAULT '',
    citation TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    width_pt REAL NOT NULL,
    height_pt REAL NOT NULL,
    rotation INTEGER NOT NULL DEFAULT 0,
    has_text_layer INTEGER NOT NULL DEFAULT 0,
    languages TEXT,
    PRIMARY KEY (document_id, page_index)
) STRICT;

CREATE TABLE redactions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    polygon TEXT NOT NULL DEFAULT '[]',
    style TEXT NOT NULL,
    codes TEXT NOT NULL DEFAULT '[]',
    extent_chars INTEGER,
    extent_words INTEGER,
    extent_lines INTEGER,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL,
    text_recoverable INTEGER NOT NULL DEFAULT 0,
    hidden_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX redactions_page ON redactions(document_id, page_index);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    external_id TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;

CREATE TABLE actor_aliases (
    id TEXT PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'name',
    attested_document_id TEXT REFERENCES documents(id),
    attested_page_index INTEGER,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    UNIQUE (actor_id, alias)
) STRICT;

CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    word_start INTEGER,
    word_end INTEGER,
    text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    origin TEXT NOT NULL,
    confidence REAL,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_page ON mentions(document_id, page_index);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    statement TEXT NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    date_start TEXT NOT NULL DEFAULT '',
    date_end TEXT NOT NULL DEFAULT '',
    certainty TEXT NOT NULL DEFAULT 'asserted',
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;

CREATE TABLE claim_actors (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    PRIMARY KEY (claim_id, actor_id, role)
) STRICT;

CREATE TABLE claim_evidence (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    page_index INTEGER NOT NULL,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    word_start INTEGER,
    word_end INTEGER,
    quote TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
) STRICT;
CREATE INDEX claim_evidence_claim ON claim_evidence(claim_id);

CREATE TABLE claim_links (
    id TEXT PRIMARY KEY,
    from_claim_id TEXT NOT NULL REFERENCES claims(id),
    to_claim_id TEXT NOT NULL REFERENCES claims(id),
    type TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    UNIQUE (from_claim_id, to_claim_id, type),
    CHECK (from_claim_id <> to_claim_id)
) STRICT;

CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE annotation_tags (
    annotation_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    tag_id TEXT NOT NULL REFERENCES tags(id),
    PRIMARY KEY (annotation_id, kind, tag_id)
) STRICT;

CREATE TABLE undo_steps (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE undo_changes (
    step_id INTEGER NOT NULL REFERENCES undo_steps(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    before TEXT,
    after TEXT,
    PRIMARY KEY (step_id, seq)
) STRICT;
"""


def migrate(db):
    run_script(db, SCHEMA)
