"""Correcting OCR by hand on a real page read by real Tesseract: the corrected word is in
the page text and search, survives a re-OCR, is undone whole, is exported and imported,
and redaction placeholders and mention suggestions follow it."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from recto.annotations import ocr_store
from recto.annotations.model import Box, OcrWord
from recto.annotations.project import Project
from recto.annotations.word_corrections import carry, spread
from recto.app.actors.mentions import find_candidates
from recto.app.actors.service import add_actor
from recto.app.documents import add_pdf
from recto.app.errors import InvalidInputError
from recto.app.export import ExportOptions, export_annotations, import_into_path
from recto.app.ocr.engine import OcrSettings
from recto.app.ocr.pipeline import ocr_document
from recto.app.redactions.service import add_redaction
from recto.app.text.corrections import correct, line_words
from recto.app.text.search import search
from tests.cli_runner import recto
from tests.ocr_fixtures import PDB_PLAIN


@pytest.fixture(scope="module")
def read_page(tmp_path_factory):
    """A CIA President's Daily Brief page OCR'd once; each test works on a copy."""
    path = tmp_path_factory.mktemp("ocr") / "pdb.recto"
    with Project.open(path, create=True) as project:
        doc = add_pdf(project, PDB_PLAIN).document
        report = ocr_document(project, doc, OcrSettings(), None, 1)
        assert report.done == (0,)
    return path, doc


@pytest.fixture()
def page(read_page, tmp_path):
    path, doc = read_page
    copy = tmp_path / "pdb.recto"
    shutil.copy(path, copy)
    return copy, doc


def number_of(project, doc, text: str) -> int:
    words = ocr_store.current_words(project, doc.sha256, 0)
    return next(i for i, w in enumerate(words) if w.text == text)


def _hits(project, query: str):
    return search(project, query).hits


def test_a_corrected_word_is_in_page_text_and_search_and_undo_restores_the_ocr(page):
    path, doc = page
    with Project.open(path) as project:
        # Tesseract reads "demonstrations this week" as "this. week" on this page
        assert "this. week" in ocr_store.current_text(project, doc.sha256, 0).text
        n = number_of(project, doc, "this.")
        result = correct(project, doc.id, 0, [n], "this")
        assert result.changed == (n,)
        assert "demonstrations this week in Nicosia" in ocr_store.current_text(
            project, doc.sha256, 0).text
        assert [h.page_index for h in _hits(project, '"demonstrations this week"')] == [0]
        word = ocr_store.current_words(project, doc.sha256, 0)[n]
        assert (word.text, word.corrected) == ("this", True)
        assert project.undo_label() == "Correct \u201cthis.\u201d \u2192 \u201cthis\u201d"
        project.undo()
        word = ocr_store.current_words(project, doc.sha256, 0)[n]
        assert (word.text, word.corrected) == ("this.", False)
        assert "this. week" in ocr_store.current_text(project, doc.sha256, 0).text
        project.redo()
        assert _hits(project, '"demonstrations this week"')
        # search folds punctuation away ("this." finds "this"): a correction that changes
        # letters shows that search follows the corrected text, and its undo
        assert not _hits(project, "weekend")
        correct(project, doc.id, 0, [number_of(project, doc, "week")], "weekend")
        assert [h.page_index for h in _hits(project, "weekend")] == [0]
        project.undo()
        assert not _hits(project, "weekend")


def test_a_corrected_word_survives_reading_the_page_again(page):
    path, doc = page
    with Project.open(path) as project:
        n = number_of(project, doc, "Friday.")
        correct(project, doc.id, 0, [n], "Friday")
        before = ocr_store.current_words(project, doc.sha256, 0)
        report = ocr_document(project, doc, OcrSettings(), None, 1, again=True)
        assert report.done == (0,) and not report.skipped  # really read again
        after = ocr_store.current_words(project, doc.sha256, 0)
        fixed = [w for w in after if w.corrected]
        assert [w.text for w in fixed] == ["Friday"]
        assert fixed[0].bbox.iou(before[n].bbox) > 0.9
        assert "another on Friday at the US" in ocr_store.current_text(
            project, doc.sha256, 0).text
        assert _hits(project, "on Friday at the US")


def test_retyping_a_line_spreads_it_over_the_words_and_keeps_their_numbers(page):
    path, doc = page
    with Project.open(path) as project:
        words = ocr_store.current_words(project, doc.sha256, 0)
        n = number_of(project, doc, "this.")
        line = next(k for k in range(50) if n in line_words(words, k))
        numbers = line_words(words, line)
        old = " ".join(words[i].text for i in numbers)
        assert old == "number of protest demonstrations this. week in Nicosia,"
        correct(project, doc.id, 0, numbers, "number of protest demonstrations this week "
                                             "in Lefkosia,")
        after = ocr_store.current_words(project, doc.sha256, 0)
        assert len(after) == len(words)
        assert [after[i].text for i in numbers] == (
            ["number", "of", "protest", "demonstrations", "this", "week", "in", "Lefkosia,"])
        assert [i for i in numbers if after[i].corrected] == [numbers[4], numbers[7]]
        with pytest.raises(InvalidInputError, match="no word 9999"):
            correct(project, doc.id, 0, [9998], "x")


def test_placeholders_and_mention_suggestions_follow_the_corrected_text(page):
    path, doc = page
    with Project.open(path) as project:
        words = ocr_store.current_words(project, doc.sha256, 0)
        lyss = words[number_of(project, doc, "Lyssarides,")]
        add_redaction(project, doc.id, 0, lyss.bbox.as_list(), codes="(b)(1)")
        text = ocr_store.current_text(project, doc.sha256, 0).text
        assert "Lyssarides" not in text and "[REDACTED ~" in text
        placeholder = text[text.index("[REDACTED ~"):text.index("]", text.index("[REDACTED"))+1]
        add_actor(project, "Nicosia", "place", aliases=[])
        assert [c.mention.text for c in find_candidates(project)[0]] == ["Nicosia"]
        correct(project, doc.id, 0, [number_of(project, doc, "Nicosia,")], "Lefkosia,")
        text = ocr_store.current_text(project, doc.sha256, 0).text
        assert placeholder in text and "Lyssarides" not in text  # still hidden
        assert "week in Lefkosia," in text
        assert find_candidates(project)[0] == []
        add_actor(project, "Lefkosia", "place", aliases=[])
        assert [c.mention.text for c in find_candidates(project)[0]] == ["Lefkosia"]


def test_the_export_marks_corrected_words_and_sets_round_trip(page, tmp_path):
    path, doc = page
    with Project.open(path) as project:
        n = number_of(project, doc, "this.")
        correct(project, doc.id, 0, [n], "this")
        out = tmp_path / "set.db"
        export_annotations(project, out, ExportOptions(with_ocr=True))
    with sqlite3.connect(out) as conn:
        rows = conn.execute("SELECT seq, text FROM ocr_words WHERE corrected = 1").fetchall()
        assert rows == [(n, "this")]
        assert conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'"
                            ).fetchone() == ("3",)
        assert "this week" in conn.execute("SELECT text FROM pages").fetchone()[0]
    other = tmp_path / "other.recto"
    import_into_path(other, out)
    with Project.open(other) as project:
        word = ocr_store.current_words(project, doc.sha256, 0)[n]
        assert (word.text, word.corrected) == ("this", True)
    older = tmp_path / "older.db"  # a version 2 set: no corrected column
    shutil.copy(out, older)
    with sqlite3.connect(older) as conn:
        conn.execute("ALTER TABLE ocr_words DROP COLUMN corrected")
        conn.execute("UPDATE metadata SET value = '2' WHERE key = 'schema_version'")
    import_into_path(tmp_path / "third.recto", older)
    with Project.open(tmp_path / "third.recto") as project:
        words = ocr_store.current_words(project, doc.sha256, 0)
        assert words[n].text == "this" and not any(w.corrected for w in words)


@pytest.mark.slow  # eight runs of the real console script
def test_text_edit_from_the_command_line(page, tmp_path):
    path, doc = page
    listed = recto("text", path, doc.id[:8], "--page", "1", "--json").stdout
    words = json.loads(listed)
    word = next(w for w in words if w["text"] == "Friday.")
    out = recto("text-edit", path, doc.id[:8], "--page", "1", "--word", word["word_number"],
                "Friday", "--json")
    assert json.loads(out.stdout)["corrected"] == [word["word_number"]]
    assert "another on Friday at the US" in recto("text", path, doc.id[:8], "--page", "1").stdout
    line = word["line_number"]
    old = " ".join(w["text"] for w in words if w["line_number"] == line)
    assert old == "including one today and another on Friday. at the US"
    recto("text-edit", path, doc.id[:8], "--page", "1", "--line", line,
          "including one today and another on Friday at the U.S.")
    assert "Friday at the U.S." in recto("text", path, doc.id[:8], "--page", "1").stdout
    recto("undo", path)
    assert "another on Friday at the US" in recto("text", path, doc.id[:8], "--page", "1").stdout
    bad = recto("text-edit", path, doc.id[:8], "--page", "1", "x", check=False)
    assert bad.returncode != 0 and "--word N or --line N" in bad.stderr


# -- the rules, on their own -----------------------------------------------------------

def test_spread_gives_each_piece_to_the_word_at_its_place():
    assert spread(["Chalmcrs"], "Chalmers") == ["Chalmers"]
    assert spread(["The", "|", "cat"], "The cat") == ["The", "", "cat"]
    assert spread(["Chal", "mers", "said"], "Chalmers said") == ["Chalmers", "", "said"]
    assert spread(["ofthe", "week"], "of the week") == ["of the", "week"]
    assert spread(["a", "b"], "") == ["", ""]


def w(text: str, x0: float, x1: float, **kw) -> OcrWord:
    return OcrWord(text, Box(x0, 100, x1, 112), 90, 1, 1, 1, **kw)


def test_carry_matches_corrections_to_a_new_reading_by_box_overlap():
    old = [w("Chalmers", 10, 60, corrected=True), w("", 70, 74, corrected=True)]
    new = [w("Chalmcrs", 11, 61), w("|", 70, 73), w("said", 80, 100)]
    assert [(x.text, x.corrected) for x in carry(old, new)] == [
        ("Chalmers", True), ("", True), ("said", False)]
    split = [w("Chal", 10, 34), w("mcrs", 36, 61), w("said", 80, 100)]  # read as two now
    assert [(x.text, x.corrected) for x in carry(old[:1], split)] == [
        ("Chalmers", True), ("", True), ("said", False)]
    gone = carry([w("Chalmers", 300, 350, corrected=True)], new)  # nothing read there now
    assert gone[-1].text == "Chalmers" and gone[-1].block == 2  # kept, on a line of its own
