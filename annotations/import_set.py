"""Read a colleague's annotation set and merge it into a project as one undoable step.

Documents are matched by SHA-256 (a document the project lacks is created with
no path: "document missing" until its PDF is added), annotations keep their
UUIDs (so importing twice adds nothing), tags are matched by name. When the
same id holds different content on both sides, the newer `modified_at` wins and
the conflict is listed in the report. The set is checked completely before
anything is written, and the merge is one transaction: a bad file changes nothing.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from recto.annotations import ocr_store, page_text_undo, set_validation
from recto.annotations.date_bounds import edtf_from_bounds
from recto.annotations.documents import METADATA_FIELDS
from recto.annotations.edtf import parse_date
from recto.annotations.errors import InvalidInputError
from recto.annotations.export_rows import FILENAME_META, citation_of
from recto.annotations.export_schema import (
    OCR_WORDS,
    SPECS,
    TABLES,
    AnnotationSetError,
)
from recto.annotations.model import Box, OcrWord, new_id
from recto.annotations.project import SQLITE_MAGIC, Project, read_only_uri
from recto.annotations.undo import Edit

UNDO_LABEL = "Import annotation set"
IMPORT_SETTINGS_KEY = "import"
DOC_FIELDS = ("title", "page_count", "languages", "archive", "collection", "box_folder",
              "item", "citation", *METADATA_FIELDS, "first_page", "page_labels")
BY_ID = ("actors", "actor_aliases", "redactions", "mentions", "claims", "claim_evidence",
         "claim_links")
UNIQUE = {"actor_aliases": ("actor_id", "alias"), "claim_links": ("from_claim_id", "to_claim_id",
                                                                  "type")}


@dataclass(frozen=True)
class AnnotationSet:
    path: Path
    meta: dict
    rows: dict  # table name -> list of row dicts, in the set's columns


@dataclass(frozen=True)
class Conflict:
    table: str
    id: str
    kept: str  # "incoming" (the set's newer version replaced ours) or "project"
    project_modified_at: str
    incoming_modified_at: str


@dataclass(frozen=True)
class MissingDocument:
    id: str
    sha256: str
    title: str
    filename: str | None


@dataclass(frozen=True)
class ImportReport:
    source: str
    added: dict
    updated: dict
    unchanged: int
    conflicts: tuple[Conflict, ...]
    missing_documents: tuple[MissingDocument, ...]
    page_texts_added: int

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.updated.values()) or self.page_texts_added)

    def as_dict(self) -> dict:
        return asdict(self)


# -- reading and checking ----------------------------------------------------------
def read_set(path) -> AnnotationSet:
    """Open and check a set completely, read-only and in bounded time (see set_validation);
    raises AnnotationSetError with one sentence."""
    path = Path(path).expanduser().absolute()
    name = path.name
    if not path.is_file():
        raise AnnotationSetError(f"There is no file at {path}.")
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise AnnotationSetError(f"{name} is not a Recto annotation set (not an SQLite file).")
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            conn.row_factory = sqlite3.Row
            with set_validation.time_limit(conn, name):
                return _read(conn, path)
    except sqlite3.DatabaseError as exc:
        raise AnnotationSetError(
            f"{name} is damaged or truncated ({exc}); nothing was imported.") from exc


def _read(conn: sqlite3.Connection, path: Path) -> AnnotationSet:
    name = path.name
    meta = set_validation.validate(conn, name)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    specs = [*TABLES, OCR_WORDS] if "ocr_words" in tables else list(TABLES)
    later = set_validation.added_after(int(meta["schema_version"]))
    rows = {}
    for spec in specs:
        have = {r["name"] for r in conn.execute(f"PRAGMA table_info({spec.name})")}
        lacking = [c for c in spec.columns if c not in have and c not in later.get(spec.name, ())]
        if lacking:
            raise AnnotationSetError(f"{name} is incomplete: table {spec.name} lacks "
                                     f"{', '.join(lacking)}; nothing was imported.")
        cols = ", ".join(c for c in spec.columns if c in have)
        rows[spec.name] = [{**dict.fromkeys(spec.columns), **dict(r)} for r in conn.execute(
            f"SELECT {cols} FROM {spec.name} ORDER BY {spec.order_by}")]
    if "date" in later.get("claims", ()):
        for claim in rows["claims"]:  # an older set: the date is recovered from its bounds
            claim["date"] = edtf_from_bounds(claim["date_start"], claim["date_end"])
    _check_dates(name, rows)
    _check_references(name, rows)
    return AnnotationSet(path, meta, rows)


def _check_dates(name: str, rows: dict) -> None:
    """Claim and document dates must be EDTF Recto reads, or the timeline could not show them."""
    for table in ("claims", "documents"):
        for r in rows[table]:
            try:
                parse_date(r["date"])
            except InvalidInputError:
                raise AnnotationSetError(
                    f"{name} has a date Recto cannot read ({table}.date = {r['date']!r} for "
                    f"{r['id']}); nothing was imported.") from None


def _check_references(name: str, rows: dict) -> None:
    """Every reference must point at a row of the set (checked here, not trusted to PRAGMAs)."""
    for table, data in rows.items():
        for column, other, other_col in SPECS[table].foreign_keys:
            known = {r[other_col] for r in rows[other]}
            for r in data:
                if r[column] is not None and r[column] not in known:
                    raise AnnotationSetError(
                        f"{name} has a dangling reference ({table}.{column} = {r[column]} is not "
                        f"in {other}); nothing was imported.")


# -- merging -----------------------------------------------------------------------
def merge(project: Project, aset: AnnotationSet, state=None,
          adopt_name: bool = False) -> ImportReport:
    """Merge `aset` into `project` as one undoable step ("Import annotation set")."""
    try:
        with project.edit(UNDO_LABEL) as edit:
            merger = _Merger(project, aset, edit, state)
            merger.run()
            if adopt_name and aset.meta.get("project_name"):
                _set_name(edit, aset.meta["project_name"])
    except sqlite3.IntegrityError as exc:
        raise AnnotationSetError(f"{aset.path.name} cannot be merged into this project ({exc}); "
                                 "nothing was imported.") from exc
    return merger.report()


def _set_name(edit: Edit, name: str) -> None:
    """The project's name, as part of the import step (so undo takes it back too)."""
    if edit.project.get_meta("name") is None:
        edit.insert("project_meta", {"key": "name", "value": name})
    else:
        edit.update("project_meta", {"key": "name"}, {"value": name})


