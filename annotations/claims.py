"""Claims, their actors, evidence and typed links, in the project store (all their SQL).

Every write is one undoable step (`project.edit`); checks that need the database
(unknown actor, link to itself, duplicate link) run inside that step before
anything is written, so a refused edit leaves no trace. Links are stored once,
from -> to, and read both ways: a claim lists what it links to and what links to it.
Dates arrive already parsed (app/claims/dates.py): `date_text` as typed (EDTF), start/end as the
first and last possible ISO day; an open side (`../1955`) has "" and sorts by the other.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from recto.annotations import tags as tag_store
from recto.annotations.errors import InvalidInputError, NotFoundError
from recto.annotations.model import (
    Anchor,
    Box,
    Certainty,
    Claim,
    ClaimLink,
    Evidence,
    LinkType,
    new_id,
    now_iso,
)
from recto.annotations.project import Project
from recto.annotations.undo import Edit

KIND = "claim"
CLAIMANT, SUBJECT = "claimant", "subject"
CLAIM_FIELDS = ("statement", "quote", "date_text", "date_start", "date_end", "certainty", "note")


@dataclass(frozen=True)
class ClaimDraft:
    """The values of a new or edited claim, already checked by the service."""
    statement: str
    quote: str = ""
    date_text: str = ""
    date_start: str = ""
    date_end: str = ""
    certainty: Certainty = Certainty.ASSERTED
    note: str = ""
    claimants: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceDraft:
    anchor: Anchor
    quote: str = ""


@dataclass(frozen=True)
class LinkRecord(ClaimLink):
    """A link with its own evidence and who made it."""
    evidence: tuple[Evidence, ...] = ()
    author: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class ClaimRecord(Claim):
    """A stored claim: `links` are outgoing, `incoming` are links from other claims."""
    date_text: str = ""
    incoming: tuple[LinkRecord, ...] = field(default=())


# -- writing -------------------------------------------------------------------------
def create_claim(project: Project, draft: ClaimDraft,
                 evidence: Iterable[EvidenceDraft] = ()) -> ClaimRecord:
    claim_id, now = new_id(), now_iso()
    with project.edit("Add claim") as ed:
        check_actors(project, (*draft.claimants, *draft.subjects))
        ed.insert("claims", {"id": claim_id, **_claim_values(draft), "author": project.author,
                             "created_at": now, "modified_at": now})
        _set_actors(ed, claim_id, draft.claimants, draft.subjects)
        tag_store.set_tags(ed, claim_id, KIND, draft.tags)
        for item in evidence:
            _insert_evidence(ed, claim_id, item, None)
    return get_claim(project, claim_id)


def update_claim(project: Project, claim_id: str, draft: ClaimDraft) -> ClaimRecord:
    """Make the claim's fields, actors and tags exactly those of `draft`."""
    get_claim_row(project, claim_id)
    with project.edit("Edit claim") as ed:
        check_actors(project, (*draft.claimants, *draft.subjects))
        current = get_claim_row(project, claim_id)
        values = {k: v for k, v in _claim_values(draft).items() if current[k] != v}
        if values:
            ed.update("claims", {"id": claim_id}, values)
        _set_actors(ed, claim_id, draft.claimants, draft.subjects)
        tag_store.set_tags(ed, claim_id, KIND, draft.tags)
    return get_claim(project, claim_id)


def delete_claim(project: Project, claim_id: str) -> None:
    """Delete a claim with its evidence, actor roles, tags and links in both directions."""
    get_claim_row(project, claim_id)
    with project.edit("Delete claim") as ed:
        links = project.query("SELECT id FROM claim_links WHERE from_claim_id = ? "
                              "OR to_claim_id = ?", [claim_id, claim_id])
        for link in links:
            _delete_link(ed, link["id"])
        for row in project.query("SELECT id FROM claim_evidence WHERE claim_id = ?", [claim_id]):
            ed.delete("claim_evidence", {"id": row["id"]})
        for row in project.query("SELECT * FROM claim_actors WHERE claim_id = ?", [claim_id]):
            ed.delete("claim_actors", row)
        tag_store.clear_tags(ed, claim_id, KIND)
        ed.delete("claims", {"id": claim_id})


