"""Document notes and regions (from Tropy or another tool): list them; a region's
page and box are what `recto claim-evidence` takes, so it becomes a claim's evidence."""
from __future__ import annotations

import click

from recto.annotations import document_notes as notes_store
from recto.annotations import documents as store
from recto.app.cli.base import cli, echo_json, handles_errors, json_option
from recto.app.cli.documents import open_project


@cli.command("notes")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("document_id", required=False)
@json_option
@handles_errors
def notes_cmd(project, document_id, as_json):
    """List documents' notes, regions and metadata fields (all documents, or one).

    A region prints its page and box ready for `recto claim-evidence --page P --bbox B`.

    Example: recto notes thesis.recto 3f2a9c1e --json
    """
    with open_project(project) as proj:
        docs = ([store.get_document(proj, document_id)] if document_id
                else store.list_documents(proj))
        rows = [_document(proj, d) for d in docs]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        if not (row["notes"] or row["regions"] or row["fields"]):
            continue
        click.echo(f"{row['document_id'][:8]}  {row['title']}")
        for prop, value in row["fields"].items():
            click.echo(f"  {prop.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}: {value}")
        for n in row["notes"]:
            where = f"p. {n['page']}" if n["page"] else "document"
            click.echo(f"  note ({where}): {n['text']}")
        for r in row["regions"]:
            click.echo(f"  region {r['id'][:8]} p. {r['page']} --bbox {r['bbox']}"
                       + (f"  {r['note']}" if r["note"] else ""))


def _document(proj, doc) -> dict:
    return {
        "document_id": doc.id, "title": doc.title,
        "fields": notes_store.fields_of(proj, doc.id),
        "notes": [{"id": n.id, "page": None if n.page_index is None else n.page_index + 1,
                   "text": n.text, "language": n.language}
                  for n in notes_store.notes_of(proj, doc.id)],
        "regions": [{"id": r.id, "page": r.page_index + 1, "note": r.note,
                     "bbox": ",".join(f"{v:g}" for v in r.box.as_list())}
                    for r in notes_store.regions_of(proj, doc.id)],
    }
