"""Regenerate the README's screenshots from the real app (run under xvfb-run).

Usage: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]
Uses a throwaway home, so the developer's own settings and projects are untouched.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
HOME = Path(tempfile.mkdtemp(prefix="recto-shots-"))
os.environ["XDG_CONFIG_HOME"] = str(HOME / "config")
os.environ["XDG_DATA_HOME"] = str(HOME / "data")
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from app.sample import build_sample_project  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

SHOTS = []


def shot(name: str):
    """Register a function(window) that sets the scene for one screenshot."""
    def register(fn):
        SHOTS.append((name, fn))
        return fn
    return register


def settle(ms: int = 1500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


@shot("main-window")
def main_window(window) -> None:
    window.documents.setCurrentRow(0)


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    project = build_sample_project(HOME / "sample.recto")
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.IniFormat))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
