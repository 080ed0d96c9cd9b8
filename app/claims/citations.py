"""Citation strings and CSL-JSON for claims and their evidence, page-precise.

Historians cite "ICRC Archives, B AG 232 105-027, p. 14": the document's archival
reference (or its title when none is set) and the page as printed on the original
(its label, or the PDF page shifted by the document's first page number). CSL-JSON
lets a claim's sources drop into Zotero-based writing: one item per document (see
annotations/csl.py) and one citation item per page cited, with the page as `locator`.
"""
from __future__ import annotations

from collections.abc import Iterable

from recto.annotations import documents as doc_store
from recto.annotations.claims import ClaimRecord
from recto.annotations.csl import CslSource, citation_item, csl_item
from recto.annotations.model import Document, Evidence
from recto.annotations.project import Project


def page_label(pages: list[int]) -> str:
    """1-based pages -> "p. 14", "pp. 14-16", "pp. 3, 14-16" (runs collapse, en dash)."""
    pages = sorted(set(pages))
    if not pages:
        return ""
    runs: list[str] = []
    start = pages[0]
    for prev, cur in zip(pages, [*pages[1:], None], strict=True):
        if cur is None or cur != prev + 1:
            runs.append(str(start) if start == prev else f"{start}\u2013{prev}")
            if cur is not None:
                start = cur
    prefix = "p." if len(pages) == 1 else "pp."
    return f"{prefix} {', '.join(runs)}"


def document_citation(document: Document, pages: list[int] | None = None) -> str:
    """`pages` are 1-based PDF pages, cited by their printed labels; one page uses
    Document.citation so both stay identical."""
    if not pages:
        return document.citation()
    if len(set(pages)) == 1:
        return document.citation(pages[0])
    printed = [document.page_label(p) for p in sorted(set(pages))]
    if all(label.isdigit() for label in printed):
        return f"{document.citation()}, {page_label([int(label) for label in printed])}"
    return f"{document.citation()}, pp. {', '.join(printed)}"  # printed labels (xii, A-3)


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


def csl_source(document: Document) -> CslSource:
    ref, meta = document.reference, document.metadata
    return CslSource(document.sha256, document.title, ref.archive, ref.collection,
                     ref.box_folder, ref.item, meta.date, meta.creator, meta.type,
                     meta.language, meta.rights, meta.archive_place)


def claims_csl(project: Project, claims: Iterable[ClaimRecord]) -> dict:
    """`{"items": [...], "citationItems": [...]}`: each cited document once (in the order
    first cited), and one citation item per claim and page cited, with the printed page."""
    items: dict[str, dict] = {}
    cited: list[dict] = []
    documents: dict[str, Document] = {}
    for claim in claims:
        seen = set()
        for ev in claim.evidence:
            key = (ev.anchor.document_id, ev.anchor.page_index)
            if key in seen:
                continue
            seen.add(key)
            if key[0] not in documents:
                documents[key[0]] = doc_store.get_document(project, key[0])
            document = documents[key[0]]
            source = csl_source(document)
            items.setdefault(document.id, csl_item(source))
            cited.append(citation_item(source, document.page_label(key[1] + 1)))
    return {"items": list(items.values()), "citationItems": cited}


def claim_csl(project: Project, claim: ClaimRecord) -> dict:
    return claims_csl(project, [claim])
