"""Tags: one free vocabulary shared by redactions, mentions, claims and actors."""
from __future__ import annotations

from recto.annotations.model import new_id
from recto.annotations.project import Project
from recto.annotations.undo import Edit

KINDS = ("redaction", "actor", "mention", "claim", "document")


def normalise(name: str) -> str:
    return " ".join(name.split()).strip()


def set_tags(edit: Edit, annotation_id: str, kind: str, names) -> None:
    """Make an annotation's tags exactly `names`, inside the caller's undoable edit."""
    wanted = {normalise(n) for n in names if normalise(n)}
    db = edit.project.db
    current = {r["name"]: r["id"] for r in db.query(
        "SELECT t.id, t.name FROM annotation_tags a JOIN tags t ON t.id = a.tag_id "
        "WHERE a.annotation_id = ? AND a.kind = ?", [annotation_id, kind])}
    for name, tag_id in current.items():
        if name not in wanted:
            edit.delete("annotation_tags", {"annotation_id": annotation_id, "kind": kind,
                                            "tag_id": tag_id})
    for name in sorted(wanted - set(current)):
        edit.insert("annotation_tags", {"annotation_id": annotation_id, "kind": kind,
                                        "tag_id": _tag_id(edit, name)})


def _tag_id(edit: Edit, name: str) -> str:
    rows = list(edit.project.db.query("SELECT id FROM tags WHERE name = ?", [name]))
    if rows:
        return rows[0]["id"]
    tag_id = new_id()
    edit.insert("tags", {"id": tag_id, "name": name})
    return tag_id


def tags_of(project: Project, annotation_id: str, kind: str) -> tuple[str, ...]:
    return tuple(r["name"] for r in project.query(
        "SELECT t.name FROM annotation_tags a JOIN tags t ON t.id = a.tag_id "
        "WHERE a.annotation_id = ? AND a.kind = ? ORDER BY t.name", [annotation_id, kind]))


def all_tags(project: Project) -> list[str]:
    return [r["name"] for r in project.query("SELECT name FROM tags ORDER BY name")]


def clear_tags(edit: Edit, annotation_id: str, kind: str) -> None:
    set_tags(edit, annotation_id, kind, [])
