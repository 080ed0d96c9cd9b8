"""150 real hostile PDFs (pdf.js's and qpdf's regression corpora, tests/data/hostile/)
through add, OCR of page 1 and redaction detection (first pages), two at a time, each in a worker
with a memory limit and a time limit: every file is processed, or refused (or has a
page skipped) with one sentence, never MuPDF's "code=..." or a traceback, and the
project passes PRAGMA integrity_check after every file.
bench/fuzz_inputs.py --hostile reports the same corpus beside its own mutations."""
from __future__ import annotations

import pytest

from tests.hostile_harness import CORPUS, run_corpus, sentence_problem

pytestmark = pytest.mark.slow  # a campaign or real-script flow: scripts/test.sh --fast skips it

FILES = sorted(CORPUS.glob("*.pdf"))
TIMEOUT_S = 60.0


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if len(FILES) < 150:
        pytest.skip(f"the hostile corpus is missing from {CORPUS} (see its README)")
    result = run_corpus(tmp_path_factory.mktemp("hostile"), FILES, workers=2,
                        timeout=TIMEOUT_S)
    print("\n" + result.text())
    return result


def test_every_file_is_processed_or_refused_with_one_sentence(report):
    assert len(report.outcomes) == len(FILES) >= 150
    assert not report.findings(), report.text()
    for o in report.outcomes:
        assert not sentence_problem(o.message) or o.outcome == "ok" and not o.message, o


def test_the_corpus_really_is_hostile_and_mostly_usable(report):
    counts = report.counts()
    # some are refused (no pages, not a PDF, unreadable), most get in and are analysed
    assert counts["rejected"] >= 5 and counts["ok"] >= 120, report.text()
    # every file that got in went through detection too (none is skipped any more)
    assert {o.stage for o in report.outcomes if o.outcome == "ok"} == {"detect"}


def test_every_project_stays_sound(report):
    assert report.project_check == "ok", report.text()
    assert report.documents_in_project == report.documents_added >= 120


def test_raw_mupdf_text_is_not_one_sentence():
    """The check above can fail: MuPDF's own wording and tracebacks are caught."""
    assert sentence_problem("code=4: too many color components (536870913 > 32)")
    assert sentence_problem("Traceback (most recent call last):\n  File ...")
    assert sentence_problem("RuntimeError: cannot find page")
    assert not sentence_problem("Page 1 could not be drawn: the file is damaged "
                                "(too many color components (536870913 > 32)).")
