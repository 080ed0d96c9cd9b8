"""The error hierarchy: every error a person may meet carries a sentence for them.

`RectoError.message` is what a dialog or stderr shows; `exit_code` is what the
CLI returns (OCRmyPDF-style: one handler at the edge turns these into exits).
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BAD_ARGS = 1
    INPUT_FILE = 2
    MISSING_DEPENDENCY = 3
    PROJECT = 4
    NOT_FOUND = 5
    CANCELLED = 6
    PARTIAL = 7
    LEAKS = 8          # failed-redactions found text under redactions
    SOFTWARE = 15
    UNEXPECTED = 70  # a bug: sysexits' EX_SOFTWARE; the details go to a log file


class RectoError(Exception):
    exit_code = ExitCode.SOFTWARE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInputError(RectoError):
    """A value a person typed or passed does not make sense (bad date, bbox off the page)."""
    exit_code = ExitCode.BAD_ARGS


class ProjectError(RectoError):
    exit_code = ExitCode.PROJECT


class ProjectInUseError(ProjectError):
    pass


class ProjectReadOnlyError(ProjectError):
    pass


class SchemaTooNewError(ProjectError):
    pass


class NotAProjectError(ProjectError):
    pass


class NotFoundError(RectoError):
    exit_code = ExitCode.NOT_FOUND


class NothingToUndoError(RectoError):
    exit_code = ExitCode.BAD_ARGS


class CancelledError(RectoError):
    """Raised inside long work when the person pressed Cancel; never shown as an error."""
    exit_code = ExitCode.CANCELLED

    def __init__(self, message: str = "Cancelled."):
        super().__init__(message)
