"""Where an export may be written, and how it replaces what is there.

One rule for every format: OUT must not exist, or hold a Recto output of the
same kind, judged by content (annotations.file_kinds); anything else is refused
with one sentence and left untouched. Files are written beside OUT, synced, and
renamed onto it once. A CSV folder is built beside OUT and exchanged with it in
one `renameat2(RENAME_EXCHANGE)`, so OUT always holds a complete export; the
earlier folder is then emptied of the files its manifest lists, and nothing else.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sqlite3
import sys
import time
from pathlib import Path

from recto.annotations import file_kinds as fk
from recto.annotations.export_schema import ExportTargetError

TMP_MARK = ".tmp-export"
PAUSE_ENV = "RECTO_EXPORT_PAUSE_AT"  # tests: stop at step N (1-based) so they can kill -9
ACCEPTED = {"sqlite": (fk.SET,), "w3c": (fk.W3C,), "csv": (fk.EMPTY_FOLDER, fk.CSV_FOLDER),
            "csl-json": (fk.CSL,)}
EARLIER = {"sqlite": "an earlier Recto annotation set", "w3c": "an earlier Recto W3C export",
           "csv": "an earlier Recto CSV export", "csl-json": "an earlier Recto CSL-JSON export"}
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_step_count = 0


def step(label: str) -> None:
    """A point between two steps of writing OUT; with RECTO_EXPORT_PAUSE_AT=N the Nth waits
    (after saying so on stderr) so a test can kill the process exactly there."""
    global _step_count
    wanted = os.environ.get(PAUSE_ENV)
    if not wanted:
        return
    _step_count += 1
    if str(_step_count) == wanted:
        sys.stderr.write(f"recto-export-paused {_step_count} {label}\n")
        sys.stderr.flush()
        while True:
            time.sleep(3600)


def check(out: Path, fmt: str, project_path: Path) -> str:
    """Refuse OUT unless it is absent or an earlier Recto output of this format; its kind."""
    folder = out.parent
    if not folder.is_dir():
        raise ExportTargetError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportTargetError(f"Recto may not write in {folder}: choose a writable folder.")
    if out.exists() and project_path.exists() and os.path.samefile(out, project_path):
        raise ExportTargetError("The export cannot overwrite the project itself: choose "
                                "another file name.")
    kind = fk.kind_of(out)
    if kind != fk.MISSING and kind not in ACCEPTED[fmt]:
        raise ExportTargetError(f"{out.name} is {fk.DESCRIPTIONS[kind]}, not {EARLIER[fmt]}; "
                                "Recto will not overwrite it, so choose another name.")
    if kind == fk.SET:
        _check_not_being_written(out)
    return kind


def _check_not_being_written(out: Path) -> None:
    if not os.access(out, os.W_OK):
        return
    conn = sqlite3.connect(str(out), timeout=0.2, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise ExportTargetError(f"{out.name} is open in another program that is writing to it "
                                f"({exc}): close it there and export again.") from exc
    finally:
        conn.close()


# -- temporary names ---------------------------------------------------------------
def temp_path(out: Path, suffix: str) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}{TMP_MARK}{suffix}")


def remove_stale_temps(out: Path, own_names: set[str]) -> None:
    """Temp files and folders of an export that was killed (its process is gone). A temp
    folder is emptied of the names Recto writes and removed only if that empties it."""
    for tmp in out.parent.glob(f".{out.name}.*{TMP_MARK}*"):
        pid = tmp.name[len(out.name) + 2:].split(".", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        if tmp.is_dir() and not tmp.is_symlink():
            empty_folder(tmp, own_names)
        else:
            unlink(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- publishing --------------------------------------------------------------------
def publish_file(tmp: Path, out: Path) -> None:
    """Sync the finished temp file, rename it onto OUT in one step, sync the folder."""
    fsync(tmp)
    step("file synced")
    os.replace(tmp, out)
    step("file renamed")
    fsync_dir(out.parent)


def publish_folder(new: Path, out: Path, kind: str, written: set[str],
                   earlier: set[str]) -> None:
    """Put the finished folder `new` (holding `written`) at OUT without OUT ever being
    missing or incomplete.

    OUT absent or empty: one rename. OUT an earlier export (its files `earlier`): one
    atomic exchange of the two names; the earlier export, now at `new`, loses the files
    Recto wrote and is removed if that empties it. Where the file system cannot exchange
    names (some network and FAT file systems), the export is refused, not done unsafely."""
    try:
        fsync_dir(new)
        step("folder synced")
        if kind in (fk.MISSING, fk.EMPTY_FOLDER):
            try:
                os.replace(new, out)
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
                raise ExportTargetError(f"Files appeared in {out.name} while exporting; "
                                        "nothing there was changed: export again.") from exc
            step("folder renamed")
            fsync_dir(out.parent)
            return
        exchange(new, out)
    except BaseException:
        empty_folder(new, written)
        raise
    step("folders exchanged")
    fsync_dir(out.parent)
    empty_folder(new, earlier, steps=True)


def exchange(a: Path, b: Path) -> None:
    """Swap two names atomically (Linux renameat2 with RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    func = getattr(libc, "renameat2", None)
    if func is None:
        raise ExportTargetError("This system cannot replace a folder atomically; export "
                                "into a new folder instead.")
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise ExportTargetError(f"The file system holding {b.name} cannot replace a "
                                    "folder atomically; export into a new folder instead.")
        raise OSError(code, os.strerror(code), str(b))


def empty_folder(folder: Path, own_names: set[str], steps: bool = False) -> None:
    """Remove the files Recto wrote (by name) and then the folder, if nothing else is in it."""
    for name in sorted(own_names):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            unlink(path)
            if steps:
                step(f"removed earlier {name}")
    for tmp in folder.glob(f"*{TMP_MARK}*"):
        unlink(tmp)
    with contextlib.suppress(OSError):
        folder.rmdir()


# -- syncing -----------------------------------------------------------------------
def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fsync(folder)


def unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
