"""The project file: creation, migrations, locking, read-only, newer schema, undo."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recto.annotations import documents as store
from recto.annotations.errors import (
    NotAProjectError,
    NothingToUndoError,
    ProjectInUseError,
    SchemaTooNewError,
)
from recto.annotations.migrations import known_steps
from recto.annotations.model import ArchivalReference, Document, Page, new_id
from recto.annotations.project import Project
from tests.other_user import as_nobody


def _doc(title="Plan of 15 December 1955") -> tuple[Document, list[Page]]:
    doc = Document(id=new_id(), sha256=new_id(), title=title, path=None, page_count=2)
    return doc, [Page(doc.id, 0, 612, 792), Page(doc.id, 1, 612, 792)]


def test_new_project_has_schema_wal_and_foreign_keys(project, project_path):
    applied = [r["name"] for r in project.query("SELECT name FROM _sqlite_migrations")]
    assert applied == known_steps()
    assert project.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    assert project.query("PRAGMA foreign_keys")[0]["foreign_keys"] == 1
    strict = project.query("SELECT sql FROM sqlite_master WHERE name = 'redactions'")[0]["sql"]
    assert strict.rstrip().endswith("STRICT")


def test_missing_project_is_not_created_without_asking(tmp_path):
    with pytest.raises(Exception, match="no project"):
        Project.open(tmp_path / "nope.recto")
    assert not (tmp_path / "nope.recto").exists()


def test_second_opener_is_told_project_is_in_use(project, project_path):
    with pytest.raises(ProjectInUseError, match="open in another"):
        Project.open(project_path)
    code = ("import sys; from recto.annotations.project import Project\n"
            "try:\n Project.open(sys.argv[1])\nexcept Exception as e: print(type(e).__name__)")
    out = subprocess.run([sys.executable, "-c", code, str(project_path)],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ProjectInUseError"


def test_lock_is_released_when_the_owner_is_killed(project_path):
    code = ("import sys, time; from recto.annotations.project import Project\n"
            "p = Project.open(sys.argv[1], create=True); print('open', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(project_path)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    with pytest.raises(ProjectInUseError):
        Project.open(project_path)
    proc.kill()
    proc.wait()
    Project.open(project_path).close()


def _open_as_other_user(path) -> str:
    """Open a project in a forked child that is not root (root may write read-only files)."""
    def open_it() -> str:
        Project.open(path).close()
        return "opened"
    return as_nobody(open_it)


@pytest.fixture
def shared_dir():
    """A folder another user can reach (pytest's tmp_path is private to its owner)."""
    import shutil
    import tempfile
    folder = tempfile.mkdtemp(prefix="recto-ro-")
    os.chmod(folder, 0o777)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def test_read_only_project_is_refused_with_a_sentence(shared_dir):
    path = os.path.join(shared_dir, "p.recto")
    Project.open(path, create=True).close()
    os.chmod(path, 0o444)
    before = Path(path).read_bytes()
    assert "ProjectReadOnlyError" in _open_as_other_user(path)
    assert "read-only" in _open_as_other_user(path)
    assert Path(path).read_bytes() == before


def test_read_only_folder_is_refused(shared_dir):
    path = os.path.join(shared_dir, "p.recto")
    Project.open(path, create=True).close()
    os.chmod(path, 0o666)
    os.chmod(shared_dir, 0o555)
    assert "ProjectReadOnlyError" in _open_as_other_user(path)


def test_project_locked_by_another_sqlite_client(project, project_path):
    from recto.annotations import documents as store_docs
    other = sqlite3.connect(project_path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        doc, pages = _doc()
        with pytest.raises(ProjectInUseError, match="locked by another program"):
            store_docs.add_document(project, doc, pages)
    finally:
        other.rollback()
        other.close()
    assert store.list_documents(project) == []


def test_newer_schema_is_refused_and_file_unchanged(project_path):
    Project.open(project_path, create=True).close()
    conn = sqlite3.connect(project_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('recto', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = project_path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Project.open(project_path)
    assert project_path.read_bytes() == before


@pytest.mark.parametrize("content", [b"not sqlite at all", b"%PDF-1.4 a pdf"])
def test_non_project_files_are_refused(tmp_path, content):
    path = tmp_path / "x.recto"
    path.write_bytes(content)
    with pytest.raises(NotAProjectError):
        Project.open(path)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_not_a_project(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAProjectError, match="not a Recto project"):
        Project.open(path)


def test_undo_redo_labels_and_round_trip(project):
    doc, pages = _doc()
    store.add_document(project, doc, pages)
    store.set_reference(project, doc.id, ArchivalReference(archive="ICRC Archives"))
    assert project.undo_label() == "Edit archival reference"
    changes = project.undo()
    assert changes.kind == "undo" and "documents" in changes.tables
    assert store.get_document(project, doc.id).reference.archive == ""
    assert project.redo_label() == "Edit archival reference"
    project.undo()
    assert store.list_documents(project) == []
    assert project.query("SELECT count(*) AS n FROM pages")[0]["n"] == 0
    project.redo()
    project.redo()
    assert store.get_document(project, doc.id).reference.archive == "ICRC Archives"
    with pytest.raises(NothingToUndoError):
        project.redo()


def test_new_edit_clears_redo(project):
    doc, pages = _doc()
    store.add_document(project, doc, pages)
    store.set_reference(project, doc.id, ArchivalReference(archive="A"))
    project.undo()
    store.set_reference(project, doc.id, ArchivalReference(archive="B"))
    assert project.redo_label() is None


def test_undo_is_five_hundred_steps_deep_and_survives_reopen(project_path):
    with Project.open(project_path, create=True) as project:
        doc, pages = _doc()
        store.add_document(project, doc, pages)
        for i in range(510):
            store.set_reference(project, doc.id, ArchivalReference(item=f"item {i}"))
    with Project.open(project_path) as project:
        for i in reversed(range(10, 510)):
            assert store.get_document(project, doc.id).reference.item == f"item {i}"
            project.undo()
        # the 500 newest steps came back; older ones (and "Add document") were dropped
        assert store.get_document(project, doc.id).reference.item == "item 9"
        assert project.undo_label() is None


def test_failed_edit_writes_nothing(project):
    doc, pages = _doc()
    with pytest.raises(sqlite3.IntegrityError), project.edit("Add document") as ed:
        ed.insert("documents", {"id": doc.id, "sha256": "x", "page_count": 1,
                                "created_at": "", "modified_at": ""})
        ed.insert("pages", {"document_id": "no-such-doc", "page_index": 0,
                            "width_pt": 1.0, "height_pt": 1.0})
    assert store.list_documents(project) == []
    assert project.undo_label() is None


def test_committed_edit_survives_kill_9(project_path):
    code = ("import sys, os, signal\n"
            "from recto.annotations.project import Project\n"
            "from recto.annotations import documents as store\n"
            "from recto.annotations.model import Document, Page\n"
            "p = Project.open(sys.argv[1], create=True)\n"
            "d = Document(id='d1', sha256='s1', title='kept', path=None, page_count=1)\n"
            "store.add_document(p, d, [Page('d1', 0, 612, 792)])\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(project_path)], timeout=60)
    assert proc.returncode == -9
    with Project.open(project_path) as project:
        assert [d.title for d in store.list_documents(project)] == ["kept"]
        assert project.query("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        assert project.undo_label() == "Add document kept"
