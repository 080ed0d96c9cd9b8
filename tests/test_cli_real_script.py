"""The real `recto` console script, one flow per area of the command line.

Every other CLI test runs in-process through click's CliRunner (tests/cli_runner.py); these
run the installed script in a subprocess as a shell script would, so what only a process
shows (the entry point, stdout/stderr split, exit codes, imports at start-up) stays tested.
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from tests.cli_runner import recto
from tests.conftest import SAMPLES

PDF = SAMPLES / "pdb_0006007849_p10_plain.pdf"


def run(*args, check=True):
    return recto(*args, check=check, script=True)


@pytest.mark.slow
def test_documents_ocr_and_search(tmp_path):
    project = tmp_path / "p.recto"
    doc_id = run("add", project, PDF, "--ref", "CIA FOIA, PDB").stdout.strip()
    assert len(doc_id) >= 8 and "\n" not in doc_id  # only the id on stdout
    run("ocr", project, doc_id, "--force", "--dpi", "150")
    hits = json.loads(run("search", project, "Cyprus", "--json").stdout)
    assert hits and hits[0]["document_id"] == doc_id
    assert "pdb_0006007849_p10_plain" in run("info", project).stdout


@pytest.mark.slow
def test_redactions_actors_claims_and_undo(tmp_path):
    project = tmp_path / "p.recto"
    doc_id = run("add", project, PDF).stdout.strip()
    run("redaction-add", project, "--doc", doc_id, "--page", "1", "--bbox", "60,20,300,40",
        "--code", "25X1")
    assert json.loads(run("redactions", project, "--json").stdout)[0]["codes"] == ["25X1"]
    actor = run("actor-add", project, "Makarios", "--type", "person").stdout.strip()
    run("mention-add", project, actor, doc_id, "1", "--bbox", "60,60,200,80")
    run("claim-add", project, "--statement", "Makarios was in Nicosia", "--doc", doc_id,
        "--page", "1", "--bbox", "60,60,200,80")
    assert "Makarios was in Nicosia" in run("claims", project).stdout
    run("undo", project)
    assert "Makarios was in Nicosia" not in run("claims", project).stdout


def test_export_import_and_the_errors_a_script_sees(tmp_path):
    project = tmp_path / "p.recto"
    run("add", project, PDF)
    out = tmp_path / "set.db"
    run("export", project, out)
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    run("import", tmp_path / "copy.recto", out)
    missing = run("info", tmp_path / "nowhere.recto", check=False)
    assert missing.returncode != 0 and missing.stdout == ""
    assert missing.stderr.startswith("Error: ") and "Traceback" not in missing.stderr
    usage = run("add", check=False)
    assert usage.returncode == 2 and "Usage:" in usage.stderr
    assert run("--version").stdout.startswith("recto, version ")
