"""The `recto` click group and what every command shares: JSON output, errors, progress.

Ids and data go to stdout; messages and progress go to stderr, so scripts can
capture `$(recto add ...)` safely. Library errors become exits only here.
"""
from __future__ import annotations

import json
import sys
import traceback
from functools import wraps

import click

from recto.app.crash_log import write_crash_log
from recto.app.errors import CancelledError, ExitCode, RectoError


@click.group(invoke_without_command=True)
@click.version_option(package_name="recto")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Recto: a workbench for declassified archival records.

    Run with no command to start the desktop app.

    Example: recto add project.recto scan.pdf --ref "ICRC Archives, B AG 232 105-027"
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.commands["gui"])


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(fn)


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def say(message: str) -> None:
    """A message for the person, on stderr."""
    click.echo(message, err=True)


def handles_errors(fn):
    """Turn Recto's errors into one sentence on stderr and the error's exit code."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CancelledError:
            say("Cancelled.")
            sys.exit(int(ExitCode.CANCELLED))
        except RectoError as exc:
            say(f"Error: {exc.message}")
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            say("Interrupted; finished pages are kept.")
            sys.exit(int(ExitCode.CANCELLED))
        except Exception as exc:  # noqa: BLE001 - the edge: a bug becomes a sentence and a log
            say(unexpected_error_sentence(exc))
            sys.exit(int(ExitCode.UNEXPECTED))
    return wrapper


def unexpected_error_sentence(exc: BaseException) -> str:
    """Log the traceback for a bug report; tell the person in one sentence where it is."""
    try:
        log = write_crash_log(exc)
    except OSError as log_exc:
        traceback.print_exception(exc)
        return (f"Error: Recto failed unexpectedly ({type(exc).__name__}); the details above "
                f"could not be logged ({log_exc.strerror}). Please report this.")
    return (f"Error: Recto failed unexpectedly ({type(exc).__name__}: {exc}); the details "
            f"were logged to {log}. Please report this.")


class StderrProgress:
    """A progress handle for app/ jobs that prints `label: done/total` lines to stderr."""

    def __init__(self, label: str):
        self.label = label
        self._last = -1

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if done == self._last and not message:
            return
        self._last = done
        extra = f" {message}" if message else ""
        say(f"{self.label}: {done}/{total}{extra}")
