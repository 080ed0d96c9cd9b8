"""Claims from the command line: the real `recto` script for the main flow, click's
CliRunner (same commands, in process) for the many ways input can be wrong."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from recto.annotations.project import Project
from recto.app.cli import cli
from tests.claims_fixtures import (
    CIB_MUNITIONS_QUOTE,
    CIB_PETROLEUM_QUOTE,
    CIB_REF,
    COURT_BOARD_QUOTE,
    counts,
    make_sample,
)
from tests.cli_runner import recto

MUNITIONS, PETROLEUM, BOARD = "105,125,340,150", "105,315,482,340", "70,60,306,85"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "thesis.recto"
    s = make_sample(path)
    s.project.close()
    s.path = path
    return s


def _claims(path) -> dict:
    return {c["id"]: c for c in json.loads(recto("claims", path, "--json").stdout)}


@pytest.mark.slow
def test_claim_flow_through_the_real_script(sample):
    p = sample.path
    out = recto("claim-add", p, "--statement", "Soviet munitions output rose", "--doc",
                sample.cib[:8], "--page", 1, "--bbox", MUNITIONS, "--claimant", sample.cia,
                "--about", sample.soviet, "--date", "1951-03", "--certainty", "probable",
                "--tag", "economy")
    a = out.stdout.strip()
    assert len(a) == 36 and "\n" not in a and CIB_MUNITIONS_QUOTE in out.stderr
    b = recto("claim-add", p, "--statement", "Board approved the fee", "--doc", sample.court,
              "--page", 1, "--bbox", BOARD, "--date", "1955-12-15").stdout.strip()
    ev = recto("claim-evidence", p, a[:8], "--doc", sample.court, "--page", 1,
               "--bbox", BOARD).stdout.strip()
    sup = recto("claim-link", p, a, "supports", b, "--note", "same board").stdout.strip()
    con = recto("claim-link", p, b[:8], "contradicts", a[:8]).stdout.strip()
    assert len({a, b, ev, sup, con}) == 5

    claims = _claims(p)
    assert list(claims) == [a, b]  # 1951 before 1955
    ca, cb = claims[a], claims[b]
    assert ca["quote"] == CIB_MUNITIONS_QUOTE and cb["quote"] == COURT_BOARD_QUOTE
    assert (ca["date"], ca["date_start"], ca["date_end"]) == ("1951-03", "1951-03-01",
                                                             "1951-03-31")
    assert ca["claimants"] == [{"id": sample.cia, "name": "Central Intelligence Agency"}]
    assert ca["subjects"][0]["name"] == "Soviet Union" and ca["tags"] == ["economy"]
    assert [(e["page"], e["quote"], e["citation"]) for e in ca["evidence"]] == [
        (1, CIB_MUNITIONS_QUOTE, f"{CIB_REF}, p. 1"),
        (1, COURT_BOARD_QUOTE, "Court filing 630649-326, p. 1")]
    assert ca["citation"] == f"{CIB_REF}, p. 1; Court filing 630649-326, p. 1"
    assert [(k["id"], k["type"], k["claim_id"], k["note"]) for k in ca["links"]["outgoing"]] == [
        (sup, "supports", b, "same board")]
    assert [(k["id"], k["type"], k["claim_id"]) for k in ca["links"]["incoming"]] == [
        (con, "contradicts", b)]
    assert [k["id"] for k in cb["links"]["incoming"]] == [sup]
    assert [k["id"] for k in cb["links"]["outgoing"]] == [con]

    assert recto("cite", p, a).stdout.strip() == ca["citation"]
    csl = json.loads(recto("cite", p, a, "--format", "csl-json").stdout)
    assert [i["type"] for i in csl["items"]] == ["manuscript", "manuscript"]
    assert csl["items"][0]["archive"] == "CIA CREST"
    assert "issued" not in csl["items"][0]  # the claim's date is not the document's
    assert [c["locator"] for c in csl["citationItems"]] == ["1", "1"]

    filtered = json.loads(recto("claims", p, "--json", "--actor", sample.cia).stdout)
    assert [c["id"] for c in filtered] == [a]
    assert json.loads(recto("claims", p, "--json", "--tag", "economy").stdout)[0]["id"] == a
    assert recto("claims", p, "--json", "--tag", "nothing").stdout.strip() == "[]"

    # each step undoes from the command line, newest first
    for label, check in [
            ("Link claims (contradicts)", lambda c: c[a]["links"]["incoming"] == []),
            ("Link claims (supports)", lambda c: c[b]["links"]["incoming"] == []),
            ("Add evidence", lambda c: len(c[a]["evidence"]) == 1),
            ("Add claim", lambda c: b not in c),
            ("Add claim", lambda c: c == {})]:
        assert f"Undid: {label}" in recto("undo", p).stderr
        assert check(_claims(p)), label
    assert "Redid: Add claim" in recto("redo", p).stderr
    assert list(_claims(p)) == [a]


def test_text_listing_shows_links_both_ways(sample):
    p = sample.path
    a = run("claim-add", p, "--statement", "Munitions", "--doc", sample.cib, "--page", 1,
            "--bbox", MUNITIONS).stdout.strip()
    b = run("claim-add", p, "--statement", "Petroleum", "--doc", sample.cib, "--page", 1,
            "--bbox", PETROLEUM, "--quote", "typed quote").stdout.strip()
    assert run("claim-link", p, a, "qualifies", b).exit_code == 0
    listing = run("claims", p).stdout
    assert f"qualifies {b[:8]}  Petroleum" in listing
    assert f"<- qualifies by {a[:8]}  Munitions" in listing
    shown = json.loads(run("claims", p, "--json").stdout)
    assert shown[1]["quote"] == "typed quote" != CIB_PETROLEUM_QUOTE


def test_edit_unlink_delete_and_link_evidence(sample):
    p = sample.path
    a = run("claim-add", p, "--statement", "A", "--doc", sample.cib, "--page", 1,
            "--bbox", MUNITIONS).stdout.strip()
    b = run("claim-add", p, "--statement", "B", "--doc", sample.court, "--page", 1,
            "--bbox", BOARD).stdout.strip()
    link = run("claim-link", p, a, "cites", b).stdout.strip()
    ev = run("claim-evidence", p, b, "--link", link[:8], "--doc", sample.cib, "--page", 1,
             "--bbox", PETROLEUM)
    assert ev.exit_code == 0, ev.stderr
    shown = {c["id"]: c for c in json.loads(run("claims", p, "--json").stdout)}
    assert shown[b]["links"]["incoming"][0]["evidence"][0]["quote"] == CIB_PETROLEUM_QUOTE
    assert run("claim-edit", p, a, "--certainty", "disputed", "--date", "1955").exit_code == 0
    assert run("claim-unlink", p, a, "cites", b).exit_code == 0
    assert run("claim-delete", p, b).exit_code == 0
    (only,) = json.loads(run("claims", p, "--json").stdout)
    assert (only["id"], only["certainty"], only["date"]) == (a, "disputed", "1955")
    assert only["links"] == {"outgoing": [], "incoming": []}
    assert run("undo", p).exit_code == 0  # brings b back
    assert len(json.loads(run("claims", p, "--json").stdout)) == 2


@pytest.mark.parametrize("args, code, words", [
    (["--date", "mid-December 1955"], 1, "is not a date Recto understands"),
    (["--page", "2"], 1, "has no page 2 (it has 1 page)"),
    (["--page", "0"], 1, "Page numbers start at 1"),
    (["--bbox", "100,100,700,200"], 1, "lies outside page 1"),
    (["--claimant", "no-such-actor"], 5, "No actor with id no-such-actor"),
    (["--about", "ghost"], 5, "No actor with id ghost"),
    (["--certainty", "certain"], 1, "is not a certainty"),
])
def test_claim_add_refuses_bad_input_and_writes_nothing(sample, args, code, words):
    base = {"--statement": "S", "--doc": sample.cib, "--page": "1", "--bbox": MUNITIONS}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    before = _counts(sample.path)
    result = run("claim-add", sample.path, *[x for kv in base.items() for x in kv])
    assert result.exit_code == code, result.output
    assert words in result.stderr and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert _counts(sample.path) == before


def test_link_and_evidence_errors(sample):
    p = sample.path
    a = run("claim-add", p, "--statement", "A", "--doc", sample.cib, "--page", 1,
            "--bbox", MUNITIONS).stdout.strip()
    b = run("claim-add", p, "--statement", "B", "--doc", sample.court, "--page", 1,
            "--bbox", BOARD).stdout.strip()
    assert run("claim-link", p, a, "supports", b).exit_code == 0
    before = _counts(p)
    for args, words in [
            (("claim-link", p, a, "supports", a), "cannot be linked to itself"),
            (("claim-link", p, a, "supports", b), "already supports"),
            (("claim-link", p, a, "supports", "ffffffff"), "No claim with id ffffffff"),
            (("claim-evidence", p, a, "--doc", sample.court, "--page", 3, "--bbox", BOARD),
             "has no page 3"),
            (("claim-evidence", p, a, "--doc", sample.court, "--page", 1, "--bbox", "1,2"),
             "is not a box"),
            (("claim-evidence", p, a, "--doc", "zzzz", "--page", 1, "--bbox", BOARD),
             "No document with id zzzz"),
            (("claim-unlink", p, a, "contradicts", b), "has no \"contradicts\" link"),
            (("claims", p, "--actor", "nobody"), "No actor with id nobody")]:
        result = run(*args)
        assert result.exit_code != 0 and words in result.stderr, (args, result.stderr)
    assert _counts(p) == before
    bad_type = run("claim-link", p, a, "refutes", b)
    assert bad_type.exit_code == 2 and "refutes" in bad_type.stderr


def _counts(path) -> dict:
    with Project.open(path) as proj:
        return counts(proj)
