"""Run every benchmark in this folder, one after the other, and print their figures.

Run: .venv/bin/python bench/run_all.py [NAME ...]   (names without .py; default: all)
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = set(sys.argv[1:])
    scripts = sorted(p for p in HERE.glob("*.py")
                     if p.name != "run_all.py" and (not wanted or p.stem in wanted))
    failed = 0
    for script in scripts:
        print(f"== {script.stem} ==", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"({time.perf_counter() - start:.0f} s, exit {code})\n", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
