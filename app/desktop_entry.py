"""`recto install-desktop`: a menu entry, an icon and a file type for `*.recto` projects.

freedesktop.org's three pieces (a .desktop file, a hicolor icon, a shared-mime-info
package), written into the user's data folder so no root is needed. The MIME type is
recognised by name and by content: a project is SQLite with application_id 0x52435450
("RCTP" at byte 68 of the header), so a renamed project is still a Recto project.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from recto.app.errors import InvalidInputError

MIME_TYPE = "application/x-recto-project"
ICON = Path(__file__).resolve().parent / "recto.svg"

MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Recto project</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.recto" weight="60"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3">
        <match type="string" offset="68" value="RCTP"/>
      </match>
    </magic>
    <icon name="recto"/>
  </mime-type>
</mime-info>
"""


@dataclass(frozen=True)
class InstalledEntry:
    desktop_file: Path
    icon: Path
    mime_package: Path
    refreshed: tuple[str, ...]  # the cache tools that were found and run


def icon_path() -> Path:
    return ICON


def desktop_file_text(python: str) -> str:
    return "\n".join([
        "[Desktop Entry]", "Type=Application", "Name=Recto",
        "GenericName=Archival records workbench",
        "Comment=OCR, redactions, actors and claims in declassified records",
        f'Exec="{python}" -m recto gui %f', "Icon=recto", "Terminal=false",
        f"MimeType={MIME_TYPE};", "Categories=Education;Humanities;",
        "Keywords=archive;declassified;OCR;redaction;history;", ""])


def install_desktop(data_home: Path | None = None, python: str | None = None) -> InstalledEntry:
    """Write the three files under `data_home` (default: the user's XDG data folder) and
    refresh the desktop's caches where their tools exist."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        raise InvalidInputError(
            "A desktop entry is a Linux desktop's menu item; on this system start Recto with "
            "`python -m recto gui`.")
    base = Path(data_home) if data_home else platformdirs.user_data_path(appauthor=False)
    desktop = base / "applications" / "recto.desktop"
    icon = base / "icons" / "hicolor" / "scalable" / "apps" / "recto.svg"
    mime = base / "mime" / "packages" / "recto.xml"
    for path in (desktop, icon, mime):
        path.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_file_text(python or sys.executable), encoding="utf-8")
    shutil.copyfile(ICON, icon)
    mime.write_text(MIME_XML, encoding="utf-8")
    refreshed = []
    for tool, folder in (("update-mime-database", base / "mime"),
                         ("update-desktop-database", base / "applications")):
        if shutil.which(tool):
            subprocess.run([tool, str(folder)], check=False, capture_output=True, timeout=60)
            refreshed.append(tool)
    return InstalledEntry(desktop, icon, mime, tuple(refreshed))
