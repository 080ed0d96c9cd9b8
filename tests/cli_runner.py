"""Run `recto` commands in tests: in-process through click's CliRunner (the fast tier), or as
the real console script in a subprocess, as a shell script would.

Most CLI tests check what a command does, not how a process starts, so they run in-process:
the same click group, the same error handling and exit codes, a fraction of the time. Each
area keeps real-script tests (`script=True`; `tests/test_cli_real_script.py`), and
`RECTO_TEST_CLI=script` runs every call through the real script.
"""
from __future__ import annotations

import os
import subprocess
import sys
import traceback
from pathlib import Path

from click.testing import CliRunner

RECTO = str(Path(sys.executable).with_name("recto"))


def recto_env() -> dict[str, str]:
    env = {**os.environ, "RECTO_AUTHOR": "tester"}
    env.pop("DISPLAY", None)
    return env


def recto(*args, check: bool = True, timeout: float = 300,
          script: bool = False) -> subprocess.CompletedProcess:
    argv = [str(a) for a in args]
    if script or os.environ.get("RECTO_TEST_CLI") == "script":
        out = subprocess.run([RECTO, *argv], capture_output=True, text=True,
                             timeout=timeout, env=recto_env())
    else:
        out = _in_process(argv)
    if check and out.returncode != 0:
        raise AssertionError(f"recto {args} failed ({out.returncode}): {out.stderr}")
    return out


def _in_process(argv: list[str]) -> subprocess.CompletedProcess:
    from recto.app.cli import cli
    from recto.ui import launcher  # noqa: F401  (adds `gui` to the group, as the script does)
    result = CliRunner().invoke(cli, argv, env={"RECTO_AUTHOR": "tester", "DISPLAY": None},
                                prog_name="recto", catch_exceptions=True)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # what the real script would print for an error the CLI did not turn into a sentence
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["recto", *argv], result.exit_code, result.stdout,
                                       stderr)
