"""Import a Tropy project from its JSON-LD export (File > Export > JSON-LD in Tropy).

Tropy's export is one JSON-LD document per item template (a list of them when the
items use several): `@context` maps short keys to property URIs (keys come from the
template's labels, so they vary) and `@graph` holds the items. Each item has metadata,
`tag`, `list` and `photo` (a list); each photo has `path`, `checksum`, `width`,
`height`, `note` and `selection` (boxes `x`, `y`, `width`, `height` in photo pixels,
with their own notes). Keys are read through the context, so "Archive" or "Source"
labels both lead to dc:source. The format was read from Tropy's own export code
(github.com/tropy/tropy: src/export/export.js, note.js, utils.js; its template fields
for archive, collection, box and folder from its ontology fixtures).

Each item becomes a photo document (its photos as pages, identity by their bytes),
with its archival reference, tags, metadata fields, notes and selections as regions.
Importing the same export again finds every row again and adds nothing.
"""
from __future__ import annotations

import html as html_lib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from recto.annotations import document_notes as notes_store
from recto.annotations import documents as doc_store
from recto.annotations.document_notes import DocumentNote, Region, id_for
from recto.annotations.edtf import parse_date
from recto.annotations.model import ArchivalReference, Box
from recto.annotations.project import Project
from recto.annotations.tags import set_tags, tags_of
from recto.app.errors import InputFileError, InvalidInputError
from recto.app.jobs import TaskState
from recto.app.photos import add_image_files

TROPY = "https://tropy.org/v1/tropy#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
TITLE, DATE, CREATOR, SOURCE, IDENTIFIER = (DC + p for p in (
    "title", "date", "creator", "source", "identifier"))
COLLECTION, BOX, FOLDER = (TROPY + p for p in ("collection", "box", "folder"))


@dataclass(frozen=True)
class TropySelection:
    x: float
    y: float
    width: float
    height: float
    notes: tuple[tuple[str, str, str], ...] = ()  # (text, html, language)


@dataclass(frozen=True)
class TropyPhoto:
    path: Path
    width: float | None
    height: float | None
    notes: tuple[tuple[str, str, str], ...] = ()
    selections: tuple[TropySelection, ...] = ()


@dataclass(frozen=True)
class TropyItem:
    fields: dict[str, str]  # property URI -> text (several values joined by "; ")
    tags: tuple[str, ...]
    photos: tuple[TropyPhoto, ...]

    @property
    def title(self) -> str:
        return self.fields.get(TITLE) or (self.photos[0].path.stem if self.photos else "")

    def reference(self) -> ArchivalReference:
        box_folder = ", ".join(f"{label} {self.fields[p]}" for label, p in
                               (("Box", BOX), ("Folder", FOLDER)) if self.fields.get(p))
        return ArchivalReference(archive=self.fields.get(SOURCE, ""),
                                 collection=self.fields.get(COLLECTION, ""),
                                 box_folder=box_folder, item=self.fields.get(IDENTIFIER, ""))


@dataclass
class TropyReport:
    documents_added: int = 0
    documents_found: int = 0
    rows_added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item title, why)
    document_ids: list[str] = field(default_factory=list)

    def count(self, kind: str, changed: bool) -> None:
        if changed:
            self.rows_added[kind] = self.rows_added.get(kind, 0) + 1
        else:
            self.unchanged += 1

    def as_dict(self) -> dict:
        return {"format": "tropy", "documents_added": self.documents_added,
                "documents_found": self.documents_found, "added_or_updated": self.rows_added,
                "unchanged": self.unchanged, "document_ids": self.document_ids,
                "skipped": [{"item": t, "reason": r} for t, r in self.skipped]}


def is_tropy_export(path: str | os.PathLike) -> bool:
    """A JSON(-LD) file whose context uses Tropy's vocabulary (cheap: reads the head)."""
    path = Path(path)
    if path.suffix.lower() not in (".json", ".jsonld") or not path.is_file():
        return False
    with open(path, "rb") as fh:
        head = fh.read(65536)
    return b"tropy.org/v1/tropy#" in head and b"@context" in head


