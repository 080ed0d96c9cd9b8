"""Project and document commands: add, info, relink, undo, redo."""
from __future__ import annotations

from pathlib import Path

import click

from annotations import documents as store
from annotations.project import Project
from app.cli.base import cli, echo_json, handles_errors, json_option, say
from app.wording import count
from app.documents import add_pdf, parse_reference, relink


def open_project(path: str, create: bool = False) -> Project:
    return Project.open(path, create=create)


def document_json(doc) -> dict:
    return {
        "id": doc.id, "sha256": doc.sha256, "title": doc.title, "path": doc.path,
        "reference": doc.reference.cite(), "page_count": doc.page_count,
        "archive": doc.reference.archive, "collection": doc.reference.collection,
        "box_folder": doc.reference.box_folder, "item": doc.reference.item,
        "languages": list(doc.languages),
    }


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("--ref", help="Archival reference, e.g. \"ICRC Archives, B AG 232 105-027\".")
@click.option("--title", help="Title (default: the PDF's own title or file name).")
@handles_errors
def add(project, pdf, ref, title):
    """Add a PDF to a project (created if needed); print the document id.

    Adding the same file again (same bytes) changes nothing and prints the existing id.

    Example: recto add thesis.recto scan.pdf --ref "ICRC Archives, B AG 232 105-027"
    """
    with open_project(project, create=True) as proj:
        result = add_pdf(proj, pdf, reference=parse_reference(ref), title=title)
    if result.created:
        say(f"Added \"{result.document.title}\" ({count(result.document.page_count, 'page')}).")
    elif result.relinked:
        say(f"Already in the project as \"{result.document.title}\", which had moved: "
            f"relinked to {result.document.path}.")
    else:
        say(f"Already in the project as \"{result.document.title}\"; nothing changed.")
    click.echo(result.document.id)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@json_option
@handles_errors
def info(project, as_json):
    """List the documents in a project.

    Example: recto info thesis.recto --json
    """
    with open_project(project) as proj:
        docs = store.list_documents(proj)
        name = proj.name
    if as_json:
        echo_json({"name": name, "documents": [document_json(d) for d in docs]})
        return
    click.echo(f"{name}: {len(docs)} documents")
    for d in docs:
        click.echo(f"{d.id[:8]}  {d.page_count:4d} p.  {d.title}  [{d.reference.cite()}]")


@cli.command("relink")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("document_id")
@click.argument("pdf", type=click.Path(dir_okay=False))
@handles_errors
def relink_cmd(project, document_id, pdf):
    """Tell Recto where a moved PDF is now (its bytes must be unchanged).

    Example: recto relink thesis.recto 3f2a9c1e ~/scans/moved.pdf
    """
    with open_project(project) as proj:
        doc = relink(proj, store.get_document(proj, document_id), Path(pdf))
    say(f"Relinked \"{doc.title}\" to {doc.path}.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@handles_errors
def undo(project):
    """Undo the last edit in a project (the same log the app's Edit > Undo uses).

    Example: recto undo thesis.recto
    """
    with open_project(project) as proj:
        changes = proj.undo()
        _after_undo(proj, changes)
    say(f"Undid: {changes.label}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@handles_errors
def redo(project):
    """Redo the last undone edit in a project.

    Example: recto redo thesis.recto
    """
    with open_project(project) as proj:
        changes = proj.redo()
        _after_undo(proj, changes)
    say(f"Redid: {changes.label}")


def _after_undo(proj, changes) -> None:
    """Page text carries redaction placeholders: keep it in step, as the app does."""
    if changes.touches("redactions"):
        from app.redactions import sync_page_texts
        sync_page_texts(proj)
