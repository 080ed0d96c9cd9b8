"""`recto import` of a Tropy JSON-LD export (the command itself lives in export.py and
hands Tropy files here, so one `recto import` recognises every format)."""
from __future__ import annotations

import click

from recto.app.cli.base import echo_json, say
from recto.app.cli.documents import open_project
from recto.app.jobs import TaskState
from recto.app.tropy import import_tropy


def import_tropy_export(project: str, path: str, as_json: bool, state: TaskState | None) -> None:
    with open_project(project, create=True) as proj:
        report = import_tropy(proj, path, state)
    if as_json:
        echo_json(report.as_dict())
    else:
        added = ", ".join(f"{n} {k}" for k, n in sorted(report.rows_added.items()))
        click.echo(f"Tropy items: {report.documents_added} new documents, "
                   f"{report.documents_found} already in the project")
        click.echo(f"Added or updated: {added or 'nothing'}")
        click.echo(f"Unchanged: {report.unchanged}")
    for title, why in report.skipped:
        say(f"Skipped \"{title}\": {why}.")
