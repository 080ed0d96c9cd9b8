"""Data for the two pictures of claims: a timeline and a network, plus a layout.

No Qt here: the GUI draws `timeline_items` on a date axis and `claim_graph` in a
QGraphicsScene at the positions `layered_layout` returns. The layout is pure
Python and deterministic (same project, same picture), cheap enough for a few
hundred claims: actors on the top row, claims in layers by their chains of links
("A supports B" puts A one layer below B), ordered within a layer to shorten edges.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from recto.annotations import claims as store
from recto.annotations.claims import ClaimRecord
from recto.annotations.project import Project
from recto.app.claims.dates import Precision, parse_date

NO_CLAIMANT = "(no claimant)"


@dataclass(frozen=True)
class TimelineItem:
    claim_id: str
    statement: str
    date_text: str
    start: date
    end: date
    precision: Precision
    certainty: str
    claimants: tuple[tuple[str, str], ...]  # (actor id, name)
    group: str  # the first claimant's name: what the timeline colours or groups by


@dataclass(frozen=True)
class GraphNode:
    id: str
    kind: str  # "claim" or "actor"
    label: str
    group: str = ""  # claims: certainty; actors: ""


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    kind: str  # a link type (supports, contradicts, qualifies, cites), "claimant" or "subject"
    id: str = ""
    note: str = ""


@dataclass(frozen=True)
class ClaimGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def timeline_items(project: Project, claims: list[ClaimRecord] | None = None, *,
                   actor_id: str | None = None, tag: str | None = None) -> list[TimelineItem]:
    """Dated claims by the date they refer to (undated claims have no place on it)."""
    if claims is None:
        claims = store.list_claims(project, actor_id=actor_id, tag=tag)
    names = store.actor_names(project)
    items = []
    for c in claims:
        parsed = parse_date(c.date_text) if c.date_text else None
        if parsed is None:
            continue
        claimants = tuple((a, names.get(a, a)) for a in c.claimants)
        items.append(TimelineItem(
            c.id, c.statement, parsed.text, parsed.start, parsed.end, parsed.precision,
            c.certainty.value, claimants, claimants[0][1] if claimants else NO_CLAIMANT))
    return sorted(items, key=lambda i: (i.start, i.end, i.claim_id))


def claim_graph(project: Project, claims: list[ClaimRecord] | None = None, *,
                actor_id: str | None = None, tag: str | None = None) -> ClaimGraph:
    """Claims and their actors as nodes; links, claimant and subject roles as edges.

    Links to claims outside the selection are left out, so a filtered graph stays whole.
    """
    if claims is None:
        claims = store.list_claims(project, actor_id=actor_id, tag=tag)
    ids = {c.id for c in claims}
    actor_ids = list(dict.fromkeys(a for c in claims for a in (*c.claimants, *c.subjects)))
    names = store.actor_names(project, actor_ids)
    nodes = [GraphNode(c.id, "claim", c.statement, c.certainty.value) for c in claims]
    nodes += [GraphNode(a, "actor", names.get(a, a)) for a in actor_ids]
    edges = []
    for c in claims:
        edges += [GraphEdge(a, c.id, "claimant") for a in c.claimants]
        edges += [GraphEdge(c.id, a, "subject") for a in c.subjects]
        edges += [GraphEdge(k.from_claim_id, k.to_claim_id, k.type.value, k.id, k.note)
                  for k in c.links if k.to_claim_id in ids]
    return ClaimGraph(tuple(nodes), tuple(edges))


def layered_layout(graph: ClaimGraph, *, dx: float = 180.0, dy: float = 120.0,
                   max_per_row: int = 12, sweeps: int = 4) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) scene position, rows centred on x = 0, y growing downwards."""
    layers = _layers(graph)
    neighbours = _neighbours(graph)
    order = _order(layers, neighbours, sweeps)
    positions: dict[str, tuple[float, float]] = {}
    row = 0
    for layer in order:
        for start in range(0, len(layer), max_per_row):
            chunk = layer[start:start + max_per_row]
            width = (len(chunk) - 1) * dx
            for i, node_id in enumerate(chunk):
                positions[node_id] = (i * dx - width / 2, row * dy)
            row += 1
    return positions


def _layers(graph: ClaimGraph) -> list[list[str]]:
    """Actors first; then claims by longest chain of links above them (cycles broken)."""
    claims = [n.id for n in graph.nodes if n.kind == "claim"]
    actors = [n.id for n in graph.nodes if n.kind == "actor"]
    targets: dict[str, list[str]] = {c: [] for c in claims}
    for e in graph.edges:
        if e.source in targets and e.target in targets:
            targets[e.source].append(e.target)
    depth: dict[str, int] = {}
    for claim_id in claims:
        if claim_id not in depth:
            _depth(claim_id, targets, depth, set())
    layered: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for claim_id in claims:
        layered[depth[claim_id]].append(claim_id)
    return ([actors] if actors else []) + layered


def _depth(node: str, targets: dict[str, list[str]], depth: dict[str, int],
           path: set[str]) -> int:
    """1 + the depth of the deepest claim it links to; iterative so long chains are fine."""
    stack = [(node, iter(targets[node]))]
    path.add(node)
    best = {node: 0}
    while stack:
        current, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            path.discard(current)
            depth[current] = best[current]
            if stack:
                parent = stack[-1][0]
                best[parent] = max(best[parent], depth[current] + 1)
        elif child in depth:
            best[current] = max(best[current], depth[child] + 1)
        elif child not in path:  # a link back up a chain (a cycle) is ignored for layering
            path.add(child)
            best[child] = 0
            stack.append((child, iter(targets[child])))
    return depth[node]


def _neighbours(graph: ClaimGraph) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for e in graph.edges:
        if e.source in result and e.target in result:
            result[e.source].append(e.target)
            result[e.target].append(e.source)
    return result


def _order(layers: list[list[str]], neighbours: dict[str, list[str]],
           sweeps: int) -> list[list[str]]:
    """Barycentre ordering: each node moves towards the mean position of its neighbours."""
    order = [list(layer) for layer in layers]
    for sweep in range(sweeps):
        where = {n: (i + 0.5) / len(layer) for layer in order for i, n in enumerate(layer)}
        indices = range(len(order)) if sweep % 2 == 0 else reversed(range(len(order)))
        for li in indices:
            layer = order[li]
            own = {n: (i + 0.5) / len(layer) for i, n in enumerate(layer)}

            def key(node: str, where: dict[str, float] = where,
                    own: dict[str, float] = own) -> tuple[float, float]:
                near = [where[m] for m in neighbours[node] if m not in own]
                return (sum(near) / len(near) if near else own[node], own[node])

            order[li] = sorted(layer, key=key)
            where.update({n: (i + 0.5) / len(layer) for i, n in enumerate(order[li])})
    return order
