"""recto install-desktop: the menu entry, icon and `*.recto` file type."""
from __future__ import annotations

import click

from recto.app.cli.base import cli, handles_errors, say
from recto.app.desktop_entry import install_desktop


@cli.command("install-desktop")
@click.option("--data-home", type=click.Path(file_okay=False),
              help="Install under this folder instead of the user's data folder.")
@handles_errors
def install_desktop_cmd(data_home):
    """Add Recto to the desktop's menu and open *.recto projects with it (no root needed).

    Example: recto install-desktop
    """
    entry = install_desktop(data_home)
    for path in (entry.desktop_file, entry.icon, entry.mime_package):
        click.echo(str(path))
    if entry.refreshed:
        say("Refreshed: " + ", ".join(entry.refreshed) + ".")
    else:
        say("The desktop will see the entry at its next login (no cache tool found).")
