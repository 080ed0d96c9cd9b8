"""W3C Web Annotation (JSON-LD) from an annotation set, for annotation tools and IIIF viewers.

One AnnotationCollection holds every redaction ("describing"), mention
("identifying"), claim ("describing", one target per evidence anchor) and claim
link ("linking"); tags are bodies with purpose "tagging". A target is the PDF
(`urn:sha256:<hash of its bytes>`), a page selected with RFC 3778 `page=N`
(1-based), refined by a Media Fragments `xywh=percent:x,y,w,h` box: percent of
the unrotated page's width and height, so it is independent of the image's
resolution (exact PDF points are in the SQLite export). Where the anchor has
text, a TextQuoteSelector is given as an alternative selector. Claims without
evidence have no target and are left out (they are in the SQLite and CSV sets).
"""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from pathlib import Path

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
MEDIA_FRAGMENT = "http://www.w3.org/TR/media-frags/"


def write(set_db: Path, out: Path) -> int:
    """Write the collection for the set at `set_db` to `out`; returns the annotation count."""
    with contextlib.closing(sqlite3.connect(str(set_db))) as conn:
        conn.row_factory = sqlite3.Row
        items = collection_items(conn)
        meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM metadata")}
    doc = {
        "@context": CONTEXT, "type": "AnnotationCollection",
        "label": f"Recto annotation set: {meta.get('project_name', '')}",
        "generated": meta.get("exported_at", ""),
        "generator": {"type": "Software", "name": f"Recto {meta.get('recto_version', '')}".strip()},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
    return len(items)


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
    """Lookups shared by all annotations: documents, page sizes, tags, evidence."""

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

    def target(self, row, exact: str = "") -> dict:
        doc = self.docs[row["document_id"]]
        page = {"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT,
                "value": f"page={row['page']}"}
        selectors = []
        box = self._xywh(row)
        if box:
            selectors.append({**page, "refinedBy": {
                "type": "FragmentSelector", "conformsTo": MEDIA_FRAGMENT, "value": box}})
        if exact:
            selectors.append({**page, "refinedBy": {"type": "TextQuoteSelector", "exact": exact}})
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
    ann = {"id": f"urn:uuid:{row['id']}", "type": "Annotation",
           "motivation": motivation}
    if row["author"]:
        ann["creator"] = {"type": "Person", "name": row["author"]}
    ann["created"], ann["modified"] = row["created_at"], row["modified_at"]
    return ann


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
        body.append({"id": ext, "purpose": "identifying"})
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
    ann["body"] = [{"id": f"urn:uuid:{r['to_claim_id']}", "purpose": "linking"},
                   _text(r["type"], "classifying")]
    if r["note"]:
        ann["body"].append(_text(r["note"], "commenting"))
    ann["target"] = f"urn:uuid:{r['from_claim_id']}"
    return ann
