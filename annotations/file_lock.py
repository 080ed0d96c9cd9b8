"""One lock per project file, whatever name it is opened by (#19: a hard link or a symlink
must not give a second writer its own `-wal`).

On POSIX the lock is `flock` on the project file itself, so every name of the inode, every
user and an NFS client share it. Where there is no `fcntl` (Windows), the lock is a
`filelock` file named after the file's identity (device and file index, which `os.stat`
gives on every platform) in the user's cache folder: every name of the file still shares
one lock. SQLite's own locking stays the second line in both cases.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

import filelock
import platformdirs


class LockBusy(Exception):
    """Another process holds the lock."""


@dataclass
class FileLockHandle:
    """An open descriptor of the project file and, on the portable path, its identity lock."""
    fd: int
    identity_lock: filelock.BaseFileLock | None = None


def use_flock() -> bool:
    return fcntl is not None and not os.environ.get("RECTO_PORTABLE_LOCK")


def identity_lock_path(fd: int) -> Path:
    info = os.fstat(fd)
    folder = platformdirs.user_cache_path("recto", appauthor=False) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{info.st_dev:x}-{info.st_ino:x}.lock"


def acquire(fd: int) -> FileLockHandle:
    """Lock the open file `fd` without waiting; LockBusy if another process holds it."""
    if use_flock():
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy from None
        return FileLockHandle(fd)
    lock = filelock.FileLock(identity_lock_path(fd), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise LockBusy from None
    return FileLockHandle(fd, lock)


def release(handle: FileLockHandle) -> None:
    if handle.identity_lock is not None:
        with contextlib.suppress(OSError):
            handle.identity_lock.release()
    elif fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fd, fcntl.LOCK_UN)
    os.close(handle.fd)


def read_head(fd: int, size: int) -> bytes:
    """The first bytes of the open file (os.pread is POSIX-only)."""
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, size)
