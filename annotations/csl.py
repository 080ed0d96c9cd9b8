"""CSL-JSON shaped the way Zotero (citeproc-js) reads it: one item per document.

A document is cited many times (each claim, each page) but is one source: one item
whose `id` is stable across claims, exports and projects (it comes from the PDF's
SHA-256), and one citation item per place cited, carrying the page as a `locator`
with `label: "page"`. The page is never on the item (it would land in the
bibliography, and Zotero drops `page` for manuscripts); `issued` is the document's
own date, never the date a claim refers to, and is absent when unknown. Items
validate against CSL's csl-data.json (tests/data/csl/). Plain Python, used by
`recto cite` and by `recto export --format csl-json`.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from recto.annotations.edtf import parse_date
from recto.annotations.errors import InvalidInputError

# A document's type (free text in Recto) -> the CSL type Zotero files it under; the
# type itself goes to `genre` (Zotero's "Type" field). Anything else is a manuscript.
CSL_TYPES = {"report": "report", "letter": "personal_communication", "map": "map",
             "photograph": "graphic", "newspaper": "article-newspaper",
             "transcript": "interview"}


@dataclass(frozen=True)
class CslSource:
    """What a citation needs of a document (from the project or from an exported set)."""
    sha256: str
    title: str
    archive: str = ""
    collection: str = ""
    box_folder: str = ""
    item: str = ""
    date: str = ""
    creator: str = ""
    type: str = ""
    language: str = ""
    rights: str = ""
    archive_place: str = ""

    @classmethod
    def from_row(cls, row: dict) -> CslSource:
        return cls(**{f: row.get(f) or "" for f in cls.__dataclass_fields__})


def item_id(sha256: str) -> str:
    """The same PDF is the same item everywhere, whichever claim or project cites it."""
    return f"recto-{sha256[:16]}"


def csl_item(doc: CslSource) -> dict:
    item: dict = {"id": item_id(doc.sha256), "type": CSL_TYPES.get(doc.type, "manuscript"),
                  "title": doc.title}
    if doc.type:
        item["genre"] = doc.type
    if doc.creator:
        item["author"] = [{"literal": doc.creator}]
    issued = _issued(doc.date)
    if issued:
        item["issued"] = issued
    if doc.language:
        item["language"] = doc.language
    if doc.archive:
        item["archive"] = doc.archive
    if doc.archive_place:
        item["archive-place"] = doc.archive_place
    if doc.collection:
        item["archive_collection"] = doc.collection
    location = ", ".join(p for p in (doc.box_folder, doc.item) if p)
    if location:
        item["archive_location"] = location
    if doc.item:
        item["call-number"] = doc.item
    if doc.rights:
        item["custom"] = {"rights": doc.rights}
    return item


def citation_item(doc: CslSource, page_label: str | None) -> dict:
    """One place cited: the item's id and, when there is one, the printed page."""
    cited: dict = {"id": item_id(doc.sha256)}
    if page_label:
        cited["locator"] = page_label
        cited["label"] = "page"
    return cited


def _issued(date_text: str) -> dict | None:
    try:
        parsed = parse_date(date_text)
    except InvalidInputError:  # an unreadable date is left out rather than guessed at
        return None
    return parsed.csl_date() if parsed else None


def write_set(set_db: Path, out: Path) -> int:
    """Every document cited by a claim in the set, once, as a CSL-JSON array (what
    Zotero imports); returns the number of items."""
    with sqlite3.connect(str(set_db)) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute(
            "SELECT * FROM documents WHERE id IN (SELECT document_id FROM claim_evidence) "
            "ORDER BY sha256")]
    items = [csl_item(CslSource.from_row(r)) for r in rows]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(items, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return len(items)
