"""An export that dies midway (kill -9, disk full) leaves the previous OUT.db intact.

Both tests run the real `recto export` in a subprocess: one is killed with SIGKILL
while its temporary set is being written; the other runs under a file-size limit
(RLIMIT_FSIZE, as a full disk or quota would), so its writes fail with EFBIG.
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from tests.export_fixtures import SAMPLES

RECTO = str(Path(sys.executable).with_name("recto"))
BIG = 150_000


def _env() -> dict:
    env = {**os.environ, "RECTO_AUTHOR": "tester"}
    env.pop("DISPLAY", None)
    return env


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    """A project with 150k redactions (bulk fixture rows) so an export takes seconds."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.recto"
    t = now_iso()
    with Project.open(path, create=True) as proj:
        doc = add_pdf(proj, SAMPLES / "court_cacd_630649_326_p10.pdf").document.id
        with proj.transaction() as db:
            db.conn.executemany(
                "INSERT INTO redactions (id, document_id, page_index, x0, y0, x1, y1, style, "
                "codes, origin, status, note, created_at, modified_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(new_id(), doc, 0, 10.0, 20.0, 30.0, 40.0, "black_box", '["(b)(1)"]', "manual",
                  "confirmed", f"note {i} " * 8, t, t) for i in range(BIG)])
    return path


def _previous_set(tmp_path: Path, project: Path) -> tuple[Path, str]:
    """A small, complete earlier set at OUT (exported from a one-document project)."""
    small = tmp_path / "small.recto"
    with Project.open(small, create=True) as proj:
        add_pdf(proj, SAMPLES / "cib_02733122_p2.pdf")
    out = tmp_path / "out.db"
    subprocess.run([RECTO, "export", str(small), str(out)], check=True, env=_env(),
                   capture_output=True, timeout=120)
    return out, hashlib.sha256(out.read_bytes()).hexdigest()


def _assert_intact(out: Path, digest: str) -> None:
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM redactions").fetchone() == (0,)


def test_killed_export_leaves_previous_set_intact(big_project, tmp_path):
    out, digest = _previous_set(tmp_path, big_project)
    proc = subprocess.Popen([RECTO, "export", str(big_project), str(out)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    temp = []
    while time.monotonic() < deadline and proc.poll() is None:
        temp = [p for p in tmp_path.iterdir() if ".tmp-export" in p.name
                and p.stat().st_size > 1_000_000]
        if temp:
            break
        time.sleep(0.01)
    assert temp and proc.poll() is None, "the export finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _assert_intact(out, digest)
    # the next export cleans up the dead one's temp file and replaces OUT completely
    done = subprocess.run([RECTO, "export", str(big_project), str(out), "--json"], env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["redactions"] == BIG
    assert not [p for p in tmp_path.iterdir() if ".tmp-export" in p.name]


def test_disk_full_export_fails_cleanly_and_leaves_previous_set(big_project, tmp_path):
    out, digest = _previous_set(tmp_path, big_project)
    limit = 4 * 1024 * 1024  # far smaller than the 150k-row set

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    res = subprocess.run([RECTO, "export", str(big_project), str(out)], env=_env(),
                         capture_output=True, text=True, timeout=300, preexec_fn=small_disk)
    assert res.returncode == 2, res.stderr
    assert "full" in res.stderr and "unchanged" in res.stderr
    assert "Traceback" not in res.stderr
    _assert_intact(out, digest)
    assert not [p for p in tmp_path.iterdir() if ".tmp-export" in p.name]
