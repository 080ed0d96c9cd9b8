"""Errors raised by app/ services, on top of the core hierarchy in annotations.errors."""
from __future__ import annotations

from recto.annotations.errors import (  # noqa: F401  (re-exported for callers of app/)
    CancelledError,
    ExitCode,
    InvalidInputError,
    NotAProjectError,
    NotFoundError,
    NothingToUndoError,
    ProjectError,
    ProjectInUseError,
    ProjectReadOnlyError,
    RectoError,
    SchemaTooNewError,
)


class InputFileError(RectoError):
    """A file given to Recto cannot be used; the project is left unchanged."""
    exit_code = ExitCode.INPUT_FILE


class FileMissingError(InputFileError):
    pass


class EmptyFileError(InputFileError):
    pass


class NotAPdfError(InputFileError):
    pass


class CorruptPdfError(InputFileError):
    pass


class EncryptedPdfError(InputFileError):
    pass


class HelperStartError(RectoError):
    """A helper process (PDF reader, OCR worker) stopped as it started: no file is to blame."""


class MissingDependencyError(RectoError):
    """Something outside Python is not installed (tesseract, a language pack)."""
    exit_code = ExitCode.MISSING_DEPENDENCY


class TesseractMissingError(MissingDependencyError):
    pass


class LanguageMissingError(MissingDependencyError):
    pass


class OcrPageError(RectoError):
    """One page failed (Tesseract crashed or timed out); the run goes on without it."""
    exit_code = ExitCode.PARTIAL


class ImageTooLargeError(InvalidInputError):
    pass


class NotAnImageError(InputFileError):
    """A file or folder given as photos holds no JPEG, PNG or TIFF Recto can read."""


class CorruptImageError(InputFileError):
    pass


class ClusterError(RectoError):
    """The Dask scheduler of a batch run cannot be reached, or dask is not installed."""
    exit_code = ExitCode.MISSING_DEPENDENCY
