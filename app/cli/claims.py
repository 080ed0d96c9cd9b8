"""Claim commands: claim-add, claim-evidence, claim-link, claim-unlink, claim-edit,
claim-delete, claims, cite. Pages are 1-based here, as historians cite them."""
from __future__ import annotations

import click

from recto.annotations import claims as store
from recto.annotations import documents as doc_store
from recto.annotations.claims import ClaimRecord, LinkRecord
from recto.annotations.model import ClaimLink
from recto.annotations.project import Project
from recto.app.claims import service
from recto.app.claims.citations import claim_citation, claims_csl, evidence_citation
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.errors import InvalidInputError

PROJECT = click.argument("project", type=click.Path(dir_okay=False))
LINK_TYPES = click.Choice(["supports", "contradicts", "qualifies", "cites"],
                          case_sensitive=False)


def _page_index(page: int) -> int:
    if page < 1:
        raise InvalidInputError(f"Page numbers start at 1 (got {page}).")
    return page - 1


def evidence_options(fn):
    fn = click.option("--quote", help="Verbatim text (default: the OCR words under the box).")(fn)
    fn = click.option("--bbox", help="Box x0,y0,x1,y1 in PDF points, top-left origin "
                      "(omit to point at the whole page).")(fn)
    fn = click.option("--page", type=int, required=True, help="Page number (1-based).")(fn)
    return click.option("--doc", "doc", required=True,
                        help="Document id (or a unique prefix).")(fn)


@cli.command("claim-add")
@PROJECT
@click.option("--statement", required=True, help="Your paraphrase of what is claimed.")
@evidence_options
@click.option("--claimant", multiple=True, help="Actor id of who asserts it (repeatable).")
@click.option("--about", multiple=True, help="Actor id the claim is about (repeatable).")
@click.option("--date", help="Date it refers to: 1955-12-15, 1955-12, 1955, 1955-12/1956-02.")
@click.option("--certainty", default="asserted", show_default=True,
              help="asserted, probable, possible or disputed.")
@click.option("--tag", multiple=True, help="Tag (repeatable).")
@click.option("--note", default="", help="A note for yourself or co-authors.")
@handles_errors
def claim_add(project, statement, doc, page, bbox, quote, claimant, about, date, certainty,
              tag, note):
    """Record a claim with its first evidence; print the claim id.

    Example: recto claim-add thesis.recto --statement "Soren estimated 60,000 returnees"
    --doc 3f2a9c1e --page 14 --bbox 72,300,540,340 --date 1959-02 --certainty probable
    """
    with Project.open(project) as proj:
        claim = service.create_claim(
            proj, statement, doc, _page_index(page), bbox, quote=quote, claimants=claimant,
            subjects=about, date=date, certainty=certainty, tags=tag, note=note)
    say(f"Added claim: {claim.statement}" + (f" — \"{claim.quote}\"" if claim.quote else ""))
    click.echo(claim.id)


@cli.command("claim-evidence")
@PROJECT
@click.argument("claim_id")
@evidence_options
@click.option("--link", "link_id", help="Attach the evidence to this link of the claim instead.")
@handles_errors
def claim_evidence(project, claim_id, doc, page, bbox, quote, link_id):
    """Add evidence (a region of a page) to a claim or to a link; print the evidence id.

    Example: recto claim-evidence thesis.recto 9b1c2d3e --doc 3f2a9c1e --page 15
    --bbox 72,90,540,130
    """
    with Project.open(project) as proj:
        if link_id:
            ev = service.add_link_evidence(proj, link_id, doc, _page_index(page), bbox, quote,
                                           claim_id=claim_id)
        else:
            ev = service.add_evidence(proj, claim_id, doc, _page_index(page), bbox, quote)
        citation = evidence_citation(proj, ev)
    say(f"Added evidence: {citation}")
    click.echo(ev.id)


@cli.command("claim-link")
@PROJECT
@click.argument("claim_a")
@click.argument("link_type", metavar="TYPE", type=LINK_TYPES)
@click.argument("claim_b")
@click.option("--note", default="", help="Why the link holds.")
@handles_errors
def claim_link(project, claim_a, link_type, claim_b, note):
    """Link two claims: A supports|contradicts|qualifies|cites B; print the link id.

    Example: recto claim-link thesis.recto 9b1c2d3e contradicts 4e5f6a7b --note "figures differ"
    """
    with Project.open(project) as proj:
        link = service.link_claims(proj, claim_a, link_type, claim_b, note)
    say(f"Linked: {link.from_claim_id[:8]} {link.type.value} {link.to_claim_id[:8]}")
    click.echo(link.id)


@cli.command("claim-unlink")
@PROJECT
@click.argument("claim_a")
@click.argument("link_type", metavar="TYPE", type=LINK_TYPES)
@click.argument("claim_b")
@handles_errors
def claim_unlink(project, claim_a, link_type, claim_b):
    """Remove the link A TYPE B (and its evidence).

    Example: recto claim-unlink thesis.recto 9b1c2d3e contradicts 4e5f6a7b
    """
    with Project.open(project) as proj:
        service.unlink_claims(proj, claim_a, link_type, claim_b)
    say("Link removed.")


