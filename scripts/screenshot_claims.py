"""Screenshots of the claims timeline and network for the README (run under xvfb-run).

Usage:
  xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_claims.py [OUT_DIR]
Builds a throwaway project with 200 claims and ~20 actors (tests/claims_many.py),
opens both pictures from the Claims menu as a person would, and grabs each window.
"""
from __future__ import annotations

import sys
from pathlib import Path

from shot_env import ROOT, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-claims-shots-")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"

from PySide6.QtCore import QSettings  # noqa: E402

from recto.ui.app import make_application  # noqa: E402
from recto.ui.main_window import MainWindow  # noqa: E402
from tests.claims_many import make_many_claims  # noqa: E402


def wait_loaded(picture, timeout_ms: int = 20000) -> None:
    waited = 0
    while picture.timing is None and waited < timeout_ms:
        settle(100)
        waited += 100
    if picture.timing is None:
        raise SystemExit(f"the {picture.kind} did not load within {timeout_ms} ms")


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    sample = make_many_claims(HOME / "claims.recto")
    sample.project.close()
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.show()
    window.open_project(HOME / "claims.recto")
    settle()
    for kind, action, size in (("network", "claims.network", (1400, 880)),
                               ("timeline", "claims.timeline", (1400, 880))):
        window.named_actions[action].trigger()
        picture = window.claims.pictures[kind]
        picture.resize(*size)
        wait_loaded(picture)
        settle()
        picture.readable()
        settle(300)
        target = OUT / f"claims-{kind}.png"
        picture.grab().save(str(target))
        t = picture.timing
        print(f"{target}: {t.count} claims, layout {t.compute_ms:.0f} ms, "
              f"build {t.build_ms:.0f} ms", file=sys.stderr)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
