"""600 malformed, truncated and mutated PDFs (from sample_scans/, seeded) through
import, rendering, redaction detection (1 in 5) and OCR (1 in 100), each in a
watched worker process: every failure is a RectoError with a one-line message,
nothing crashes or overruns its timeout, and the shared project stays sound.
bench/fuzz_inputs.py runs the same with thousands of cases."""
from __future__ import annotations

import pytest

from tests.fuzz_harness import run_fuzz
from tests.fuzz_pdfs import MUTATIONS, Mutator, seed_files

pytestmark = pytest.mark.slow

CASES, SEED = 600, 1


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = run_fuzz(tmp_path_factory.mktemp("fuzz"), CASES, SEED, timeout=30)
    print("\n" + result.text())
    return result


def test_every_case_ends_in_a_result_or_a_clear_error(report):
    counts = report.counts()
    assert len(report.outcomes) == CASES >= 500
    assert not report.findings(), report.text()
    # the mutations really break files, and intact-enough ones still get in
    assert counts["rejected"] >= CASES // 10 and counts["ok"] >= CASES // 10, report.text()


def test_every_stage_was_exercised(report):
    stages = {o.stage for o in report.outcomes}
    assert {"render", "detect", "ocr"} <= stages, report.text()


def test_the_shared_project_is_never_damaged(report):
    assert report.project_check == "ok", report.text()
    assert report.documents_in_project == report.documents_added > 0


def test_mutator_is_seeded_and_uses_every_mutation(tmp_path):
    seeds = seed_files(tmp_path)
    a, b = Mutator(seeds, 5), Mutator(seeds, 5)
    assert [a.case(i).data for i in range(20)] == [b.case(i).data for i in range(20)]
    labels = "+".join(a.case(i).label for i in range(300))
    assert all(m.__name__ in labels for m in MUTATIONS)
