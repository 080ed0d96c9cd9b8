"""Actor commands: the registry, aliases, mentions, suggestions, merge and split.

Pages are 1-based here as everywhere a person sees them; boxes are x0,y0,x1,y1 in
PDF points. Ids go to stdout, messages and warnings to stderr.
"""
from __future__ import annotations

import click

from recto.annotations.model import ActorType, AliasKind, Mention, Status
from recto.app.actors import service
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.cli.documents import open_project

EXISTING = click.Path(dir_okay=False)  # a missing project: "There is no project at ..."
TYPES = click.Choice([t.value for t in ActorType])
KINDS = click.Choice([k.value for k in AliasKind])
STATUSES = click.Choice([s.value for s in Status])


def alias_json(alias) -> dict:
    return {"id": alias.id, "alias": alias.alias, "lang": alias.lang, "kind": alias.kind.value,
            "attested_document_id": alias.attested_document_id,
            "attested_page": None if alias.attested_page_index is None
            else alias.attested_page_index + 1}


def actor_json(actor, counts: dict | None = None) -> dict:
    data = {"id": actor.id, "name": actor.name, "type": actor.type.value,
            "aliases": [alias_json(a) for a in actor.aliases], "note": actor.note,
            "external_id": actor.external_id}
    if counts is not None:
        data["mentions"] = {s.value: counts.get(s.value, 0) for s in Status}
    return data


def mention_json(m: Mention, shared_with=None) -> dict:
    box = m.anchor.bbox
    data = {"id": m.id, "actor_id": m.actor_id, "document_id": m.anchor.document_id,
            "page": m.anchor.page_index + 1, "text": m.text,
            "bbox": box.as_list() if box else None, "word_start": m.anchor.word_start,
            "word_end": m.anchor.word_end, "status": m.status.value, "origin": m.origin.value}
    if shared_with is not None:
        data["shared_with"] = list(shared_with)
    return data


def _warn(warnings) -> None:
    for w in warnings:
        say(f"Warning: {w}")


def _aliases(specs, lang=None, kind=None) -> list[service.AliasInput]:
    out = []
    for spec in specs:
        given = service.parse_alias_spec(spec)
        out.append(service.AliasInput(given.alias, lang or given.lang, kind or AliasKind.NAME))
    return out


@cli.command("actor-add")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("name")
@click.option("--type", "type_", type=TYPES, default="person", show_default=True)
@click.option("--alias", "aliases", multiple=True,
              help="Another name, optionally with a language tag: \"総連@ja\". Repeatable.")
@click.option("--note", default="", help="A note on the actor.")
@click.option("--external-id", default="", help="E.g. a Wikidata QID (stored, not fetched).")
@handles_errors
def actor_add(project, name, type_, aliases, note, external_id):
    """Add an actor with its aliases; print its id.

    Example: recto actor-add thesis.recto "Sōren" --type organisation --alias "総連@ja"
    --alias "총련@ko" --alias "Chongryun@ko-Latn"
    """
    with open_project(project) as proj:
        result = service.add_actor(proj, name, type_, _aliases(aliases), note, external_id)
    _warn(result.warnings)
    say(f"Added {result.actor.type.value} \"{result.actor.name}\" "
        f"with {len(result.actor.aliases)} aliases.")
    click.echo(result.actor.id)


@cli.command("actors")
@click.argument("project", type=EXISTING)
@json_option
@handles_errors
def actors_cmd(project, as_json):
    """List actors with their aliases and mention counts.

    Example: recto actors thesis.recto --json
    """
    with open_project(project) as proj:
        summaries = service.list_actors(proj)
    if as_json:
        echo_json([actor_json(s.actor, s.counts) for s in summaries])
        return
    for s in summaries:
        names = ", ".join(a.alias + (f"@{a.lang}" if a.lang else "") for a in s.actor.aliases)
        click.echo(f"{s.actor.id[:8]}  {s.actor.type.value:12s} {s.actor.name}"
                   f"  [{names}]  {s.counts.get('confirmed', 0)} confirmed, "
                   f"{s.counts.get('suggested', 0)} suggested")


