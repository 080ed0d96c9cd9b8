"""The `recto` entry point: the app's CLI plus `recto gui`, which needs Qt.

Qt is imported only when the GUI starts, so `recto add` stays fast and works
on a machine with no screen.
"""
from __future__ import annotations

import os
import sys

import click

from recto.app.cli import cli
from recto.app.cli.base import handles_errors

NO_SCREEN = (
    "Recto is a desktop app and needs a screen, but none was found (DISPLAY is not set).\n"
    "On a machine without a screen, run it under a virtual one:\n"
    "    xvfb-run -a .venv/bin/recto gui\n"
    "or use the command line: recto --help")


def has_screen() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


@cli.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option("--sample", is_flag=True, help="Open the embedded sample project.")
@handles_errors
def gui(project, sample):
    """Start the desktop app on PROJECT (default: the last project, else the sample).

    Example: recto gui thesis.recto
    """
    if not has_screen():
        click.echo(NO_SCREEN, err=True)
        sys.exit(2)
    from recto.ui.app import run
    sys.exit(run(project, sample=sample))


def main() -> None:
    cli(prog_name="recto")