def read_export(path: str | os.PathLike) -> list[TropyItem]:
    """Parse the export; photo paths relative to it are taken from its folder."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"{path.name} is not a readable Tropy JSON-LD export "
                                f"({str(exc)[:80]}).") from None
    graphs = data if isinstance(data, list) else [data]
    items = []
    for graph in graphs:
        if not isinstance(graph, dict) or "@graph" not in graph:
            raise InvalidInputError(f"{path.name} is not a Tropy JSON-LD export (no @graph).")
        context = _context(graph.get("@context"))
        for node in _list(graph["@graph"]):
            if isinstance(node, dict) and _is_type(node, "Item"):
                items.append(_item(node, context, path.parent))
    return items


def import_tropy(project: Project, path: str | os.PathLike,
                 state: TaskState | None = None) -> TropyReport:
    """Each item with its photos on disk becomes (or is found as) a document; items whose
    photos are missing are listed, not fatal."""
    items = read_export(path)
    report = TropyReport()
    for i, item in enumerate(items):
        if state is not None:
            state.check()
            state.report(i, len(items), item.title)
        missing = [p.path for p in item.photos if not p.path.is_file()]
        if not item.photos or missing:
            why = (f"photo {missing[0]} not found" if missing else "it has no photos")
            report.skipped.append((item.title, why))
            continue
        files = [p.path for p in item.photos]
        base = Path(os.path.commonpath([f.parent for f in files])) if len(files) > 1 \
            else files[0]
        try:
            result = add_image_files(project, base, files, title=item.title,
                                     reference=item.reference())
        except InputFileError as exc:  # a PDF or unreadable photo: this item only
            report.skipped.append((item.title, exc.message.rstrip(".")))
            continue
        document = result.document
        report.documents_added += result.created
        report.documents_found += not result.created
        report.document_ids.append(document.id)
        _apply(project, document, item, report)
    if state is not None:
        state.report(len(items), len(items))
    return report


def _apply(project: Project, document, item: TropyItem, report: TropyReport) -> None:
    """Reference, title, tags, fields, notes and regions of one item, as one undoable step."""
    origin = f"tropy:{document.sha256}"
    pages = doc_store.pages_of(project, document.id)
    with project.edit(f"Import Tropy item {item.title}") as ed:
        reference = item.reference()
        if document.reference != reference or document.title != item.title:
            ed.update("documents", {"id": document.id},
                      {"title": item.title, "archive": reference.archive,
                       "collection": reference.collection, "box_folder": reference.box_folder,
                       "item": reference.item, "citation": reference.citation})
            report.count("references", True)
        metadata = _document_metadata(item.fields)
        current = doc_store.get_document(project, document.id).metadata
        changed = {k: v for k, v in metadata.items() if getattr(current, k) != v}
        if changed:  # Tropy's date, creator... become the document's own, used in citations
            ed.update("documents", {"id": document.id}, changed)
            report.count("metadata", True)
        if item.tags and not set(item.tags) <= set(tags_of(project, document.id, "document")):
            set_tags(ed, document.id, "document",
                     sorted(set(tags_of(project, document.id, "document")) | set(item.tags)))
            report.count("tags", True)
        for prop, value in sorted(item.fields.items()):
            report.count("fields", notes_store.put_field(ed, project, document.id, prop, value))
        for p_index, photo in enumerate(item.photos):
            page = pages[p_index] if p_index < len(pages) else None
            for n, (text, html, lang) in enumerate(photo.notes):
                key = f"{origin}:photo{p_index}:note{n}"
                note = DocumentNote(id_for(key), document.id, p_index, text, html, lang, key)
                report.count("notes", notes_store.put_note(ed, project, note))
            if page is None:
                continue
            sx = page.width / photo.width if photo.width else 72 / 300
            sy = page.height / photo.height if photo.height else 72 / 300
            for s_index, sel in enumerate(photo.selections):
                key = f"{origin}:photo{p_index}:selection{s_index}"
                box = Box(round(sel.x * sx, 2), round(sel.y * sy, 2),
                          round((sel.x + sel.width) * sx, 2), round((sel.y + sel.height) * sy, 2))
                text = "\n\n".join(t for t, _, _ in sel.notes)
                region = Region(id_for(key), document.id, p_index, box, text, key)
                report.count("regions", notes_store.put_region(ed, project, region))


def _document_metadata(fields: dict[str, str]) -> dict[str, str]:
    """Dublin Core fields of a Tropy item as the document's own metadata columns; a date
    Recto cannot read as EDTF (Tropy allows free text) stays only among the fields."""
    out = {}
    for name in ("date", "creator", "type", "language", "rights"):
        value = " ".join((fields.get(DC + name) or fields.get(DCTERMS + name) or "").split())
        if not value:
            continue
        if name == "date":
            try:
                parsed = parse_date(value)
            except InvalidInputError:
                continue
            value = parsed.text if parsed else ""
        elif name == "type":
            value = value.lower()
        elif name == "language" and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            continue
        out[name] = value
    return out


# -- reading JSON-LD the way Tropy writes it ------------------------------------------
def _context(ctx) -> dict[str, str]:
    """Short key -> property URI, from the (possibly nested) context; @vocab is Tropy's."""
    out: dict[str, str] = {}

    def walk(c):
        for entry in _list(c):
            if not isinstance(entry, dict):
                continue
            for key, value in entry.items():
                if key.startswith("@"):
                    continue
                if isinstance(value, str):
                    out.setdefault(key, value)
                elif isinstance(value, dict):
                    if "@id" in value:
                        out.setdefault(key, value["@id"])
                    if "@context" in value:
                        walk(value["@context"])
    walk(ctx)
    return out


