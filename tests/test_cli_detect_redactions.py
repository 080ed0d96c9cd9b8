"""`recto detect-redactions` through click's runner, on real scans and broken inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pymupdf
from click.testing import CliRunner

from recto.app.cli import cli
from recto.app.errors import ExitCode

SCANS = Path(__file__).parent / "data" / "scans"


def _run(*args: str):
    return CliRunner().invoke(cli, ["detect-redactions", *args])


def test_json_lists_boxes_with_1_based_pages_and_codes():
    result = _run(str(SCANS / "cib_02733122_p2.pdf"), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 7
    assert {r["page"] for r in rows} == {1}
    assert {r["style"] for r in rows} == {"outline_box"}
    assert {r["code"] for r in rows} == {"3.3(h)(2)", "3.5(c)"}
    first = rows[0]
    assert set(first) == {"page", "bbox", "style", "code", "confidence", "text_recoverable"}
    assert not any(r["text_recoverable"] for r in rows)
    assert all(round(v, 1) == v for v in first["bbox"])
    assert first["bbox"][0] < first["bbox"][2] and first["bbox"][1] < first["bbox"][3]
    assert 0 <= first["confidence"] <= 1


def test_table_output_for_people():
    result = _run(str(SCANS / "court_cacd_630649_326_p20.pdf"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["page", "x0"]
    assert len(lines) == 1 + 11 and all("black_box" in line for line in lines[1:])
    assert "11 redaction(s) on 1 page(s)." in result.stderr


def test_plain_page_gives_an_empty_list():
    result = _run(str(SCANS / "pdb_0006466926_p14_plain.pdf"), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_missing_file(tmp_path):
    result = _run(str(tmp_path / "nope.pdf"))
    assert result.exit_code == ExitCode.INPUT_FILE
    assert result.stderr.startswith("Error: ") and "does not exist" in result.stderr


def test_not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes\n")
    result = _run(str(path), "--json")
    assert result.exit_code == ExitCode.INPUT_FILE and "not a PDF" in result.stderr
    assert result.stdout == ""


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "secret")
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    result = _run(str(path))
    assert result.exit_code == ExitCode.INPUT_FILE and "password" in result.stderr


def test_a_missing_project_is_a_sentence_not_a_traceback(tmp_path):
    result = _run(str(tmp_path / "study.recto"))
    assert result.exit_code == ExitCode.PROJECT and "There is no project" in result.stderr
