"""Screenshot of the side-by-side comparison of two releases, for the README.

Usage: xvfb-run -a .venv/bin/python scripts/screenshot_releases.py [OUT_DIR]
Generates the two releases of the test memo (tests/release_fixtures.py: different
clauses blacked out, skewed, specked, a page dropped), OCRs them with Tesseract,
compares them as Tools > Compare Releases does, selects a finding and grabs the window.
"""
from __future__ import annotations

import sys
from pathlib import Path

from shot_env import ROOT, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-release-shots-")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"

from PySide6.QtCore import QSettings  # noqa: E402

from recto.annotations.project import Project  # noqa: E402
from recto.app.documents import add_pdf  # noqa: E402
from recto.app.ocr.engine import OcrSettings  # noqa: E402
from recto.app.ocr.pipeline import ocr_document  # noqa: E402
from recto.app.redactions.service import detect_document_boxes  # noqa: E402
from recto.app.releases import service as releases  # noqa: E402
from tests.release_fixtures import make_releases  # noqa: E402


def build_project() -> tuple[Path, str, str]:
    path_a, path_b = make_releases(HOME)
    path = HOME / "releases.recto"
    with Project.open(path, create=True) as project:
        docs = [add_pdf(project, p).document for p in (path_a, path_b)]
        for doc in docs:
            ocr_document(project, doc, OcrSettings(), jobs=2)
        releases.link_releases(project, docs[0].id, docs[1].id, "1994 release, 2016 appeal")
    return path, docs[0].id, docs[1].id


def main() -> int:
    path, a, b = build_project()
    from recto.ui.app import make_application
    from recto.ui.main_window import MainWindow
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.show()
    window.open_project(path)
    result = releases.compare(window.session.project, a, b, detect=detect_document_boxes)
    compare = window.releases.open_window(result)
    compare.resize(1500, 900)
    settle()
    row = next(i for i, f in enumerate(result.findings) if f.page_a == 0
               and f.direction == "revealed_in_a")
    compare.view_a.fit_width()               # B follows: zoom is synchronised
    compare.findings.setCurrentRow(row)
    settle(1500)
    out = OUT / "compare-releases.png"
    compare.grab().save(str(out))
    print(out)
    compare.close()
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
