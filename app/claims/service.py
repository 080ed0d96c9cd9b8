"""Claim services: what the CLI and the claims panel call.

Each function checks what a person typed (dates, certainty, page, box) before the
store writes anything, so a refused edit leaves the project as it was; each
successful call is one undoable step. Pages are 0-based `page_index` here; the
CLI and GUI convert at their edge.
"""
from __future__ import annotations

from collections.abc import Iterable

from recto.annotations import claims as store
from recto.annotations import documents as doc_store
from recto.annotations.claims import ClaimDraft, ClaimRecord, LinkRecord
from recto.annotations.model import Box, Certainty, Evidence, LinkType
from recto.annotations.project import Project
from recto.app.claims.dates import parse_date
from recto.app.errors import InvalidInputError, NotFoundError
from recto.app.evidence import (  # noqa: F401  (re-exported: the claim CLI and panel use them)
    join_words,
    make_evidence,
    parse_bbox,
    quote_line,
    words_in_box,
)

_UNSET = object()


def parse_certainty(value: str | Certainty) -> Certainty:
    try:
        return Certainty(str(getattr(value, "value", value)).strip().lower())
    except ValueError:
        allowed = ", ".join(c.value for c in Certainty)
        raise InvalidInputError(f"\"{value}\" is not a certainty; use one of {allowed}.") from None


def parse_link_type(value: str | LinkType) -> LinkType:
    try:
        return LinkType(str(getattr(value, "value", value)).strip().lower())
    except ValueError:
        allowed = ", ".join(t.value for t in LinkType)
        raise InvalidInputError(f"\"{value}\" is not a link type; use one of {allowed}.") from None


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
