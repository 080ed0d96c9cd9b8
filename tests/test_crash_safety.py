"""kill -9 at seeded random moments during editing (a long-running process, the CLI
and the desktop app), OCR, redaction detection and export: after every kill the
project opens, passes integrity_check, holds every confirmed edit, and a re-run
finishes the work. bench/crash_harness.py runs the same campaign with more trials."""
from __future__ import annotations

import pytest

from tests.crash_harness import run_campaign

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

PLAN = {"edit": 42, "gui": 2, "cli": 2, "ocr": 2, "detect": 2, "export": 2}
SEED = 8


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = run_campaign(tmp_path_factory.mktemp("crash"), PLAN, SEED)
    print("\n" + result.text())
    return result


def test_at_least_fifty_seeded_kills(report):
    assert report.kills >= 50, report.text()
    killed = {t.scenario for t in report.trials if t.killed}
    assert killed == set(PLAN) - set(report.skipped), report.text()


def test_no_confirmed_edit_is_lost(report):
    assert sum(t.confirmed for t in report.trials if t.scenario == "edit") > 100
    assert report.lost == 0, report.text()


def test_no_project_is_damaged(report):
    assert report.damaged == 0, report.text()


def test_every_interrupted_job_finishes_on_a_rerun(report):
    assert report.not_resumed == 0, report.text()


def test_nothing_died_before_it_was_killed(report):
    assert report.crashed_alone == 0, report.text()
