"""Mention commands: list, tag by hand, suggest across the corpus, accept and reject.

Pages are 1-based; boxes are x0,y0,x1,y1 in PDF points; word spans are indexes of
the page's current OCR/text-layer words, "START-END" inclusive.
"""
from __future__ import annotations

import click

from recto.annotations.model import Status
from recto.app.actors import service
from recto.app.cli.actors import EXISTING, STATUSES, mention_json
from recto.app.cli.base import StderrProgress, cli, echo_json, handles_errors, json_option, say
from recto.app.cli.documents import open_project
from recto.app.errors import InvalidInputError
from recto.app.jobs import TaskState


@cli.command("mentions")
@click.argument("project", type=EXISTING)
@click.option("--actor", "actor_id", help="Only this actor's mentions.")
@click.option("--status", type=STATUSES, help="Only mentions with this status.")
@click.option("--document", "document_id", help="Only this document's mentions.")
@json_option
@handles_errors
def mentions_cmd(project, actor_id, status, document_id, as_json):
    """List mentions.

    Example: recto mentions thesis.recto --actor 3f2a9c1e --status confirmed --json
    """
    with open_project(project) as proj:
        found = service.list_mentions(proj, actor_id, status, document_id)
    if as_json:
        echo_json([mention_json(m) for m in found])
        return
    for m in found:
        click.echo(f"{m.id[:8]}  {m.status.value:9s} p. {m.anchor.page_index + 1:<4d} {m.text}")


@cli.command("suggest-mentions")
@click.argument("project", type=EXISTING)
@click.option("--actor", "actor_ids", multiple=True, help="Only this actor (repeatable).")
@json_option
@handles_errors
def suggest_mentions(project, actor_ids, as_json):
    """Find every alias of every actor in all pages with text; store and print the new
    suggestions (places already tagged, accepted or rejected are not proposed again).

    Example: recto suggest-mentions thesis.recto --json
    """
    state = TaskState(StderrProgress("Pages") if not as_json else None)
    with open_project(project) as proj:
        result = service.suggest_mentions(proj, list(actor_ids) or None, state)
    say(f"{len(result.suggestions)} new suggestions on {result.pages} pages "
        f"({result.already_known} already known) in {result.seconds:.2f} s.")
    if as_json:
        echo_json([mention_json(s.mention, s.shared_with) for s in result.suggestions])
        return
    for s in result.suggestions:
        m = s.mention
        click.echo(f"{m.id[:8]}  p. {m.anchor.page_index + 1:<4d} {m.text}")


def _words(span: str | None) -> tuple[int, int] | None:
    if span is None:
        return None
    try:
        start, _, end = span.partition("-")
        return int(start), int(end or start)
    except ValueError:
        raise InvalidInputError(f'"{span}" is not a word span; write START-END, e.g. 12-14.') \
            from None


def _bbox(text: str | None) -> list[float] | None:
    if text is None:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        values = []
    if len(values) != 4:
        raise InvalidInputError(f'"{text}" is not a box; write x0,y0,x1,y1 in PDF points.')
    return values


@cli.command("mention-add")
@click.argument("project", type=EXISTING)
@click.argument("actor_id")
@click.argument("document_id")
@click.argument("page", type=int)
@click.option("--words", "span", help="Word span START-END (inclusive) on the page.")
@click.option("--bbox", help="Region x0,y0,x1,y1 in PDF points (e.g. handwriting).")
@click.option("--text", help="The quoted text (default: the words' text).")
@handles_errors
def mention_add(project, actor_id, document_id, page, span, bbox, text):
    """Tag a place on a page as a (confirmed) mention of an actor; print its id.

    Example: recto mention-add thesis.recto 3f2a9c1e 7b1d0e44 14 --words 12-13
    """
    with open_project(project) as proj:
        mention = service.add_mention(proj, actor_id, document_id, page - 1,
                                      bbox=_bbox(bbox), words=_words(span), text=text)
    say(f"Tagged \"{mention.text}\" on p. {page}.")
    click.echo(mention.id)


def _judge(project, mention_ids, all_, actor_id, status: Status) -> int:
    if all_ == bool(mention_ids):
        raise InvalidInputError("Give mention ids, or --all with --actor, not both.")
    if all_ and not actor_id:
        raise InvalidInputError("--all needs --actor ID (whose suggestions to judge).")
    with open_project(project) as proj:
        if all_:
            return service.set_status_all(proj, actor_id, status)
        return service.set_status(proj, mention_ids, status)


@cli.command("mention-accept")
@click.argument("project", type=EXISTING)
@click.argument("mention_ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every suggested mention of --actor.")
@click.option("--actor", "actor_id")
@handles_errors
def mention_accept(project, mention_ids, all_, actor_id):
    """Confirm mentions (one by one, or all suggestions of an actor); undoable.

    Example: recto mention-accept thesis.recto --all --actor 3f2a9c1e
    """
    n = _judge(project, mention_ids, all_, actor_id, Status.CONFIRMED)
    say(f"Accepted {n} mentions.")


@cli.command("mention-reject")
@click.argument("project", type=EXISTING)
@click.argument("mention_ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every suggested mention of --actor.")
@click.option("--actor", "actor_id")
@handles_errors
def mention_reject(project, mention_ids, all_, actor_id):
    """Reject mentions; rejected places are not suggested again. Undoable.

    Example: recto mention-reject thesis.recto 0d9e2b11 5a7c3f00
    """
    n = _judge(project, mention_ids, all_, actor_id, Status.REJECTED)
    say(f"Rejected {n} mentions.")
