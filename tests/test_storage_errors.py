"""Every storage error is a sentence: locked and full databases on undo/redo, a real full
disk (a small tmpfs, when this machine lets us mount one), odd file names, id prefixes
holding LIKE wildcards, edits on a mistyped path, a moved PDF, and a bug's own exit code."""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess

import pytest

from recto.annotations import actors as actor_store
from recto.annotations import documents as doc_store
from recto.annotations.errors import ExitCode, NotFoundError, ProjectError
from recto.annotations.model import now_iso
from recto.annotations.project import Project
from tests.cli_runner import recto


def _project_with_undo(path, size: int = 1000) -> None:
    """A project whose next undo re-inserts `size` bytes (an added then deleted tag)."""
    with Project.open(path, create=True) as proj:
        with proj.edit("Add tag") as ed:
            ed.insert("tags", {"id": "t1", "name": "x" * size})
        with proj.edit("Delete tag") as ed:
            ed.delete("tags", {"id": "t1"})


def _said_one_sentence(out, code: int, *fragments: str) -> None:
    assert out.returncode == code, out.stderr
    assert "Traceback" not in out.stderr and out.stderr.startswith("Error: "), out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    for fragment in fragments:
        assert fragment in out.stderr, out.stderr


@pytest.mark.parametrize("command", ["undo", "redo"])
def test_undo_and_redo_on_a_locked_database_say_so(tmp_path, monkeypatch, command):
    path = tmp_path / "p.recto"
    _project_with_undo(path)
    if command == "redo":
        recto("undo", path)
    monkeypatch.setenv("RECTO_BUSY_TIMEOUT_MS", "200")
    other = sqlite3.connect(path, timeout=0.1)  # another program writing to the file
    other.execute("BEGIN IMMEDIATE")
    try:
        out = recto(command, path, check=False)
    finally:
        other.rollback()
        other.close()
    _said_one_sentence(out, ExitCode.PROJECT, "locked by another program", "was not saved")
    recto(command, path)  # and it works once the other program lets go


def test_undo_on_a_full_database_says_so_and_changes_nothing(tmp_path):
    path = tmp_path / "p.recto"
    _project_with_undo(path, size=200_000)
    with Project.open(path) as proj:
        proj.db.execute("VACUUM")  # no free pages left to reuse
        pages = proj.query("PRAGMA page_count")[0]["page_count"]
        proj.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
        with pytest.raises(ProjectError, match=r"disk holding p\.recto is full .*not saved"):
            proj.undo()
        with pytest.raises(ProjectError, match="is full"):
            proj.redo() if proj.redo_label() else proj.undo()
        assert proj.undo_label() == "Delete tag"
        assert proj.query("SELECT COUNT(*) AS n FROM tags")[0]["n"] == 0


@contextlib.contextmanager
def _small_disk(folder, size: str = "4m"):
    """A real, small filesystem (tmpfs): needs root and a kernel that allows the mount."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder, leave: int) -> None:
    """Fill the disk, then give back `leave` bytes."""
    fd = os.open(folder / "filler.bin", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 65536)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 512)
        os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
    finally:
        os.close(fd)


@pytest.mark.parametrize("leave", [0, 8192, 65536])
def test_undo_on_a_full_or_nearly_full_disk_says_the_disk_is_full(tmp_path, leave):
    with _small_disk(tmp_path / "disk") as disk:
        path = disk / "p.recto"
        _project_with_undo(path, size=300_000)
        with Project.open(path) as proj:
            proj.db.execute("VACUUM")
        _fill(disk, leave)
        before = path.read_bytes()
        out = recto("undo", path, check=False)
        _said_one_sentence(out, ExitCode.PROJECT, "p.recto is full", "Free some space")
        assert "disk I/O error" not in out.stderr
        assert path.read_bytes() == before
        (disk / "filler.bin").unlink()
        recto("undo", path)  # with room again, the same undo goes through


def test_id_prefixes_are_not_like_patterns(tmp_path):
    with Project.open(tmp_path / "p.recto", create=True) as proj, proj.edit("Add") as ed:
        for name in ("ICRC", "Sōren"):
            ed.insert("actors", {"id": f"a{name[0]}-{name}", "name": name, "type": "person",
                                 "created_at": now_iso(), "modified_at": now_iso()})
        ed.insert("documents", {"id": "d1", "sha256": "s1", "page_count": 1,
                                "created_at": now_iso(), "modified_at": now_iso()})
    with Project.open(tmp_path / "p.recto") as proj:
        for wildcard in ("%", "_", "a_", "aI%", "%%%%", "____"):
            with pytest.raises(NotFoundError):
                actor_store.get_actor(proj, wildcard)
        with pytest.raises(NotFoundError):
            doc_store.get_document(proj, "%")
        assert actor_store.get_actor(proj, "aI").name == "ICRC"  # a real prefix still works
        assert doc_store.get_document(proj, "d").id == "d1"


@pytest.mark.parametrize("args", [("actor-add", "X"),
                                  ("claim-add", "--statement", "A claim", "--doc", "d1",
                                   "--page", "1"),
                                  ("undo",), ("info",), ("actors",), ("redactions",),
                                  ("ocr",), ("export", "out.db")])
def test_only_add_and_import_create_a_project(tmp_path, args):
    mistyped = tmp_path / "thesis.rceto"
    out = recto(args[0], mistyped, *args[1:], check=False)
    _said_one_sentence(out, ExitCode.PROJECT, f"There is no project at {mistyped}.")
    assert not mistyped.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_adding_a_moved_pdf_says_it_was_relinked(tmp_path, sample_pdf):
    path = tmp_path / "p.recto"
    doc_id = recto("add", path, sample_pdf).stdout.strip()
    moved = tmp_path / "moved" / "notes.pdf"
    moved.parent.mkdir()
    shutil.move(sample_pdf, moved)
    out = recto("add", path, moved)
    assert out.stdout.strip() == doc_id
    assert "relinked" in out.stderr and str(moved) in out.stderr
    assert "nothing changed" not in out.stderr
    out = recto("add", path, moved)
    assert "nothing changed" in out.stderr


def test_a_pdf_whose_name_is_not_utf8_is_refused_for_what_it_is(tmp_path, sample_pdf):
    odd = tmp_path / os.fsdecode(b"Akten-\xe4nderung.pdf")
    shutil.copy(sample_pdf, odd)
    out = recto("add", tmp_path / "p.recto", odd, check=False)
    _said_one_sentence(out, ExitCode.INPUT_FILE, "not valid UTF-8", "rename it")
    assert "damaged" not in out.stderr


def test_an_unexpected_error_has_its_own_exit_code_and_a_log(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "p.recto"
    Project.open(path, create=True).close()
    with sqlite3.connect(path) as conn:  # a project damaged by hand: a table is gone
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE claims")
    conn.close()
    out = recto("claims", path, check=False)
    _said_one_sentence(out, ExitCode.UNEXPECTED, "failed unexpectedly", "logged to")
    log = tmp_path / "state" / "recto" / "log" / "recto.log"
    assert str(log) in out.stderr
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "no such table: claims" in text
    assert int(ExitCode.UNEXPECTED) not in {int(c) for c in ExitCode if c.name != "UNEXPECTED"}
