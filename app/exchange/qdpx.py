"""REFI-QDA project exchange (.qdpx) for QualCoder, NVivo, MAXQDA and ATLAS.ti.

A zip holding `project.qde` (QDA-XML, urn:QDA-XML:project:1.0) and the documents'
PDFs under `sources/` (for a photo document, the PDF Recto renders from its
images). Actors and tags are codes (under the uncodable groups "Actors" and
"Tags", plus the code "Claim evidence"); confirmed mentions and claim evidence are
PDFSelections coded with them; claims are Notes, referenced from their evidence.

PDFSelection boxes are in PDF user space, as ATLAS.ti and MAXQDA write theirs (the
standard's schema gives only integers; two importers, Magnolia and Qualia, checked
against those tools' exports): points, y up from the origin of the page's boxes (a
crop box that does not start there moves Recto's top-left coordinates away from it),
first = upper-left corner, second = lower-right; `page` is 0-based. Importers that
code text rather than regions (QualCoder reads a PDF through its text `Representation`) get the same
codings as PlainTextSelections over each PDF's page text, which withholds text
under confirmed redactions as "[REDACTED ~N chars]".
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from recto.annotations import actors as actor_store
from recto.annotations import claims as claim_store
from recto.annotations import documents as doc_store
from recto.annotations import tags as tag_store
from recto.annotations.claims import ClaimRecord
from recto.annotations.model import Actor, Box, Document, Mention, Status
from recto.annotations.project import Project
from recto.app.documents import resolve_path
from recto.app.exchange.naming import guid, version_label
from recto.app.exchange.pages import PageContent, centre_in, document_pages, extent_label
from recto.app.pdf.reader import user_space_matrices

QDA_NS = "urn:QDA-XML:project:1.0"
SOURCES = "sources"
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


def q(tag: str) -> str:
    return f"{{{QDA_NS}}}{tag}"


@dataclass
class QdpxCounts:
    sources: int = 0
    codes: int = 0
    pdf_selections: int = 0
    text_selections: int = 0
    notes: int = 0


@dataclass
class _Selection:
    """One coded region, written both as a PDFSelection and over the text representation."""
    key: str
    page_index: int
    box: Box | None
    label: str
    codes: list[str]
    author: str
    created: str
    notes: list[str] = field(default_factory=list)


def write_qdpx(project: Project, out: Path, documents: list[Document],
               version: str = "") -> QdpxCounts:
    """Write the whole .qdpx at `out` (a temporary path: app.exchange.output renames it)."""
    counts = QdpxCounts()
    actors = actor_store.list_actors(project)
    doc_ids = {d.id for d in documents}
    claims = [c for c in claim_store.list_claims(project)
              if any(e.anchor.document_id in doc_ids for e in c.evidence)]
    users: dict[str, str] = {}
    now = _when(datetime.now(UTC).isoformat())

    def user(name: str) -> str:
        name = name or "Recto"
        return users.setdefault(name, guid("user", name))

    root = ET.Element(q("Project"), {"name": project.name or project.path.stem,
                                     "origin": version_label(version),
                                     "creatingUserGUID": user(project.author),
                                     "creationDateTime": now})
    users_el = ET.SubElement(root, q("Users"))
    codebook = ET.SubElement(ET.SubElement(root, q("CodeBook")), q("Codes"))
    actor_code, tag_code, evidence_code = _codebook(project, codebook, actors, claims)
    counts.codes = sum(1 for c in codebook.iter(q("Code")) if c.get("isCodable") == "true")
    sources = ET.SubElement(root, q("Sources"))
    notes_el = ET.SubElement(root, q("Notes"))
    note_of = {c.id: guid("claim", c.id) for c in claims}
    texts: dict[str, bytes] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for document in documents:
            selections = _selections(project, document, claims, actor_code, tag_code,
                                     evidence_code, note_of)
            source_guid = guid("document", document.id)
            pdf = resolve_path(project, document)
            zf.write(pdf, f"{SOURCES}/{source_guid}.pdf", compress_type=zipfile.ZIP_STORED)
            pages = document_pages(project, document)
            text, spans = _representation(pages)
            rep_guid = guid("representation", document.id)
            texts[f"{SOURCES}/{rep_guid}.txt"] = text.encode("utf-8")
            _source(sources, document, source_guid, rep_guid, pages, selections, spans, text,
                    user, counts, user_space_matrices(pdf))
            counts.sources += 1
        for claim in claims:
            note_guid = note_of[claim.id]
            texts[f"{SOURCES}/{note_guid}.txt"] = _claim_text(project, claim).encode("utf-8")
            ET.SubElement(notes_el, q("Note"), {
                "guid": note_guid, "name": f"Claim: {_short(claim.statement)}",
                "plainTextPath": f"internal://{note_guid}.txt",
                "creatingUser": user(claim.author),
                "creationDateTime": _when(claim.created_at),
                "modifyingUser": user(claim.author),
                "modifiedDateTime": _when(claim.modified_at)})
            counts.notes += 1
        if not len(notes_el):
            root.remove(notes_el)
        for name, user_guid in users.items():
            ET.SubElement(users_el, q("User"), {"guid": user_guid, "name": name})
        ET.SubElement(root, q("Description")).text = (
            f"Exported from the Recto project {project.name or project.path.stem!r}. "
            "PDF selections: points, origin bottom left, page 0-based.")
        for name, data in texts.items():
            zf.writestr(name, data)
        ET.indent(root, space=" ")
        ET.register_namespace("", QDA_NS)
        zf.writestr("project.qde", ET.tostring(root, encoding="utf-8", xml_declaration=True))
    return counts


def _codebook(project: Project, codes: ET.Element, actors: list[Actor],
              claims: list[ClaimRecord]) -> tuple[dict[str, str], dict[str, str], str]:
    group = ET.SubElement(codes, q("Code"), {"guid": guid("group", "actors"), "name": "Actors",
                                            "isCodable": "false"})
    actor_code: dict[str, str] = {}
    for i, actor in enumerate(sorted(actors, key=lambda x: x.name.casefold())):
        actor_code[actor.id] = guid("actor", actor.id)
        code = ET.SubElement(group, q("Code"), {"guid": actor_code[actor.id], "name": actor.name,
                                               "isCodable": "true",
                                               "color": PALETTE[i % len(PALETTE)]})
        ET.SubElement(code, q("Description")).text = _actor_text(actor)
    tag_group = ET.SubElement(codes, q("Code"), {"guid": guid("group", "tags"), "name": "Tags",
                                                "isCodable": "false"})
    tag_code: dict[str, str] = {}
    for name in tag_store.all_tags(project):
        tag_code[name] = guid("tag", name)
        ET.SubElement(tag_group, q("Code"), {"guid": tag_code[name], "name": name,
                                            "isCodable": "true"})
    for element in (group, tag_group):
        if not len(element):
            codes.remove(element)
    evidence = guid("code", "claim-evidence")
    code = ET.SubElement(codes, q("Code"), {"guid": evidence, "name": "Claim evidence",
                                           "isCodable": "true", "color": "#ffd700"})
    ET.SubElement(code, q("Description")).text = (
        "A passage cited as evidence for a claim; the claim is the selection's note.")
    return actor_code, tag_code, evidence


def _selections(project: Project, document: Document, claims: list[ClaimRecord],
                actor_code: dict[str, str], tag_code: dict[str, str], evidence_code: str,
                note_of: dict[str, str]) -> list[_Selection]:
    out = []
    names = claim_store.actor_names(project)
    for m in _confirmed_mentions(project, document):
        codes = [actor_code[m.actor_id]] + [tag_code[t] for t in
                                            tag_store.tags_of(project, m.id, "mention")
                                            if t in tag_code]
        label = names.get(m.actor_id, "") + (f" (\u201c{m.text}\u201d)" if m.text else "")
        out.append(_Selection(f"mention:{m.id}", m.anchor.page_index, m.anchor.bbox, label,
                              codes, m.author, m.created_at))
    for claim in claims:
        actor_codes = [actor_code[a] for a in (*claim.claimants, *claim.subjects)
                       if a in actor_code]
        codes = list(dict.fromkeys([evidence_code, *actor_codes,
                                    *(tag_code[t] for t in claim.tags if t in tag_code)]))
        for ev in claim.evidence:
            if ev.anchor.document_id != document.id:
                continue
            out.append(_Selection(f"evidence:{ev.id}", ev.anchor.page_index, ev.anchor.bbox,
                                  _short(claim.statement), codes, claim.author,
                                  claim.created_at, [note_of[claim.id]]))
    return out


def _confirmed_mentions(project: Project, document: Document) -> list[Mention]:
    return actor_store.list_mentions(project, status=Status.CONFIRMED, document_id=document.id)


def _representation(pages: list[PageContent]) -> tuple[str, list[tuple[int, Box, int, int]]]:
    """The document's text (pages separated by a blank line) and, for every token,
    (page index, box, start, end) in that text."""
    parts: list[str] = []
    spans: list[tuple[int, Box, int, int]] = []
    pos = 0
    for n, content in enumerate(pages):
        if n:
            parts.append("\n\n")
            pos += 2
        for li, line in enumerate(content.lines):
            if li:
                parts.append("\n")
                pos += 1
            for ti, tok in enumerate(line.tokens):
                if ti:
                    parts.append(" ")
                    pos += 1
                text = tok.text if tok.redaction is None else f"[REDACTED {extent_label(tok)}]"
                parts.append(text)
                spans.append((content.page.page_index, tok.box, pos, pos + len(text)))
                pos += len(text)
    return "".join(parts), spans


def _source(sources: ET.Element, document: Document, source_guid: str, rep_guid: str,
            pages: list[PageContent], selections: list[_Selection], spans, text: str,
            user, counts: QdpxCounts, to_pdf: list[tuple[float, ...]]) -> None:
    created = _when(document.created_at)
    source = ET.SubElement(sources, q("PDFSource"), {
        "guid": source_guid, "name": document.title, "path": f"internal://{source_guid}.pdf",
        "creatingUser": user(document.author), "creationDateTime": created,
        "modifyingUser": user(document.author), "modifiedDateTime": _when(document.modified_at)})
    ET.SubElement(source, q("Description")).text = (
        f"{document.citation()}. SHA-256 {document.sha256}.")
    sizes = {p.page.page_index: (p.page.width, p.page.height) for p in pages}
    for sel in selections:
        box = sel.box or Box(0, 0, *sizes.get(sel.page_index, (0, 0)))
        x0, top, x1, bottom = _in_user_space(box, to_pdf[sel.page_index])
        element = ET.SubElement(source, q("PDFSelection"), {
            "guid": guid("pdf-selection", sel.key), "name": sel.label,
            "page": str(sel.page_index), "firstX": str(round(x0)), "firstY": str(round(top)),
            "secondX": str(round(x1)), "secondY": str(round(bottom)),
            "creatingUser": user(sel.author), "creationDateTime": _when(sel.created)})
        _codings(element, sel, "pdf", user)
        counts.pdf_selections += 1
    rep = ET.SubElement(source, q("Representation"), {
        "guid": rep_guid, "name": f"{document.title} (text)",
        "plainTextPath": f"internal://{rep_guid}.txt",
        "creatingUser": user(document.author), "creationDateTime": created})
    for sel in selections:
        span = _text_span(sel, spans)
        if span is None:
            continue
        element = ET.SubElement(rep, q("PlainTextSelection"), {
            "guid": guid("text-selection", sel.key), "name": text[span[0]:span[1]][:60],
            "startPosition": str(span[0]), "endPosition": str(span[1]),
            "creatingUser": user(sel.author), "creationDateTime": _when(sel.created)})
        _codings(element, sel, "text", user)
        counts.text_selections += 1


def _in_user_space(box: Box, m: tuple[float, ...]) -> tuple[float, float, float, float]:
    """`box` as (left, top, right, bottom) in PDF user space, through matrix `m`."""
    xs = [m[0] * x + m[2] * y + m[4] for x, y in ((box.x0, box.y0), (box.x1, box.y1))]
    ys = [m[1] * x + m[3] * y + m[5] for x, y in ((box.x0, box.y0), (box.x1, box.y1))]
    return min(xs), max(ys), max(xs), min(ys)


def _text_span(sel: _Selection, spans) -> tuple[int, int] | None:
    """Where the selection's words are in the text: from its first token to its last."""
    hits = [(s, e) for page, box, s, e in spans
            if page == sel.page_index and (sel.box is None or centre_in(box, sel.box))]
    if not hits:
        return None
    return min(s for s, _ in hits), max(e for _, e in hits)