def add_evidence(project: Project, claim_id: str, item: EvidenceDraft) -> Evidence:
    get_claim_row(project, claim_id)
    with project.edit("Add evidence") as ed:
        evidence_id = _insert_evidence(ed, claim_id, item, None)
    return get_evidence(project, evidence_id)


def add_link_evidence(project: Project, link_id: str, item: EvidenceDraft) -> Evidence:
    """Evidence that the link holds (stored under the link's source claim)."""
    link = get_link(project, link_id)
    with project.edit("Add link evidence") as ed:
        evidence_id = _insert_evidence(ed, link.from_claim_id, item, link_id)
    return get_evidence(project, evidence_id)


def remove_evidence(project: Project, evidence_id: str) -> None:
    get_evidence(project, evidence_id)
    with project.edit("Remove evidence") as ed:
        ed.delete("claim_evidence", {"id": evidence_id})


def set_evidence_quote(project: Project, evidence_id: str, quote: str) -> Evidence:
    get_evidence(project, evidence_id)
    with project.edit("Edit evidence quote") as ed:
        ed.update("claim_evidence", {"id": evidence_id}, {"quote": quote})
    return get_evidence(project, evidence_id)


def add_link(project: Project, from_id: str, to_id: str, link_type: LinkType,
             note: str = "") -> LinkRecord:
    if from_id == to_id:
        raise InvalidInputError("A claim cannot be linked to itself.")
    get_claim_row(project, from_id)
    get_claim_row(project, to_id)
    link_id, now = new_id(), now_iso()
    with project.edit(f"Link claims ({link_type.value})") as ed:
        if project.query("SELECT 1 FROM claim_links WHERE from_claim_id = ? AND to_claim_id = ? "
                         "AND type = ?", [from_id, to_id, link_type.value]):
            raise InvalidInputError(
                f"Claim {from_id[:8]} already {link_type.value} claim {to_id[:8]}.")
        ed.insert("claim_links", {
            "id": link_id, "from_claim_id": from_id, "to_claim_id": to_id,
            "type": link_type.value, "note": note, "author": project.author,
            "created_at": now, "modified_at": now})
    return get_link(project, link_id)


def set_link_note(project: Project, link_id: str, note: str) -> LinkRecord:
    get_link(project, link_id)
    with project.edit("Edit link note") as ed:
        ed.update("claim_links", {"id": link_id}, {"note": note})
    return get_link(project, link_id)


def remove_link(project: Project, link_id: str) -> None:
    get_link(project, link_id)
    with project.edit("Unlink claims") as ed:
        _delete_link(ed, link_id)


def _delete_link(ed: Edit, link_id: str) -> None:
    for row in ed.project.query("SELECT id FROM claim_evidence WHERE link_id = ?", [link_id]):
        ed.delete("claim_evidence", {"id": row["id"]})
    ed.delete("claim_links", {"id": link_id})


def _claim_values(draft: ClaimDraft) -> dict:
    values = {f: getattr(draft, f) for f in CLAIM_FIELDS}
    values["certainty"] = Certainty(draft.certainty).value
    return values


def _set_actors(ed: Edit, claim_id: str, claimants, subjects) -> None:
    wanted = {(a, CLAIMANT) for a in claimants} | {(a, SUBJECT) for a in subjects}
    current = {(r["actor_id"], r["role"]) for r in ed.project.query(
        "SELECT actor_id, role FROM claim_actors WHERE claim_id = ?", [claim_id])}
    for actor_id, role in sorted(current - wanted):
        ed.delete("claim_actors", {"claim_id": claim_id, "actor_id": actor_id, "role": role})
    for actor_id, role in sorted(wanted - current):
        ed.insert("claim_actors", {"claim_id": claim_id, "actor_id": actor_id, "role": role})


def check_actors(project: Project, actor_ids) -> None:
    for actor_id in dict.fromkeys(actor_ids):
        if not project.query("SELECT 1 FROM actors WHERE id = ?", [actor_id]):
            raise NotFoundError(f"No actor with id {actor_id} in this project.")


