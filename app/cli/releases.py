"""Release commands: link releases of one record, compare them, accept a finding."""
from __future__ import annotations

import click

from recto.annotations import documents as doc_store
from recto.annotations import releases as store
from recto.annotations.project import Project
from recto.app.cli.base import StderrProgress, cli, echo_json, handles_errors, json_option, say
from recto.app.jobs import TaskState
from recto.app.redactions import service as redactions
from recto.app.releases import service

PROJECT = click.argument("project", type=click.Path(dir_okay=False))


@cli.command("releases-link")
@PROJECT
@click.argument("doc_a")
@click.argument("doc_b")
@click.option("--note", default="", help="Why they are releases of one record.")
@handles_errors
def releases_link(project, doc_a, doc_b, note):
    """Mark two documents as releases of the same record; print the link id.

    A typed link, never a merge: each release keeps its own pages and annotations.

    Example: recto releases-link thesis.recto 3f2a9c1e 7d4b0a55 --note "FOIA appeal, 2016"
    """
    with Project.open(project) as proj:
        link = service.link_releases(proj, doc_a, doc_b, note)
    say("Linked as releases of one record.")
    click.echo(link.id)


@cli.command("releases-unlink")
@PROJECT
@click.argument("doc_a")
@click.argument("doc_b")
@handles_errors
def releases_unlink(project, doc_a, doc_b):
    """Remove the release link between two documents (undoable).

    Example: recto releases-unlink thesis.recto 3f2a9c1e 7d4b0a55
    """
    with Project.open(project) as proj:
        service.unlink_releases(proj, doc_a, doc_b)
    say("Unlinked.")


@cli.command("releases")
@PROJECT
@click.option("--suggest", is_flag=True, help="Also list unlinked documents whose text is "
                                               "highly similar.")
@json_option
@handles_errors
def releases_list(project, suggest, as_json):
    """List groups of releases (and, with --suggest, likely ones not linked yet).

    Example: recto releases thesis.recto --suggest --json
    """
    with Project.open(project) as proj:
        titles = {d.id: d.title for d in doc_store.list_documents(proj)}
        groups = store.release_groups(proj)
        suggestions = service.suggest_links(proj) if suggest else []
    data = {"groups": [[{"id": d, "title": titles.get(d, "")} for d in g] for g in groups],
            "suggestions": [{"document_a": s.document_a, "document_b": s.document_b,
                             "score": s.score, "shared": s.shared} for s in suggestions]}
    if as_json:
        echo_json(data)
        return
    for n, group in enumerate(groups, 1):
        click.echo(f"{n}. " + " | ".join(f"{d[:8]} {titles.get(d, '')}" for d in group))
    for s in suggestions:
        click.echo(f"suggested: {s.document_a[:8]} {titles.get(s.document_a, '')} ~ "
                   f"{s.document_b[:8]} {titles.get(s.document_b, '')} (score {s.score:.2f})")
    if not groups and not suggestions:
        say("No releases linked yet.")


def _compare(proj: Project, doc_a: str, doc_b: str):
    return service.compare(proj, doc_a, doc_b, TaskState(StderrProgress("Comparing")),
                           detect=redactions.detect_document_boxes)


@cli.command("compare")
@PROJECT
@click.argument("doc_a")
@click.argument("doc_b")
@click.option("--all", "show_all", is_flag=True,
              help="Also list differences that are not redactions (OCR noise, stamps).")
@json_option
@handles_errors
def compare_cmd(project, doc_a, doc_b, show_all, as_json):
    """Compare two releases: what each one's redactions hide that the other shows.

    Prints one finding per redaction revealed elsewhere (pages 1-based, boxes in PDF
    points); direction revealed_in_b means hidden in DOC_A and shown in DOC_B.

    Example: recto compare thesis.recto 3f2a9c1e 7d4b0a55 --json
    """
    with Project.open(project) as proj:
        result = _compare(proj, doc_a, doc_b)
        states = service.finding_states(proj, result)
    findings = [{**service.finding_json(f), "state": states.get(n, "open")}
                for n, f in enumerate(result.findings, 1)]
    say(f"{len(result.pages)} pages aligned, {len(result.findings)} findings, "
        f"{len(result.differences)} other differences ({result.seconds:.1f} s).")
    if as_json:
        if show_all:
            echo_json({"findings": findings, "pages": [
                {"page_a": m.page_a + 1, "page_b": m.page_b + 1, "score": m.score}
                for m in result.pages], "differences": [
                {"page_a": d.page_a + 1, "page_b": d.page_b + 1, "kind": d.kind,
                 "text_a": d.text_a, "text_b": d.text_b} for d in result.differences]})
        else:
            echo_json(findings)
        return
    for n, f in enumerate(findings, 1):
        hidden = "A" if f["direction"] == "revealed_in_b" else "B"
        state = "" if f["state"] == "open" else f" [{f['state']}]"
        click.echo(f"{n}. hidden in {hidden} (A p. {f['page_a']}, B p. {f['page_b']}){state}: "
                   f"{f['text_revealed']}")
    if show_all:
        for d in result.differences:
            click.echo(f"   [{d.kind}] A p. {d.page_a + 1}: {d.text_a!r} / "
                       f"B p. {d.page_b + 1}: {d.text_b!r}")


def _finding_command(name: str):
    """A command on one finding of `recto compare DOC_A DOC_B`: the same arguments."""
    def wrap(fn):
        for decorate in reversed((cli.command(name), PROJECT, click.argument("doc_a"),
                                  click.argument("doc_b"),
                                  click.argument("finding_no", type=int), handles_errors)):
            fn = decorate(fn)
        return fn
    return wrap


@_finding_command("release-accept")
def release_accept(project, doc_a, doc_b, finding_no):
    """Turn finding FINDING_NO (as `recto compare` numbers them) into a claim with
    evidence on both releases; print the claim id.

    Example: recto release-accept thesis.recto 3f2a9c1e 7d4b0a55 2
    """
    with Project.open(project) as proj:
        result = _compare(proj, doc_a, doc_b)
        claim = service.accept_finding(proj, result, finding_no)
    say(f"Added claim: {claim.statement}")
    click.echo(claim.id)


@_finding_command("release-dismiss")
def release_dismiss(project, doc_a, doc_b, finding_no):
    """Mark finding FINDING_NO (as `recto compare` numbers them) as not worth a claim;
    remembered across comparisons, undoable with `recto undo`.

    Example: recto release-dismiss thesis.recto 3f2a9c1e 7d4b0a55 3
    """
    with Project.open(project) as proj:
        result = _compare(proj, doc_a, doc_b)
        service.dismiss_finding(proj, result, finding_no)
    say(f"Dismissed finding {finding_no}.")
