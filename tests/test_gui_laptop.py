"""The app on a laptop screen: every window and dialog fits 1366x768 and 1280x720, its
buttons on screen, and the page keeps at least half of the width.

A process's screen is fixed when its QApplication starts, so each size runs
tests/laptop_fit_worker.py in a subprocess on an offscreen screen of that size.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXPECTED = {"main window", "shortcuts", "first run", "ocr", "export", "import report",
            "claim link", "network", "timeline", "actor picker", "new actor", "merge actors",
            "compare dialog", "compare window", "error dialog"}


def run_on_screen(tmp_path, width: int, height: int) -> dict[str, dict]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run([sys.executable, "-m", "tests.laptop_fit_worker", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    records = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return {r["name"]: r for r in records}


@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 720)])
def test_every_window_and_dialog_fits_a_laptop_screen(tmp_path, width, height):
    windows = run_on_screen(tmp_path, width, height)
    assert set(windows) == EXPECTED
    for name, record in windows.items():
        assert record["screen"] == [0, 0, width, height]
        assert record["fits"], f"{name} {record['frame']} is bigger than the screen"
        assert record["hidden"] == [], f"{name}: buttons not wholly visible {record['hidden']}"
    main = windows["main window"]
    assert main["status_on_screen"]
    assert main["view_width"] >= width / 2, "the page view keeps half of the width"
    assert main["half_view_width"] >= main["half_width"] / 2, "and on half of the screen"
    # The Compare dialog lists a document with a 200-character title.
    assert windows["compare dialog"]["frame"][2] < width * 0.6


@pytest.mark.slow
def test_every_control_of_every_window_has_an_accessible_name(tmp_path):
    """A screen reader names each button, field, list and view: by its own text, the
    label beside it, or an accessible name (the worker walks every window and dialog)."""
    windows = run_on_screen(tmp_path, 1366, 768)
    assert set(windows) == EXPECTED
    unnamed = {name: r["unnamed"] for name, r in windows.items() if r["unnamed"]}
    assert unnamed == {}
    assert windows["main window"]["controls"] > 60     # the walk does reach the controls