def _insert_evidence(ed: Edit, claim_id: str, item: EvidenceDraft, link_id: str | None) -> str:
    evidence_id, now, a = new_id(), now_iso(), item.anchor
    box = a.bbox
    ed.insert("claim_evidence", {
        "id": evidence_id, "claim_id": claim_id, "link_id": link_id,
        "document_id": a.document_id, "page_index": a.page_index,
        "x0": box.x0 if box else None, "y0": box.y0 if box else None,
        "x1": box.x1 if box else None, "y1": box.y1 if box else None,
        "word_start": a.word_start, "word_end": a.word_end, "quote": item.quote,
        "author": ed.project.author, "created_at": now, "modified_at": now})
    return evidence_id


# -- reading -------------------------------------------------------------------------
def resolve_claim_id(project: Project, claim_id: str) -> str:
    """A full id or a unique prefix of one (as printed by `recto claims`)."""
    return _resolve(project, "claims", claim_id, "claim")


def resolve_link_id(project: Project, link_id: str) -> str:
    return _resolve(project, "claim_links", link_id, "link")


def _resolve(project: Project, table: str, given: str, noun: str) -> str:
    given = given.strip()
    if given and project.query(f"SELECT 1 FROM {table} WHERE id = ?", [given]):
        return given
    rows = project.query(f"SELECT id FROM {table} WHERE substr(id, 1, ?) = ? LIMIT 2",
                         [len(given), given]) if len(given) >= 4 else []
    if len(rows) != 1:
        more = " (several match; give more characters)" if len(rows) > 1 else ""
        raise NotFoundError(f"No {noun} with id {given} in this project{more}.")
    return rows[0]["id"]


def get_claim_row(project: Project, claim_id: str) -> dict:
    rows = project.query("SELECT * FROM claims WHERE id = ?", [claim_id])
    if not rows:
        raise NotFoundError(f"No claim with id {claim_id} in this project.")
    return rows[0]


def get_claim(project: Project, claim_id: str) -> ClaimRecord:
    get_claim_row(project, claim_id)
    return _assemble(project, "c.id = ?", [claim_id])[0]


def list_claims(project: Project, *, actor_id: str | None = None, tag: str | None = None,
                document_id: str | None = None, certainty: str | None = None
                ) -> list[ClaimRecord]:
    """Claims sorted by the date they refer to (undated last), then by creation."""
    where, params = ["1"], []
    if actor_id:
        where.append("c.id IN (SELECT claim_id FROM claim_actors WHERE actor_id = ?)")
        params.append(actor_id)
    if tag:
        where.append("c.id IN (SELECT a.annotation_id FROM annotation_tags a JOIN tags t "
                     "ON t.id = a.tag_id WHERE a.kind = 'claim' AND t.name = ?)")
        params.append(tag_store.normalise(tag))
    if document_id:
        where.append("c.id IN (SELECT claim_id FROM claim_evidence WHERE document_id = ?)")
        params.append(document_id)
    if certainty:
        where.append("c.certainty = ?")
        params.append(certainty)
    return _assemble(project, " AND ".join(where), params)


def get_evidence(project: Project, evidence_id: str) -> Evidence:
    rows = project.query("SELECT * FROM claim_evidence WHERE id = ?", [evidence_id])
    if not rows:
        raise NotFoundError(f"No evidence with id {evidence_id} in this project.")
    return _evidence(rows[0])


def get_link(project: Project, link_id: str) -> LinkRecord:
    rows = project.query("SELECT * FROM claim_links WHERE id = ?", [link_id])
    if not rows:
        raise NotFoundError(f"No link with id {link_id} in this project.")
    evidence = _evidence_by_link(project, [link_id])
    return _link(rows[0], evidence)


def actor_names(project: Project, actor_ids: Iterable[str] | None = None) -> dict[str, str]:
    """id -> canonical name, for labels in lists, the timeline and the graph."""
    rows = project.query("SELECT id, name FROM actors")
    wanted = None if actor_ids is None else set(actor_ids)
    return {r["id"]: r["name"] for r in rows if wanted is None or r["id"] in wanted}


