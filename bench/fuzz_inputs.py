"""Fuzz Recto's PDF intake: thousands of seeded, mutated sample scans through import,
rendering, redaction detection and OCR; prints counts per outcome and every finding.

Usage: .venv/bin/python bench/fuzz_inputs.py [--cases 5000] [--seed 1] [--timeout 20]
       [--detect-every 5] [--ocr-every 100] [--keep DIR] [--hostile [DIR]]
--hostile also runs the real-world corpus (tests/data/hostile/: 150 PDFs from pdf.js's
and qpdf's test suites) through add, OCR of page 1 and detection, two files at a time,
and reports it beside the mutations (--cases 0: the corpus alone).
Outcomes: ok, rejected (a clear RectoError at import), failed_later (imported, then a
RectoError while drawing, detecting or reading), and the findings: unexpected
(another exception type), bad_message, hang (over the per-case timeout), crash.
Exits 1 on any finding or if the shared project was damaged.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz_harness import run_fuzz  # noqa: E402
from tests.hostile_harness import CORPUS, run_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="Seconds per case.")
    parser.add_argument("--detect-every", type=int, default=5)
    parser.add_argument("--ocr-every", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep the cases.")
    parser.add_argument("--hostile", type=Path, nargs="?", const=CORPUS,
                        help="Also run the hostile corpus (default tests/data/hostile).")
    args = parser.parse_args()
    started = time.monotonic()

    def show(o) -> None:
        if o.index % 250 == 0 or o.outcome not in ("ok", "rejected", "failed_later"):
            print(f"{time.monotonic() - started:7.1f}s case {o.index} [{o.label}] "
                  f"{o.outcome} {o.error}", flush=True)

    reports = []
    with tempfile.TemporaryDirectory(prefix="recto-fuzz-") as tmp:
        if args.cases:
            report = run_fuzz(args.keep or Path(tmp), args.cases, args.seed, args.detect_every,
                              args.ocr_every, args.timeout, progress=show)
            print("mutations:", report.text())
            reports.append(report)
        if args.hostile:
            files = sorted(args.hostile.glob("*.pdf"))
            report = run_corpus((args.keep or Path(tmp)) / "hostile", files,
                                timeout=3 * args.timeout, progress=show)
            print(f"hostile corpus ({args.hostile}):", report.text())
            reports.append(report)
    return 1 if any(r.findings() or r.project_check != "ok" for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
