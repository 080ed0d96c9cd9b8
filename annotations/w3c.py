"""W3C Web Annotation (JSON-LD) from an annotation set, for annotation tools and IIIF viewers.

One AnnotationCollection holds every redaction ("describing"), mention
("identifying"), claim ("describing", one target per evidence anchor) and claim
link ("linking"); tags are bodies with purpose "tagging". A target is the PDF
(`urn:sha256:<hash of its bytes>`), a page selected with RFC 3778 `page=N`
(1-based), refined by a Media Fragments `xywh=percent:x,y,w,h` box: percent of
the unrotated page's width and height, so it is independent of the image's
resolution (exact PDF points are in the SQLite export). Where the anchor has
text, a TextQuoteSelector (with 32-character prefix and suffix) and a
TextPositionSelector against the page's text are given as alternative selectors
(annotations/w3c_text.py). Claims without evidence have no target and are left
out (they are in the SQLite and CSV sets).

Conformance (checked in tests/test_w3c_conformance.py with the W3C's own test
schemas and a JSON-LD processor): the collection and its one page have
`urn:uuid:` ids derived from the project name and filters, so re-exporting keeps
them; the page is `partOf` the collection; a body that is a web resource (a
Wikidata entity, a linked claim) is a SpecificResource whose `source` is that
resource, as `purpose` may only sit on a SpecificResource or TextualBody; a
creator has an id derived from the author's name. The context is the
annotation context plus RECTO_TERMS, which defines every other term used.
"""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import uuid
from pathlib import Path

from recto.annotations import w3c_text

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Terms Recto uses that the annotation context does not define; a JSON-LD processor
# silently drops any key without a definition.
RECTO_TERMS = {"dcterms": "http://purl.org/dc/terms/", "title": "dcterms:title"}
CONTEXT = [ANNO_CONTEXT, RECTO_TERMS]
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
MEDIA_FRAGMENT = "http://www.w3.org/TR/media-frags/"
# Namespace for the name-based ids (RFC 4122 version 5) of collections, pages and agents.
RECTO_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:recto:annotation-set")


def write(set_db: Path, out: Path) -> int:
    """Write the collection for the set at `set_db` to `out`; returns the annotation count."""
    with contextlib.closing(sqlite3.connect(str(set_db))) as conn:
        conn.row_factory = sqlite3.Row
        items = collection_items(conn)
        meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM metadata")}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(collection(meta, items), fh, ensure_ascii=False, indent=1)
    return len(items)


def collection(meta: dict, items: list[dict]) -> dict:
    """The AnnotationCollection with its single, embedded AnnotationPage."""
    cid = uuid.uuid5(RECTO_NS, "collection\n{}\n{}".format(
        meta.get("project_name", ""), meta.get("filters", "")))
    page_id = f"urn:uuid:{uuid.uuid5(cid, 'page 1')}"
    doc = {
        "@context": CONTEXT, "id": f"urn:uuid:{cid}", "type": "AnnotationCollection",
        "label": f"Recto annotation set: {meta.get('project_name', '')}",
        "generated": meta.get("exported_at", ""),
        "generator": {"type": "Software", "name": f"Recto {meta.get('recto_version', '')}".strip()},
        "total": len(items),
        "first": {"id": page_id, "type": "AnnotationPage", "partOf": f"urn:uuid:{cid}",
                  "startIndex": 0, "items": items},
        "last": page_id,
    }
    if not doc["generated"]:  # must be a date-time when present
        del doc["generated"]
    return doc


def collection_items(conn: sqlite3.Connection) -> list[dict]:
    ctx = _Context(conn)
    items = [_redaction(ctx, r) for r in conn.execute("SELECT * FROM redactions ORDER BY id")]
    items += [_mention(ctx, r) for r in conn.execute(
        "SELECT m.*, a.name AS actor_name, a.external_id FROM mentions m "
        "JOIN actors a ON a.id = m.actor_id ORDER BY m.id")]
    items += [c for c in (_claim(ctx, r) for r in conn.execute(
        "SELECT * FROM claims ORDER BY id")) if c is not None]
    items += [_link(r) for r in conn.execute("SELECT * FROM claim_links ORDER BY id")]
    return items


