"""One project, one lock, whatever its name; refusing a foreign file never changes it."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import pytest

from recto.annotations.errors import NotAProjectError, ProjectInUseError
from recto.annotations.project import Project
from tests.test_project_store import _open_as_other_user

OPEN_AND_WAIT = ("import sys, time; from recto.annotations.project import Project\n"
                 "p = Project.open(sys.argv[1]); print('open', flush=True); time.sleep(60)")
TRY_OPEN = ("import sys; from recto.annotations.project import Project\n"
            "try:\n Project.open(sys.argv[1]).close(); print('opened')\n"
            "except Exception as e: print(type(e).__name__, e)")


def _holder(path):
    """A second process that holds `path` open until killed."""
    proc = subprocess.Popen([sys.executable, "-c", OPEN_AND_WAIT, str(path)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def _try_open_elsewhere(path) -> str:
    out = subprocess.run([sys.executable, "-c", TRY_OPEN, str(path)],
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


@pytest.mark.parametrize("kind", ["hard link", "symlink"])
def test_a_second_name_of_an_open_project_is_refused(tmp_path, kind):
    real = tmp_path / "thesis.recto"
    Project.open(real, create=True).close()
    other = tmp_path / "elsewhere" / "copy.recto"
    other.parent.mkdir()
    (os.link if kind == "hard link" else os.symlink)(real, other)
    holder = _holder(real)
    try:
        assert _try_open_elsewhere(other).startswith("ProjectInUseError")
        with pytest.raises(ProjectInUseError, match="under another name"):
            Project.open(other)
        assert not (other.parent / "copy.recto-wal").exists()  # no second WAL was started
    finally:
        holder.kill()
        holder.wait()
    Project.open(other).close()  # released with its owner: the other name works again


def test_a_project_open_under_its_link_blocks_its_real_name(tmp_path):
    real = tmp_path / "thesis.recto"
    Project.open(real, create=True).close()
    link = tmp_path / "link.recto"
    os.link(real, link)
    with Project.open(link):
        assert _try_open_elsewhere(real).startswith("ProjectInUseError")


def test_a_lock_file_recto_may_not_write_is_harmless():
    folder = tempfile.mkdtemp(prefix="recto-lock-")  # reachable by another user
    try:
        os.chmod(folder, 0o777)
        path = os.path.join(folder, "p.recto")
        Project.open(path, create=True).close()
        os.chmod(path, 0o666)
        stale = path + ".lock"  # left by an older Recto, owned by someone else
        open(stale, "wb").close()
        os.chmod(stale, 0o000)
        assert _open_as_other_user(path) == "opened"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_opening_a_project_writes_nothing_beside_it(tmp_path):
    path = tmp_path / "p.recto"
    Project.open(path, create=True).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.recto"]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_refusing_a_foreign_sqlite_file_never_changes_it(tmp_path, journal):
    path = tmp_path / "library.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.execute("CREATE TABLE books (title TEXT)")
        conn.execute("INSERT INTO books VALUES ('Orientalism')")
    conn.close()
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(NotAProjectError, match="not a Recto project"):
        Project.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert before[18:20] == (b"\x02\x02" if journal == "wal" else b"\x01\x01")


def test_a_non_utf8_file_name_is_an_ordinary_project(tmp_path):
    name = os.fsdecode(b"Akten-\xe4nderung.recto")  # Latin-1 bytes, not UTF-8
    path = tmp_path / name
    with Project.open(path, create=True) as proj, proj.edit("Add") as ed:
        ed.insert("tags", {"id": "t1", "name": "Sōren"})
    with Project.open(path) as proj:
        assert proj.query("SELECT name FROM tags")[0]["name"] == "Sōren"
