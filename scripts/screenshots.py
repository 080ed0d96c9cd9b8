"""Regenerate the README's screenshots from the real app (run under xvfb-run).

Usage: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]
(or `make screenshots`). The actors, claims and releases screens come from their own
scripts, which this one runs too; they always write to docs/screenshots/.
Uses a throwaway home, so the developer's own settings and projects are untouched.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shot_env import ROOT, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-shots-")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QDockWidget  # noqa: E402

from recto.app.sample import build_sample_project  # noqa: E402
from recto.ui.app import make_application  # noqa: E402
from recto.ui.main_window import MainWindow  # noqa: E402

SHOTS = []


def shot(name: str):
    """Register a function(window) that sets the scene for one screenshot."""
    def register(fn):
        SHOTS.append((name, fn))
        return fn
    return register



def _select(window, title_start: str) -> None:
    from recto.annotations import documents as store
    doc = next(d for d in store.list_documents(window.session.project)
               if d.title.startswith(title_start))
    window.session.select_document(doc)


@shot("main-window")
def main_window(window) -> None:
    window.documents.setCurrentRow(0)


@shot("ocr-search")
def ocr_search(window) -> None:
    from recto.annotations import documents as store
    from recto.app.ocr.engine import OcrSettings
    from recto.app.ocr.pipeline import ocr_document
    project = window.session.project
    for doc in store.list_documents(project)[:2]:
        ocr_document(project, doc, OcrSettings(), None, 2)
    window.session.notify_external("OCR", {"page_texts"})
    _select(window, "President's Daily Brief, 1974")
    settle(800)
    window.ocr.open_search("Whole project")
    window.ocr.search.query.setText("Makarios")
    window.ocr.search.run()
    window.ocr.search.hits.setCurrentRow(0)
    window.ocr.show_hit(window.ocr.search.results[0])


@shot("redactions")
def redactions(window) -> None:
    from recto.annotations import documents as store
    from recto.app.redactions import service
    project = window.session.project
    doc = next(d for d in store.list_documents(project) if "Yugoslavia" in d.title)
    service.detect_document(project, doc, None)
    _select(window, "President's Daily Brief, 1970s")
    settle(800)
    window.redactions.focus_suggestions()
    window.redactions.accept_above(0.9)
    for name in ("dock-redaction-statistics", "dock-redaction"):
        dock = window.findChild(QDockWidget, name)
        if dock is not None:
            dock.show()
            dock.raise_()


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    project = build_sample_project(HOME / "sample.recto")
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.resize(1360, 860)
    window.show()
    window.open_project(project)
    settle()
    extra = ROOT / "scripts" / "screenshots_extra.py"
    if extra.exists():  # feature screens register themselves here
        exec(compile(extra.read_text(), str(extra), "exec"), {"shot": shot, "settle": settle})
    for name, fn in SHOTS:
        fn(window)
        settle()
        path = OUT / f"{name}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    app.quit()
    for script in () if os.environ.get("RECTO_SHOTS_MAIN_ONLY") else (
            "screenshot_actors.py", "screenshot_claims.py", "screenshot_releases.py"):
        # each feature's own screen, in a fresh process (they build their own projects)
        subprocess.run([sys.executable, str(ROOT / "scripts" / script)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