@cli.command("actor-show")
@click.argument("project", type=EXISTING)
@click.argument("actor_id")
@json_option
@handles_errors
def actor_show(project, actor_id, as_json):
    """Show one actor: aliases, mentions per document, mentions with snippets, co-actors.

    Example: recto actor-show thesis.recto 3f2a9c1e --json
    """
    with open_project(project) as proj:
        view = service.actor_overview(proj, actor_id)
    data = {**actor_json(view.actor),
            "documents": [vars(d) for d in view.documents],
            "mentions": [{**mention_json(v.mention), "document_title": v.document_title,
                          "snippet": v.snippet} for v in view.mentions],
            "cooccurring": [vars(c) for c in view.cooccurring]}
    if as_json:
        echo_json(data)
        return
    click.echo(f"{view.actor.name} ({view.actor.type.value})")
    for v in view.mentions:
        click.echo(f"  {v.document_title}, p. {v.page}: {v.snippet}")
    for c in view.cooccurring:
        click.echo(f"  with {c.name} on {c.pages} pages")


@cli.command("actor-alias-add")
@click.argument("project", type=EXISTING)
@click.argument("actor_id")
@click.argument("aliases", nargs=-1, required=True)
@click.option("--lang", default=None, help="Language/script tag: ja, ko, ko-Latn, en, ...")
@click.option("--kind", type=KINDS, default=None, help="What sort of name this is.")
@click.option("--document", "document_id", help="Where the alias is attested.")
@click.option("--page", type=int, help="Page (1-based) of --document where it is attested.")
@handles_errors
def actor_alias_add(project, actor_id, aliases, lang, kind, document_id, page):
    """Add aliases to an actor (all or none); "text@lang" works as in actor-add.

    Example: recto actor-alias-add thesis.recto 3f2a9c1e "Soren" --kind romanisation
    """
    specs = _aliases(aliases, lang, kind)
    if document_id or page is not None:
        specs = [service.AliasInput(a.alias, a.lang, a.kind, document_id,
                                    None if page is None else page - 1) for a in specs]
    with open_project(project) as proj:
        result = service.add_aliases(proj, actor_id, specs)
    _warn(result.warnings)
    say(f"\"{result.actor.name}\" now has {len(result.actor.aliases)} aliases.")


@cli.command("actor-alias-remove")
@click.argument("project", type=EXISTING)
@click.argument("alias_id")
@handles_errors
def actor_alias_remove(project, alias_id):
    """Remove one alias (ids are in `recto actors --json`).

    Example: recto actor-alias-remove thesis.recto 9c1e3f2a
    """
    with open_project(project) as proj:
        service.remove_alias(proj, alias_id)
    say("Removed the alias.")


@cli.command("actor-search")
@click.argument("project", type=EXISTING)
@click.argument("query")
@json_option
@handles_errors
def actor_search(project, query, as_json):
    """Find actors by the start of any name or alias, in any script.

    Example: recto actor-search thesis.recto omu --json
    """
    with open_project(project) as proj:
        found = service.search_actors(proj, query)
    if as_json:
        echo_json([actor_json(a) for a in found])
        return
    for a in found:
        click.echo(f"{a.id[:8]}  {a.name}")


@cli.command("actor-merge")
@click.argument("project", type=EXISTING)
@click.argument("keep_id")
@click.argument("gone_id")
@handles_errors
def actor_merge(project, keep_id, gone_id):
    """Merge actor B into actor A: B's mentions and aliases move to A; B is removed.

    Undo with `recto undo`.

    Example: recto actor-merge thesis.recto 3f2a9c1e 7b1d0e44
    """
    with open_project(project) as proj:
        result = service.merge_actors(proj, keep_id, gone_id)
    say(f"Merged into \"{result.actor.name}\": {result.moved_mentions} mentions moved, "
        f"{result.dropped_duplicates} duplicates dropped.")
    click.echo(result.actor.id)


@cli.command("actor-split")
@click.argument("project", type=EXISTING)
@click.argument("actor_id")
@click.argument("mention_ids", nargs=-1, required=True)
@click.option("--name", required=True, help="Name of the new actor.")
@click.option("--type", "type_", type=TYPES, default=None, help="Default: the old actor's.")
@click.option("--alias", "aliases", multiple=True, help="Aliases of the new actor.")
@handles_errors
def actor_split(project, actor_id, mention_ids, name, type_, aliases):
    """Move some mentions of an actor to a new actor; print the new actor's id.

    Example: recto actor-split thesis.recto 3f2a9c1e 0d9e2b11 5a7c3f00 --name "Lee Kang-hoon"
    """
    with open_project(project) as proj:
        result = service.split_mentions(proj, actor_id, mention_ids, name, type_,
                                        _aliases(aliases))
    _warn(result.warnings)
    say(f"Moved {len(mention_ids)} mentions to the new actor \"{result.actor.name}\".")
    click.echo(result.actor.id)
