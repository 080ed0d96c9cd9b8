"""The project store: one SQLite file per project (suffix `.recto`).

WAL journal, foreign keys, synchronous=FULL: every edit is one transaction, so a
crash, a closed lid or kill -9 loses nothing that was committed. One process
owns a project at a time: an flock on the project file itself, so the lock
belongs to the file's identity (device + inode) and a hard link or symlink to an
open project is refused like its own name; the OS releases it when the process
dies, and nothing is written beside the file. SQLite's own locking stays as the
second line. Inside the process, one lock serialises the connection so Qt
workers and the UI thread can share it safely.
"""
from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import shutil
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from recto.annotations import file_kinds, migrations
from recto.annotations.changes import ChangeSet
from recto.annotations.errors import (
    NotAProjectError,
    ProjectError,
    ProjectInUseError,
    ProjectReadOnlyError,
    SchemaTooNewError,
)
from recto.annotations.undo import Edit, UndoLog

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
             author: str | None = None) -> Project:
        path = Path(path).expanduser().absolute()
        absent = not path.exists()
        exists = not absent and path.stat().st_size > 0
        if not exists and not create:
            raise ProjectError(f"There is no project at {path}.")
        _check_writable(path, exists)
        lock_fd = _acquire_lock(path, create=not exists)
        try:
            if exists:
                _check_is_sqlite(path, lock_fd)
                _check_is_project(path)
            conn = _connect(path)
            try:
                project = cls(path, conn, lock_fd, author or default_author())
                with _storage_errors(path):
                    project._migrate(fresh=not exists)
            except BaseException:
                conn.close()  # the last connection to close removes the -wal and -shm
                raise
        except BaseException:
            _release_lock(lock_fd)
            if absent:
                _remove_empty(path)
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

    def __enter__(self) -> Project:
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
        with self._mutex, _storage_errors(self.path):
            changes = self.undo_log.undo()
        self.notify(changes)
        return changes

    def redo(self) -> ChangeSet:
        with self._mutex, _storage_errors(self.path):
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
        error = storage_error(path, exc, "the change was not saved")
        if error is None:
            raise
        raise error from exc


def storage_error(path: Path, exc: sqlite3.Error, outcome: str) -> ProjectError | None:
    """The sentence for a storage failure of `path` (None if it is not one)."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ProjectInUseError(
            f"The project {path.name} is locked by another program; {outcome}. "
            "Close the other program and try again.")
    if "full" in text or (("disk I/O" in text or "unable to open" in text)
                          and disk_nearly_full(path)):
        return ProjectError(
            f"The disk holding {path.name} is full ({free_space(path)} free); {outcome}. "
            "Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return ProjectReadOnlyError(f"The project {path.name} has become read-only; {outcome}.")
    if "disk I/O" in text:
        return ProjectError(f"The disk holding {path.name} reported an error while Recto "
                            f"wrote to it; {outcome}. Check the disk (or network share) "
                            "and try again.")
    return None


NEARLY_FULL_BYTES = 4 * 1024 * 1024  # less than this and SQLite cannot grow its WAL or -shm


def disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def free_space(path: Path) -> str:
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return "unknown space"
    return f"{free / 1e6:.1f} MB" if free >= 100_000 else f"{free // 1000} KB"


def _check_is_sqlite(path: Path, fd: int) -> None:
    if os.pread(fd, 16, 0) != SQLITE_MAGIC:
        raise NotAProjectError(f"{path.name} is not a Recto project (it is not an SQLite file).")


def _check_is_project(path: Path) -> None:
    """Refuse a foreign SQLite file before the first write (the switch to WAL) touches it.

    A file already in WAL mode (header byte 18 = 2) is probed by `_migrate` instead: a
    read-only probe cannot see what sits in an uncheckpointed WAL, and switching such a
    file to WAL changes nothing.
    """
    with open(path, "rb") as fh:
        header = fh.read(20)
    if header[18:19] == b"\x02":
        return
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = '_sqlite_migrations'").fetchall()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ProjectInUseError(
                f"The project {path.name} is locked by another program.") from exc
        raise NotAProjectError(f"{path.name} is damaged or not a Recto project ({exc}).") from exc
    if not found:
        raise NotAProjectError(f"{path.name} is an SQLite file but not a Recto project; "
                               "it was not changed.")


def read_only_uri(path: Path) -> str:
    """A `mode=ro` SQLite URI for any file name, non-UTF-8 bytes included."""
    return "file:" + urllib.parse.quote(os.fsencode(path)) + "?mode=ro"


def _check_writable(path: Path, exists: bool) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ProjectError(f"The folder {folder} does not exist.")
    if (exists and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
        raise ProjectReadOnlyError(
            f"The project {path.name} is read-only (or its folder is). Recto saves every edit "
            "as you make it, so it needs write access: copy the project to a writable folder.")


def lock_path(path: Path) -> Path:
    """Where Recto 0.x kept its lock file; only cleaned up now (the lock is on the project)."""
    return path.with_name(path.name + ".lock")


def _acquire_lock(path: Path, create: bool) -> int:
    """flock the project file itself: every name of the same inode shares this lock."""
    try:
        fd = os.open(path, (os.O_RDWR | os.O_CREAT) if create else os.O_RDONLY, 0o644)
    except PermissionError:
        raise ProjectReadOnlyError(f"Recto may not read {path}: check its permissions.") from None
    except OSError as exc:
        raise ProjectError(f"Recto could not open {path}: {exc.strerror}.") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ProjectInUseError(
            f"The project {path.name} is open in another Recto window or command (perhaps "
            "under another name: a link or a copy's hard link). Close it there first.") from None
    return fd


def _release_lock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _remove_empty(path: Path) -> None:
    """A project this call created but could not set up leaves no empty file behind."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(os.fsencode(path), check_same_thread=False, timeout=5.0)
        conn.row_factory = None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.OperationalError as exc:
        error = storage_error(path, exc, "it was not opened")
        if error is not None:
            raise error from exc
        raise ProjectError(f"Recto could not open {path.name}: {exc}.") from exc
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{path.name} is damaged or not a Recto project ({exc}).") from exc
    return conn
