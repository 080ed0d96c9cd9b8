"""Citation strings and CSL-JSON for claims and their evidence, page-precise.

Historians cite "ICRC Archives, B AG 232 105-027, p. 14": the document's archival
reference (or its title when none is set) and the 1-based page. CSL-JSON lets a
claim's sources drop into Zotero-based writing: one item per document and page,
with `archive`, `archive_location`, `call-number` and a page `locator`.
"""
from __future__ import annotations

from annotations import documents as doc_store
from annotations.claims import ClaimRecord
from annotations.model import Document, Evidence
from annotations.project import Project
from app.claims.dates import parse_date


def page_label(pages: list[int]) -> str:
    """1-based pages -> "p. 14", "pp. 14-16", "pp. 3, 14-16" (runs collapse, en dash)."""
    pages = sorted(set(pages))
    if not pages:
        return ""
    runs, start = [], pages[0]
    for prev, cur in zip(pages, pages[1:] + [None]):
        if cur is None or cur != prev + 1:
            runs.append(str(start) if start == prev else f"{start}\u2013{prev}")
            start = cur
    prefix = "p." if len(pages) == 1 else "pp."
    return f"{prefix} {', '.join(runs)}"


def document_citation(document: Document, pages: list[int] | None = None) -> str:
    """`pages` are 1-based; one page uses Document.citation so both stay identical."""
    if not pages:
        return document.citation()
    if len(set(pages)) == 1:
        return document.citation(pages[0])
    return f"{document.citation()}, {page_label(pages)}"


def evidence_citation(project: Project, evidence: Evidence) -> str:
    document = doc_store.get_document(project, evidence.anchor.document_id)
    return document.citation(evidence.anchor.page_index + 1)


def claim_citation(project: Project, claim: ClaimRecord) -> str:
    """All evidence of a claim, grouped by document: "A, pp. 3, 14; B, p. 10"."""
    return "; ".join(document_citation(doc, pages)
                     for doc, pages in _pages_by_document(project, claim.evidence))


def _pages_by_document(project: Project, evidence) -> list[tuple[Document, list[int]]]:
    grouped: dict[str, list[int]] = {}
    for ev in evidence:
        grouped.setdefault(ev.anchor.document_id, []).append(ev.anchor.page_index + 1)
    return [(doc_store.get_document(project, doc_id), pages) for doc_id, pages in grouped.items()]


def shelf_mark(document: Document) -> str:
    ref = document.reference
    return ", ".join(p for p in (ref.collection, ref.box_folder, ref.item) if p)


def csl_item(document: Document, page: int | None, item_id: str, claim=None,
             quote: str = "") -> dict:
    """One CSL-JSON item: the document as an archival manuscript (or a plain document)."""
    ref = document.reference
    item: dict = {"id": item_id, "type": "manuscript" if ref.archive else "document",
                  "title": document.title}
    if ref.archive:
        item["archive"] = ref.archive
    if shelf_mark(document):
        item["archive_location"] = shelf_mark(document)
        item["call-number"] = ref.item or shelf_mark(document)
    if page is not None:
        item["locator"] = str(page)
        item["label"] = "page"
        item["page"] = str(page)
    if claim is not None:
        _add_claim_fields(item, claim)
    if quote or (claim is not None and claim.quote):
        item["note"] = quote or claim.quote
    return item


def _add_claim_fields(item: dict, claim: ClaimRecord) -> None:
    """`issued` from the date the claim refers to, when it has one."""
    date = parse_date(claim.date_text) if claim.date_text else None
    if date is not None:
        item["issued"] = {"date-parts": date.date_parts()}


def claim_csl(project: Project, claim: ClaimRecord) -> list[dict]:
    """One item per evidence anchor (document + page) of the claim, in evidence order."""
    items, seen = [], set()
    for ev in claim.evidence:
        key = (ev.anchor.document_id, ev.anchor.page_index)
        if key in seen:
            continue
        seen.add(key)
        document = doc_store.get_document(project, ev.anchor.document_id)
        items.append(csl_item(document, ev.anchor.page_index + 1,
                              f"recto-{claim.id[:8]}-{document.id[:8]}-p{key[1] + 1}", claim,
                              ev.quote))
    return items
