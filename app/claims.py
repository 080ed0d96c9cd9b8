"""Claim services: what the CLI and the claims panel call.

Each function checks what a person typed (dates, certainty, page, box) before the
store writes anything, so a refused edit leaves the project as it was; each
successful call is one undoable step. Pages are 0-based `page_index` here; the
CLI and GUI convert at their edge.
"""
from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

from annotations import claims as store
from annotations import documents as doc_store
from annotations import ocr_store
from annotations.claims import ClaimDraft, ClaimRecord, EvidenceDraft, LinkRecord
from annotations.model import Anchor, Box, Certainty, Evidence, LinkType, OcrWord
from annotations.project import Project
from app.dates import parse_date
from app.errors import InvalidInputError, NotFoundError

_UNSET = object()


def parse_bbox(text: str | Sequence[float]) -> Box:
    """"x0,y0,x1,y1" (PDF points, top-left origin) or four numbers -> Box."""
    parts = text.replace(" ", "").split(",") if isinstance(text, str) else list(text)
    try:
        values = [float(v) for v in parts]
    except (TypeError, ValueError):
        values = []
    if len(values) != 4:
        raise InvalidInputError(
            f"\"{text}\" is not a box; give four numbers x0,y0,x1,y1 in PDF points.")
    return Box.of(values)


def parse_certainty(value: str | Certainty) -> Certainty:
    try:
        return Certainty(str(getattr(value, "value", value)).strip().lower())
    except ValueError:
        allowed = ", ".join(c.value for c in Certainty)
        raise InvalidInputError(f"\"{value}\" is not a certainty; use one of {allowed}.")


def parse_link_type(value: str | LinkType) -> LinkType:
    try:
        return LinkType(str(getattr(value, "value", value)).strip().lower())
    except ValueError:
        allowed = ", ".join(t.value for t in LinkType)
        raise InvalidInputError(f"\"{value}\" is not a link type; use one of {allowed}.")


def words_in_box(words: Iterable[OcrWord], bbox: Box) -> list[tuple[int, OcrWord]]:
    """(index, word) of the words whose box centre lies inside `bbox`, in reading order."""
    chosen = []
    for i, w in enumerate(words):
        cx, cy = (w.bbox.x0 + w.bbox.x1) / 2, (w.bbox.y0 + w.bbox.y1) / 2
        if bbox.x0 <= cx <= bbox.x1 and bbox.y0 <= cy <= bbox.y1:
            chosen.append((i, w))
    return chosen


def join_words(words: Sequence[OcrWord]) -> str:
    """Words to a quote: spaces between words, none between CJK characters."""
    text = ""
    for w in words:
        if text and not (_is_cjk(text[-1]) and _is_cjk(w.text[:1])):
            text += " "
        text += w.text
    return text


def _is_cjk(char: str) -> bool:
    if not char:
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"))


def make_evidence(project: Project, document_id: str, page_index: int, bbox: Box | str | None,
                  quote: str | None = None) -> EvidenceDraft:
    """Check the page and box, and fill the quote from the OCR words under the box."""
    document = doc_store.get_document(project, document_id)
    if page_index < 0 or page_index >= document.page_count:
        raise InvalidInputError(
            f"\"{document.title}\" has no page {page_index + 1} "
            f"(it has {document.page_count} page{'s' if document.page_count != 1 else ''}).")
    page = doc_store.get_page(project, document.id, page_index)
    box = None if bbox is None else (bbox if isinstance(bbox, Box) else parse_bbox(bbox))
    span: tuple[int | None, int | None] = (None, None)
    words_quote = ""
    if box is not None:
        _check_box(box, page.width, page.height, page_index)
        chosen = words_in_box(ocr_store.current_words(project, document.sha256, page_index), box)
        if chosen:
            span = (chosen[0][0], chosen[-1][0] + 1)
            words_quote = join_words([w for _, w in chosen])
    anchor = Anchor(document.id, page_index, box, *span)
    return EvidenceDraft(anchor, words_quote if quote is None else quote.strip())


def _check_box(box: Box, width: float, height: float, page_index: int) -> None:
    if box.width <= 0 or box.height <= 0:
        raise InvalidInputError("The box is empty; give x0,y0,x1,y1 with x1 > x0 and y1 > y0.")
    if not box.within(width, height):
        raise InvalidInputError(
            f"The box {box.as_list()} lies outside page {page_index + 1}, which is "
            f"{width:.0f} x {height:.0f} points.")


def _draft(statement: str, quote: str, date: str | None, certainty, note: str,
           claimants, subjects, tags) -> ClaimDraft:
    statement = " ".join((statement or "").split())
    if not statement:
        raise InvalidInputError(
            "A claim needs a statement (a short paraphrase of what is claimed).")
    parsed = parse_date(date)
    return ClaimDraft(
        statement=statement, quote=(quote or "").strip(),
        date_text=parsed.text if parsed else "",
        date_start=parsed.start_iso if parsed else "", date_end=parsed.end_iso if parsed else "",
        certainty=parse_certainty(certainty), note=note or "",
        claimants=tuple(dict.fromkeys(claimants)), subjects=tuple(dict.fromkeys(subjects)),
        tags=tuple(tags))


