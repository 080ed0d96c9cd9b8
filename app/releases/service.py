"""Releases of one record: link them, compare them, accept what one reveals.

The same document is often declassified more than once with different clauses
blacked out. `compare` aligns two releases (app/releases/align.py) and lists, for
each redaction in one, the text the other shows in the same place.

Where the redaction boxes come from: the project's own redactions (confirmed and
suggested; rejected ones are not redactions) whenever the document has any row in
the redactions table, since then a person or a detection run has looked at it;
otherwise the page images are run through `detect_redactions` on the fly. The
on-the-fly boxes are not stored: comparing is reading, and suggestions belong to
`recto detect-redactions`, where a person reviews them.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from recto.annotations import claims as claim_store
from recto.annotations import documents as doc_store
from recto.annotations import releases as store
from recto.annotations.claims import ClaimDraft, ClaimRecord
from recto.annotations.model import Box, Document, LinkType, OcrWord
from recto.annotations.project import Project
from recto.annotations.releases import ReleaseLink
from recto.app.errors import InvalidInputError, NotFoundError
from recto.app.evidence import make_evidence
from recto.app.jobs import TaskState
from recto.app.releases.align import (
    REVEALED_IN_B,
    Difference,
    Finding,
    PageInput,
    PageMatch,
    bigrams,
    compare_pages,
    match_pages,
    norm,
    visible_keys,
)

TAG = "revealed-elsewhere"
SUGGEST_MIN_SCORE = 0.5
SUGGEST_MIN_SHARED = 20


@dataclass(frozen=True)
class LinkSuggestion:
    document_a: str
    document_b: str
    score: float          # shared word triples / triples of the shorter document
    shared: int


@dataclass(frozen=True)
class CompareResult:
    document_a: Document
    document_b: Document
    pages: tuple[PageMatch, ...]
    unmatched_a: tuple[int, ...]
    unmatched_b: tuple[int, ...]
    findings: tuple[Finding, ...]
    differences: tuple[Difference, ...]
    hidden_in_both: int
    boxes_a: dict[int, tuple[Box, ...]] = field(default_factory=dict)
    boxes_b: dict[int, tuple[Box, ...]] = field(default_factory=dict)
    box_source_a: str = "project"       # or "detected"
    box_source_b: str = "project"
    seconds: float = 0.0

    def page_b_for(self, page_a: int) -> int | None:
        return next((m.page_b for m in self.pages if m.page_a == page_a), None)

    def page_a_for(self, page_b: int) -> int | None:
        return next((m.page_a for m in self.pages if m.page_b == page_b), None)


# -- links -----------------------------------------------------------------------------
def link_releases(project: Project, document_a: str, document_b: str,
                  note: str = "") -> ReleaseLink:
    a = doc_store.get_document(project, document_a)
    b = doc_store.get_document(project, document_b)
    return store.link_releases(project, a.id, b.id, (note or "").strip())


def unlink_releases(project: Project, document_a: str, document_b: str) -> None:
    a = doc_store.get_document(project, document_a)
    b = doc_store.get_document(project, document_b)
    link = store.find_link(project, a.id, b.id)
    if link is None:
        raise NotFoundError(f"\"{a.title}\" and \"{b.title}\" are not linked as releases.")
    store.unlink_releases(project, link.id)


def suggest_links(project: Project, min_score: float = SUGGEST_MIN_SCORE) -> list[LinkSuggestion]:
    """Pairs of unlinked documents whose OCR text is highly similar (an excerpt of the
    other counts: the score is relative to the shorter one)."""
    shingles = {}
    for doc in doc_store.list_documents(project):
        keys = [k for _, words in sorted(store.document_words(project, doc.sha256).items())
                for k in (norm(w.text) for w in words) if k]
        if len(keys) >= 3:
            shingles[doc.id] = set(zip(keys, keys[1:], keys[2:], strict=False))
    ids = list(shingles)
    out = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            shared = len(shingles[a] & shingles[b])
            score = shared / min(len(shingles[a]), len(shingles[b]))
            if (score >= min_score and shared >= SUGGEST_MIN_SHARED
                    and store.find_link(project, a, b) is None):
                out.append(LinkSuggestion(a, b, round(score, 3), shared))
    return sorted(out, key=lambda s: -s.score)


# -- compare -------------------------------------------------------------------------------
BoxDetector = Callable[[Project, Document, dict[int, list[OcrWord]], "TaskState | None"],
                       dict[int, list[Box]]]


def load_pages(project: Project, document: Document, state: TaskState | None = None,
               detect: BoxDetector | None = None) -> tuple[list[PageInput], str]:
    """The document's OCR'd pages with their redaction boxes, and where the boxes came from.

    A release without stored redactions has its boxes found by `detect` (the caller
    passes redaction detection in, so releases does not depend on the redactions feature)."""
    words = store.document_words(project, document.sha256)
    if not words:
        raise InvalidInputError(
            f"\"{document.title}\" has no OCR text yet; run `recto ocr` on it first.")
    if store.has_redactions(project, document.id):
        boxes, source = store.redaction_boxes(project, document.id), "project"
    elif detect is not None:
        boxes, source = detect(project, document, words, state), "detected"
    else:
        raise InvalidInputError(
            f"\"{document.title}\" has no redactions yet; run Detect Redactions on it first.")
    pages = [PageInput(i, tuple(words[i]), tuple(boxes.get(i, ()))) for i in sorted(words)]
    return pages, source


def compare(project: Project, doc_a: str, doc_b: str, state: TaskState | None = None,
            detect: BoxDetector | None = None) -> CompareResult:
    """Align two releases and list what each reveals of the other's redactions."""
    state = state or TaskState()
    started = time.monotonic()
    a = doc_store.get_document(project, doc_a)
    b = doc_store.get_document(project, doc_b)
    if a.id == b.id:
        raise InvalidInputError("Compare two different documents (two releases of one record).")
    pages_a, source_a = load_pages(project, a, state, detect)
    pages_b, source_b = load_pages(project, b, state, detect)
    pairs = match_pages([bigrams(visible_keys(p)) for p in pages_a],
                        [bigrams(visible_keys(p)) for p in pages_b])
    findings: list[Finding] = []
    differences: list[Difference] = []
    both = 0
    for n, (i, j, _score) in enumerate(pairs):
        state.check()
        page = compare_pages(pages_a[i], pages_b[j])
        findings += page.findings
        differences += page.differences
        both += page.hidden_in_both
        state.report(n + 1, len(pairs), f"p. {pages_a[i].page_index + 1}")
    matches = tuple(PageMatch(pages_a[i].page_index, pages_b[j].page_index, round(s, 3))
                    for i, j, s in pairs)
    findings.sort(key=lambda f: (f.page_a, f.bbox_a.y0, f.bbox_a.x0, f.direction))
    return CompareResult(
        a, b, matches,
        tuple(p.page_index for p in pages_a if p.page_index not in {m.page_a for m in matches}),
        tuple(p.page_index for p in pages_b if p.page_index not in {m.page_b for m in matches}),
        tuple(findings), tuple(differences), both,
        {p.page_index: p.boxes for p in pages_a}, {p.page_index: p.boxes for p in pages_b},
        source_a, source_b, time.monotonic() - started)