def _assemble(project: Project, where: str, params: list) -> list[ClaimRecord]:
    """Load claims and everything hanging off them in a fixed number of queries."""
    with project.read():
        rows = project.query(
            f"SELECT c.* FROM claims c WHERE {where} "
            "ORDER BY c.date_start = '' AND c.date_end = '', "
            "CASE c.date_start WHEN '' THEN c.date_end ELSE c.date_start END, c.date_end, "
            "c.created_at, c.id", params)
        ids = [r["id"] for r in rows]
        if not ids:
            return []
        evidence = _evidence_rows(project, ids)
        actors = _group(project.query(
            f"SELECT * FROM claim_actors WHERE claim_id IN ({_marks(ids)}) "
            "ORDER BY role, actor_id", ids), "claim_id")
        tags = _group(project.query(
            "SELECT a.annotation_id, t.name FROM annotation_tags a JOIN tags t ON t.id = a.tag_id"
            f" WHERE a.kind = 'claim' AND a.annotation_id IN ({_marks(ids)}) ORDER BY t.name",
            ids), "annotation_id")
        links = project.query(
            f"SELECT * FROM claim_links WHERE from_claim_id IN ({_marks(ids)}) "
            f"OR to_claim_id IN ({_marks(ids)}) ORDER BY created_at, id", ids + ids)
        link_evidence = _evidence_by_link(project, [r["id"] for r in links])
    records = [_link(r, link_evidence) for r in links]
    return [_claim(r, evidence.get(r["id"], []), actors.get(r["id"], []),
                   tags.get(r["id"], []), records) for r in rows]


def _evidence_rows(project: Project, claim_ids: list[str]) -> dict[str, list[Evidence]]:
    rows = project.query(
        f"SELECT * FROM claim_evidence WHERE link_id IS NULL AND claim_id IN ({_marks(claim_ids)})"
        " ORDER BY created_at, id", claim_ids)
    grouped: dict[str, list[Evidence]] = {}
    for r in rows:
        grouped.setdefault(r["claim_id"], []).append(_evidence(r))
    return grouped


def _evidence_by_link(project: Project, link_ids: list[str]) -> dict[str, list[Evidence]]:
    if not link_ids:
        return {}
    grouped: dict[str, list[Evidence]] = {}
    for r in project.query(f"SELECT * FROM claim_evidence WHERE link_id IN ({_marks(link_ids)})"
                           " ORDER BY created_at, id", link_ids):
        grouped.setdefault(r["link_id"], []).append(_evidence(r))
    return grouped


def _claim(row: dict, evidence, actors, tags, links: list[LinkRecord]) -> ClaimRecord:
    return ClaimRecord(
        id=row["id"], statement=row["statement"], quote=row["quote"],
        date_start=row["date_start"], date_end=row["date_end"],
        certainty=Certainty(row["certainty"]),
        claimants=tuple(a["actor_id"] for a in actors if a["role"] == CLAIMANT),
        subjects=tuple(a["actor_id"] for a in actors if a["role"] == SUBJECT),
        evidence=tuple(evidence),
        links=tuple(k for k in links if k.from_claim_id == row["id"]),
        incoming=tuple(k for k in links if k.to_claim_id == row["id"]),
        tags=tuple(t["name"] for t in tags), note=row["note"], author=row["author"],
        created_at=row["created_at"], modified_at=row["modified_at"],
        date_text=row["date_text"])


def _link(row: dict, evidence: dict[str, list[Evidence]]) -> LinkRecord:
    return LinkRecord(id=row["id"], from_claim_id=row["from_claim_id"],
                      to_claim_id=row["to_claim_id"], type=LinkType(row["type"]), note=row["note"],
                      evidence=tuple(evidence.get(row["id"], [])), author=row["author"],
                      created_at=row["created_at"])


def _evidence(row: dict) -> Evidence:
    box = None if row["x0"] is None else Box(row["x0"], row["y0"], row["x1"], row["y1"])
    anchor = Anchor(row["document_id"], row["page_index"], box, row["word_start"],
                    row["word_end"])
    return Evidence(id=row["id"], claim_id=row["claim_id"], anchor=anchor, quote=row["quote"])


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for r in rows:
        grouped.setdefault(r[key], []).append(r)
    return grouped


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))
