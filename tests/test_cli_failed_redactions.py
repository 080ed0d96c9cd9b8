"""`recto failed-redactions` and the recoverable-text fields of `recto detect-redactions
FILE.pdf`, on PDFs built here with PyMuPDF, through the real console script."""
from __future__ import annotations

import json

import pymupdf

from recto.app.errors import ExitCode
from tests.cli_runner import recto


def _leaky_pdf(path):
    """Page 1: black text typed on a black box, and white text on white.
    Page 2: clean. Page 3: a box drawn over a name, with the label "REDACTED" on it."""
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "Meeting with", fontname="cour", fontsize=11)
        page.draw_rect(pymupdf.Rect(160, 89, 260, 104), color=None, fill=(0, 0, 0))
        page.insert_text((164, 100), "SOURCE RAVEN", fontname="cour", fontsize=11)
        page.insert_text((72, 300), "hidden keywords", fontname="helv", fontsize=11,
                         color=(1, 1, 1))
        doc.new_page(width=612, height=792).insert_text((72, 100), "Nothing to see.")
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "Agent Walter Novak", fontname="helv", fontsize=11)
        page.draw_rect(pymupdf.Rect(100, 88, 200, 104), color=None, fill=(0, 0, 0))
        page.insert_text((110, 100), "REDACTED", fontname="helv", fontsize=9,
                         color=(1, 1, 1))
        doc.save(path)


def test_failed_redactions_prints_only_the_leaks_and_exits_8(tmp_path):
    path = tmp_path / "release.pdf"
    _leaky_pdf(path)
    out = recto("failed-redactions", path, "--json", "--show-hidden", check=False)
    assert out.returncode == int(ExitCode.LEAKS) == 8
    rows = json.loads(out.stdout)
    assert [(r["page"], r["hidden_text"], r["source"]) for r in rows] == [
        (1, "SOURCE RAVEN", "drawing"), (3, "Walter Novak", "drawing")]
    assert rows[0]["bbox"] == [160.0, 89.0, 260.0, 104.0]
    assert "1 line(s) of invisible text" in out.stderr
    hidden = recto("failed-redactions", path, "--json", check=False)
    assert all("hidden_text" not in r for r in json.loads(hidden.stdout))
    table = recto("failed-redactions", path, "--pages", "3", "--show-hidden", check=False)
    assert table.returncode == 8
    assert table.stdout.splitlines()[0] == "Page 3:"
    assert "'Walter Novak'" in table.stdout and "RAVEN" not in table.stdout


def test_failed_redactions_exits_0_on_a_clean_pdf(tmp_path):
    path = tmp_path / "release.pdf"
    _leaky_pdf(path)
    out = recto("failed-redactions", path, "--pages", "2")
    assert out.stdout == "" and "No failed redactions." in out.stderr


def test_detect_redactions_on_a_file_marks_recoverable_boxes(tmp_path):
    path = tmp_path / "release.pdf"
    _leaky_pdf(path)
    rows = json.loads(recto("detect-redactions", path, "--json", "--show-hidden").stdout)
    leaks = [(r["page"], r["hidden_text"]) for r in rows if r["text_recoverable"]]
    assert leaks == [(1, "SOURCE RAVEN"), (3, "Walter Novak")]
    assert all("hidden_text" not in r for r in rows if not r["text_recoverable"])
    quiet = json.loads(recto("detect-redactions", path, "--json", "--pages", "1").stdout)
    assert [r["text_recoverable"] for r in quiet] == [True]
    assert "hidden_text" not in quiet[0]


def test_an_encrypted_pdf_gets_one_sentence(tmp_path):
    path = tmp_path / "locked.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 100), "secret")
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw")
    out = recto("failed-redactions", path, check=False)
    assert out.returncode == int(ExitCode.INPUT_FILE)
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
