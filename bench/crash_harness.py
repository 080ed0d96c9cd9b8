"""Crash-safety campaign: SIGKILL Recto at seeded random moments, many times, and report.

Usage: .venv/bin/python bench/crash_harness.py [--trials 200] [--seed 1] [--keep DIR]
Trials are split over the scenarios (editing in a long-running process, the CLI, the
desktop app, OCR, redaction detection, export) in the proportions below; prints one
line per trial and the table of kills, confirmed edits, losses and damaged projects.
Exits 1 if a confirmed edit was lost, a project damaged, a re-run failed, or a
process died on its own before the kill.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.crash_harness import run_campaign  # noqa: E402

SHARE = {"edit": 0.55, "cli": 0.1, "gui": 0.1, "ocr": 0.08, "detect": 0.08, "export": 0.09}


def plan_for(trials: int) -> dict[str, int]:
    plan = {name: max(1, round(trials * share)) for name, share in SHARE.items()}
    plan["edit"] += trials - sum(plan.values())
    return plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it.")
    args = parser.parse_args()
    plan = plan_for(args.trials)
    print(f"plan: {plan} (seed {args.seed})", flush=True)
    started = time.monotonic()

    def show(t) -> None:
        print(f"{time.monotonic() - started:7.1f}s {t.scenario:7} seed {t.seed:<7} "
              f"killed={t.killed!s:5} confirmed={t.confirmed:<4} lost={len(t.lost)} "
              f"damage={t.damage} resumed={t.resumed} {t.crashed_alone or ''}", flush=True)

    with tempfile.TemporaryDirectory(prefix="recto-crash-") as tmp:
        folder = args.keep or Path(tmp)
        report = run_campaign(folder, plan, args.seed, progress=show)
    print(report.text())
    bad = report.lost or report.damaged or report.not_resumed or report.crashed_alone
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