class _Context:
    """Lookups shared by all annotations: documents, page sizes and texts, tags, evidence."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.docs = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM documents")}
        self.sizes = {(r["document_id"], r["page"]): (r["width_pt"], r["height_pt"])
                      for r in conn.execute("SELECT document_id, page, width_pt, height_pt "
                                            "FROM pages")}
        self.tags: dict[tuple[str, str], list[str]] = {}
        for r in conn.execute("SELECT a.annotation_id, a.kind, t.name FROM annotation_tags a "
                              "JOIN tags t ON t.id = a.tag_id ORDER BY t.name"):
            self.tags.setdefault((r["annotation_id"], r["kind"]), []).append(r["name"])

    def tag_bodies(self, annotation_id: str, kind: str) -> list[dict]:
        return [{"type": "TextualBody", "purpose": "tagging", "value": name}
                for name in self.tags.get((annotation_id, kind), [])]

    def page_text(self, document_id: str, page: int) -> str:
        row = self.conn.execute("SELECT text FROM pages WHERE document_id = ? AND page = ?",
                                [document_id, page]).fetchone()
        return (row["text"] if row else None) or ""

    def target(self, row, exact: str = "") -> dict:
        doc = self.docs[row["document_id"]]
        page = {"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT,
                "value": f"page={row['page']}"}
        selectors: list[dict] = []
        box = self._xywh(row)
        if box:
            selectors.append({**page, "refinedBy": {
                "type": "FragmentSelector", "conformsTo": MEDIA_FRAGMENT, "value": box}})
        if exact:
            found = w3c_text.anchor(self.page_text(row["document_id"], row["page"]), exact,
                                    row["word_start"])
            selectors += [{**page, "refinedBy": s} for s in w3c_text.selectors(found, exact)]
        return {"type": "SpecificResource",
                "source": {"id": f"urn:sha256:{doc['sha256']}", "format": "application/pdf",
                           "title": doc["citation"]},
                "selector": selectors if len(selectors) > 1 else (selectors or [page])[0]}

    def _xywh(self, row) -> str:
        size = self.sizes.get((row["document_id"], row["page"]))
        if size is None or row["x0"] is None or not size[0] or not size[1]:
            return ""
        w, h = size
        vals = (row["x0"] / w, row["y0"] / h, (row["x1"] - row["x0"]) / w,
                (row["y1"] - row["y0"]) / h)
        return "xywh=percent:" + ",".join(_num(100 * v) for v in vals)


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _base(row, motivation: str) -> dict:
    ann: dict = {"id": f"urn:uuid:{row['id']}", "type": "Annotation",
                 "motivation": motivation}
    if row["author"]:
        ann["creator"] = agent(row["author"])
    ann["created"], ann["modified"] = row["created_at"], row["modified_at"]
    return ann


def agent(name: str) -> dict:
    """A Person with an id derived from the name: the same author has the same id in every set."""
    return {"id": f"urn:uuid:{uuid.uuid5(RECTO_NS, 'agent ' + name)}", "type": "Person",
            "name": name}


def _resource(iri: str, purpose: str) -> dict:
    """A web resource as a body: `purpose` is only allowed on a SpecificResource around it."""
    return {"type": "SpecificResource", "source": iri, "purpose": purpose}


def _text(value: str, purpose: str) -> dict:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _redaction(ctx: _Context, r) -> dict:
    parts = ["Redaction", f"exemption {r['code']}" if r["code"] else "",
             f"style {r['style']}", f"status {r['status']}", r["note"]]
    ann = _base(r, "describing")
    ann["body"] = [_text(", ".join(p for p in parts if p), "describing"),
                   *ctx.tag_bodies(r["id"], "redaction")]
    ann["target"] = ctx.target(r)
    return ann


def _mention(ctx: _Context, r) -> dict:
    ann = _base(r, "identifying")
    body = [_text(r["actor_name"], "identifying")]
    ext = r["external_id"] or ""
    if re.fullmatch(r"Q\d+", ext):
        ext = f"http://www.wikidata.org/entity/{ext}"
    if ext.startswith(("http://", "https://")):
        body.append(_resource(ext, "identifying"))
    ann["body"] = body + ctx.tag_bodies(r["id"], "mention")
    ann["target"] = ctx.target(r, r["text"])
    return ann


def _claim(ctx: _Context, r) -> dict | None:
    evidence = ctx.conn.execute("SELECT * FROM claim_evidence WHERE claim_id = ? ORDER BY id",
                                [r["id"]]).fetchall()
    if not evidence:
        return None
    ann = _base(r, "describing")
    body = [_text(r["statement"], "describing")]
    if r["note"]:
        body.append(_text(r["note"], "commenting"))
    ann["body"] = body + ctx.tag_bodies(r["id"], "claim")
    targets = [ctx.target(e, e["quote"] or (r["quote"] if len(evidence) == 1 else ""))
               for e in evidence]
    ann["target"] = targets if len(targets) > 1 else targets[0]
    return ann


def _link(r) -> dict:
    ann = _base(r, "linking")
    ann["body"] = [_resource(f"urn:uuid:{r['to_claim_id']}", "linking"),
                   _text(r["type"], "classifying")]
    if r["note"]:
        ann["body"].append(_text(r["note"], "commenting"))
    ann["target"] = f"urn:uuid:{r['from_claim_id']}"
    return ann
