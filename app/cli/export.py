"""Annotation set commands: export (SQLite, W3C JSON-LD, CSV) and import (merge)."""
from __future__ import annotations

import sys

import click

from recto.app.cli.base import StderrProgress, cli, echo_json, handles_errors, json_option, say
from recto.app.export import (
    FORMATS,
    KINDS,
    ExportFilters,
    ExportOptions,
    export_annotations,
    import_into_path,
)
from recto.app.jobs import TaskState
from recto.app.text.page_text import page_text_with_placeholders

STATUSES = ("suggested", "confirmed", "rejected")


def _state(label: str) -> TaskState | None:
    """Progress lines only for a person watching a terminal, not for scripts."""
    return TaskState(StderrProgress(label)) if sys.stderr.isatty() else TaskState()


@cli.command("export")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path())
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "pdf")), default="sqlite",
              show_default=True,
              help="sqlite: one documented database; w3c: Web Annotation JSON-LD; "
                   "csv: a folder with one CSV per table; csl-json: every document cited by "
                   "a claim, once, for Zotero; pdf: a searchable copy of each document with its "
                   "annotations (one --document: OUT is that PDF).")
@click.option("--with-ocr", is_flag=True, help="Also export every OCR word with its box.")
@click.option("--excel", is_flag=True,
              help="CSV for spreadsheets: UTF-8 with BOM, and cells that begin like a formula "
                   "(= + - @ tab CR) prefixed with '. Plain CSV stays exact for pandas and R.")
@click.option("--document", "documents", multiple=True, metavar="ID",
              help="Only this document (id or id prefix); repeatable.")
@click.option("--tag", "tags", multiple=True, help="Only annotations with this tag; repeatable.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only this kind of annotation; repeatable.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only redactions and mentions with this status; repeatable.")
@click.option("--author", "authors", multiple=True, help="Only annotations by this author.")
@json_option
@handles_errors
def export_cmd(project, out, fmt, with_ocr, excel, documents, tags, kinds, statuses, authors,
               as_json):
    """Export a project's annotations as an annotation set (written atomically).

    The set is a separate SQLite database with foreign keys, full-text search and a
    `citations` view (see docs/export-schema.md); pages are 1-based, boxes in PDF points.
    OUT must be new or an earlier Recto export of the same format: anything else (a
    text file, another database, a project, a folder of other files) is refused.

    Example: recto export thesis.recto thesis-set.db --tag Sōren --status confirmed
    """
    from recto.app.cli.documents import open_project
    if fmt == "pdf":
        from recto.app.cli.pdf_export import export_pdfs
        export_pdfs(project, out, tuple(documents), as_json)
        return
    filters = ExportFilters(tuple(documents), tuple(tags), tuple(kinds), tuple(statuses),
                            tuple(authors))
    options = ExportOptions(fmt, with_ocr, filters, excel)
    with open_project(project) as proj:
        result = export_annotations(proj, out, options, _state("Exporting"),
                                    page_text=page_text_with_placeholders(proj))
    counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in result.counts.items() if n)
    say(f"Exported to {result.path} ({result.format}): {counts or 'nothing to export'}.")
    if as_json:
        echo_json({"path": str(result.path), "format": result.format, "counts": result.counts,
                   "exported_at": result.exported_at})


@cli.command("import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("set_path", metavar="SET.db|TROPY.json",
                type=click.Path(exists=True, dir_okay=False))
@json_option
@handles_errors
def import_cmd(project, set_path, as_json):
    """Merge an annotation set into a project (created if needed), as one undoable step.

    Documents are matched by their file's SHA-256; annotations keep their ids, so
    importing twice adds nothing; when both sides changed the same annotation, the
    newer edit wins and is listed as a conflict. A bad set changes nothing.
    A Tropy JSON-LD export is recognised: each item becomes a photo document.

    Example: recto import thesis.recto colleague-set.db --json
    """
    from recto.app.tropy import is_tropy_export
    if is_tropy_export(set_path):
        from recto.app.cli.tropy import import_tropy_export
        import_tropy_export(project, set_path, as_json, _state("Importing"))
        return
    report = import_into_path(project, set_path, _state("Importing"))
    if as_json:
        echo_json(report.as_dict())
        return
    for line in report_lines(report):
        click.echo(line)


def report_lines(report) -> list[str]:
    added = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(report.added.items()))
    updated = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(report.updated.items()))
    lines = [f"Added: {added or 'nothing'}", f"Updated: {updated or 'nothing'}",
             f"Unchanged: {report.unchanged}", f"Page texts added: {report.page_texts_added}",
             f"Conflicts: {len(report.conflicts)}"]
    for c in report.conflicts:
        winner = "theirs (newer)" if c.kept == "incoming" else "ours (newer or equal)"
        lines.append(f"  {c.table} {c.id}: kept {winner}; ours {c.project_modified_at}, "
                     f"theirs {c.incoming_modified_at}")
    lines.append(f"Documents missing (add their PDFs): {len(report.missing_documents)}")
    for d in report.missing_documents:
        lines.append(f"  {d.id[:8]}  {d.title}  ({d.filename or 'no file name'}, sha256 "
                     f"{d.sha256[:12]}…)")
    return lines
