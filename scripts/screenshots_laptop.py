"""Screenshots on a 1366x768 laptop screen, light and dark: the main window, the claim
editor and the Compare window (a release with a 200-character title).

Usage: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_laptop.py
Writes docs/screenshots/laptop-{main,claim,compare}-{light,dark}.png.
"""
from __future__ import annotations

import sys

from shot_env import SHOTS, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-laptop-shots-")

from PySide6.QtCore import QSettings  # noqa: E402

from recto.ui.app import make_application  # noqa: E402

LONG_TITLE = ("Memorandum for the Director concerning the repatriation talks in Geneva between "
              "the Red Cross societies of Japan and the northern republic, with annexes, "
              "minutes and the cables of December 1959")


def build() -> tuple:
    from recto.annotations.model import ArchivalReference
    from recto.annotations.project import Project
    from recto.app import documents as doc_service
    from recto.app.actors import service as actors
    from recto.app.claims import service as claims
    from tests.release_fixtures import quick_project
    path, a, b = quick_project(HOME)
    with Project.open(path) as project:
        doc_service.edit_reference(project, a, ArchivalReference(
            archive="NARA", collection="CREST", item="CIA-RDP80"), title=LONG_TITLE)
        soren = actors.add_actor(project, "Sōren", "organisation", aliases=[
            actors.AliasInput("Chongryun", "ko-Latn"), actors.AliasInput("総連", "ja")]).actor
        claim = claims.create_claim(
            project, "Ships will sail from Niigata once applicants are registered", a, 0,
            quote="The Japanese side proposed that ships sail from Niigata",
            claimants=[soren.id], date="1959-08", tags=["repatriation"])
    return path, a, b, claim.id


def main() -> int:
    from recto.app.redactions.service import detect_document_boxes
    from recto.app.releases import service as releases
    from recto.ui.appearance import apply_theme
    from recto.ui.main_window import MainWindow
    _app = make_application()  # kept alive while the window exists
    path, a, b, claim_id = build()
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.show()
    window.open_project(path)
    settle(1500)
    result = releases.compare(window.session.project, a, b, detect=detect_document_boxes)
    for theme in ("light", "dark"):
        apply_theme(theme)
        window.claims.editor_dock.hide()
        window.ref_dock.show()
        window.ref_dock.raise_()
        settle()
        window.grab().save(str(SHOTS / f"laptop-main-{theme}.png"))
        window.claims.open_claim(claim_id, jump=True)
        window.claims.editor_dock.show()
        window.claims.editor_dock.raise_()
        settle()
        window.grab().save(str(SHOTS / f"laptop-claim-{theme}.png"))
        compare = window.releases.open_window(result)
        settle(1500)
        compare.findings.setCurrentRow(0)
        settle(1000)
        compare.grab().save(str(SHOTS / f"laptop-compare-{theme}.png"))
        compare.close()
        print(f"{theme}: main {window.size().toTuple()}, compare {compare.size().toTuple()}, "
              f"page view {window.view.width()} px")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
