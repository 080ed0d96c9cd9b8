"""Redaction commands in a project: redactions, redaction-add, redaction-accept,
redaction-reject, redaction-stats. Pages are 1-based here; boxes are PDF points."""
from __future__ import annotations

import click

from recto.annotations import documents as doc_store
from recto.annotations.project import Project
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.errors import InvalidInputError
from recto.app.redactions import service

PROJECT = click.argument("project", type=click.Path(dir_okay=False))
STATUSES = click.Choice(["suggested", "confirmed", "rejected"], case_sensitive=False)
STYLES = click.Choice(["black_box", "white_box", "outline_box", "marker", "cut_out", "other"],
                      case_sensitive=False)


@cli.command("redactions")
@PROJECT
@json_option
@click.option("--status", type=STATUSES, help="Only redactions with this status.")
@click.option("--doc", "doc", help="Only this document (id or unique prefix).")
@click.option("--show-hidden", is_flag=True,
              help="Include text still recoverable under failed redactions.")
@handles_errors
def redactions_cmd(project, as_json, status, doc, show_hidden):
    """List the redactions of a project.

    Example: recto redactions thesis.recto --json --status confirmed
    """
    from recto.annotations import redactions as store
    with Project.open(project) as proj:
        doc_id = doc_store.get_document(proj, doc).id if doc else None
        rows = [service.redaction_json(r, show_hidden)
                for r in store.list_redactions(proj, doc_id, status=status)]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        say("No redactions.")
        return
    for r in rows:
        x0, y0, x1, y1 = r["bbox"]
        conf = f"{r['confidence']:.2f}" if r["confidence"] is not None else "   -"
        flag = " RECOVERABLE" if r["text_recoverable"] else ""
        click.echo(f"{r['id'][:8]}  {r['document_id'][:8]} p.{r['page']:<3} "
                   f"{x0:6.1f} {y0:6.1f} {x1:6.1f} {y1:6.1f}  {r['style']:11} "
                   f"{','.join(r['codes']) or '-':12} {r['status']:9} {conf} "
                   f"~{r['extent']['chars']} chars{flag}")
    say(f"{len(rows)} redaction(s).")


@cli.command("redaction-add")
@PROJECT
@click.option("--doc", "doc", required=True, help="Document id (or a unique prefix).")
@click.option("--page", type=int, required=True, help="Page number (1-based).")
@click.option("--bbox", required=True, help="Box x0,y0,x1,y1 in PDF points, top-left origin.")
@click.option("--style", type=STYLES, default="black_box", show_default=True)
@click.option("--code", "codes", multiple=True, help="Exemption code as printed (repeatable).")
@click.option("--note", default="", help="A note for yourself or co-authors.")
@click.option("--tag", multiple=True, help="Tag (repeatable).")
@handles_errors
def redaction_add(project, doc, page, bbox, style, codes, note, tag):
    """Record a redaction you found on a page (confirmed); print its id.

    Example: recto redaction-add thesis.recto --doc 3f2a9c1e --page 3
    --bbox 82,152,534,185 --style outline_box --code "3.3(h)(2)"
    """
    if page < 1:
        raise InvalidInputError(f"Page numbers start at 1 (got {page}).")
    with Project.open(project) as proj:
        r = service.add_redaction(proj, doc, page - 1, bbox, style=style, codes=codes,
                                  note=note, tags=tag)
    say(f"Added a redaction on p. {page} (~{r.extent_chars} characters hidden).")
    click.echo(r.id)


def _review_command(name: str, accept_them: bool):
    verb = "Accept" if accept_them else "Reject"
    help_text = (f"{verb} suggested redactions: by id, a document, a page, or all above a "
                 f"confidence.\n\nExample: recto {name} thesis.recto --doc 3f2a9c1e "
                 f"--min-confidence 0.8")

    @cli.command(name, help=help_text)
    @PROJECT
    @click.argument("ids", nargs=-1)
    @click.option("--doc", "doc", help="Every suggestion of this document.")
    @click.option("--page", type=int, help="Only this page of --doc (1-based).")
    @click.option("--min-confidence", type=float,
                  help="Only suggestions at or above this confidence (0-1).")
    @handles_errors
    def command(project, ids, doc, page, min_confidence):
        with Project.open(project) as proj:
            if ids:
                if doc or page or min_confidence is not None:
                    raise InvalidInputError("Give redaction ids, or --doc/--min-confidence, "
                                            "not both.")
                count = (service.accept if accept_them else service.reject)(proj, ids)
            else:
                if doc is None and min_confidence is None:
                    raise InvalidInputError("Give redaction ids, --doc or --min-confidence.")
                if page is not None and (doc is None or page < 1):
                    raise InvalidInputError("--page needs --doc and starts at 1.")
                count = service.review_suggestions(
                    proj, accept_them, doc, None if page is None else page - 1, min_confidence)
        say(f"{verb}ed {count} redaction(s)." if count else "Nothing to change.")

    return command


redaction_accept = _review_command("redaction-accept", True)
redaction_reject = _review_command("redaction-reject", False)


@cli.command("redaction-stats")
@PROJECT
@json_option
@click.option("--doc", "doc", help="Only this document (default: the whole project).")
@click.option("--status", "statuses", type=STATUSES, multiple=True,
              help="Count these statuses (repeatable; default suggested and confirmed).")
@handles_errors
def redaction_stats(project, as_json, doc, statuses):
    """Count redactions: share of page area, by style, by code, most redacted pages.

    Example: recto redaction-stats thesis.recto --json --status confirmed
    """
    with Project.open(project) as proj:
        stats = service.statistics(proj, doc, statuses or ("confirmed", "suggested"))
    data = service.stats_json(stats)
    if as_json:
        echo_json(data)
        return
    click.echo(f"{stats.count} redaction(s) on {stats.redacted_pages} of {stats.pages} page(s); "
               f"{stats.area_share:.1%} of the page area.")
    for title, counts in (("By style", stats.by_style), ("By code", stats.by_code)):
        click.echo(f"{title}:")
        for key, n in counts.items():
            click.echo(f"  {key:14} {n}")
    if stats.top_pages:
        click.echo("Most redacted pages:")
        for p in data["top_pages"]:
            click.echo(f"  {p['document_id'][:8]} p.{p['page']:<4} {p['share']:.1%} "
                       f"({p['count']})")
