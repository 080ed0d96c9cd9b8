"""The `recto` command as a script sees it: the real console script in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.cli_runner import RECTO, recto  # noqa: F401


def test_add_prints_only_the_id_and_info_lists_it(tmp_path, sample_pdf):
    project = tmp_path / "thesis.recto"
    out = recto("add", project, sample_pdf, "--ref", "ICRC Archives, B AG 232 105-027")
    doc_id = out.stdout.strip()
    assert len(doc_id) == 36 and "\n" not in doc_id
    assert "Added" in out.stderr
    info = json.loads(recto("info", project, "--json").stdout)
    (doc,) = info["documents"]
    assert doc["id"] == doc_id
    assert doc["reference"] == "ICRC Archives, B AG 232 105-027"
    assert doc["page_count"] == 1 and len(doc["sha256"]) == 64
    assert set(doc) >= {"id", "sha256", "title", "path", "reference", "page_count"}


def test_adding_same_bytes_again_says_so_and_prints_existing_id(tmp_path, sample_pdf):
    project = tmp_path / "p.recto"
    first = recto("add", project, sample_pdf).stdout.strip()
    again = recto("add", project, sample_pdf)
    assert again.stdout.strip() == first
    assert "nothing changed" in again.stderr


@pytest.mark.slow
def test_undo_and_redo_from_the_command_line(tmp_path, sample_pdf):
    project = tmp_path / "p.recto"
    recto("add", project, sample_pdf)
    assert "Undid: Add document" in recto("undo", project).stderr
    assert json.loads(recto("info", project, "--json").stdout)["documents"] == []
    assert "Redid: Add document" in recto("redo", project).stderr
    assert len(json.loads(recto("info", project, "--json").stdout)["documents"]) == 1
    recto("undo", project)
    nothing = recto("undo", project, check=False)
    assert nothing.returncode != 0 and "nothing to undo" in nothing.stderr


@pytest.mark.parametrize("kind, words", [
    ("empty", "empty"), ("not_pdf", "not a PDF"), ("truncated", "damaged"),
    ("encrypted", "password"), ("missing", "does not exist"),
])
def test_bad_input_is_one_line_on_stderr_and_a_non_zero_exit(tmp_path, bad_pdfs, kind, words):
    project = tmp_path / "p.recto"
    out = recto("add", project, bad_pdfs[kind], check=False)
    assert out.returncode == 2
    assert out.stdout == ""
    assert words in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_project_from_a_newer_version_is_refused(tmp_path, sample_pdf):
    import sqlite3
    project = tmp_path / "p.recto"
    recto("add", project, sample_pdf)
    conn = sqlite3.connect(project)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('recto', 'm900_future', '2031')")
    conn.commit()
    conn.close()
    out = recto("info", project, check=False)
    assert out.returncode == 4 and "newer version of Recto" in out.stderr


def test_gui_without_a_screen_explains_xvfb(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([RECTO, "gui"], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2
    assert "xvfb-run" in out.stderr and "Traceback" not in out.stderr


def test_every_command_has_help_with_an_example():
    import recto.ui.launcher  # noqa: F401  (adds `gui`)
    from recto.app.cli import cli
    for name, command in cli.commands.items():
        assert "Example:" in (command.help or ""), f"`recto {name}` has no example in --help"
