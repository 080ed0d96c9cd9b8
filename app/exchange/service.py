"""`recto export --format qdpx|tei|alto|gexf|graphml`, and the same from the Export
dialog: one function that picks the writer and puts its output in place under the
rule of app.exchange.output."""
from __future__ import annotations

import os
from dataclasses import asdict

from recto.annotations import documents as doc_store
from recto.annotations.export import ExportResult
from recto.annotations.export_rows import NO_FILTERS, ExportFilters
from recto.annotations.model import Document, now_iso
from recto.annotations.project import Project
from recto.app.errors import InvalidInputError
from recto.app.exchange import alto, network, qdpx, tei
from recto.app.exchange.output import Folder, write_file, write_folder
from recto.app.jobs import TaskState

DOCUMENT_FORMATS = ("qdpx", "tei", "alto")


def export_exchange(project: Project, out: str | os.PathLike, fmt: str,
                    filters: ExportFilters = NO_FILTERS, state: TaskState | None = None,
                    version: str = "") -> ExportResult:
    """Write `fmt` to OUT (a .qdpx/.gexf/.graphml file, or a folder for tei and alto)."""
    _check_filters(fmt, filters)
    documents = _documents(project, filters.document_ids)
    exported_at = now_iso()
    if fmt == "qdpx":
        holder: dict = {}

        def build_qdpx(tmp):
            holder["counts"] = qdpx.write_qdpx(project, tmp, documents, version)

        path = write_file(out, fmt, project, build_qdpx)
        return ExportResult(path, fmt, asdict(holder["counts"]), exported_at)
    if fmt in ("gexf", "graphml"):
        net = network.claims_network(project)
        writer = network.write_gexf if fmt == "gexf" else network.write_graphml
        path = write_file(out, fmt, project, lambda tmp: writer(net, tmp, version))
        return ExportResult(path, fmt, {"nodes": len(net.nodes), "edges": len(net.edges)},
                            exported_at)

    def build_folder(folder: Folder) -> None:
        for i, document in enumerate(documents):
            if state is not None:
                state.check()
                state.report(i, len(documents), document.title)
            if fmt == "tei":
                folder.write(*tei.write_document(project, document, version))
            else:
                for name, data in alto.write_document(project, document, version):
                    folder.write(name, data)

    path, names = write_folder(out, fmt, project, build_folder)
    counts = {"documents": len(documents)} | ({"pages": len(names)} if fmt == "alto" else {})
    return ExportResult(path, fmt, counts, exported_at)


def _check_filters(fmt: str, filters: ExportFilters) -> None:
    narrowed = [name for name, value in (("tag", filters.tags), ("kind", filters.kinds),
                                         ("status", filters.statuses),
                                         ("author", filters.authors)) if value]
    if fmt not in DOCUMENT_FORMATS and filters.document_ids:
        narrowed.insert(0, "document")
    if narrowed:
        raise InvalidInputError(
            f"The {fmt} export takes the whole project"
            f"{' (or some documents)' if fmt in DOCUMENT_FORMATS else ''}; it cannot be "
            f"narrowed by {', '.join(narrowed)}.")


def _documents(project: Project, ids: tuple[str, ...]) -> list[Document]:
    if not ids:
        return doc_store.list_documents(project)
    return [doc_store.get_document(project, i) for i in ids]
