"""Screenshot of OCR words corrected by hand and scanner noise shown dimmed, for the README.

Usage: xvfb-run -a .venv/bin/python scripts/screenshot_corrections.py [OUT_DIR]
OCRs a real CIA President's Daily Brief page whose perforation strip Tesseract reads
as words (tests/data/scans/pdb_0005996489_p4.pdf), retypes one word, shows the word
overlay (corrected: green; noise: grey, dotted, faint) with the editor open on
another word, and grabs the window.
"""
from __future__ import annotations

import sys
from pathlib import Path

from shot_env import ROOT, settle, throwaway_home  # noqa: E402

HOME = throwaway_home("recto-correction-shots-")
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"

from PySide6.QtCore import QSettings  # noqa: E402

from recto.annotations import ocr_store  # noqa: E402
from recto.annotations.project import Project  # noqa: E402
from recto.app.documents import add_pdf  # noqa: E402
from recto.app.ocr.engine import OcrSettings  # noqa: E402
from recto.app.ocr.pipeline import ocr_document  # noqa: E402
from recto.app.text.corrections import correct  # noqa: E402

SCAN = ROOT / "tests" / "data" / "scans" / "pdb_0005996489_p4.pdf"


def build_project() -> tuple[Path, str]:
    path = HOME / "corrections.recto"
    with Project.open(path, create=True) as project:
        doc = add_pdf(project, SCAN).document
        ocr_document(project, doc, OcrSettings(), jobs=2)
        words = ocr_store.current_words(project, doc.sha256, 0)
        # a word of the first paragraph, retyped in capitals so the change shows
        n = next(i for i, w in enumerate(words) if w.text == "protracted")
        correct(project, doc.id, 0, [n], words[n].text.upper())
        print(f"corrected {words[n].text!r}; noise words:",
              [w.text for w in ocr_store.current_words(project, doc.sha256, 0, noise=True)])
    return path, doc.id


def main() -> int:
    path, _ = build_project()
    from recto.ui.app import make_application
    from recto.ui.main_window import MainWindow
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(QSettings(str(HOME / "recto.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 900)
    window.show()
    window.open_project(path)
    settle(1500)
    window.named_actions["show_ocr_words"].trigger()
    feature, view = window.ocr, window.view
    feature.toggle_tool(True)
    view.set_zoom(1.6)
    words = feature.words.words
    fixed = next(w for w in words if w.corrected)
    top = min(w.bbox.y0 for w in feature.words.noise)
    view.centerOn(fixed.bbox.x0 + 40, (top + fixed.bbox.y1) / 2 + 60)
    target = next(w for w in words if w.text == "firefight")
    feature.selector.set_selection([target])
    settle(1500)
    feature.edit_selection()
    settle(500)
    out = OUT / "ocr-corrections.png"
    window.grab().save(str(out))
    print(out)
    window.close()
    settle(500)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
