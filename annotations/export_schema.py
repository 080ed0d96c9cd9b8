"""The annotation set's schema: tables, keys, full-text search and the citations view.

An annotation set is a flat SQLite file meant for people and other tools
(Datasette, pandas, R), not a copy of the project: columns are named plainly,
pages are 1-based (`page`), boxes are x0,y0,x1,y1 in PDF points (top-left
origin). Tables are always created from these declarations, never inferred from
inserted rows, so keys and types are the same whatever the data. Every column
is described in docs/export-schema.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from recto.annotations import export_fts
from recto.annotations.errors import ExitCode, RectoError

FORMAT = "recto-annotation-set"
SCHEMA_VERSION = 2
# Columns a set of an older schema version lacks: import fills them (claims.date is
# derived from date_start/date_end, see annotations/date_bounds.py).
ADDED_IN = {2: {"documents": ("date", "creator", "type", "language", "rights", "archive_place",
                              "first_page", "page_labels"),
                "pages": ("label",), "claims": ("date",)}}
TEXT, INT, REAL = str, int, float


class AnnotationSetError(RectoError):
    """A file given as an annotation set cannot be read; nothing was changed."""
    exit_code = ExitCode.INPUT_FILE


class ExportTargetError(RectoError):
    """The export cannot be written where asked; any previous file there is untouched."""
    exit_code = ExitCode.INPUT_FILE


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict
    pk: str | tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    not_null: tuple[str, ...] = ()
    order_by: str = "id"


_TIMES = {"author": TEXT, "created_at": TEXT, "modified_at": TEXT}
_BOX = {"x0": REAL, "y0": REAL, "x1": REAL, "y1": REAL}
_DOC_FK = ("document_id", "documents", "id")

TABLES: tuple[TableSpec, ...] = (
    TableSpec("metadata", {"key": TEXT, "value": TEXT}, "key", order_by="key"),
    TableSpec("documents", {
        "id": TEXT, "sha256": TEXT, "title": TEXT, "filename": TEXT, "page_count": INT,
        "archive": TEXT, "collection": TEXT, "box_folder": TEXT, "item": TEXT,
        "citation": TEXT, "languages": TEXT, "date": TEXT, "creator": TEXT, "type": TEXT,
        "language": TEXT, "rights": TEXT, "archive_place": TEXT, "first_page": INT,
        "page_labels": TEXT, **_TIMES},
        "id", not_null=("sha256",)),
    TableSpec("pages", {
        "document_id": TEXT, "page": INT, "width_pt": REAL, "height_pt": REAL,
        "rotation": INT, "has_text_layer": INT, "text_source": TEXT, "languages": TEXT,
        "text": TEXT, "label": TEXT}, ("document_id", "page"), (_DOC_FK,),
        order_by="document_id, page"),
    TableSpec("actors", {
        "id": TEXT, "name": TEXT, "type": TEXT, "external_id": TEXT, "note": TEXT, **_TIMES},
        "id"),
    TableSpec("actor_aliases", {
        "id": TEXT, "actor_id": TEXT, "alias": TEXT, "lang": TEXT, "kind": TEXT,
        "attested_document_id": TEXT, "attested_page": INT, **_TIMES}, "id",
        (("actor_id", "actors", "id"), ("attested_document_id", "documents", "id"))),
    TableSpec("redactions", {
        "id": TEXT, "document_id": TEXT, "page": INT, **_BOX, "style": TEXT, "code": TEXT,
        "status": TEXT, "origin": TEXT, "confidence": REAL, "extent_chars": INT,
        "extent_words": INT, "extent_lines": INT, "text_recoverable": INT,
        "hidden_text": TEXT, "polygon": TEXT, "note": TEXT, **_TIMES}, "id", (_DOC_FK,)),
    TableSpec("mentions", {
        "id": TEXT, "actor_id": TEXT, "document_id": TEXT, "page": INT, **_BOX,
        "word_start": INT, "word_end": INT, "text": TEXT, "status": TEXT, "origin": TEXT,
        "confidence": REAL, **_TIMES}, "id", (("actor_id", "actors", "id"), _DOC_FK)),
    TableSpec("claims", {
        "id": TEXT, "statement": TEXT, "quote": TEXT, "date": TEXT, "date_start": TEXT,
        "date_end": TEXT,
        "certainty": TEXT, "note": TEXT, **_TIMES}, "id"),
    TableSpec("claim_actors", {"claim_id": TEXT, "actor_id": TEXT, "role": TEXT},
              ("claim_id", "actor_id", "role"),
              (("claim_id", "claims", "id"), ("actor_id", "actors", "id")),
              order_by="claim_id, actor_id, role"),
    TableSpec("claim_evidence", {
        "id": TEXT, "claim_id": TEXT, "document_id": TEXT, "page": INT, **_BOX,
        "word_start": INT, "word_end": INT, "quote": TEXT, **_TIMES}, "id",
        (("claim_id", "claims", "id"), _DOC_FK)),
    TableSpec("claim_links", {
        "id": TEXT, "from_claim_id": TEXT, "to_claim_id": TEXT, "type": TEXT, "note": TEXT,
        **_TIMES}, "id", (("from_claim_id", "claims", "id"), ("to_claim_id", "claims", "id"))),
    TableSpec("tags", {"id": TEXT, "name": TEXT}, "id"),
    TableSpec("annotation_tags", {"annotation_id": TEXT, "kind": TEXT, "tag_id": TEXT},
              ("annotation_id", "kind", "tag_id"), (("tag_id", "tags", "id"),),
              order_by="annotation_id, kind, tag_id"),
)

OCR_WORDS = TableSpec("ocr_words", {
    "document_id": TEXT, "page": INT, "seq": INT, "text": TEXT, **_BOX, "conf": REAL,
    "block": INT, "par": INT, "line": INT, "lang": TEXT}, ("document_id", "page", "seq"),
    (_DOC_FK,), order_by="document_id, page, seq")

SPECS = {t.name: t for t in (*TABLES, OCR_WORDS)}

INDEXES = {
    "actor_aliases": ["actor_id"], "redactions": ["document_id"],
    "mentions": ["actor_id", "document_id"], "claim_actors": ["actor_id"],
    "claim_evidence": ["claim_id", "document_id"], "claim_links": ["to_claim_id"],
    "annotation_tags": ["tag_id"],
}

CITATIONS_VIEW = """
SELECT 'redaction' AS kind, r.id AS annotation_id, r.document_id, r.page,
       d.citation || ', p. ' || COALESCE(p.label, r.page) AS citation, r.code AS label,
       '' AS quote, r.status AS status