def finding_json(f: Finding) -> dict:
    """What scripts see: 1-based pages, boxes in PDF points."""
    return {"page_a": f.page_a + 1, "bbox_a": f.bbox_a.as_list(), "page_b": f.page_b + 1,
            "bbox_b": f.bbox_b.as_list(), "text_revealed": f.text_revealed,
            "direction": f.direction}


# -- accept a finding as a claim --------------------------------------------------------------
def sides(result: CompareResult, f: Finding) -> tuple[tuple, tuple]:
    """((document, page_index, box) hidden, (document, page_index, box) shown)."""
    a = (result.document_a, f.page_a, f.bbox_a)
    b = (result.document_b, f.page_b, f.bbox_b)
    return (a, b) if f.direction == REVEALED_IN_B else (b, a)


def accept_finding(project: Project, result: CompareResult, number: int) -> ClaimRecord:
    """Finding `number` (1-based, as listed) as a claim with evidence on both releases,
    tagged revealed-elsewhere, citing any claim already made on the same passage."""
    if not 1 <= number <= len(result.findings):
        raise InvalidInputError(
            f"There is no finding {number}; the comparison has {len(result.findings)}.")
    f = result.findings[number - 1]
    hidden, shown = sides(result, f)
    previous = _accepted_claim(project, hidden)
    if previous is not None:
        raise InvalidInputError(f"Finding {number} was already accepted as claim {previous[:8]}.")
    statement = (f"Withheld in {hidden[0].citation(hidden[1] + 1)}; released in "
                 f"{shown[0].citation(shown[1] + 1)}: \"{_short(f.text_revealed)}\"")
    evidence = [
        make_evidence(project, shown[0].id, shown[1], _clip(project, shown), f.text_revealed),
        make_evidence(project, hidden[0].id, hidden[1], _clip(project, hidden), "[redacted]")]
    draft = ClaimDraft(statement=statement, quote=f.text_revealed, tags=(TAG,),
                       note="Accepted from a comparison of releases.")
    claim = claim_store.create_claim(project, draft, evidence)
    for other in _claims_on(project, (hidden, shown), exclude=claim.id):
        claim_store.add_link(project, claim.id, other, LinkType.CITES,
                             "the same passage in another release")
    return claim_store.get_claim(project, claim.id)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _clip(project: Project, side: tuple) -> Box:
    """The box kept on its page (an outline drawn a hair past the edge is still evidence)."""
    doc, index, box = side
    page = doc_store.get_page(project, doc.id, index)
    return Box(max(0.0, box.x0), max(0.0, box.y0), min(page.width, box.x1),
               min(page.height, box.y1))


def _accepted_claim(project: Project, hidden: tuple) -> str | None:
    doc, index, box = hidden
    for claim in claim_store.list_claims(project, tag=TAG, document_id=doc.id):
        for ev in claim.evidence:
            a = ev.anchor
            if a.document_id == doc.id and a.page_index == index and a.bbox is not None \
                    and a.bbox.iou(box) >= 0.8:
                return claim.id
    return None


def _claims_on(project: Project, places: tuple, exclude: str) -> list[str]:
    """Claims (not from comparisons) whose evidence overlaps one of the places."""
    found: list[str] = []
    for doc, index, box in places:
        for claim in claim_store.list_claims(project, document_id=doc.id):
            if claim.id == exclude or TAG in claim.tags or claim.id in found:
                continue
            if any(ev.anchor.document_id == doc.id and ev.anchor.page_index == index
                   and ev.anchor.bbox is not None and ev.anchor.bbox.intersection(box) > 0
                   for ev in claim.evidence):
                found.append(claim.id)
    return found
