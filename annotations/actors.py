"""Actors, their aliases and their mentions in the project store (all their SQL lives here).

Every change is one undoable step (`project.edit`), including a batch of suggested
mentions, a merge and a split, so Edit > Undo puts the registry back as it was.
A mention's word span is `word_start..word_end` inclusive, indexes into the page's
current words; its box is in PDF points; `page_index` is 0-based.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from recto.annotations.errors import InvalidInputError, NotFoundError
from recto.annotations.model import (
    Actor,
    ActorType,
    Alias,
    AliasKind,
    Anchor,
    Box,
    Mention,
    Origin,
    Status,
    now_iso,
)
from recto.annotations.project import Project
from recto.annotations.undo import Edit

_MOVE_ACTOR_SQL = {
    "claim_actors": "SELECT * FROM claim_actors WHERE actor_id = ?",
    "annotation_tags": "SELECT * FROM annotation_tags WHERE annotation_id = ? AND kind = 'actor'",
}


# --- writing ------------------------------------------------------------------------

def add_actor(project: Project, actor: Actor, mentions: Iterable[Mention] = ()) -> Actor:
    """Insert an actor with its aliases (and, e.g. from a selection, mentions): one step."""
    with project.edit(f"Add actor {actor.name}") as ed:
        _insert_actor(project, ed, actor)
        for mention in mentions:
            _insert_mention(project, ed, mention)
    return get_actor(project, actor.id)


def update_actor(project: Project, actor_id: str, **values) -> Actor:
    """Change name, type, note or external_id."""
    allowed = {"name", "type", "note", "external_id"}
    if set(values) - allowed:
        raise InvalidInputError(f"Only {', '.join(sorted(allowed))} of an actor can be changed.")
    values = {k: (v.value if isinstance(v, ActorType) else v) for k, v in values.items()}
    actor = get_actor(project, actor_id)
    with project.edit(f"Edit actor {actor.name}") as ed:
        ed.update("actors", {"id": actor.id}, values)
    return get_actor(project, actor.id)


def add_aliases(project: Project, aliases: list[Alias]) -> list[Alias]:
    if not aliases:
        return []
    label = f"Add alias {aliases[0].alias}" if len(aliases) == 1 else f"Add {len(aliases)} aliases"
    with project.edit(label) as ed:
        for alias in aliases:
            _insert_alias(project, ed, alias)
    return [get_alias(project, a.id) for a in aliases]


def remove_alias(project: Project, alias_id: str) -> None:
    alias = get_alias(project, alias_id)
    with project.edit(f"Remove alias {alias.alias}") as ed:
        ed.delete("actor_aliases", {"id": alias.id})


def add_mentions(project: Project, mentions: list[Mention], label: str) -> list[Mention]:
    """Insert mentions (one by hand, or a batch of suggestions) as one undoable step.

    A batch goes in with one executemany; its undo records are the rows as written
    (every column), which is what `Edit.insert` would have read back one by one.
    """
    if not mentions:
        return mentions
    now = now_iso()
    rows = [_mention_row(project, m, now) for m in mentions]
    columns = list(rows[0])
    with project.edit(label) as ed:
        project.db.conn.executemany(
            f"INSERT INTO mentions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [[r[c] for c in columns] for r in rows])
        ed.changes.extend(("mentions", {"id": r["id"]}, None, r) for r in rows)
    return mentions


def set_status(project: Project, mention_ids: list[str], status: Status, label: str) -> int:
    """Set the status of mentions (accept / reject); returns how many changed."""
    changed = 0
    with project.edit(label) as ed:
        for mention_id in mention_ids:
            if get_mention(project, mention_id).status != status:
                ed.update("mentions", {"id": mention_id}, {"status": status.value})
                changed += 1
    return changed


def delete_mentions(project: Project, mention_ids: list[str], label: str) -> None:
    with project.edit(label) as ed:
        for mention_id in mention_ids:
            ed.delete("mentions", {"id": mention_id})


def merge_actors(project: Project, keep_id: str, gone_id: str, *, new_aliases: list[Alias],
                 drop_mentions: list[str], promote: dict[str, Status]) -> None:
    """Move everything of `gone` into `keep` and delete `gone`, as one undoable step.

    The caller decides what is a duplicate: `drop_mentions` of `gone` are deleted,
    `promote` raises the status of kept mentions, `new_aliases` are added to `keep`.
    """
    keep, gone = get_actor(project, keep_id), get_actor(project, gone_id)
    keep_texts = {a.alias for a in keep.aliases}
    with project.edit(f"Merge {gone.name} into {keep.name}") as ed:
        for mention_id, status in promote.items():
            ed.update("mentions", {"id": mention_id}, {"status": status.value})
        for mention_id in drop_mentions:
            ed.delete("mentions", {"id": mention_id})
        for row in project.query("SELECT id FROM mentions WHERE actor_id = ?", [gone.id]):
            ed.update("mentions", {"id": row["id"]}, {"actor_id": keep.id})
        for alias in gone.aliases:
            if alias.alias in keep_texts:
                ed.delete("actor_aliases", {"id": alias.id})
            else:
                ed.update("actor_aliases", {"id": alias.id}, {"actor_id": keep.id})
        for alias in new_aliases:
            _insert_alias(project, ed, alias)
        _move_links(project, ed, gone.id, keep.id)
        ed.delete("actors", {"id": gone.id})


def split_mentions(project: Project, new_actor: Actor, mention_ids: list[str]) -> Actor:
    """Create `new_actor` and move the given mentions to it, as one undoable step."""
    with project.edit(f"Split {len(mention_ids)} mentions into {new_actor.name}") as ed:
        _insert_actor(project, ed, new_actor)
        for mention_id in mention_ids:
            ed.update("mentions", {"id": mention_id}, {"actor_id": new_actor.id})
    return get_actor(project, new_actor.id)


def delete_actor(project: Project, actor_id: str) -> None:
    """Delete an actor with its aliases, mentions, claim roles and tags (undoable)."""
    actor = get_actor(project, actor_id)
    with project.edit(f"Delete actor {actor.name}") as ed:
        for row in project.query("SELECT id FROM mentions WHERE actor_id = ?", [actor.id]):
            ed.delete("mentions", {"id": row["id"]})
        for alias in actor.aliases:
            ed.delete("actor_aliases", {"id": alias.id})
        for table, sql in _MOVE_ACTOR_SQL.items():
            for row in project.query(sql, [actor.id]):
                ed.delete(table, row)
        ed.delete("actors", {"id": actor.id})


def _move_links(project: Project, ed: Edit, gone_id: str, keep_id: str) -> None:
    """Claims and tags that named `gone` name `keep` instead (dropping exact duplicates)."""
    for table, sql in _MOVE_ACTOR_SQL.items():
        column = "actor_id" if table == "claim_actors" else "annotation_id"
        kept = {tuple(sorted({**r, column: None}.items())) for r in project.query(sql, [keep_id])}
        for row in project.query(sql, [gone_id]):
            ed.delete(table, row)
            moved = {**row, column: keep_id}
            if tuple(sorted({**row, column: None}.items())) not in kept:
                ed.insert(table, moved)


def _insert_actor(project: Project, ed: Edit, actor: Actor) -> None:
    now = now_iso()
    ed.insert("actors", {
        "id": actor.id, "name": actor.name, "type": ActorType(actor.type).value,
        "external_id": actor.external_id, "note": actor.note, "author": project.author,
        "created_at": now, "modified_at": now})
    for alias in actor.aliases:
        _insert_alias(project, ed, alias)


def _insert_alias(project: Project, ed: Edit, alias: Alias) -> None:
    now = now_iso()
    ed.insert("actor_aliases", {
        "id": alias.id, "actor_id": alias.actor_id, "alias": alias.alias, "lang": alias.lang,
        "kind": AliasKind(alias.kind).value, "attested_document_id": alias.attested_document_id,
        "attested_page_index": alias.attested_page_index, "author": project.author,
        "created_at": now, "modified_at": now})


def _insert_mention(project: Project, ed: Edit, m: Mention) -> None:
    ed.insert("mentions", _mention_row(project, m, now_iso()))


def _mention_row(project: Project, m: Mention, now: str) -> dict:
    """Every column of a mentions row, in table order."""
    box = m.anchor.bbox
    return {
        "id": m.id, "actor_id": m.actor_id, "document_id": m.anchor.document_id,
        "page_index": m.anchor.page_index,
        "x0": box.x0 if box else None, "y0": box.y0 if box else None,
        "x1": box.x1 if box else None, "y1": box.y1 if box else None,
        "word_start": m.anchor.word_start, "word_end": m.anchor.word_end, "text": m.text,
        "status": Status(m.status).value, "origin": Origin(m.origin).value,
        "confidence": m.confidence, "author": project.author, "created_at": now,
        "modified_at": now}


# --- reading ------------------------------------------------------------------------

def get_actor(project: Project, actor_id: str) -> Actor:
    """By id or a unique id prefix (as the CLI shows 8 characters)."""
    rows = project.query("SELECT * FROM actors WHERE id = ?", [actor_id])
    if not rows and actor_id:
        rows = project.query("SELECT * FROM actors WHERE substr(id, 1, ?) = ?",
                             [len(actor_id), actor_id])
    if len(rows) != 1:
        raise NotFoundError(f"No actor with id {actor_id} in this project.")
    return _actor(rows[0], aliases_of(project, rows[0]["id"]))


def list_actors(project: Project) -> list[Actor]:
    aliases: dict[str, list[Alias]] = {}
    for row in project.query("SELECT * FROM actor_aliases ORDER BY created_at, alias"):
        aliases.setdefault(row["actor_id"], []).append(_alias(row))
    return [_actor(r, aliases.get(r["id"], [])) for r in project.query(
        "SELECT * FROM actors ORDER BY name COLLATE NOCASE, created_at")]


def aliases_of(project: Project, actor_id: str) -> list[Alias]:
    return [_alias(r) for r in project.query(
        "SELECT * FROM actor_aliases WHERE actor_id = ? ORDER BY created_at, alias", [actor_id])]


def get_alias(project: Project, alias_id: str) -> Alias:
    rows = project.query("SELECT * FROM actor_aliases WHERE id = ?", [alias_id])
    if not rows:
        rows = project.query("SELECT * FROM actor_aliases WHERE substr(id, 1, ?) = ?",
                             [len(alias_id), alias_id])
    if len(rows) != 1:
        raise NotFoundError(f"No alias with id {alias_id} in this project.")
    return _alias(rows[0])


def get_mention(project: Project, mention_id: str) -> Mention:
    rows = project.query("SELECT * FROM mentions WHERE id = ?", [mention_id])
    if not rows and mention_id:
        rows = project.query("SELECT * FROM mentions WHERE substr(id, 1, ?) = ?",
                             [len(mention_id), mention_id])
    if len(rows) != 1:
        raise NotFoundError(f"No mention with id {mention_id} in this project.")
    return _mention(rows[0])


def list_mentions(project: Project, actor_id: str | None = None, status: Status | None = None,
                  document_id: str | None = None, page_index: int | None = None) -> list[Mention]:
    where, params = [], []
    for column, value in (("actor_id", actor_id), ("document_id", document_id),
                          ("page_index", page_index),
                          ("status", status.value if status else None)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM mentions" + (" WHERE " + " AND ".join(where) if where else "")
    return [_mention(r) for r in project.query(
        sql + " ORDER BY document_id, page_index, y0, x0, created_at", params)]


def mention_counts(project: Project) -> dict[str, dict[str, int]]:
    """actor id -> {status: count}."""
    counts: dict[str, dict[str, int]] = {}
    for r in project.query("SELECT actor_id, status, COUNT(*) AS n FROM mentions "
                           "GROUP BY actor_id, status"):
        counts.setdefault(r["actor_id"], {})[r["status"]] = r["n"]
    return counts


def counts_by_document(project: Project, actor_id: str) -> list[dict]:
    """Per document: id, title, and how many mentions of each status."""
    return project.query(
        "SELECT d.id AS document_id, d.title, "
        "SUM(m.status = 'confirmed') AS confirmed, SUM(m.status = 'suggested') AS suggested, "
        "SUM(m.status = 'rejected') AS rejected FROM mentions m "
        "JOIN documents d ON d.id = m.document_id WHERE m.actor_id = ? "
        "GROUP BY d.id ORDER BY d.created_at, d.title", [actor_id])


def cooccurring(project: Project, actor_id: str) -> list[dict]:
    """Other actors mentioned (not rejected) on the same pages: id, name, pages shared."""
    return project.query(
        "SELECT a.id AS actor_id, a.name, "
        "COUNT(DISTINCT m2.document_id || ':' || m2.page_index) AS pages "
        "FROM mentions m1 JOIN mentions m2 ON m2.document_id = m1.document_id "
        "AND m2.page_index = m1.page_index AND m2.actor_id <> m1.actor_id "
        "JOIN actors a ON a.id = m2.actor_id "
        "WHERE m1.actor_id = ? AND m1.status <> 'rejected' AND m2.status <> 'rejected' "
        "GROUP BY a.id ORDER BY pages DESC, a.name COLLATE NOCASE", [actor_id])


class WordRow(NamedTuple):
    """A page word as read in bulk: an OcrWord look-alike whose box is built on demand."""
    page_index: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    block: int
    par: int
    line: int

    @property
    def bbox(self) -> Box:
        return Box(self.x0, self.y0, self.x1, self.y1)


def page_words_of_document(project: Project, sha: str) -> Iterator[tuple[int, list[WordRow]]]:
    """(page_index, current words) of every page of a document that has text.

    One query per document with plain tuples: suggestions read every word of the
    corpus, and a query per page with objects per word costs more than the matching.
    """
    with project.read() as db:
        rows = db.conn.execute(
            "SELECT w.page_index, w.text, w.x0, w.y0, w.x1, w.y1, w.block, w.par, w.line "
            "FROM current_text c JOIN page_words w USING (doc_sha256, page_index, settings_key) "
            "WHERE c.doc_sha256 = ? AND w.noise = 0 ORDER BY w.page_index, w.seq",
            [sha]).fetchall()
    for page_index, group in groupby(rows, key=itemgetter(0)):
        yield page_index, list(map(WordRow._make, group))


def document_ids_by_sha(project: Project) -> dict[str, str]:
    return {r["sha256"]: r["id"] for r in project.query("SELECT id, sha256 FROM documents")}


def _actor(row: dict, aliases: list[Alias]) -> Actor:
    return Actor(id=row["id"], name=row["name"], type=ActorType(row["type"]),
                 aliases=tuple(aliases), external_id=row["external_id"], note=row["note"],
                 author=row["author"], created_at=row["created_at"],
                 modified_at=row["modified_at"])


def _alias(row: dict) -> Alias:
    return Alias(id=row["id"], actor_id=row["actor_id"], alias=row["alias"], lang=row["lang"],
                 kind=AliasKind(row["kind"]), attested_document_id=row["attested_document_id"],
                 attested_page_index=row["attested_page_index"])


def _mention(row: dict) -> Mention:
    box = None
    if row["x0"] is not None:
        box = Box(row["x0"], row["y0"], row["x1"], row["y1"])
    anchor = Anchor(row["document_id"], row["page_index"], box, row["word_start"],
                    row["word_end"])
    return Mention(id=row["id"], actor_id=row["actor_id"], anchor=anchor, text=row["text"],
                   status=Status(row["status"]), origin=Origin(row["origin"]),
                   confidence=row["confidence"], author=row["author"],
                   created_at=row["created_at"], modified_at=row["modified_at"])
