"""Screenshot of the Actors panel and the Actor view for the README (run under xvfb-run).

Usage: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_actors.py [OUT]
Builds a throwaway project from the generated repatriation note (English text with
Japanese and Korean names, tests/actor_corpus.py), adds its four actors, suggests
their mentions, accepts those of Sōren, opens Sōren in the Actor view and jumps to
one of its mentions, then grabs the main window into docs/screenshots/actors.png.
"""
from __future__ import annotations

import sys
from pathlib import Path

from shot_env import ROOT, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-actors-shot-")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "actors.png"

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from recto.annotations.model import Status  # noqa: E402
from recto.annotations.project import Project  # noqa: E402
from recto.app.actors import service  # noqa: E402
from recto.ui.app import make_application  # noqa: E402
from recto.ui.main_window import MainWindow  # noqa: E402
from tests import actor_corpus  # noqa: E402


def build(path: Path) -> str:
    """The project, and the id of the actor to show (Sōren)."""
    with Project.open(path, create=True) as project:
        actor_corpus.build_project(project, HOME)
        ids = actor_corpus.add_actors(project)
        service.edit_actor(project, ids["Sōren"], external_id="Q1130549",
                           note="Pro-Pyongyang association of Koreans in Japan.")
        service.suggest_mentions(project)
        service.set_status_all(project, ids["Sōren"], Status.CONFIRMED)
        service.set_status_all(project, ids["Ōmura"], Status.CONFIRMED)
        return ids["Sōren"]


def arrange(window) -> None:
    """The page, the Actors list and the Actor view side by side; other docks hidden."""
    feature = window.actors
    for dock in window.findChildren(type(feature.panel_dock)):
        if dock not in (feature.panel_dock, feature.view_dock):
            dock.hide()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, feature.panel_dock)
    window.splitDockWidget(feature.panel_dock, feature.view_dock, Qt.Orientation.Horizontal)
    for dock in (feature.panel_dock, feature.view_dock):
        dock.setFloating(False)
        dock.show()
    window.resize(1600, 1000)
    settle(300)
    window.resizeDocks(
        [feature.panel_dock, feature.view_dock], [400, 560], Qt.Orientation.Horizontal
    )


def main() -> int:
    app = make_application()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    soren = build(HOME / "actors.recto")
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    window.open_project(HOME / "actors.recto")
    settle()
    arrange(window)
    feature = window.actors
    feature.show_actor(soren)
    settle(300)
    view = feature.view
    first = next(mv for mv in view.overview.mentions if mv.mention.text == "総連")
    view.select_mentions([first.mention.id])
    feature.jump_to(first.mention)
    settle(1500)
    window.grab().save(str(OUT))
    print(OUT)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
