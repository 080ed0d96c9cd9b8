"""Helper processes started and stopped the same way on every platform.

Recto's workers and its drawing helper come from a forkserver where there is one (Linux,
macOS): they never inherit the project's lock, sqlite handles or Qt, and start fast.
Windows has only `spawn`, which gives the same isolation, slower. Process groups (one kill
for a worker and its Tesseract) exist only on POSIX; elsewhere the worker alone is killed.
`RECTO_SPAWN=1` takes the portable path on Linux too, so tests run it.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ForkServerContext exists only on POSIX
    from multiprocessing.context import ForkServerContext, SpawnContext

KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


def process_context(preload: Sequence[str] = ()) -> ForkServerContext | SpawnContext:
    if "forkserver" in multiprocessing.get_all_start_methods() and not os.environ.get(
            "RECTO_SPAWN"):
        ctx: ForkServerContext = multiprocessing.get_context("forkserver")
        if preload:
            ctx.set_forkserver_preload(list(preload))
        return ctx
    spawn: SpawnContext = multiprocessing.get_context("spawn")
    return spawn


def script_hint() -> str:
    """A sentence for an error where a helper process stopped as it started, when a script
    of someone's own is the main program: each helper (spawn or forkserver) runs that
    script's top level again, and there starting Recto's helpers stops it (Python's
    "bootstrapping phase" error). Empty when Recto's own app or CLI is the main program:
    a module of its package, or the `recto` console script wherever pip put it."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if (not path or Path(path).name == "recto"
            or Path(path).resolve().is_relative_to(Path(__file__).resolve().parents[1])):
        return ""
    return (f" If {Path(path).name} is a script of your own, put its code under "
            "`if __name__ == \"__main__\":` (each of Recto's helper processes runs the "
            "script again as it starts).")


def kill_group(pid: int) -> None:
    """Kill the process group led by `pid` (the process alone where there are no groups)."""
    if hasattr(os, "killpg"):
        os.killpg(pid, KILL)
    else:
        os.kill(pid, KILL)


def kill_own_group() -> None:
    if hasattr(os, "killpg"):
        os.killpg(os.getpgid(0), KILL)
    else:
        os._exit(1)


def lead_own_group_at_low_priority(niceness: int) -> None:
    """A new process group (so one kill ends this worker and its Tesseract) and a lower
    priority than the window; each only where the platform has it."""
    try:
        if hasattr(os, "setpgid"):
            os.setpgid(0, 0)
        if hasattr(os, "nice"):
            os.nice(niceness)
    except OSError:
        pass