FROM redactions r JOIN documents d ON d.id = r.document_id
     LEFT JOIN pages p ON p.document_id = r.document_id AND p.page = r.page
UNION ALL
SELECT 'mention', m.id, m.document_id, m.page,
       d.citation || ', p. ' || COALESCE(p.label, m.page), a.name, m.text, m.status
FROM mentions m JOIN documents d ON d.id = m.document_id JOIN actors a ON a.id = m.actor_id
     LEFT JOIN pages p ON p.document_id = m.document_id AND p.page = m.page
UNION ALL
SELECT 'claim', e.claim_id, e.document_id, e.page,
       d.citation || ', p. ' || COALESCE(p.label, e.page), c.statement, e.quote, 'confirmed'
FROM claim_evidence e JOIN documents d ON d.id = e.document_id JOIN claims c ON c.id = e.claim_id
     LEFT JOIN pages p ON p.document_id = e.document_id AND p.page = e.page
"""
# Claims are a person's own reading (their doubt is `certainty`), so their evidence counts
# as confirmed; suggested and rejected redactions and mentions are left out.
CONFIRMED_CITATIONS_VIEW = "SELECT * FROM citations WHERE status = 'confirmed'"


def create_tables(db, with_ocr: bool) -> None:
    """Create every table from its declaration (STRICT, keys declared up front)."""
    for spec in (*TABLES, OCR_WORDS) if with_ocr else TABLES:
        db[spec.name].create(spec.columns, pk=spec.pk, foreign_keys=list(spec.foreign_keys),
                             not_null=list(spec.not_null), strict=True)


def finish(db) -> None:
    """Indexes, full-text search and the citations view, once the rows are in."""
    for table, columns in INDEXES.items():
        for column in columns:
            db[table].create_index([column], index_name=f"{table}_{column}")
    db["pages"].enable_fts(["text"], tokenize="trigram")
    db["claims"].enable_fts(["statement", "quote", "note"], tokenize="trigram")
    export_fts.index_nfkc(db, "pages", ["text"])
    export_fts.index_nfkc(db, "claims", ["statement", "quote", "note"])
    db.create_view("citations", CITATIONS_VIEW.strip())
    db.create_view("confirmed_citations", CONFIRMED_CITATIONS_VIEW)
