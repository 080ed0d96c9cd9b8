"""ALTO XML v4, one file per page: the OCR words with their boxes, for eScriptorium,
Transkribus and any ALTO reader.

Coordinates are pixels of a page image rendered at DPI (300, Recto's OCR default):
ALTO has no unit for PDF points, and `pixel` at a stated resolution is what HTR
tools match against the page images they hold. Words under a confirmed redaction
are left out (they are the black bar's OCR noise); the redaction is a
GraphicalElement, and confirmed mentions tag their words with the actor
(NamedEntityTag, TAGREFS).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from recto.annotations import actors as actor_store
from recto.annotations.model import Box, Document
from recto.annotations.project import Project
from recto.app.exchange.naming import file_stem, version_label
from recto.app.exchange.pages import PageContent, document_pages

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{ALTO_NS} http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"
DPI = 300


def a(tag: str) -> str:
    return f"{{{ALTO_NS}}}{tag}"


def write_document(project: Project, document: Document, version: str = "",
                   dpi: int = DPI) -> list[tuple[str, bytes]]:
    """(file name, ALTO bytes) for each page of the document."""
    names = {x.id: x.name for x in actor_store.list_actors(project)}
    stem = file_stem(document)
    return [(f"{stem}_p{c.page.page_index + 1:04d}.xml",
             _page(c, document, names, version, dpi)) for c in document_pages(project, document)]


def _page(content: PageContent, document: Document, names: dict[str, str], version: str,
          dpi: int) -> bytes:
    scale = dpi / 72.0
    px = _Pixels(scale)
    n = content.page.page_index + 1
    root = ET.Element(a("alto"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
                                  "SCHEMAVERSION": "4.2"})
    desc = ET.SubElement(root, a("Description"))
    ET.SubElement(desc, a("MeasurementUnit")).text = "pixel"
    info = ET.SubElement(desc, a("sourceImageInformation"))
    ET.SubElement(info, a("fileName")).text = f"{file_stem(document)}_p{n:04d}.png"
    ET.SubElement(info, a("documentIdentifier"), {"documentIdentifierLocation": "sha256"}
                  ).text = document.sha256
    step = ET.SubElement(desc, a("Processing"), {"ID": "recto"})
    ET.SubElement(step, a("processingStepDescription")).text = (
        f"Exported from {document.citation(n)}; coordinates in pixels at {dpi} dpi "
        "(PDF points x dpi / 72), origin top left")
    software = ET.SubElement(step, a("processingSoftware"))
    ET.SubElement(software, a("softwareName")).text = version_label(version)
    used = sorted({m.actor_id for m in content.mentions if m.actor_id in names},
                  key=lambda i: names[i])
    if used:
        tags = ET.SubElement(root, a("Tags"))
        for actor_id in used:
            ET.SubElement(tags, a("NamedEntityTag"), {"ID": f"actor-{actor_id}",
                                                     "LABEL": names[actor_id]})
    layout = ET.SubElement(root, a("Layout"))
    page = ET.SubElement(layout, a("Page"), {
        "ID": f"page{n}", "PHYSICAL_IMG_NR": str(n), "PRINTED_IMG_NR": document.page_label(n),
        "WIDTH": px(content.page.width), "HEIGHT": px(content.page.height)})
    space = ET.SubElement(page, a("PrintSpace"), {
        "HPOS": "0", "VPOS": "0", "WIDTH": px(content.page.width),
        "HEIGHT": px(content.page.height)})
    block_el, block = None, None
    for li, line in enumerate(content.lines, 1):
        words = [tok for tok in line.tokens if tok.redaction is None]
        if not words:
            continue
        if block_el is None or line.block != block:
            block = line.block
            block_el = ET.SubElement(space, a("TextBlock"), {"ID": f"p{n}_b{len(space) + 1}",
                                                            **px.box(line.box)})
        line_el = ET.SubElement(block_el, a("TextLine"), {"ID": f"p{n}_l{li}",
                                                         **px.box(Box.union(t.box for t in words))})
        for wi, tok in enumerate(words, 1):
            if wi > 1:
                ET.SubElement(line_el, a("SP"))
            attrs = {"ID": f"p{n}_l{li}_w{wi}", **px.box(tok.box), "CONTENT": tok.text}
            if tok.conf >= 0:
                attrs["WC"] = f"{min(tok.conf, 100.0) / 100:.2f}"
            if tok.mention is not None and tok.mention.actor_id in names:
                attrs["TAGREFS"] = f"actor-{tok.mention.actor_id}"
            ET.SubElement(line_el, a("String"), attrs)
    for ri, r in enumerate(content.redactions, 1):
        ET.SubElement(space, a("GraphicalElement"), {"ID": f"p{n}_r{ri}", **px.box(r.bbox)})
    ET.indent(root, space=" ")
    ET.register_namespace("", ALTO_NS)
    ET.register_namespace("xsi", XSI)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class _Pixels:
    def __init__(self, scale: float):
        self.scale = scale

    def __call__(self, points: float) -> str:
        return str(round(points * self.scale))

    def box(self, b: Box) -> dict[str, str]:
        return {"HPOS": self(b.x0), "VPOS": self(b.y0), "WIDTH": self(b.x1 - b.x0),
                "HEIGHT": self(b.y1 - b.y0)}


