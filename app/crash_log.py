"""Where an unexpected error's details go: a log file in the user's state folder.

A person sees one sentence naming this file; the traceback stays available for a
bug report without filling their terminal. platformdirs picks the platform's
place (~/.local/state/recto/log on Linux, honouring XDG_STATE_HOME).
"""
from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path

import platformdirs

LOG_NAME = "recto.log"


def log_path() -> Path:
    return platformdirs.user_log_path("recto", appauthor=False) / LOG_NAME


def write_crash_log(exc: BaseException) -> Path:
    """Append the traceback (with time and command line); raises OSError if it cannot."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(f"--- {stamp} {' '.join(sys.argv)}\n")
        fh.write("".join(traceback.format_exception(exc)))
    return path
