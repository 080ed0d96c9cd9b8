"""Redactions in the project store (all their SQL): rows, tags, review and statistics.

Every write is one undoable step (`project.edit`), labelled as the Edit menu shows
it ("Accept 12 suggestions"). Boxes are PDF points, top-left origin; `page_index`
is 0-based. Values arrive checked by the service (app/redactions/service.py).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from recto.annotations import tags as tag_store
from recto.annotations.errors import NotFoundError
from recto.annotations.model import Box, Origin, Redaction, RedactionStyle, Status, new_id, now_iso
from recto.annotations.project import Project
from recto.annotations.undo import Edit

KIND = "redaction"
NO_CODE = "(none)"
EDITABLE = ("style", "codes", "polygon", "extent_chars", "extent_words", "extent_lines",
            "status", "confidence", "text_recoverable", "hidden_text", "note", "bbox")


# -- writing -------------------------------------------------------------------------
def add_redactions(project: Project, items: Iterable[Redaction], label: str) -> list[str]:
    """Insert redactions (new ids are given to those without one) as one step."""
    ids = []
    now = now_iso()
    with project.edit(label) as ed:
        for r in items:
            rid = r.id or new_id()
            ed.insert("redactions", {"id": rid, **_values(r), "author": r.author or project.author,
                                     "created_at": now, "modified_at": now})
            tag_store.set_tags(ed, rid, KIND, r.tags)
            ids.append(rid)
    return ids


def add_with_codes(project: Project, items: Iterable[Redaction],
                   codes: dict[str, tuple[str, ...]], label: str) -> list[str]:
    """Detection's write: new redactions, and codes for existing ones that had none,
    as one step (so one Undo takes back one Detect, however many documents)."""
    ids = []
    now = now_iso()
    with project.edit(label) as ed:
        for r in items:
            rid = r.id or new_id()
            ed.insert("redactions", {"id": rid, **_values(r), "author": r.author or project.author,
                                     "created_at": now, "modified_at": now})
            tag_store.set_tags(ed, rid, KIND, r.tags)
            ids.append(rid)
        for rid, value in codes.items():
            ed.update("redactions", {"id": rid}, {**_columns({"codes": value}),
                                                  "modified_at": now})
    return ids


def add_redaction(project: Project, r: Redaction, label: str = "Add redaction") -> Redaction:
    return get_redaction(project, add_redactions(project, [r], label)[0])


def update_redaction(project: Project, redaction_id: str, changes: dict,
                     tags: Iterable[str] | None = None, label: str = "Edit redaction") -> Redaction:
    """Change some fields (names in EDITABLE; `bbox` is a Box) and/or the tags."""
    current = get_redaction(project, redaction_id)
    with project.edit(label) as ed:
        row = _row(project, redaction_id)
        values = {k: v for k, v in _columns(changes).items() if row[k] != v}
        if values:
            ed.update("redactions", {"id": redaction_id}, values)
        if tags is not None and tuple(sorted(tags)) != tuple(sorted(current.tags)):
            tag_store.set_tags(ed, redaction_id, KIND, tags)
    return get_redaction(project, redaction_id)


def set_status(project: Project, ids: Iterable[str], status: Status, label: str) -> int:
    """Give many redactions one status in one step; returns how many changed."""
    ids = list(dict.fromkeys(ids))
    for rid in ids:
        _row(project, rid)
    changed = 0
    with project.edit(label) as ed:
        for rid in ids:
            if _row(project, rid)["status"] != status.value:
                ed.update("redactions", {"id": rid}, {"status": status.value})
                changed += 1
    return changed


def delete_redactions(project: Project, ids: Iterable[str],
                      label: str = "Delete redaction") -> None:
    ids = list(dict.fromkeys(ids))
    for rid in ids:
        _row(project, rid)
    with project.edit(label) as ed:
        for rid in ids:
            tag_store.clear_tags(ed, rid, KIND)
            ed.delete("redactions", {"id": rid})


# -- reading -------------------------------------------------------------------------
def get_redaction(project: Project, redaction_id: str) -> Redaction:
    row = _row(project, redaction_id)
    return _redaction(row, tag_store.tags_of(project, row["id"], KIND))


def find_redaction(project: Project, id_or_prefix: str) -> Redaction:
    """By full id or a unique prefix (as people type ids from a listing)."""
    rows = project.query("SELECT id FROM redactions WHERE id = ?", [id_or_prefix])
    if not rows and len(id_or_prefix) >= 4:
        rows = project.query("SELECT id FROM redactions WHERE substr(id, 1, ?) = ?",
                             [len(id_or_prefix), id_or_prefix])
    if len(rows) != 1:
        raise NotFoundError(f"No redaction with id {id_or_prefix} in this project.")
    return get_redaction(project, rows[0]["id"])


def list_redactions(project: Project, document_id: str | None = None,
                    page_index: int | None = None, status: Status | str | None = None,
                    min_confidence: float | None = None) -> list[Redaction]:
    """Redactions in reading order (document, page, top, left), optionally filtered."""
    where, params = [], []
    for column, value in (("document_id", document_id), ("page_index", page_index),
                          ("status", getattr(status, "value", status))):
        if value is not None:
            where.append(f"r.{column} = ?")
            params.append(value)
    if min_confidence is not None:
        where.append("coalesce(r.confidence, 0) >= ?")
        params.append(min_confidence)
    sql = ("SELECT r.* FROM redactions r JOIN documents d ON d.id = r.document_id "
           + (f"WHERE {' AND '.join(where)} " if where else "")
           + "ORDER BY d.created_at, d.title, r.page_index, r.y0, r.x0")
    rows = project.query(sql, params)
    tags = _tags_by_id(project, [r["id"] for r in rows])
    return [_redaction(r, tags.get(r["id"], ())) for r in rows]


def page_boxes(project: Project, document_id: str, page_index: int) -> list[tuple[str, Box]]:
    """(id, box) of every redaction on a page, any status (for duplicate checks)."""
    return [(r["id"], Box(r["x0"], r["y0"], r["x1"], r["y1"])) for r in project.query(
        "SELECT id, x0, y0, x1, y1 FROM redactions WHERE document_id = ? AND page_index = ?",
        [document_id, page_index])]


def redacted_pages(project: Project, document_id: str | None = None) -> set[tuple[str, int]]:
    """(document_id, page_index) of pages with a confirmed redaction."""
    where, params = ("AND document_id = ?", [document_id]) if document_id else ("", [])
    return {(r["document_id"], r["page_index"]) for r in project.query(
        f"SELECT DISTINCT document_id, page_index FROM redactions WHERE status = 'confirmed' "
        f"{where}", params)}


def pages_with_placeholders(project: Project) -> set[tuple[str, int]]:
    """(document_id, page_index) whose current text carries a redaction placeholder."""
    return {(r["id"], r["page_index"]) for r in project.query(
        "SELECT d.id, c.page_index FROM current_text c "
        "JOIN page_texts p USING (doc_sha256, page_index, settings_key) "
        "JOIN documents d ON d.sha256 = c.doc_sha256 WHERE instr(p.text, '[REDACTED ~') > 0")}


# -- statistics ----------------------------------------------------------------------
@dataclass(frozen=True)
class PageShare:
    document_id: str
    page_index: int
    count: int
    share: float          # redacted area / page area (overlaps counted twice, capped at 1)


@dataclass(frozen=True)
class RedactionStats:
    count: int
    pages: int                      # pages in scope
    redacted_pages: int
    area_share: float               # redacted area / total page area in scope
    by_style: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_document: dict[str, int] = field(default_factory=dict)
    top_pages: tuple[PageShare, ...] = ()


def statistics(project: Project, document_id: str | None = None,
               statuses: Iterable[str] = ("confirmed", "suggested"),
               top: int = 10) -> RedactionStats:
    """Counts and shares of redaction, for one document or the whole project."""
    statuses = [getattr(s, "value", s) for s in statuses]
    scope, sparams = ("r.document_id = ?", [document_id]) if document_id else ("1 = 1", [])
    status_sql = f"r.status IN ({', '.join('?' * len(statuses))})"
    base = f"FROM redactions r WHERE {scope} AND {status_sql}"
    params = [*sparams, *statuses]
    by_style = _counts(project, f"SELECT r.style k, count(*) n {base} GROUP BY k", params)
    by_code = _counts(project, f"SELECT coalesce(j.value, '{NO_CODE}') k, count(*) n FROM "
                      f"redactions r LEFT JOIN json_each(r.codes) j WHERE {scope} AND "
                      f"{status_sql} GROUP BY k", params)
    by_document = _counts(project, f"SELECT r.document_id k, count(*) n {base} GROUP BY k",
                          params)
    by_status = _counts(project, "SELECT r.status k, count(*) n FROM redactions r WHERE "
                        f"{scope} GROUP BY k", sparams)
    page_scope = ("WHERE document_id = ?", sparams) if document_id else ("", [])
    total_area = project.query(f"SELECT count(*) n, coalesce(sum(width_pt * height_pt), 0) a "
                               f"FROM pages {page_scope[0]}", page_scope[1])[0]
    shares = _page_shares(project, scope, status_sql, params)
    redacted_area = sum(s.share * s.area for s in shares)
    return RedactionStats(
        count=sum(by_style.values()), pages=total_area["n"], redacted_pages=len(shares),
        area_share=redacted_area / total_area["a"] if total_area["a"] else 0.0,
        by_style=by_style, by_code=by_code, by_status=by_status, by_document=by_document,
        top_pages=tuple(PageShare(s.document_id, s.page_index, s.count, s.share)
                        for s in sorted(shares, key=lambda s: (-s.share, -s.count))[:top]))


@dataclass(frozen=True)
class _Share(PageShare):
    area: float = 0.0


def _page_shares(project: Project, scope: str, status_sql: str, params: list) -> list[_Share]:
    rows = project.query(
        "SELECT r.document_id, r.page_index, count(*) n, "
        "sum((r.x1 - r.x0) * (r.y1 - r.y0)) covered, p.width_pt * p.height_pt area "
        "FROM redactions r JOIN pages p ON p.document_id = r.document_id "
        f"AND p.page_index = r.page_index WHERE {scope} AND {status_sql} "
        "GROUP BY r.document_id, r.page_index", params)
    return [_Share(r["document_id"], r["page_index"], r["n"],
                   min(1.0, r["covered"] / r["area"]) if r["area"] else 0.0, r["area"] or 0.0)
            for r in rows]


def _counts(project: Project, sql: str, params: list) -> dict[str, int]:
    rows = project.query(sql + " ORDER BY n DESC, k", params)
    return {r["k"]: r["n"] for r in rows}


# -- rows <-> values -----------------------------------------------------------------
def _row(project: Project, redaction_id: str) -> dict:
    rows = project.query("SELECT * FROM redactions WHERE id = ?", [redaction_id])
    if not rows:
        raise NotFoundError(f"No redaction with id {redaction_id} in this project.")
    return rows[0]


def _values(r: Redaction) -> dict:
    return {"document_id": r.document_id, "page_index": r.page_index, "origin": r.origin.value,
            **_columns({k: getattr(r, k) for k in EDITABLE})}


def _columns(changes: dict) -> dict:
    """Field values as stored: enums as text, lists as JSON, the box as four columns."""
    out: dict[str, object] = {}
    for key, value in changes.items():
        if key == "bbox":
            out.update(x0=value.x0, y0=value.y0, x1=value.x1, y1=value.y1)
        elif key == "codes":
            out["codes"] = json.dumps(list(value), ensure_ascii=False)
        elif key == "polygon":
            out["polygon"] = json.dumps([list(p) for p in value])
        elif key in ("style", "status"):
            out[key] = getattr(value, "value", value)
        elif key == "text_recoverable":
            out[key] = int(bool(value))
        elif key in EDITABLE:
            out[key] = value
        else:
            raise ValueError(f"redactions have no field {key}")
    return out


def _redaction(row: dict, tags: tuple[str, ...]) -> Redaction:
    return Redaction(
        id=row["id"], document_id=row["document_id"], page_index=row["page_index"],
        bbox=Box(row["x0"], row["y0"], row["x1"], row["y1"]),
        style=RedactionStyle(row["style"]), codes=tuple(json.loads(row["codes"] or "[]")),
        polygon=tuple(tuple(p) for p in json.loads(row["polygon"] or "[]")),
        extent_chars=row["extent_chars"], extent_words=row["extent_words"],
        extent_lines=row["extent_lines"], origin=Origin(row["origin"]),
        status=Status(row["status"]), confidence=row["confidence"],
        text_recoverable=bool(row["text_recoverable"]), hidden_text=row["hidden_text"],
        note=row["note"], tags=tags, author=row["author"], created_at=row["created_at"],
        modified_at=row["modified_at"])


def _tags_by_id(project: Project, ids: list[str]) -> dict[str, tuple[str, ...]]:
    if not ids:
        return {}
    rows = project.query(
        "SELECT a.annotation_id, t.name FROM annotation_tags a JOIN tags t ON t.id = a.tag_id "
        "WHERE a.kind = ? ORDER BY t.name", [KIND])
    wanted = set(ids)
    out: dict[str, list[str]] = {}
    for r in rows:
        if r["annotation_id"] in wanted:
            out.setdefault(r["annotation_id"], []).append(r["name"])
    return {k: tuple(v) for k, v in out.items()}


def clear_all_for_document(edit: Edit, project: Project, document_id: str) -> None:
    """For a service deleting a document: its redactions and their tags, in its step."""
    for r in project.query("SELECT id FROM redactions WHERE document_id = ?", [document_id]):
        tag_store.clear_tags(edit, r["id"], KIND)
        edit.delete("redactions", {"id": r["id"]})