def _uri(key: str, context: dict[str, str]) -> str:
    uri = context.get(key, key)
    if ":" in uri and not uri.startswith("http"):
        prefix, rest = uri.split(":", 1)
        if prefix in context:
            return context[prefix] + rest
    return uri if "://" in uri else TROPY + uri


def _item(node: dict, context: dict[str, str], folder: Path) -> TropyItem:
    fields: dict[str, str] = {}
    tags: list[str] = []
    photos: list[TropyPhoto] = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        uri = _uri(key, context)
        if uri == TROPY + "photo":
            photos = [_photo(p, context, folder) for p in _list(value) if isinstance(p, dict)]
        elif uri == TROPY + "tag":
            tags = [t for t in (_text(v) for v in _list(value)) if t]
        elif uri in (TROPY + "template", TROPY + "list"):
            continue
        else:
            texts = [t for t in (_text(v) for v in _list(value)) if t]
            if texts:
                fields[uri] = "; ".join(texts)
    return TropyItem(fields, tuple(dict.fromkeys(tags)), tuple(photos))


def _photo(node: dict, context: dict[str, str], folder: Path) -> TropyPhoto:
    get = {_uri(k, context): v for k, v in node.items() if not k.startswith("@")}
    raw = _text(get.get(TROPY + "path")) or ""
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = folder / path
    selections = tuple(
        TropySelection(*_box_of(s, context), notes=_notes(s, context))
        for s in _list(get.get(TROPY + "selection")) if isinstance(s, dict))
    return TropyPhoto(path, _number(node, context, "width"), _number(node, context, "height"),
                      _notes(node, context), selections)


def _box_of(node: dict, context: dict[str, str]) -> tuple[float, float, float, float]:
    """A selection's x, y, width and height in photo pixels (0 where Tropy left one out)."""
    x, y, w, h = (_number(node, context, k) or 0.0 for k in ("x", "y", "width", "height"))
    return x, y, w, h


def _notes(node: dict, context: dict[str, str]) -> tuple[tuple[str, str, str], ...]:
    get = {_uri(k, context): v for k, v in node.items() if not k.startswith("@")}
    out = []
    for note in _list(get.get(TROPY + "note")):
        if not isinstance(note, dict):
            continue
        n = {_uri(k, context): v for k, v in note.items() if not k.startswith("@")}
        html = _text(n.get(TROPY + "html")) or ""
        text = _text(n.get(TROPY + "text")) or _strip_html(html)
        lang = _language(n.get(TROPY + "text")) or _language(n.get(TROPY + "html"))
        if text.strip():
            out.append((text.strip(), html, lang))
    return tuple(out)


def _number(node: dict, context: dict[str, str], name: str) -> float | None:
    for key, value in node.items():
        if _uri(key, context) == TROPY + name:
            try:
                return float(_text(value) or "")
            except ValueError:
                return None
    return None


def _list(value) -> list:
    if value is None:
        return []
    if isinstance(value, dict) and "@list" in value:
        return list(value["@list"])
    return list(value) if isinstance(value, list) else [value]


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value", value.get("@id"))
    return None if value is None else str(value).strip()


def _language(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get("@language", "") if isinstance(value, dict) else ""


def _is_type(node: dict, name: str) -> bool:
    return any(t in (name, TROPY + name) for t in _list(node.get("@type")))


def _strip_html(text: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