@cli.command("claim-edit")
@PROJECT
@click.argument("claim_id")
@click.option("--statement")
@click.option("--quote")
@click.option("--date", help="New date; an empty string removes it.")
@click.option("--certainty")
@click.option("--note")
@click.option("--tag", multiple=True, help="Replace the tags (repeatable).")
@handles_errors
def claim_edit(project, claim_id, statement, quote, date, certainty, note, tag):
    """Change a claim's fields; only the options given change.

    Example: recto claim-edit thesis.recto 9b1c2d3e --certainty disputed --date 1955-12
    """
    given = {"statement": statement, "quote": quote, "date": date, "certainty": certainty,
             "note": note, "tags": tag or None}
    with Project.open(project) as proj:
        service.update_claim(proj, claim_id, **{k: v for k, v in given.items() if v is not None})
    say("Claim updated.")


@cli.command("claim-delete")
@PROJECT
@click.argument("claim_id")
@handles_errors
def claim_delete(project, claim_id):
    """Delete a claim with its evidence and links (undo brings it all back).

    Example: recto claim-delete thesis.recto 9b1c2d3e
    """
    with Project.open(project) as proj:
        service.delete_claim(proj, claim_id)
    say("Claim deleted.")


@cli.command("claims")
@PROJECT
@click.option("--actor", help="Only claims with this actor (claimant or subject).")
@click.option("--tag", help="Only claims with this tag.")
@click.option("--doc", help="Only claims with evidence in this document.")
@json_option
@handles_errors
def claims_cmd(project, actor, tag, doc, as_json):
    """List claims by the date they refer to, with evidence, links both ways and citations.

    Example: recto claims thesis.recto --json --tag origins
    """
    with Project.open(project) as proj:
        if actor:
            store.check_actors(proj, [actor])
        found = service.list_claims(proj, actor_id=actor, tag=tag, document_id=doc)
        data = [claim_json(proj, c) for c in found]
    if as_json:
        echo_json(data)
        return
    if not data:
        say("No claims match.")
    for c in data:
        click.echo(f"{c['id'][:8]}  {c['date'] or '-':<12} {c['certainty']:<9} {c['statement']}")
        for ev in c["evidence"]:
            click.echo(f"          evidence: {ev['citation']}")
        for k in c["links"]["outgoing"]:
            click.echo(f"          {k['type']} {k['claim_id'][:8]}  {k['statement']}")
        for k in c["links"]["incoming"]:
            click.echo(f"          <- {k['type']} by {k['claim_id'][:8]}  {k['statement']}")


@cli.command("cite")
@PROJECT
@click.argument("claim_ids", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "csl-json"]), default="text",
              show_default=True)
@handles_errors
def cite(project, claim_ids, fmt):
    """Print the citation of claims' evidence, as text or CSL-JSON (for Zotero).

    CSL-JSON is {"items": [...], "citationItems": [...]}: each document once, and one
    citation item per claim and page with the printed page as its locator.

    Example: recto cite thesis.recto 9b1c2d3e 4c5d6e7f --format csl-json
    """
    with Project.open(project) as proj:
        claims = [service.get_claim(proj, c) for c in claim_ids]
        if fmt == "csl-json":
            echo_json(claims_csl(proj, claims))
            return
        text = "\n".join(t for t in (claim_citation(proj, c) for c in claims) if t)
    if not text:
        say("This claim has no evidence yet, so there is nothing to cite.")
        return
    click.echo(text)


def claim_json(project: Project, claim: ClaimRecord) -> dict:
    names = store.actor_names(project, (*claim.claimants, *claim.subjects))
    return {
        "id": claim.id, "statement": claim.statement, "quote": claim.quote,
        "date": claim.date_text, "date_start": claim.date_start, "date_end": claim.date_end,
        "certainty": claim.certainty.value, "note": claim.note, "tags": list(claim.tags),
        "claimants": [{"id": a, "name": names.get(a, "")} for a in claim.claimants],
        "subjects": [{"id": a, "name": names.get(a, "")} for a in claim.subjects],
        "citation": claim_citation(project, claim),
        "evidence": [evidence_json(project, ev) for ev in claim.evidence],
        "links": {"outgoing": [link_json(project, k, k.to_claim_id) for k in claim.links],
                  "incoming": [link_json(project, k, k.from_claim_id) for k in claim.incoming]},
        "author": claim.author, "created_at": claim.created_at, "modified_at": claim.modified_at,
    }


def evidence_json(project: Project, ev) -> dict:
    a = ev.anchor
    return {"id": ev.id, "document_id": a.document_id,
            "document_title": doc_store.get_document(project, a.document_id).title,
            "page": a.page_index + 1, "bbox": a.bbox.as_list() if a.bbox else None,
            "word_start": a.word_start, "word_end": a.word_end, "quote": ev.quote,
            "citation": evidence_citation(project, ev)}


def link_json(project: Project, link: ClaimLink, other_id: str) -> dict:
    """`claim_id` is the claim at the other end of the link (stored links carry evidence)."""
    return {"id": link.id, "type": link.type.value, "from": link.from_claim_id,
            "to": link.to_claim_id, "claim_id": other_id,
            "statement": store.get_claim_row(project, other_id)["statement"], "note": link.note,
            "evidence": [evidence_json(project, ev)
                         for ev in (link.evidence if isinstance(link, LinkRecord) else ())]}
