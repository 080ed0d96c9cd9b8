"""The actor commands as a script sees them: the real `recto` console script."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from recto.annotations.project import Project
from tests.actor_corpus import EXPECTED, build_project
from tests.cli_runner import recto as run_recto

pytestmark = pytest.mark.slow  # a campaign or real-script flow: scripts/test.sh --fast skips it


def recto(*args, code: int = 0) -> subprocess.CompletedProcess:
    out = run_recto(*args, check=False)
    assert out.returncode == code, f"recto {args} -> {out.returncode}: {out.stderr}"
    return out


def as_json(*args):
    return json.loads(recto(*args, "--json").stdout)


@pytest.fixture
def proj(tmp_path) -> tuple[Path, str]:
    path = tmp_path / "thesis.recto"
    with Project.open(path, create=True) as project:
        doc = build_project(project, tmp_path)
    return path, doc.id


def test_actor_add_prints_only_the_id_and_actors_lists_aliases(proj):
    path, _ = proj
    out = recto("actor-add", path, "Sōren", "--type", "organisation", "--alias", "総連@ja",
                "--alias", "총련@ko", "--alias", "Chongryun@ko-Latn")
    actor_id = out.stdout.strip()
    assert len(actor_id) == 36 and "\n" not in actor_id and "Added" in out.stderr
    (actor,) = as_json("actors", path)
    assert actor["id"] == actor_id and actor["type"] == "organisation"
    assert [(a["alias"], a["lang"]) for a in actor["aliases"]] == [
        ("総連", "ja"), ("총련", "ko"), ("Chongryun", "ko-Latn")]
    assert actor["mentions"] == {"suggested": 0, "confirmed": 0, "rejected": 0}


def test_bad_input_is_refused_with_one_sentence_and_nothing_written(proj):
    path, _ = proj
    out = recto("actor-add", path, "Sōren", "--alias", "総連", "--alias", "総連", code=1)
    assert out.stdout == "" and "already has the alias" in out.stderr
    out = recto("actor-add", path, "Sōren", "--alias", "  ", code=1)
    assert "cannot be empty" in out.stderr
    assert as_json("actors", path) == []
    out = recto("actor-merge", path, "nope", "nada", code=5)
    assert "No actor with id nope" in out.stderr
    out = recto("mention-accept", path, "--all", code=1)
    assert "--all needs --actor" in out.stderr


def test_one_letter_alias_warns_on_stderr_but_is_kept(proj):
    path, _ = proj
    out = recto("actor-add", path, "Kim Il-sung", "--alias", "K")
    assert "Warning:" in out.stderr and "single letter" in out.stderr
    assert len(out.stdout.strip()) == 36


def test_suggest_accept_reject_and_list_by_status(proj):
    path, doc_id = proj
    soren = recto("actor-add", path, "Sōren", "--type", "organisation", "--alias", "総連@ja",
                  "--alias", "총련@ko", "--alias", "Chongryun@ko-Latn", "--alias", "ソウレン@ja",
                  "--alias", "General Association of Korean Residents in Japan@en",
                  "--alias", "在日本朝鮮人総聯合会@ja").stdout.strip()
    omura = recto("actor-add", path, "Ōmura", "--type", "place", "--alias", "大村@ja",
                  "--alias", "오무라@ko", "--alias", "Omura").stdout.strip()
    found = as_json("suggest-mentions", path)
    assert len(found) == len(EXPECTED["Sōren"]) + len(EXPECTED["Ōmura"])
    first = found[0]
    assert set(first) >= {"id", "actor_id", "document_id", "page", "text", "bbox"}
    assert first["document_id"] == doc_id and len(first["bbox"]) == 4
    assert {f["page"] for f in found} == {1, 2}
    assert as_json("suggest-mentions", path) == []  # nothing new the second time
    ids = [f["id"] for f in found if f["actor_id"] == omura]
    recto("mention-reject", path, ids[0], ids[1])
    recto("mention-accept", path, "--all", "--actor", omura[:8])
    confirmed = as_json("mentions", path, "--actor", omura, "--status", "confirmed")
    assert sorted(m["id"] for m in confirmed) == sorted(ids[2:])
    rejected = as_json("mentions", path, "--status", "rejected")
    assert [m["id"] for m in rejected] == [ids[0], ids[1]] or \
        sorted(m["id"] for m in rejected) == sorted(ids[:2])
    listed = as_json("actors", path)
    counts = {a["name"]: a["mentions"] for a in listed}
    assert counts["Ōmura"] == {"suggested": 0, "confirmed": len(ids) - 2, "rejected": 2}
    assert counts["Sōren"]["suggested"] == len(EXPECTED["Sōren"])
    view = as_json("actor-show", path, soren)
    assert view["cooccurring"][0]["name"] == "Ōmura"
    assert view["documents"][0]["suggested"] == len(EXPECTED["Sōren"])


def test_merge_then_undo_then_redo_through_the_cli(proj):
    path, doc_id = proj
    keep = recto("actor-add", path, "Sōren", "--alias", "総連@ja").stdout.strip()
    gone = recto("actor-add", path, "Chongryun", "--alias", "총련@ko").stdout.strip()
    recto("suggest-mentions", path)
    before = {m["id"]: m["actor_id"] for m in as_json("mentions", path)}
    out = recto("actor-merge", path, keep, gone)
    assert out.stdout.strip() == keep and "Merged" in out.stderr
    (merged,) = as_json("actors", path)
    assert sorted(a["alias"] for a in merged["aliases"]) == sorted(["Chongryun", "총련", "総連"])
    assert {m["actor_id"] for m in as_json("mentions", path)} == {keep}
    assert "Undid: Merge Chongryun into Sōren" in recto("undo", path).stderr
    assert {m["id"]: m["actor_id"] for m in as_json("mentions", path)} == before
    assert len(as_json("actors", path)) == 2
    recto("redo", path)
    assert len(as_json("actors", path)) == 1


def test_split_and_manual_mention_through_the_cli(proj):
    path, doc_id = proj
    lee = recto("actor-add", path, "Lee", "--alias", "LEE").stdout.strip()
    recto("suggest-mentions", path, "--actor", lee)
    mentions = as_json("mentions", path, "--actor", lee)
    assert len(mentions) == 4
    out = recto("actor-split", path, lee, mentions[1]["id"], "--name", "Lee Kang-hoon")
    new = out.stdout.strip()
    assert [m["id"] for m in as_json("mentions", path, "--actor", new)] == [mentions[1]["id"]]
    assert len(as_json("mentions", path, "--actor", lee)) == 3
    tagged = recto("mention-add", path, new, doc_id, "2", "--words", "33-35").stdout.strip()
    (m,) = [x for x in as_json("mentions", path, "--actor", new) if x["id"] == tagged]
    assert (m["page"], m["text"], m["status"], m["origin"]) == (
        2, "Kim Il Sung", "confirmed", "manual")
    out = recto("mention-add", path, new, doc_id, "3", "--words", "1-2", code=1)
    assert "not page 3" in out.stderr
    recto("undo", path)
    recto("undo", path)
    assert len(as_json("mentions", path, "--actor", lee)) == 4
