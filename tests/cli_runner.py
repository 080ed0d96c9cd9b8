"""Run the real `recto` console script in a subprocess, as a shell script would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RECTO = str(Path(sys.executable).with_name("recto"))


def recto_env() -> dict[str, str]:
    env = {**os.environ, "RECTO_AUTHOR": "tester"}
    env.pop("DISPLAY", None)
    return env


def recto(*args, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    out = subprocess.run([RECTO, *map(str, args)], capture_output=True, text=True,
                         timeout=timeout, env=recto_env())
    if check and out.returncode != 0:
        raise AssertionError(f"recto {args} failed ({out.returncode}): {out.stderr}")
    return out