class _Merger:
    def __init__(self, project: Project, aset: AnnotationSet, edit: Edit, state):
        self.project, self.aset, self.edit, self.state = project, aset, edit, state
        self.added: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.unchanged, self.texts = 0, 0
        self.conflicts: list[Conflict] = []
        self.doc_map: dict[str, str] = {}
        self.tag_map: dict[str, str] = {}
        self.done, self.total = 0, sum(len(v) for v in aset.rows.values())

    def run(self) -> None:
        self._documents()
        self._tags()
        for table in BY_ID:
            self._by_id(table)
        self._keyed("claim_actors")
        self._keyed("annotation_tags")
        self._page_texts()

    def report(self) -> ImportReport:
        missing = []
        for d in self.aset.rows["documents"]:
            row = self.project.query("SELECT path FROM documents WHERE id = ?",
                                     [self.doc_map[d["id"]]])
            if row and row[0]["path"] is None:
                missing.append(MissingDocument(self.doc_map[d["id"]], d["sha256"], d["title"],
                                               d["filename"]))
        return ImportReport(str(self.aset.path), dict(self.added), dict(self.updated),
                            self.unchanged, tuple(self.conflicts), tuple(missing), self.texts)

    def _tick(self, n: int = 1) -> None:
        self.done += n
        if self.state is not None and (self.done % 2000 < n or self.done == self.total):
            self.state.check()
            self.state.report(self.done, self.total, "importing")

    # -- documents and pages ---------------------------------------------------------
    def _documents(self) -> None:
        ours = {r["sha256"]: r for r in self.project.query("SELECT * FROM documents")}
        taken = {r["id"] for r in ours.values()}
        pages: dict[str, list[dict]] = {}
        for p in self.aset.rows["pages"]:
            pages.setdefault(p["document_id"], []).append(p)
        for d in self.aset.rows["documents"]:
            new = _document_row(d)
            old = ours.get(d["sha256"])
            if old is not None:
                self.doc_map[d["id"]] = old["id"]
                self._fill_document(old, new)
            else:
                new["id"] = d["id"] if d["id"] not in taken else new_id()
                self.doc_map[d["id"]] = new["id"]
                self.edit.insert("documents", new)
                if d["filename"]:
                    self.edit.insert("project_meta", {"key": FILENAME_META + new["id"],
                                                      "value": d["filename"]})
                for p in pages.get(d["id"], []):
                    self.edit.insert("pages", _page_row(p, new["id"]))
                self.added["documents"] += 1
            self._tick()

    def _fill_document(self, old: dict, new: dict) -> None:
        """The same PDF on both sides: fields empty here are filled in (no conflict);
        fields filled differently on both sides are a conflict like any other."""
        empty = {k: new[k] for k in DOC_FIELDS if old[k] in ("", "[]", None) and new[k]
                 not in ("", "[]", None)}
        if empty:
            stamp = max(old["modified_at"] or "", new["modified_at"] or "")
            self.edit.update("documents", {"id": old["id"]}, {**empty, "modified_at": stamp})
            self.updated["documents"] += 1
            old = {**old, **empty}
        self._reconcile("documents", old, new, [k for k in DOC_FIELDS if new[k] not in
                                                 ("", "[]", None)])

    def _page_texts(self) -> None:
        have = set(ocr_store.pages_with_text(self.project))
        words: dict[tuple[str, int], list[OcrWord]] = {}
        for w in self.aset.rows.get("ocr_words", []):
            words.setdefault((w["document_id"], w["page"]), []).append(OcrWord(
                w["text"], Box(w["x0"], w["y0"], w["x1"], w["y1"]), w["conf"], w["block"],
                w["par"], w["line"], w["lang"]))
        sha = {d["id"]: d["sha256"] for d in self.aset.rows["documents"]}
        for p in self.aset.rows["pages"]:
            key = (sha[p["document_id"]], p["page"] - 1)
            if p["text_source"] is None or key in have:
                continue
            ocr_store.store_page(self.project, ocr_store.PageText(
                key[0], key[1], IMPORT_SETTINGS_KEY, p["text_source"], "ok", p["text"] or "",
                languages=p["languages"] or ""), words.get((p["document_id"], p["page"]), []))
            pk = {"doc_sha256": key[0], "page_index": key[1], "settings_key": IMPORT_SETTINGS_KEY}
            self.edit.record(page_text_undo.TABLE, pk, None,
                             page_text_undo.image(self.project.db, pk))
            self.texts += 1

    # -- tags and annotations ----------------------------------------------------------
    def _tags(self) -> None:
        ours = {r["name"]: r["id"] for r in self.project.query("SELECT id, name FROM tags")}
        taken = set(ours.values())
        for t in self.aset.rows["tags"]:
            if t["name"] in ours:
                self.tag_map[t["id"]] = ours[t["name"]]
                self.unchanged += 1
            else:
                tag_id = t["id"] if t["id"] not in taken else new_id()
                self.edit.insert("tags", {"id": tag_id, "name": t["name"]})
                self.tag_map[t["id"]] = ours[t["name"]] = tag_id
                self.added["tags"] += 1
            self._tick()

    def _by_id(self, table: str) -> None:
        ours = {r["id"]: r for r in self.project.query(f"SELECT * FROM {table}")}
        unique = UNIQUE.get(table)
        seen = {tuple(r[c] for c in unique) for r in ours.values()} if unique else set()
        for row in self.aset.rows[table]:
            new = self._project_row(table, row)
            old = ours.get(new["id"])
            if old is not None:
                self._reconcile(table, old, new, [k for k in new if k != "modified_at"])
            elif unique and tuple(new[c] for c in unique) in seen:
                self.unchanged += 1  # the same alias or link under another id
            else:
                self.edit.insert(table, new)
                self.added[table] += 1
            self._tick()

    def _keyed(self, table: str) -> None:
        pk = SPECS[table].pk
        ours = {tuple(r[c] for c in pk) for r in self.project.query(f"SELECT * FROM {table}")}
        for row in self.aset.rows[table]:
            new = self._project_row(table, row)
            if tuple(new[c] for c in pk) in ours:
                self.unchanged += 1
            else:
                self.edit.insert(table, new)
                self.added[table] += 1
            self._tick()

    def _reconcile(self, table: str, old: dict, new: dict, fields) -> None:
        """Same id on both sides: equal is fine; different keeps the newer modified_at.
        Text that differs only by NFKC (sets carry NFKC, the project keeps `ﬁ`) is equal."""
        diff = {k: new[k] for k in fields if _nfkc(old.get(k)) != _nfkc(new[k])}
        if not diff:
            self.unchanged += 1
            return
        theirs, mine = new.get("modified_at") or "", old.get("modified_at") or ""
        incoming = theirs > mine
        self.conflicts.append(Conflict(table, old["id"], "incoming" if incoming else "project",
                                       mine, theirs))
        if incoming:
            self.edit.update(table, {"id": old["id"]}, {**diff, "modified_at": theirs})
            self.updated[table] += 1

    def _project_row(self, table: str, row: dict) -> dict:
        """The set's columns turned back into the project's (0-based pages, our ids)."""
        r = dict(row)
        if "page" in r:
            r["page_index"] = r.pop("page") - 1
        if "document_id" in r:
            r["document_id"] = self.doc_map[r["document_id"]]
        if table == "claims":
            r["date_text"] = r.pop("date") or ""
            r["date_start"], r["date_end"] = r["date_start"] or "", r["date_end"] or ""
        elif table == "redactions":
            codes = [c.strip() for c in (r.pop("code") or "").split(";") if c.strip()]
            r["codes"] = json.dumps(codes, ensure_ascii=False)
            r["polygon"] = r["polygon"] if r["polygon"] is not None else "[]"
        elif table == "actor_aliases":
            page = r.pop("attested_page")
            r["attested_page_index"] = page - 1 if page is not None else None
            if r["attested_document_id"] is not None:
                r["attested_document_id"] = self.doc_map[r["attested_document_id"]]
        elif table == "annotation_tags":
            r["tag_id"] = self.tag_map[r["tag_id"]]
            if r["kind"] == "document":
                r["annotation_id"] = self.doc_map.get(r["annotation_id"], r["annotation_id"])
        return r


def _nfkc(value):
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def _document_row(d: dict) -> dict:
    """A project documents row from a set row; the citation is kept only if it is free text."""
    built = citation_of({**d, "citation": ""})
    return {"sha256": d["sha256"], "title": d["title"] or "", "path": None, "file_size": None,
            "file_mtime": None, "page_count": d["page_count"], "languages": d["languages"] or "[]",
            **{f: d[f] or "" for f in ("archive", "collection", "box_folder", "item")},
            "citation": "" if d["citation"] == built else (d["citation"] or ""),
            **{f: d[f] or "" for f in METADATA_FIELDS}, "first_page": d["first_page"],
            "page_labels": d["page_labels"] or None,
            "author": d["author"] or "", "created_at": d["created_at"],
            "modified_at": d["modified_at"]}


def _page_row(p: dict, document_id: str) -> dict:
    return {"document_id": document_id, "page_index": p["page"] - 1, "width_pt": p["width_pt"],
            "height_pt": p["height_pt"], "rotation": p["rotation"] or 0,
            "has_text_layer": p["has_text_layer"] or 0,
            "languages": p["languages"] if p["text_source"] is None else None}
