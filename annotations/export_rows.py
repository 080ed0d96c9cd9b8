"""Which project rows go into an annotation set, converted to the set's columns.

Filters narrow the set (documents, tags, kinds, statuses, authors); whatever is
kept drags in what it refers to (a claim's actors, a tag's name), so the set's
foreign keys always hold. Rows come out ordered by key: the same project gives
the same set, row for row.
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from recto.annotations import documents as doc_store
from recto.annotations.errors import InvalidInputError
from recto.annotations.model import ArchivalReference
from recto.annotations.project import Project

KINDS = ("redactions", "actors", "claims")
PageTextFn = Callable[[str, int], str]
FILENAME_META = "document_filename:"  # kept by import for documents whose PDF is missing


@dataclass(frozen=True)
class ExportFilters:
    """Empty tuples mean "no filter". `kinds` are KINDS; `statuses` apply to redactions
    and mentions (claims have a certainty, not a status)."""
    document_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    def __post_init__(self):
        bad = [k for k in self.kinds if k not in KINDS]
        if bad:
            raise InvalidInputError(f"Unknown kind {bad[0]!r}: use one of {', '.join(KINDS)}.")

    @property
    def narrows_annotations(self) -> bool:
        return bool(self.tags or self.kinds or self.statuses or self.authors)

    def as_dict(self) -> dict:
        return {k: list(v) for k, v in asdict(self).items()}


NO_FILTERS = ExportFilters()  # the shared default: frozen, so one instance serves every call


def citation_of(row: dict) -> str:
    """The document's citation as historians write it (free text overrides the parts)."""
    ref = ArchivalReference(**{f: row[f] for f in doc_store.REFERENCE_FIELDS})
    return ref.cite() or row["title"]


