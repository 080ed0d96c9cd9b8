"""The project store: one SQLite file per project (suffix `.recto`).

WAL journal, foreign keys, synchronous=FULL: every edit is one transaction, so a
crash, a closed lid or kill -9 loses nothing that was committed. One process
owns a project at a time (an flock on a `.lock` file beside it, released by the
OS when the process dies); inside the process, one lock serialises the
connection so Qt workers and the UI thread can share it safely.
"""
from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from annotations import file_kinds, migrations
from annotations.errors import (
    NotAProjectError, ProjectError, ProjectInUseError, ProjectReadOnlyError, SchemaTooNewError,
)
from annotations.undo import ChangeSet, Edit, UndoLog

SUFFIX = ".recto"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = int(os.environ.get("RECTO_BUSY_TIMEOUT_MS", "5000"))


def default_author() -> str:
    return os.environ.get("RECTO_AUTHOR") or _login_name()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


class Project:
    """An open project. Use `Project.open(path)`; close it (or use `with`)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock_fd: int | None, author: str):
        self.path = path
        self.author = author
        self.db = Database(conn)
        self._lock_fd = lock_fd
        self._mutex = threading.RLock()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        self.undo_log = UndoLog(self)

    # -- opening and closing -------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False,
             author: str | None = None) -> "Project":
        path = Path(path).expanduser().absolute()
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise ProjectError(f"There is no project at {path}.")
        if exists:
            _check_is_sqlite(path)
        _check_writable(path, exists)
        lock_fd = _acquire_lock(path)
        try:
            conn = _connect(path)
            project = cls(path, conn, lock_fd, author or default_author())
            project._migrate(fresh=not exists)
        except BaseException:
            _release_lock(lock_fd)
            raise
        return project

    def close(self) -> None:
        with self._mutex:
            if self._lock_fd is None:
                return
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
            self.db.close()
            _release_lock(self._lock_fd)
            self._lock_fd = None

    @property
    def closed(self) -> bool:
        return self._lock_fd is None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self, fresh: bool) -> None:
        steps = migrations.build()
        applied = {m.name for m in steps.applied(self.db)}
        if not fresh and not applied:
            raise NotAProjectError(f"{self.path.name} is an SQLite file but not a Recto project.")
        unknown = applied - set(migrations.known_steps())
        if unknown:
            raise SchemaTooNewError(
                f"{self.path.name} was written by a newer version of Recto "
                f"(schema step {sorted(unknown)[-1]}). Update Recto to open it; "
                "the file was not changed.")
        with self._mutex:
            steps.apply(self.db)
            file_kinds.stamp(self.db.conn, file_kinds.PROJECT_APPLICATION_ID)  # older ones too

    # -- reading and writing -------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[Database]:
        """Hold the connection for a group of reads (other threads wait)."""
        with self._mutex:
            yield self.db

    def query(self, sql: str, params=()) -> list[dict]:
        with self._mutex:
            return [dict(r) for r in self.db.query(sql, params)]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write outside the undo log (machine output such as OCR words)."""
        with self._mutex, _storage_errors(self.path), self.db.atomic():
            yield self.db

    @contextlib.contextmanager
    def edit(self, label: str) -> Iterator[Edit]:
        """One undoable step ("Add redaction"): all its changes commit together."""
        with self._mutex:
            with _storage_errors(self.path), self.db.atomic():
                edit = self.undo_log.begin(label)
                yield edit
                self.undo_log.commit(edit)
            changes = edit.change_set()
        if edit.changes:
            self.notify(changes)

    def undo(self) -> ChangeSet:
        with self._mutex:
            changes = self.undo_log.undo()
        self.notify(changes)
        return changes

    def redo(self) -> ChangeSet:
        with self._mutex:
            changes = self.undo_log.redo()
        self.notify(changes)
        return changes

    def undo_label(self) -> str | None:
        with self._mutex:
            return self.undo_log.next_undo_label()

    def redo_label(self) -> str | None:
        with self._mutex:
            return self.undo_log.next_redo_label()

    # -- change notification (plain callbacks; the UI adapts them to signals) --
    def subscribe(self, listener: Callable[[ChangeSet], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def notify(self, changes: ChangeSet) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # -- project metadata ------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        rows = self.query("SELECT value FROM project_meta WHERE key = ?", [key])
        return rows[0]["value"] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO project_meta(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    @property
    def name(self) -> str:
        return self.get_meta("name") or self.path.stem


@contextlib.contextmanager
def _storage_errors(path: Path):
    """SQLite's storage failures as sentences; the transaction is already rolled back."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise ProjectInUseError(
                f"The project {path.name} is locked by another program; the change was not "
                "saved. Close the other program and try again.") from exc
        if "full" in text:
            raise ProjectError(f"The disk holding {path.name} is full; the change was not "
                               "saved. Free some space and try again.") from exc
        if "readonly" in text or "read-only" in text:
            raise ProjectReadOnlyError(f"The project {path.name} has become read-only; the "
                                       "change was not saved.") from exc
        raise


def _check_is_sqlite(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except PermissionError:
        raise ProjectReadOnlyError(f"Recto may not read {path}: check its permissions.")
    if head != SQLITE_MAGIC:
        raise NotAProjectError(f"{path.name} is not a Recto project (it is not an SQLite file).")


def _check_writable(path: Path, exists: bool) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ProjectError(f"The folder {folder} does not exist.")
    if (exists and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
        raise ProjectReadOnlyError(
            f"The project {path.name} is read-only (or its folder is). Recto saves every edit "
            "as you make it, so it needs write access: copy the project to a writable folder.")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _acquire_lock(path: Path) -> int:
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ProjectInUseError(
            f"The project {path.name} is open in another Recto window or command. "
            "Close it there first.")
    return fd


def _release_lock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
        conn.row_factory = None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ProjectInUseError(f"The project {path.name} is locked by another program.")
        raise ProjectError(f"Recto could not open {path.name}: {exc}.")
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{path.name} is damaged or not a Recto project ({exc}).")
    return conn