def _codings(element: ET.Element, sel: _Selection, kind: str, user) -> None:
    for code in sel.codes:
        coding = ET.SubElement(element, q("Coding"), {
            "guid": guid("coding", kind, sel.key, code), "creatingUser": user(sel.author),
            "creationDateTime": _when(sel.created)})
        ET.SubElement(coding, q("CodeRef"), {"targetGUID": code})
    for note in sel.notes:
        ET.SubElement(element, q("NoteRef"), {"targetGUID": note})


def _actor_text(actor: Actor) -> str:
    parts = [actor.type.value]
    if actor.aliases:
        parts.append("also " + ", ".join(a.alias for a in actor.aliases))
    if actor.external_id:
        parts.append(actor.external_id)
    if actor.note:
        parts.append(actor.note)
    return "; ".join(parts)


def _claim_text(project: Project, claim: ClaimRecord) -> str:
    names = claim_store.actor_names(project)
    lines = [claim.statement]
    if claim.quote:
        lines.append(f"Quote: \u201c{claim.quote}\u201d")
    if claim.date_text:
        lines.append(f"Date: {claim.date_text}")
    lines.append(f"Certainty: {claim.certainty.value}")
    for label, ids in (("Claimant", claim.claimants), ("About", claim.subjects)):
        if ids:
            lines.append(f"{label}: " + ", ".join(names.get(a, a) for a in ids))
    docs = {d.id: d for d in doc_store.list_documents(project)}
    for ev in claim.evidence:
        doc = docs.get(ev.anchor.document_id)
        if doc is not None:
            lines.append(f"Evidence: {doc.citation(ev.anchor.page_index + 1)}")
    statements = {c.id: c.statement for c in claim_store.list_claims(project)}
    for link in claim.links:
        lines.append(f"{link.type.value.capitalize()}: {statements.get(link.to_claim_id, '')}")
    if claim.tags:
        lines.append("Tags: " + ", ".join(claim.tags))
    if claim.note:
        lines.append(f"Note: {claim.note}")
    return "\n".join(lines) + "\n"


def _when(stamp: str) -> str:
    """xsd:dateTime in UTC, whole seconds (what every importer parses)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