class Selection:
    """Reads the project once and decides, table by table, which rows to export."""

    def __init__(self, project: Project, filters: ExportFilters):
        self.project, self.f = project, filters
        self.kinds = set(filters.kinds or KINDS)
        self.docs = {r["id"]: r for r in project.query("SELECT * FROM documents ORDER BY id")}
        if filters.document_ids:
            wanted = {doc_store.get_document(project, d).id for d in filters.document_ids}
            self.docs = {k: v for k, v in self.docs.items() if k in wanted}
        self.tagged = self._tagged()
        self.rows: dict[str, list[dict]] = {}
        self._select()

    def _tagged(self) -> set[tuple[str, str]] | None:
        if not self.f.tags:
            return None
        marks = ",".join("?" * len(self.f.tags))
        return {(r["annotation_id"], r["kind"]) for r in self.project.query(
            "SELECT a.annotation_id, a.kind FROM annotation_tags a JOIN tags t "
            f"ON t.id = a.tag_id WHERE t.name IN ({marks})", list(self.f.tags))}

    def _ok(self, row: dict, kind: str, also: tuple[str, str] | None = None) -> bool:
        if self.f.authors and row.get("author") not in self.f.authors:
            return False
        if self.f.statuses and "status" in row and row["status"] not in self.f.statuses:
            return False
        if self.tagged is not None:
            return (row["id"], kind) in self.tagged or (also in self.tagged if also else False)
        return True

    def _all(self, table: str, order: str = "id") -> list[dict]:
        """Every row, sorted by `order` in Python: as SQLite's BINARY order for text (UTF-8
        keeps code point order), and much faster than walking the index for 100k rows."""
        with self.project.read() as db:
            cur = db.conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur]
        keys = [k.strip() for k in order.split(",")]
        rows.sort(key=lambda r: tuple(r[k] for k in keys))
        return rows

    def _select(self) -> None:
        docs = self.docs
        red = [r for r in self._all("redactions") if "redactions" in self.kinds
               and r["document_id"] in docs and self._ok(r, "redaction")]
        men = [r for r in self._all("mentions")
               if "actors" in self.kinds and r["document_id"] in docs
               and self._ok(r, "mention", (r["actor_id"], "actor"))]
        claims, evidence = self._claims()
        claim_ids = {c["id"] for c in claims}
        links = [r for r in self._all("claim_links")
                 if r["from_claim_id"] in claim_ids and r["to_claim_id"] in claim_ids]
        cactors = [r for r in self._all("claim_actors", "claim_id, actor_id, role")
                   if r["claim_id"] in claim_ids]
        actors = self._actors({m["actor_id"] for m in men} | {c["actor_id"] for c in cactors})
        if self.f.narrows_annotations and not self.f.document_ids:
            used = {r["document_id"] for r in (*red, *men, *evidence)}
            self.docs = {k: v for k, v in docs.items() if k in used}
        actor_ids = {a["id"] for a in actors}
        aliases = [r for r in self._all("actor_aliases") if r["actor_id"] in actor_ids]
        self.rows = {"redactions": red, "mentions": men, "claims": claims,
                     "claim_evidence": evidence, "claim_links": links, "claim_actors": cactors,
                     "actors": actors, "actor_aliases": aliases}
        self._tags()

    def _claims(self) -> tuple[list[dict], list[dict]]:
        if "claims" not in self.kinds:
            return [], []
        evidence = self._all("claim_evidence")
        on_docs = {e["claim_id"] for e in evidence if e["document_id"] in self.docs}
        claims = [c for c in self._all("claims") if self._ok(c, "claim")
                  and (not self.f.document_ids or c["id"] in on_docs)]
        ids = {c["id"] for c in claims}
        return claims, [e for e in evidence
                        if e["claim_id"] in ids and e["document_id"] in self.docs]

    def _actors(self, referenced: set[str]) -> list[dict]:
        everyone = "actors" in self.kinds and not self.f.document_ids
        return [a for a in self._all("actors")
                if a["id"] in referenced or (everyone and self._ok(a, "actor"))]

    def _tags(self) -> None:
        kept = {("redaction", r["id"]) for r in self.rows["redactions"]}
        kept |= {("mention", r["id"]) for r in self.rows["mentions"]}
        kept |= {("claim", r["id"]) for r in self.rows["claims"]}
        kept |= {("actor", r["id"]) for r in self.rows["actors"]}
        kept |= {("document", d) for d in self.docs}
        links = [r for r in self._all("annotation_tags", "annotation_id, kind, tag_id")
                 if (r["kind"], r["annotation_id"]) in kept]
        used = {r["tag_id"] for r in links}
        self.rows["annotation_tags"] = links
        self.rows["tags"] = [t for t in self._all("tags") if t["id"] in used]

    # -- conversion to the set's columns -----------------------------------------
    def documents(self) -> Iterator[dict]:
        return map(nfkc_row, self._documents())

    def _documents(self) -> Iterator[dict]:
        known = {r["key"][len(FILENAME_META):]: r["value"] for r in self.project.query(
            "SELECT key, value FROM project_meta WHERE key LIKE ?", [FILENAME_META + "%"])}
        for d in self.docs.values():
            path = (d["path"] or "").replace("\\", "/")
            yield {"id": d["id"], "sha256": d["sha256"], "title": d["title"],
                   "filename": path.rsplit("/", 1)[-1] or known.get(d["id"]),
                   "page_count": d["page_count"],
                   **{f: d[f] for f in ("archive", "collection", "box_folder", "item")},
                   "citation": citation_of(d), "languages": d["languages"],
                   **{f: d[f] for f in doc_store.METADATA_FIELDS},
                   "first_page": d["first_page"], "page_labels": d["page_labels"],
                   "author": d["author"], "created_at": d["created_at"],
                   "modified_at": d["modified_at"]}

    def pages(self, page_text: PageTextFn | None) -> Iterator[dict]:
        return map(nfkc_row, self._pages(page_text))

    def _pages(self, page_text: PageTextFn | None) -> Iterator[dict]:
        texts = self._texts()
        numbering = {k: doc_store.document_from_row(d) for k, d in self.docs.items()}
        for p in self._all("pages", "document_id, page_index"):
            doc = self.docs.get(p["document_id"])
            if doc is None:
                continue
            t = texts.get((doc["sha256"], p["page_index"]))
            text = t["text"] if t else None
            if t is not None and page_text is not None:
                text = page_text(p["document_id"], p["page_index"])
            yield {"document_id": p["document_id"], "page": p["page_index"] + 1,
                   "width_pt": p["width_pt"], "height_pt": p["height_pt"],
                   "rotation": p["rotation"], "has_text_layer": p["has_text_layer"],
                   "text_source": t["source"] if t else None,
                   "languages": (t["languages"] if t else None) or p["languages"], "text": text,
                   "label": numbering[p["document_id"]].page_label(p["page_index"] + 1)}

    def _texts(self) -> dict[tuple[str, int], dict]:
        return {(r["doc_sha256"], r["page_index"]): r for r in self.project.query(
            "SELECT p.doc_sha256, p.page_index, p.source, p.languages, p.text FROM current_text c "
            "JOIN page_texts p USING (doc_sha256, page_index, settings_key)")}

    def ocr_words(self) -> Iterator[dict]:
        by_sha = {d["sha256"]: d["id"] for d in self.docs.values()}
        for sha in sorted(by_sha, key=lambda s: by_sha[s]):
            for w in self.project.query(
                    "SELECT w.* FROM current_text c JOIN page_words w USING (doc_sha256, "
                    "page_index, settings_key) WHERE c.doc_sha256 = ? AND w.noise = 0 "
                    "ORDER BY w.page_index, w.seq",
                    [sha]):
                yield nfkc_row({"document_id": by_sha[sha], "page": w["page_index"] + 1,
                       "seq": w["seq"],
                       "text": w["text"], "x0": w["x0"], "y0": w["y0"], "x1": w["x1"],
                       "y1": w["y1"], "conf": w["conf"], "block": w["block"], "par": w["par"],
                       "line": w["line"], "lang": w["lang"]})

    def table(self, name: str) -> Iterator[dict]:
        """Rows of an annotation table in the set's columns (page 1-based, code joined)."""
        for r in self.rows[name]:
            yield nfkc_row(_convert(name, r, self.docs))


def nfkc_row(row: dict) -> dict:
    """Text as NFKC, so ligatures (`ﬁ`) and full-width forms are found by search in
    Datasette, spreadsheets and R; ids and hashes are ASCII and unchanged."""
    return {k: unicodedata.normalize("NFKC", v) if isinstance(v, str) else v
            for k, v in row.items()}


def _convert(table: str, r: dict, docs: dict) -> dict:
    r = dict(r)
    if "page_index" in r:
        r["page"] = r.pop("page_index") + 1
    if table == "redactions":
        r["code"] = "; ".join(json.loads(r.pop("codes") or "[]"))
    elif table == "claims":
        r["date"] = r.pop("date_text")
    elif table == "actor_aliases":
        page = r.pop("attested_page_index")
        kept = r["attested_document_id"] in docs
        r["attested_document_id"] = r["attested_document_id"] if kept else None
        r["attested_page"] = page + 1 if kept and page is not None else None
    return r
