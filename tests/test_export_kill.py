"""An export killed (SIGKILL) between any two of its steps leaves OUT complete (issue 19).

The real `recto export` runs in a subprocess with RECTO_EXPORT_PAUSE_AT=k: at its k-th
step it says so on stderr and waits, and the test kills it there with SIGKILL, for
every k until the export runs to the end. After each kill OUT must hold either the
complete earlier export or the complete new one (never be missing, never be mixed),
the user's files beside it must be untouched, and the next export must clean up
and replace OUT completely. This reproduces defect 3: the CSV folder used to be
swapped with two renames, and a kill between them left OUT missing.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from recto.annotations.export_target import PAUSE_ENV
from recto.annotations.project import Project
from recto.app.export import ExportFilters, ExportOptions, export_annotations
from recto.app.text.page_text import page_text_with_placeholders
from tests.cli_runner import RECTO, recto_env
from tests.export_fixtures import build_project

pytestmark = pytest.mark.slow  # a campaign or real-script flow: scripts/test.sh --fast skips it

EARLIER = ExportFilters(kinds=("redactions",))
NO_FILTERS = ExportFilters()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("kill")
    project = folder / "a.recto"
    build_project(project, folder / "pdfs")
    return project, folder


def export(project: Path, out: Path, fmt: str, filters: ExportFilters = NO_FILTERS):
    """In this process, with the page texts `recto export` writes."""
    with Project.open(project) as proj:
        export_annotations(proj, out, ExportOptions(fmt, False, filters),
                           page_text=page_text_with_placeholders(proj))


def run_to_step(project: Path, out: Path, fmt: str, k: int) -> str | None:
    """Run the export up to its k-th step and kill it there; None if it finished first."""
    env = {**recto_env(), PAUSE_ENV: str(k)}
    proc = subprocess.Popen([RECTO, "export", str(project), str(out), "--format", fmt],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        for line in proc.stderr:
            if line.startswith("recto-export-paused"):
                proc.kill()
                proc.wait(timeout=30)
                return line.split(" ", 2)[2].strip()
        assert proc.wait(timeout=120) == 0
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def csv_content(folder: Path) -> dict:
    """A CSV export as comparable content: every file's bytes, except what records the
    moment of export (metadata's exported_at, the manifest's created and that file's hash);
    the manifest must also match every file it lists."""
    names = sorted(p.name for p in folder.iterdir())
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(package["recto"]["files"]) == names
    for res in package["resources"]:
        data = (folder / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]
    content = {n: (folder / n).read_bytes() for n in names if n not in
               ("metadata.csv", "datapackage.json")}
    meta = list(csv.reader(io.StringIO((folder / "metadata.csv").read_text(encoding="utf-8"))))
    content["metadata.csv"] = [r for r in meta if r[0] != "exported_at"]
    package.pop("created")
    for res in package["resources"]:
        if res["name"] == "metadata":
            res.pop("hash"), res.pop("bytes")
    content["datapackage.json"] = package
    return content


def w3c_content(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("generated")
    return doc


def user_files(folder: Path) -> dict:
    (folder / "chapter").mkdir(parents=True, exist_ok=True)
    (folder / "notes.txt").write_text("interview notes")
    (folder / "chapter" / "ch1.docx").write_bytes(b"PK\x03\x04 chapter one")
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fmt,start", [("csv", "earlier"), ("csv", "none"),
                                       ("w3c", "earlier")])
def test_a_kill_between_any_two_steps_leaves_the_earlier_or_the_new_export(
        built, tmp_path, fmt, start):
    project, folder = built
    content = csv_content if fmt == "csv" else w3c_content
    ref_old, ref_new = folder / f"old-{fmt}", folder / f"new-{fmt}"
    if not ref_new.exists():
        export(project, ref_old, fmt, EARLIER)
        export(project, ref_new, fmt)
    old, new = content(ref_old), content(ref_new)
    assert old != new
    work = tmp_path / "work"
    mine = user_files(work)
    out = work / ("set" if fmt == "csv" else "set.jsonld")
    seen = []
    for k in range(1, 200):
        if out.is_dir():
            shutil.rmtree(out)
        elif out.exists():
            out.unlink()
        if start == "earlier":
            shutil.copytree(ref_old, out) if fmt == "csv" else shutil.copy(ref_old, out)
        label = run_to_step(project, out, fmt, k)
        if label is None:
            assert content(out) == new
            break
        if start == "none" and not out.exists():
            state = "none"
        else:
            assert out.exists(), f"OUT missing after a kill at step {k} ({label})"
            now = content(out)
            assert now in (old, new), f"OUT mixed after a kill at step {k} ({label}): {seen}"
            state = "earlier" if now == old else "new"
        seen.append((k, label, state))
        assert {p: p.read_bytes() for p in mine} == mine, f"user files changed at step {k}"
        export(project, out, fmt)  # the next export cleans up after the dead one
        assert content(out) == new
        assert not [p.name for p in work.iterdir() if ".tmp-export" in p.name], seen[-1]
        assert {p: p.read_bytes() for p in mine} == mine
    else:
        pytest.fail("the export never finished")
    states = [s for _, _, s in seen]
    assert states[0] == start and states[-1] == "new", seen
    assert states == sorted(states, key=lambda s: s == "new"), seen  # earlier, then new
    labels = [label for _, label, _ in seen]
    assert len(set(labels)) == len(labels), labels  # every kill point is a different step
    if fmt == "csv":  # one step per file written, and per file of the earlier export removed
        assert sum(x.startswith("wrote ") for x in labels) == len(list(ref_new.iterdir()))
        removed = sum(x.startswith("removed earlier") for x in labels)
        assert removed == (len(list(ref_old.iterdir())) if start == "earlier" else 0)
