"""Recto as an installed desktop app: one top-level name in the wheel, `python -m recto`, the
sample shipped as package data, a desktop entry and file type, and the portable code paths
(spawn instead of forkserver, filelock instead of flock) run for real on this Linux machine."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

import pytest

from recto.annotations.project import Project
from recto.app.desktop_entry import MIME_TYPE, install_desktop
from tests.cli_runner import recto
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """`pip install` of the wheel built from this tree into a fresh venv. Its dependencies come
    from the test venv's site-packages through a path entry (no download, and no site dir: the
    test venv's editable install of the tree is not loaded)."""
    base = tmp_path_factory.mktemp("wheel")
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # no tree on the path
    wheels = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600, env=clean)
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    wheel = next(wheels.glob("recto-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=600,
                   env=clean)
    # after the install: pip would take the test venv's editable recto for this one
    (Path(purelib) / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python, Path(purelib), base


def _run(python, *args, cwd, env=None, timeout=120):
    env = {**os.environ, **(env or {})}
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


@pytest.mark.slow
def test_the_wheel_owns_one_top_level_name_and_runs_as_python_m_recto(installed):
    python, purelib, base = installed
    assert sorted(p.name for p in purelib.iterdir() if p.name.startswith(("recto", "app", "ui",
                  "annotations"))) == ["recto", "recto-0.1.0.dist-info"]
    out = _run(python, "-m", "recto", "--version", cwd=base)
    assert out.returncode == 0 and out.stdout.strip() == "recto, version 0.1.0", out.stderr
    for bare in ("app", "ui", "annotations"):
        out = _run(python, "-c", f"import {bare}", cwd=base)
        assert out.returncode != 0 and "ModuleNotFoundError" in out.stderr, bare
    assert (purelib / "recto" / "sample_scans" / "manifest.json").is_file()
    assert (purelib / "recto" / "app" / "recto.svg").is_file()


@pytest.mark.slow
def test_the_installed_gui_opens_the_six_sample_documents(installed):
    """`recto gui --sample` (offscreen) from the wheel builds the sample from its package data."""
    python, purelib, base = installed
    data = base / "data"
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(data),
           "XDG_CONFIG_HOME": str(base / "config"), "XDG_STATE_HOME": str(base / "state")}
    script = Path(python).with_name("recto")
    proc = subprocess.Popen([str(script), "gui", "--sample"], cwd=base, text=True,
                            env={**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
                                 **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sample = data / "recto" / "sample.recto"
    files: list[str] = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            if sample.exists():
                try:
                    with sqlite3.connect(f"file:{sample}?mode=ro", uri=True, timeout=5) as db:
                        files = [r[0] for r in db.execute("SELECT path FROM documents")]
                except sqlite3.Error:
                    files = []
                if len(files) == 6:
                    break
            time.sleep(1)
        assert proc.poll() is None, proc.communicate()[1][-2000:]  # still running: no crash
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert len(files) == 6
    assert all(str(purelib / "recto" / "sample_scans") in f for f in files), files


def test_python_m_recto_is_the_cli_from_a_source_checkout():
    out = subprocess.run([sys.executable, "-m", "recto", "--version"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.startswith("recto, version "), out.stderr


def test_install_desktop_writes_an_entry_the_desktop_accepts(tmp_path):
    entry = install_desktop(tmp_path, python="/opt/recto/bin/python")
    check = subprocess.run(["desktop-file-validate", str(entry.desktop_file)],
                           capture_output=True, text=True)
    assert check.returncode == 0 and "error" not in check.stdout.lower(), check.stdout
    text = entry.desktop_file.read_text()
    assert 'Exec="/opt/recto/bin/python" -m recto gui %f' in text
    assert f"MimeType={MIME_TYPE};" in text
    assert entry.icon.read_bytes().startswith(b"<?xml")
    assert "update-mime-database" in entry.refreshed
    out = recto("install-desktop", "--data-home", tmp_path / "cli")
    assert out.stdout.split() == [str(tmp_path / "cli" / p) for p in (
        "applications/recto.desktop", "icons/hicolor/scalable/apps/recto.svg",
        "mime/packages/recto.xml")]


QUERY_MIME = """
import sys
from PySide6.QtCore import QMimeDatabase
db = QMimeDatabase()
for path in sys.argv[1:]:
    print(db.mimeTypeForFile(path).name())
"""


def test_a_project_is_recognised_by_name_and_by_content(tmp_path):
    """Qt's freedesktop MIME implementation, reading the database install-desktop updated,
    recognises a project by its name and a renamed project by its application_id."""
    install_desktop(tmp_path / "share")
    project = tmp_path / "thesis.recto"
    Project.open(project, create=True).close()
    renamed = tmp_path / "thesis-backup.bin"
    renamed.write_bytes(project.read_bytes())
    other = tmp_path / "other.bin"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", QUERY_MIME, str(project), str(renamed),
                          str(other)], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.split() == [MIME_TYPE, MIME_TYPE, "application/vnd.sqlite3"], out.stderr


def test_the_window_has_recto_s_icon(qapp):
    from recto.ui.app import make_application
    app = make_application()
    assert not app.windowIcon().pixmap(32, 32).isNull()
    assert app.desktopFileName() == "recto"


# --- the portable paths, run here -------------------------------------------------------

@pytest.fixture
def portable(monkeypatch):
    monkeypatch.setenv("RECTO_PORTABLE_LOCK", "1")
    monkeypatch.setenv("RECTO_SPAWN", "1")


def test_without_flock_a_hard_link_of_an_open_project_is_still_refused(tmp_path, portable):
    from tests.test_project_identity import _holder, _try_open_elsewhere
    real = tmp_path / "thesis.recto"
    Project.open(real, create=True).close()
    link = tmp_path / "link.recto"
    os.link(real, link)
    holder = _holder(real)  # the child inherits the environment: it takes the portable lock
    try:
        assert _try_open_elsewhere(link).startswith("ProjectInUseError")
        assert _try_open_elsewhere(real).startswith("ProjectInUseError")
    finally:
        holder.kill()
        holder.wait()
    assert _try_open_elsewhere(link) == "opened"
    with Project.open(real) as project:
        assert project._lock_fd is not None and project._lock_fd.identity_lock is not None
        from recto.annotations.errors import ProjectInUseError
        with pytest.raises(ProjectInUseError):
            Project.open(link)


def test_with_spawn_instead_of_forkserver_drawing_and_ocr_still_work(tmp_path, portable):
    from recto.app.pdf.render import PageRenderer
    from recto.app.pdf.render_service import IsolatedRenderer
    path = str(SAMPLES / "cib_02733122_p2.pdf")
    renderer = IsolatedRenderer(timeout_s=60)
    try:
        there = renderer.render(path, 0, 0.5)
        assert renderer._child is not None
        assert renderer._child._start_method == "spawn"  # type: ignore[attr-defined]
    finally:
        renderer.close()
    here = PageRenderer().render(path, 0, 0.5)
    assert there.samples == here.samples
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, path).stdout.strip()
    recto("ocr", project, doc_id, "--jobs", "2", "--force")  # the pool's workers are spawned
    assert "MUNITIONS" in recto("text", project, doc_id, "--page", "1").stdout.upper()
