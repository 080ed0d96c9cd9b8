"""Shared fixtures: real project files in tmp folders, real PDFs (sample scans and
generated ones), and an isolated home so QSettings and the sample project never
touch the developer's own."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_scans"
SCANS = ROOT / "tests" / "data" / "scans"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("RECTO_AUTHOR", "tester")


@pytest.fixture
def project_path(tmp_path) -> Path:
    return tmp_path / "test.recto"


@pytest.fixture
def project(project_path):
    from recto.annotations.project import Project
    proj = Project.open(project_path, create=True)
    yield proj
    proj.close()


@pytest.fixture
def sample_pdf(tmp_path) -> Path:
    """A copy of a real one-page typewritten scan (so tests may rename or move it)."""
    dest = tmp_path / "pdb_notes.pdf"
    shutil.copy(SAMPLES / "pdb_0006007849_p10_plain.pdf", dest)
    return dest


@pytest.fixture
def bad_pdfs(tmp_path) -> dict[str, Path]:
    """Every kind of unusable input a historian's folder may hold."""
    from tests.pdf_factory import make_bad_pdfs
    return make_bad_pdfs(tmp_path)


@pytest.fixture(scope="session")
def court_p15():
    """A real court filing (black bars, paragraph signs), read once by the real engine."""
    import pymupdf

    from recto.app.ocr.engine import OcrSettings, ocr_image
    from tests.ocr_fixtures import render_gray
    page = pymupdf.open(SCANS / "court_cacd_630649_326_p15.pdf")[0]
    return ocr_image(render_gray(page, 300), OcrSettings(languages="eng"),
                     page.rect.width, page.rect.height)


@pytest.fixture
def window(qtbot, tmp_path):
    """The real main window with every feature installed, its settings in tmp_path."""
    from PySide6.QtCore import QSettings

    from recto.ui.main_window import MainWindow
    win = MainWindow(QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
