"""Redaction commands through click's runner on a real project with real scans."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from recto.app.cli import cli
from recto.app.errors import ExitCode
from tests.conftest import SCANS


def _run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def proj(tmp_path):
    """A project file holding two real scans; returns (path, cib_id, court_id)."""
    path = tmp_path / "study.recto"
    ids = []
    for name in ("cib_02733122_p2.pdf", "court_cacd_630649_326_p20.pdf"):
        shutil.copy(SCANS / name, tmp_path / name)
        result = _run("add", path, tmp_path / name)
        assert result.exit_code == 0, result.output
        ids.append(result.stdout.strip())
    return path, *ids


def _listing(path, *extra):
    result = _run("redactions", path, "--json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_detect_into_project_then_rerun_adds_nothing(proj):
    path, cib, court = proj
    result = _run("detect-redactions", path)
    assert result.exit_code == 0, result.stderr
    assert "Detecting: 2/2" in result.stderr
    assert "7 new suggestion(s)" in result.stderr and "11 new suggestion(s)" in result.stderr
    rows = _listing(path)
    assert len(rows) == 18
    first = rows[0]
    assert set(first) >= {"id", "document_id", "page", "bbox", "style", "code", "codes",
                          "status", "origin", "confidence", "extent"}
    assert first["page"] == 1 and first["status"] == "suggested" and first["origin"] == "detected"
    again = _run("detect-redactions", path, cib[:8], "--json")
    assert again.exit_code == 0
    assert [(r["added"], r["duplicates"]) for r in json.loads(again.stdout)] == [(0, 7)]


def test_accept_reject_and_filter_by_status(proj):
    path, cib, court = proj
    _run("detect-redactions", path, court)
    ids = [r["id"] for r in _listing(path, "--doc", court)]
    result = _run("redaction-accept", path, ids[0], ids[1][:8])
    assert result.exit_code == 0 and "Accepted 2" in result.stderr
    result = _run("redaction-reject", path, "--doc", court, "--page", "1")
    assert result.exit_code == 0 and "Rejected 9" in result.stderr
    assert [r["id"] for r in _listing(path, "--status", "confirmed")] == ids[:2]
    assert len(_listing(path, "--status", "rejected")) == 9
    undo = _run("undo", path)
    assert "Reject 9 suggestions" in undo.stderr
    assert len(_listing(path, "--status", "suggested")) == 9


def test_accept_above_a_confidence(proj):
    path, cib, _ = proj
    _run("detect-redactions", path, cib)
    rows = _listing(path)
    high = [r for r in rows if r["confidence"] >= 0.93]
    result = _run("redaction-accept", path, "--doc", cib, "--min-confidence", "0.93")
    assert result.exit_code == 0
    assert {r["id"] for r in _listing(path, "--status", "confirmed")} == {r["id"] for r in high}


def test_add_prints_the_id_and_checks_input(proj):
    path, cib, _ = proj
    result = _run("redaction-add", path, "--doc", cib, "--page", "1", "--bbox",
                  "100,200,300,230", "--style", "outline_box", "--code", "25X1", "--note", "x")
    assert result.exit_code == 0, result.stderr
    rid = result.stdout.strip()
    [row] = _listing(path)
    assert row["id"] == rid and row["bbox"] == [100.0, 200.0, 300.0, 230.0]
    assert row["code"] == "25X1" and row["status"] == "confirmed" and row["origin"] == "manual"
    assert row["extent"]["chars"] > 0
    bad = _run("redaction-add", path, "--doc", cib, "--page", "2", "--bbox", "1,1,5,5")
    assert bad.exit_code == ExitCode.NOT_FOUND and "no page 2" in bad.stderr
    bad = _run("redaction-add", path, "--doc", cib, "--page", "1", "--bbox", "1,1,5")
    assert bad.exit_code == ExitCode.BAD_ARGS and bad.stderr.startswith("Error: ")
    bad = _run("redaction-accept", path)
    assert bad.exit_code == ExitCode.BAD_ARGS
    bad = _run("redaction-accept", path, "nosuchid")
    assert bad.exit_code == ExitCode.NOT_FOUND


def test_stats_json_and_text(proj):
    path, cib, court = proj
    _run("detect-redactions", path)
    result = _run("redaction-stats", path, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["count"] == 18 and data["pages"] == 2 and data["redacted_pages"] == 2
    assert data["by_style"] == {"black_box": 11, "outline_box": 7}
    assert data["by_code"]["3.3(h)(2)"] == 4
    assert data["by_document"] == {court: 11, cib: 7}
    assert {p["page"] for p in data["top_pages"]} == {1}
    confirmed = json.loads(_run("redaction-stats", path, "--json", "--status",
                                "confirmed").stdout)
    assert confirmed["count"] == 0
    text = _run("redaction-stats", path, "--doc", cib)
    assert text.exit_code == 0 and "7 redaction(s) on 1 of 1 page(s)" in text.stdout


def test_pdf_behaviour_is_kept_and_ids_need_a_project(proj, tmp_path):
    result = _run("detect-redactions", SCANS / "cib_02733122_p2.pdf", "--json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 7
    result = _run("detect-redactions", SCANS / "cib_02733122_p2.pdf", "abc")
    assert result.exit_code == ExitCode.BAD_ARGS
    missing = _run("detect-redactions", tmp_path / "none.recto")
    assert missing.exit_code == ExitCode.PROJECT and "no project" in missing.stderr