def create_claim(project: Project, statement: str, document_id: str | None = None,
                 page_index: int | None = None, bbox: Box | str | None = None, *,
                 quote: str | None = None, claimants: Iterable[str] = (),
                 subjects: Iterable[str] = (), date: str | None = None,
                 certainty: str | Certainty = Certainty.ASSERTED, tags: Iterable[str] = (),
                 note: str = "") -> ClaimRecord:
    """A claim from a selection (document, page, box); the quote defaults to the words
    under the box. Without a document, the claim has no evidence yet."""
    evidence = []
    if document_id is not None:
        if page_index is None:
            raise InvalidInputError("Give the page of the evidence as well as the document.")
        evidence.append(make_evidence(project, document_id, page_index, bbox, quote))
    claim_quote = quote if quote is not None else (evidence[0].quote if evidence else "")
    draft = _draft(statement, claim_quote, date, certainty, note, claimants, subjects, tags)
    return store.create_claim(project, draft, evidence)


def update_claim(project: Project, claim_id: str, *, statement=_UNSET, quote=_UNSET,
                 date=_UNSET, certainty=_UNSET, note=_UNSET, claimants=_UNSET,
                 subjects=_UNSET, tags=_UNSET) -> ClaimRecord:
    """Change only the fields given; one undoable "Edit claim" step."""
    claim_id = store.resolve_claim_id(project, claim_id)
    cur = store.get_claim(project, claim_id)

    def pick(value, current):
        return current if value is _UNSET else value

    draft = _draft(pick(statement, cur.statement), pick(quote, cur.quote),
                   pick(date, cur.date_text), pick(certainty, cur.certainty),
                   pick(note, cur.note), pick(claimants, cur.claimants),
                   pick(subjects, cur.subjects), pick(tags, cur.tags))
    return store.update_claim(project, claim_id, draft)


def add_evidence(project: Project, claim_id: str, document_id: str, page_index: int,
                 bbox: Box | str | None, quote: str | None = None) -> Evidence:
    claim_id = store.resolve_claim_id(project, claim_id)
    return store.add_evidence(project, claim_id,
                              make_evidence(project, document_id, page_index, bbox, quote))


def add_link_evidence(project: Project, link_id: str, document_id: str, page_index: int,
                      bbox: Box | str | None, quote: str | None = None,
                      claim_id: str | None = None) -> Evidence:
    """Evidence that a link holds; `claim_id`, if given, must be one end of the link."""
    link_id = store.resolve_link_id(project, link_id)
    if claim_id is not None:
        link = store.get_link(project, link_id)
        if store.resolve_claim_id(project, claim_id) not in (link.from_claim_id, link.to_claim_id):
            raise InvalidInputError(f"Link {link_id[:8]} does not involve claim {claim_id}.")
    return store.add_link_evidence(project, link_id,
                                   make_evidence(project, document_id, page_index, bbox, quote))


def remove_evidence(project: Project, evidence_id: str) -> None:
    store.remove_evidence(project, evidence_id)


def link_claims(project: Project, from_id: str, link_type: str | LinkType, to_id: str,
                note: str = "") -> LinkRecord:
    """"A contradicts B": stored once, shown on A as outgoing and on B as incoming."""
    kind = parse_link_type(link_type)
    return store.add_link(project, store.resolve_claim_id(project, from_id),
                          store.resolve_claim_id(project, to_id), kind, (note or "").strip())


def unlink(project: Project, link_id: str) -> None:
    store.remove_link(project, store.resolve_link_id(project, link_id))


def unlink_claims(project: Project, from_id: str, link_type: str | LinkType, to_id: str) -> None:
    """Remove the link "A <type> B" (the way a person names it rather than by id)."""
    kind = parse_link_type(link_type)
    a, b = store.resolve_claim_id(project, from_id), store.resolve_claim_id(project, to_id)
    match = [k for k in store.get_claim(project, a).links if k.to_claim_id == b and k.type == kind]
    if not match:
        raise NotFoundError(f"Claim {a[:8]} has no \"{kind.value}\" link to claim {b[:8]}.")
    store.remove_link(project, match[0].id)


def delete_claim(project: Project, claim_id: str) -> None:
    store.delete_claim(project, store.resolve_claim_id(project, claim_id))


def get_claim(project: Project, claim_id: str) -> ClaimRecord:
    return store.get_claim(project, store.resolve_claim_id(project, claim_id))


def list_claims(project: Project, *, actor_id: str | None = None, tag: str | None = None,
                document_id: str | None = None, certainty: str | None = None
                ) -> list[ClaimRecord]:
    if document_id:
        document_id = doc_store.get_document(project, document_id).id
    if certainty:
        certainty = parse_certainty(certainty).value
    return store.list_claims(project, actor_id=actor_id, tag=tag, document_id=document_id,
                             certainty=certainty)
