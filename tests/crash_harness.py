"""Crash-safety harness: run Recto in a subprocess, SIGKILL it at a seeded random
moment, then check what a historian would check after a power cut.

After every kill: the project opens (`Project.open`), `PRAGMA integrity_check` is
"ok" (and `foreign_key_check` is empty), every edit the process confirmed before
the kill is there, and a re-run finishes the interrupted work. The scenarios live
in tests/crash_scenarios.py; tests/test_crash_safety.py runs a small campaign and
bench/crash_harness.py a large one.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from recto.annotations.project import Project
from tests.crash_workers import Confirmed

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RECTO = str(Path(sys.executable).with_name("recto"))


def child_env() -> dict[str, str]:
    env = {**os.environ, "RECTO_AUTHOR": "crash-tester", "QT_QPA_PLATFORM": "offscreen",
           "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)
    return env


class Run:
    """A process under test in its own session; its output lines are collected as they come."""

    def __init__(self, args: list[str]):
        self.args = [str(a) for a in args]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=child_env(), cwd=ROOT,
                                     start_new_session=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [threading.Thread(target=self._pump, args=(s, d), daemon=True)
                         for s, d in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _pump(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def wait_for(self, ready: Callable[[Run], bool], timeout: float) -> bool:
        """Wait until `ready(self)` holds; False if the process ended or time ran out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready(self):
                return True
            if self.proc.poll() is not None:
                return ready(self)
            time.sleep(0.005)
        return False

    def kill(self) -> bool:
        """SIGKILL the process (the crash), then any children it left; True if it was running."""
        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self._end(timeout=30)
        return alive

    def finish(self, timeout: float) -> int:
        try:
            self._end(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -999
        return self.proc.returncode

    def _end(self, timeout: float) -> None:
        """Wait for the exit without reaping it, so the group id cannot have been reused,
        then end what is left of the session we started (OCR workers), by its id."""
        if self.proc.returncode is None:
            deadline = time.monotonic() + timeout
            while not _exited(self.proc.pid):
                if time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired(self.args, timeout)
                time.sleep(0.01)
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.proc.wait(timeout=30)
        for reader in self._readers:
            reader.join(timeout=10)

    @property
    def crashed_alone(self) -> str | None:
        """The first fatal line when the process died on its own (not by our kill)."""
        code = self.proc.returncode
        if code is None or code == -signal.SIGKILL or code == 0:
            return None
        fatal = [line for line in self.err if "Fatal" in line or "Error" in line]
        return f"exit {code}: {(fatal or self.err or ['no output'])[0][:200]}"


def _exited(pid: int) -> bool:
    """True once `pid` has exited (left as a zombie: waitid with WNOWAIT does not reap)."""
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    return info is not None and info.si_pid == pid


def run_to_end(args: list, timeout: float = 600) -> tuple[int, str, str]:
    run = Run(args)
    code = run.finish(timeout)
    return code, "\n".join(run.out), "\n".join(run.err)


# -- checks ---------------------------------------------------------------------------
def damage(path: Path) -> str | None:
    """None when the project opens and SQLite finds nothing wrong; else what is wrong."""
    try:
        with Project.open(path) as project:
            check = [r["integrity_check"] for r in project.query("PRAGMA integrity_check")]
            keys = project.query("PRAGMA foreign_key_check")
            project.undo_label()
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        return f"cannot open: {type(exc).__name__}: {exc}"
    if check != ["ok"]:
        return f"integrity_check: {check[:3]}"
    if keys:
        return f"foreign_key_check: {keys[:3]}"
    return None


def lost_edits(path: Path, confirmed: list[Confirmed]) -> list[str]:
    """Confirmed edits missing from the project (read-only, as another program would)."""
    newest: dict[tuple[str, str], int] = {}
    for c in confirmed:
        key = (c.table, c.row_id)
        newest[key] = max(newest.get(key, 0), c.rev)
    lost = []
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
        for (table, row_id), rev in newest.items():
            row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
            if row is None:
                lost.append(f"{table} {row_id}")
            elif table == "redactions" and rev and _rev(conn, row_id) < rev:
                lost.append(f"{table} {row_id} rev {rev} (found {_rev(conn, row_id)})")
    return lost


def _rev(conn: sqlite3.Connection, row_id: str) -> int:
    note = conn.execute("SELECT note FROM redactions WHERE id = ?", [row_id]).fetchone()[0]
    return int(note.split()[-1]) if note.startswith("rev ") else -1


def confirmed_lines(lines: list[str]) -> list[Confirmed]:
    return [c for c in map(Confirmed.parse, lines) if c is not None]


# -- results ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Trial:
    """One seeded run of one scenario: killed or not, and what the checks found."""
    scenario: str
    seed: int
    killed: bool
    confirmed: int = 0
    lost: tuple[str, ...] = ()
    damage: str | None = None
    resumed: bool = True
    crashed_alone: str | None = None
    note: str = ""


@dataclass
class Report:
    trials: list[Trial] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, trial: Trial) -> None:
        self.trials.append(trial)

    @property
    def kills(self) -> int:
        return sum(t.killed for t in self.trials)

    @property
    def lost(self) -> int:
        """Distinct confirmed edits found missing (a loss stays missing in later checks)."""
        return len({item for t in self.trials for item in t.lost})

    @property
    def damaged(self) -> int:
        return sum(t.damage is not None for t in self.trials)

    @property
    def not_resumed(self) -> int:
        return sum(not t.resumed for t in self.trials)

    @property
    def crashed_alone(self) -> int:
        return sum(t.crashed_alone is not None for t in self.trials)

    def problems(self) -> list[str]:
        return [f"{t.scenario} seed {t.seed}: lost={list(t.lost)[:3]} damage={t.damage} "
                f"resumed={t.resumed} crashed_alone={t.crashed_alone} {t.note}"
                for t in self.trials
                if t.lost or t.damage or not t.resumed or t.crashed_alone]

    def text(self) -> str:
        by: dict[str, list[Trial]] = defaultdict(list)
        for t in self.trials:
            by[t.scenario].append(t)
        lines = [f"{'scenario':10} {'trials':>6} {'kills':>6} {'confirmed':>9} {'lost':>5} "
                 f"{'damaged':>7} {'not resumed':>11} {'died alone':>10}"]
        for name, ts in by.items():
            lost = len({item for t in ts for item in t.lost})
            lines.append(f"{name:10} {len(ts):6} {sum(t.killed for t in ts):6} "
                         f"{sum(t.confirmed for t in ts):9} {lost:5} "
                         f"{sum(t.damage is not None for t in ts):7} "
                         f"{sum(not t.resumed for t in ts):11} "
                         f"{sum(t.crashed_alone is not None for t in ts):10}")
        lines.append(f"{'total':10} {len(self.trials):6} {self.kills:6} "
                     f"{sum(t.confirmed for t in self.trials):9} {self.lost:5} {self.damaged:7} "
                     f"{self.not_resumed:11} {self.crashed_alone:10}   ({self.seconds:.0f} s)")
        skipped = [f"skipped (command missing): {name}" for name in self.skipped]
        return "\n".join(lines + skipped + self.problems())


def run_campaign(workdir: Path, plan: dict[str, int], seed: int,
                 progress: Callable[[Trial], None] | None = None) -> Report:
    """Run `plan[scenario]` seeded trials of each scenario under `workdir`."""
    from tests.crash_scenarios import NEEDS, SCENARIOS, has_command

    report = Report()
    started = time.monotonic()
    for offset, (name, count) in enumerate(plan.items()):
        if count <= 0:
            continue
        if name in NEEDS and not has_command(NEEDS[name]):
            report.skipped.append(name)
            continue
        folder = workdir / name
        folder.mkdir(parents=True, exist_ok=True)
        for trial in SCENARIOS[name](folder, [seed * 1000 + offset * 100_000 + i
                                              for i in range(count)]):
            report.add(trial)
            if progress is not None:
                progress(trial)
    report.seconds = time.monotonic() - started
    return report
