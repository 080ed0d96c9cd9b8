"""TEI P5, one file per document: the page text with its facsimile and annotations.

Each page is a <surface> (in PDF points, origin top-left, as Recto stores boxes)
with a <zone> per OCR line, confirmed redaction and confirmed mention; the text
follows the OCR lines (<pb/>, <lb/>), a confirmed redaction is a
<gap reason="redaction" extent="~N chars" unit="chars"/> where its text was
withheld (the OCR noise under the bar is never written), and confirmed mentions
are <persName>/<orgName>/<placeName>/<name ref="#actor-…"> pointing at the
actors listed once in <standOff>. The archival reference is the <msIdentifier>.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from recto.annotations import actors as actor_store
from recto.annotations.model import Actor, ActorType, Document
from recto.annotations.project import Project
from recto.app.exchange.naming import file_stem, version_label
from recto.app.exchange.pages import Line, PageContent, document_pages, extent_label

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAME_ELEMENT = {ActorType.PERSON: "persName", ActorType.ORGANISATION: "orgName",
                ActorType.STATE: "orgName", ActorType.PLACE: "placeName"}
LIST_OF = {"persName": ("listPerson", "person"), "orgName": ("listOrg", "org"),
           "placeName": ("listPlace", "place"), "name": ("listOrg", "org")}


def t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def actor_xml_id(actor_id: str) -> str:
    return f"actor-{actor_id}"


def write_document(project: Project, document: Document, version: str = "") -> tuple[str, bytes]:
    """(file name, TEI bytes) for one document."""
    actors = {a.id: a for a in actor_store.list_actors(project)}
    pages = document_pages(project, document)
    root = ET.Element(t("TEI"))
    _header(root, document, version)
    used = {m.actor_id for p in pages for m in p.mentions if m.actor_id in actors}
    if used:
        _stand_off(root, [actors[a] for a in sorted(used, key=lambda i: actors[i].name)])
    facsimile = ET.SubElement(root, t("facsimile"))
    body = ET.SubElement(ET.SubElement(ET.SubElement(root, t("text")), t("body")), t("div"),
                         {"type": "document"})
    for content in pages:
        _page(content, facsimile, body, actors)
    ET.indent(root, space=" ")
    ET.register_namespace("", TEI_NS)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return f"{file_stem(document)}.xml", data


def _header(root: ET.Element, document: Document, version: str) -> None:
    header = ET.SubElement(root, t("teiHeader"))
    file_desc = ET.SubElement(header, t("fileDesc"))
    ET.SubElement(ET.SubElement(file_desc, t("titleStmt")), t("title")).text = document.title
    ET.SubElement(ET.SubElement(file_desc, t("publicationStmt")), t("p")).text = (
        f"Transcription and annotations exported by {version_label(version)}; "
        f"source file SHA-256 {document.sha256}.")
    ms = ET.SubElement(ET.SubElement(file_desc, t("sourceDesc")), t("msDesc"))
    ident = ET.SubElement(ms, t("msIdentifier"))
    ref, meta = document.reference, document.metadata
    if meta.archive_place:
        ET.SubElement(ident, t("settlement")).text = meta.archive_place
    if ref.archive:
        ET.SubElement(ident, t("repository")).text = ref.archive
    if ref.collection:
        ET.SubElement(ident, t("collection")).text = ref.collection
    for kind, value in (("box_folder", ref.box_folder), ("item", ref.item),
                        ("citation", ref.citation)):
        if value:
            ET.SubElement(ident, t("idno"), {"type": kind}).text = value
    if len(ident) == 0:
        ET.SubElement(ident, t("idno"), {"type": "sha256"}).text = document.sha256
    encoding = ET.SubElement(header, t("encodingDesc"))
    ET.SubElement(ET.SubElement(encoding, t("projectDesc")), t("p")).text = (
        "Facsimile coordinates are PDF points (1/72 inch), origin at the top left of the "
        "unrotated page. Text under confirmed redactions is withheld as <gap>; its extent "
        "is Recto's estimate.")


def _stand_off(root: ET.Element, actors: list[Actor]) -> None:
    stand_off = ET.SubElement(root, t("standOff"))
    lists: dict[str, ET.Element] = {}
    for actor in actors:
        name_tag = NAME_ELEMENT.get(actor.type, "name")
        list_tag, item_tag = LIST_OF[name_tag]
        if list_tag not in lists:
            lists[list_tag] = ET.SubElement(stand_off, t(list_tag))
        attrs = {XML_ID: actor_xml_id(actor.id)}
        if name_tag == "name":
            attrs["type"] = actor.type.value
        item = ET.SubElement(lists[list_tag], t(item_tag), attrs)
        ET.SubElement(item, t(name_tag if name_tag != "name" else "orgName")).text = actor.name
        for alias in actor.aliases:
            extra = {"{http://www.w3.org/XML/1998/namespace}lang": alias.lang} if alias.lang \
                else {}
            ET.SubElement(item, t(name_tag if name_tag != "name" else "orgName"),
                          {"type": "alias", **extra}).text = alias.alias
        if actor.external_id:
            ET.SubElement(item, t("idno"), {"type": "wikidata" if actor.external_id[:1] == "Q"
                                            else "external"}).text = actor.external_id


def _page(content: PageContent, facsimile: ET.Element, body: ET.Element,
          actors: dict[str, Actor]) -> None:
    n = content.page.page_index + 1
    surface_id = f"p{n}"
    surface = ET.SubElement(facsimile, t("surface"), {
        XML_ID: surface_id, "n": str(n), "ulx": "0", "uly": "0",
        "lrx": _num(content.page.width), "lry": _num(content.page.height)})
    ET.SubElement(body, t("pb"), {"n": str(n), "facs": f"#{surface_id}"})
    zone_of: dict[str, str] = {}
    for i, r in enumerate(content.redactions, 1):
        zone_of[r.id] = _zone(surface, f"{surface_id}-r{i}", r.bbox, "redaction")
    for i, m in enumerate(content.mentions, 1):
        if m.anchor.bbox is not None:
            zone_of[m.id] = _zone(surface, f"{surface_id}-m{i}", m.anchor.bbox, "mention")
    block, ab = None, None
    for i, line in enumerate(content.lines, 1):
        if ab is None or line.block != block:
            block, ab = line.block, ET.SubElement(body, t("ab"))
        line_zone = _zone(surface, f"{surface_id}-l{i}", line.box, "line")
        ET.SubElement(ab, t("lb"), {"facs": f"#{line_zone}"})
        _line(ab, line, zone_of, actors)


def _line(parent: ET.Element, line: Line, zone_of: dict[str, str],
          actors: dict[str, Actor]) -> None:
    current: ET.Element | None = None  # the name element being filled
    current_mention = None
    for token in line.tokens:
        if token.redaction is not None:
            current, current_mention = None, None
            gap = ET.SubElement(parent, t("gap"), {
                "reason": "redaction", "extent": extent_label(token), "unit": "chars",
                "facs": f"#{zone_of[token.redaction.id]}"})
            if token.redaction.codes:
                ET.SubElement(gap, t("desc")).text = ", ".join(token.redaction.codes)
            _space_after(parent, gap)
            continue
        mention = token.mention if token.mention and token.mention.actor_id in actors else None
        if mention is None:
            current, current_mention = None, None
            _append_text(parent, token.text + " ")
            continue
        if current is None or current_mention is not mention:
            tag = NAME_ELEMENT.get(actors[mention.actor_id].type, "name")
            current = ET.SubElement(parent, t(tag), {
                "ref": f"#{actor_xml_id(mention.actor_id)}",
                "facs": f"#{zone_of[mention.id]}"})
            current.text, current_mention = token.text, mention
            _space_after(parent, current)
        else:
            current.text = f"{current.text} {token.text}"
    _strip_trailing(parent)


def _zone(surface: ET.Element, zone_id: str, box, kind: str) -> str:
    ET.SubElement(surface, t("zone"), {
        XML_ID: zone_id, "type": kind, "ulx": _num(box.x0), "uly": _num(box.y0),
        "lrx": _num(box.x1), "lry": _num(box.y1)})
    return zone_id


def _append_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _space_after(parent: ET.Element, element: ET.Element) -> None:
    element.tail = " "


def _strip_trailing(parent: ET.Element) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "").rstrip(" ") + "\n" if last.tail else "\n"
    elif parent.text:
        parent.text = parent.text.rstrip(" ")


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
