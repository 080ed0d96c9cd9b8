"""The claims network as GEXF 1.3 or GraphML, for Gephi (and networkx, yEd, Cytoscape).

Nodes are claims and actors, edges the claims' typed links (supports, contradicts,
qualifies, cites: from the linking claim to the one it links to), claimants
(actor -> claim) and what a claim is about (claim -> actor). Every node and edge
carries its attributes, so Gephi can colour by kind, certainty or link type and
filter by date without another file.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from recto.annotations import actors as actor_store
from recto.annotations import claims as claim_store
from recto.annotations import documents as doc_store
from recto.annotations.project import Project
from recto.app.claims.graph import claim_graph
from recto.app.exchange.naming import version_label

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
EDGE_KINDS = {"subject": "about"}  # Recto's role name -> the word on the edge
NODE_ATTRS = ("kind", "certainty", "date", "date_start", "date_end", "actor_type",
              "external_id", "evidence", "tags")
EDGE_ATTRS = ("kind", "note")


@dataclass(frozen=True)
class Network:
    nodes: list[tuple[str, str, dict[str, str]]]  # id, label, attributes
    edges: list[tuple[str, str, str, str, dict[str, str]]]  # id, source, target, label, attrs


def claims_network(project: Project) -> Network:
    claims = claim_store.list_claims(project)
    graph = claim_graph(project, claims)
    by_id = {c.id: c for c in claims}
    actors = {a.id: a for a in actor_store.list_actors(project)}
    docs = {d.id: d for d in doc_store.list_documents(project)}
    nodes = []
    for node in graph.nodes:
        attrs = {"kind": node.kind}
        if node.kind == "claim":
            c = by_id[node.id]
            attrs.update(certainty=c.certainty.value, date=c.date_text,
                         date_start=c.date_start, date_end=c.date_end,
                         evidence="; ".join(docs[e.anchor.document_id].citation(
                             e.anchor.page_index + 1) for e in c.evidence
                             if e.anchor.document_id in docs),
                         tags=", ".join(c.tags))
        elif node.id in actors:
            a = actors[node.id]
            attrs.update(actor_type=a.type.value, external_id=a.external_id)
        nodes.append((node.id, node.label, {k: v for k, v in attrs.items() if v}))
    edges = []
    for i, e in enumerate(graph.edges):
        kind = EDGE_KINDS.get(e.kind, e.kind)
        attrs = {"kind": kind, "note": e.note}
        edges.append((e.id or f"e{i}-{kind}", e.source, e.target, kind,
                      {k: v for k, v in attrs.items() if v}))
    return Network(nodes, edges)


def write_gexf(network: Network, out: Path, version: str = "") -> None:
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta", {
        "lastmodifieddate": datetime.now(UTC).date().isoformat()})
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = version_label(version)
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "Claims and actors (nodes); supports, contradicts, qualifies, cites, claimant and "
        "about (edges)")
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed",
                                                        "mode": "static"})
    for cls, names in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        attributes = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls})
        for name in names:
            ET.SubElement(attributes, f"{{{GEXF_NS}}}attribute",
                          {"id": name, "title": name, "type": "string"})
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for node_id, label, attrs in network.nodes:
        node = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node_id, "label": label})
        _gexf_values(node, attrs)
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for edge_id, source, target, label, attrs in network.edges:
        edge = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", {
            "id": edge_id, "source": source, "target": target, "label": label})
        _gexf_values(edge, attrs)
    _write(root, out, GEXF_NS)


def write_graphml(network: Network, out: Path, version: str = "") -> None:
    g = f"{{{GRAPHML_NS}}}"
    root = ET.Element(f"{g}graphml")
    ET.SubElement(root, f"{g}desc").text = (
        f"{version_label(version)}: claims and actors (nodes); supports, contradicts, "
        "qualifies, cites, claimant and about (edges)")
    keys = [("label", "node"), *((n, "node") for n in NODE_ATTRS),
            ("label", "edge"), *((n, "edge") for n in EDGE_ATTRS)]
    for name, cls in keys:
        ET.SubElement(root, f"{g}key", {"id": f"{cls[0]}_{name}", "for": cls,
                                        "attr.name": name, "attr.type": "string"})
    graph = ET.SubElement(root, f"{g}graph", {"id": "claims", "edgedefault": "directed"})
    for node_id, label, attrs in network.nodes:
        node = ET.SubElement(graph, f"{g}node", {"id": node_id})
        for name, value in {"label": label, **attrs}.items():
            ET.SubElement(node, f"{g}data", {"key": f"n_{name}"}).text = value
    for edge_id, source, target, label, attrs in network.edges:
        edge = ET.SubElement(graph, f"{g}edge", {"id": edge_id, "source": source,
                                                 "target": target})
        for name, value in {"label": label, **attrs}.items():
            ET.SubElement(edge, f"{g}data", {"key": f"e_{name}"}).text = value
    _write(root, out, GRAPHML_NS)


def _gexf_values(element: ET.Element, attrs: dict[str, str]) -> None:
    if attrs:
        values = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
        for name, value in attrs.items():
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": value})


def _write(root: ET.Element, out: Path, namespace: str) -> None:
    ET.indent(root, space=" ")
    ET.register_namespace("", namespace)
    out.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
