"""The crash harness's scenarios: what runs, when it is killed, and what a re-run must finish.

Each scenario is a generator `(folder, seeds) -> Trial...`; its fixtures are built
once per campaign in `folder`. Kill moments come from `random.Random(seed)`: a
delay for the editing loops, "after k pages plus a jitter" for OCR and detection
(so kills land during the work, not during start-up), a delay within a measured
run for export.
"""
from __future__ import annotations

import hashlib
import random
import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pymupdf

from recto.annotations.model import new_id, now_iso
from recto.annotations.project import Project
from recto.app.documents import add_pdf
from tests.crash_harness import (
    PYTHON,
    RECTO,
    Run,
    Trial,
    child_env,
    confirmed_lines,
    damage,
    lost_edits,
    run_to_end,
)
from tests.crash_workers import Confirmed, Editor

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_scans"
OCR_PAGES = 4
EXPORT_ROWS = 20_000


def has_command(name: str) -> bool:
    """Whether this checkout's `recto` has the command yet (others may still be adding it)."""
    out = subprocess.run([RECTO, name, "--help"], capture_output=True, text=True,
                         env=child_env(), timeout=60)
    return out.returncode == 0


def new_project(path: Path, pdfs: list[Path]) -> list[str]:
    with Project.open(path, create=True) as project:
        return [add_pdf(project, pdf).document.id for pdf in pdfs]


def copy_project(template: Path, dest: Path) -> Path:
    """A closed project is one file (its WAL is checkpointed on close)."""
    dest.unlink(missing_ok=True)
    shutil.copyfile(template, dest)
    return dest


# -- editing: a long-running process (or the app) confirming every commit ---------------
def editing(folder: Path, seeds: list[int], mode: str = "edit",
            delay: tuple[float, float] = (0.0, 0.8)) -> Iterator[Trial]:
    path = folder / f"{mode}.recto"
    path.unlink(missing_ok=True)
    (doc_id,) = new_project(path, [SAMPLES / "pdb_0006007849_p4.pdf"])
    confirmed: list[Confirmed] = []
    for seed in seeds:
        rng = random.Random(seed)
        run = Run([PYTHON, "-m", "tests.crash_workers", mode, path, doc_id, seed])
        ready = run.wait_for(lambda r: "ready" in r.out, timeout=120)
        if ready:
            time.sleep(rng.uniform(*delay))
        killed = run.kill()
        mine = confirmed_lines(run.out)
        confirmed += mine
        yield _edit_checks(f"{mode}", seed, path, doc_id, confirmed, killed, run, len(mine))


def _edit_checks(name, seed, path, doc_id, confirmed, killed, run, count) -> Trial:
    broken = damage(path)
    lost = tuple(lost_edits(path, confirmed)) if broken is None else ()
    resumed = False
    if broken is None:  # the work goes on: the next edit commits and survives too
        with Project.open(path) as project:
            confirmed.append(Editor(project, doc_id, seed + 7_000_000).step())
        resumed = not lost_edits(path, confirmed[-1:])
    return Trial(name, seed, killed, count, lost, broken, resumed, run.crashed_alone)


def gui(folder: Path, seeds: list[int]) -> Iterator[Trial]:
    """The real main window; killed early, as it also dies on its own after a few
    hundred edits (a None refcount leak in PySide6 6.12 on Python 3.11, see the report)."""
    yield from editing(folder, seeds, "gui", delay=(0.05, 0.5))


# -- editing through the CLI: one command per edit ------------------------------------
def cli_edits(folder: Path, seeds: list[int]) -> Iterator[Trial]:
    path = folder / "cli.recto"
    path.unlink(missing_ok=True)
    (doc_id,) = new_project(path, [SAMPLES / "pdb_0006466926_p14_plain.pdf"])
    confirmed: list[Confirmed] = []
    for seed in seeds:
        rng = random.Random(seed)
        started = time.monotonic()
        args = _cli_edit(rng, path, doc_id, seed, 1)
        code, out, _ = run_to_end(args, timeout=120)
        took = time.monotonic() - started
        if code == 0:
            confirmed.append(Confirmed(args[1], _TABLE[args[1]], out.strip(), 0))
        victim = _cli_edit(rng, path, doc_id, seed, 2)
        run = Run(victim)
        time.sleep(rng.uniform(0.0, took * 1.1))
        killed = run.kill()
        if run.proc.returncode == 0 and run.out:
            confirmed.append(Confirmed(victim[1], _TABLE[victim[1]], run.out[-1].strip(), 0))
        broken = damage(path)
        lost = tuple(lost_edits(path, confirmed)) if broken is None else ()
        again, out, err = run_to_end(victim, timeout=120)  # the re-run does the edit
        if again == 0:
            confirmed.append(Confirmed(victim[1], _TABLE[victim[1]], out.strip(), 0))
        yield Trial("cli", seed, killed, len(confirmed), lost, broken, again == 0,
                    run.crashed_alone, "" if again == 0 else err[-200:])


_TABLE = {"actor-add": "actors", "redaction-add": "redactions", "claim-add": "claims"}


def _cli_edit(rng: random.Random, path: Path, doc_id: str, seed: int, n: int) -> list[str]:
    x, y = rng.randint(50, 400), rng.randint(50, 600)
    bbox = f"{x},{y},{x + 80},{y + 20}"
    kind = rng.choice(sorted(_TABLE))
    if kind == "actor-add":
        return [RECTO, kind, str(path), f"Observer {seed}-{n}", "--alias", f"観察者{seed}@ja"]
    if kind == "redaction-add":
        return [RECTO, kind, str(path), "--doc", doc_id, "--page", "1", "--bbox", bbox,
                "--code", "(b)(3)"]
    return [RECTO, kind, str(path), "--statement", f"Claim {seed}-{n}", "--doc", doc_id,
            "--page", "1", "--bbox", bbox]


# -- OCR: a multi-page image-only PDF, killed after k pages ---------------------------
def image_only_pdf(path: Path, pages: int) -> Path:
    """Small scanner-like pages (text rasterised at 150 dpi) so OCR stays quick."""
    out = pymupdf.open()
    for n in range(pages):
        src = pymupdf.open()
        page = src.new_page(width=360, height=220)
        for i, line in enumerate(["The delegation reached Niigata", "on the fourteenth of",
                                  f"December. Page {n + 1}."]):
            page.insert_text((30, 50 + 40 * i), line, fontsize=20, fontname="helv")
        png = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY).tobytes("png")
        out.new_page(width=360, height=220).insert_image(pymupdf.Rect(0, 0, 360, 220), stream=png)
        src.close()
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path


_PAGE_DONE = re.compile(r"\d+/\d+ p\. (\d+): \d+ words")


def ocr(folder: Path, seeds: list[int]) -> Iterator[Trial]:
    template = folder / "ocr-template.recto"
    template.unlink(missing_ok=True)
    new_project(template, [image_only_pdf(folder / "minutes.pdf", OCR_PAGES)])
    args = ["ocr", "--dpi", "150", "--jobs", "2", "--lang", "eng"]
    for seed in seeds:
        rng = random.Random(seed)
        path = copy_project(template, folder / "ocr.recto")
        run = Run([RECTO, args[0], path, *args[1:]])
        k = rng.randrange(0, OCR_PAGES - 1)
        run.wait_for(lambda r, k=k: len(_done_pages(r.err)) >= k, timeout=300)
        time.sleep(rng.uniform(0.0, 0.5))
        killed = run.kill()
        confirmed = _done_pages(run.err)
        broken = damage(path)
        before = _ocr_rows(path) if broken is None else {}
        lost = tuple(f"page {p}" for p in confirmed if p - 1 not in before)
        code, _, err = run_to_end([RECTO, args[0], path, *args[1:]], timeout=600)
        after = _ocr_rows(path)
        redone = [i for i in before if after.get(i) != before[i]]
        resumed = code == 0 and sorted(after) == list(range(OCR_PAGES)) and not redone
        yield Trial("ocr", seed, killed, len(confirmed), lost, broken, resumed,
                    run.crashed_alone, f"redone={redone} code={code} {err[-160:]}"
                    if not resumed else "")


def _done_pages(lines: list[str]) -> set[int]:
    return {int(m.group(1)) for line in lines for m in [_PAGE_DONE.search(line)] if m}


def _ocr_rows(path: Path) -> dict[int, str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
        return dict(conn.execute("SELECT page_index, created_at FROM page_texts "
                                 "WHERE status = 'ok'").fetchall())


# -- redaction detection: suggestions stored per document, all or none ------------------
def detection(folder: Path, seeds: list[int]) -> Iterator[Trial]:
    template = folder / "detect-template.recto"
    template.unlink(missing_ok=True)
    pdfs = [_bundle(folder / f"bundle{i}.pdf", names) for i, names in enumerate(_BUNDLES)]
    new_project(template, pdfs)
    reference = copy_project(template, folder / "reference.recto")
    code, _, err = run_to_end([RECTO, "detect-redactions", reference, "--dpi", "100"])
    expected = _suggestions(reference)
    assert code == 0 and sum(expected.values()) > 0, f"detection reference run failed: {err}"
    for seed in seeds:
        rng = random.Random(seed)
        path = copy_project(template, folder / "detect.recto")
        run = Run([RECTO, "detect-redactions", path, "--dpi", "100"])
        k = rng.randrange(0, sum(len(b) for b in _BUNDLES))
        run.wait_for(lambda r, k=k: sum("Detecting:" in line for line in r.err) > k, timeout=300)
        time.sleep(rng.uniform(0.0, 0.3))
        killed = run.kill()
        broken = damage(path)
        found = _suggestions(path) if broken is None else {}
        titles = {line.split(":")[0] for line in run.err if "new suggestion" in line}
        lost = tuple(f"{t}: {found.get(t, 0)} of {n} (not all or nothing)"
                     for t, n in expected.items()
                     if found.get(t, 0) not in (0, n) or (t in titles and found.get(t) != n))
        code, _, err = run_to_end([RECTO, "detect-redactions", path, "--dpi", "100"])
        resumed = code == 0 and _suggestions(path) == expected
        yield Trial("detect", seed, killed, len(titles), lost, broken, resumed,
                    run.crashed_alone, "" if resumed else f"code={code} {err[-160:]}")


_BUNDLES = [("cib_02733122_p2.pdf", "pdb_0005996463_p3.pdf", "court_cacd_630649_326_p10.pdf"),
            ("pdb_0006007849_p4.pdf", "pdb_0006007849_p10_plain.pdf")]


def _bundle(path: Path, names: tuple[str, ...]) -> Path:
    out = pymupdf.open()
    for name in names:
        with pymupdf.open(SAMPLES / name) as src:
            out.insert_pdf(src)
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path


def _suggestions(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
        return dict(conn.execute(
            "SELECT d.title, COUNT(r.id) FROM documents d LEFT JOIN redactions r "
            "ON r.document_id = d.id AND r.origin = 'detected' GROUP BY d.id").fetchall())


# -- export: the previous OUT.db stays intact -----------------------------------------
def export(folder: Path, seeds: list[int]) -> Iterator[Trial]:
    project = folder / "export.recto"
    project.unlink(missing_ok=True)
    _big_project(project)
    small = folder / "small.recto"
    small.unlink(missing_ok=True)
    new_project(small, [SAMPLES / "cib_02733122_p2.pdf"])
    previous = folder / "previous.db"
    previous.unlink(missing_ok=True)
    assert run_to_end([RECTO, "export", small, previous])[0] == 0
    digest = _sha(previous)
    started = time.monotonic()
    assert run_to_end([RECTO, "export", project, folder / "calibrate.db"])[0] == 0
    took = time.monotonic() - started
    for seed in seeds:
        rng = random.Random(seed)
        out = folder / "out.db"
        shutil.copyfile(previous, out)
        run = Run([RECTO, "export", project, out])
        time.sleep(rng.uniform(0.0, took * 0.7))
        killed = run.kill()
        finished = run.proc.returncode == 0
        intact = _export_rows(out) == EXPORT_ROWS if finished else _sha(out) == digest
        broken = damage(project)
        code, _, err = run_to_end([RECTO, "export", project, out])
        resumed = code == 0 and _export_rows(out) == EXPORT_ROWS and not _leftovers(folder)
        yield Trial("export", seed, killed, int(finished), () if intact else ("OUT.db",),
                    broken, resumed, run.crashed_alone,
                    "" if resumed else f"code={code} {err[-160:]}")


def _big_project(path: Path) -> None:
    """A project with many redactions (bulk rows) so an export takes a moment."""
    t = now_iso()
    with Project.open(path, create=True) as proj:
        doc = add_pdf(proj, SAMPLES / "court_cacd_630649_326_p10.pdf").document.id
        with proj.transaction() as db:
            db.conn.executemany(
                "INSERT INTO redactions (id, document_id, page_index, x0, y0, x1, y1, style, "
                "codes, origin, status, note, created_at, modified_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(new_id(), doc, 0, 10.0, 20.0, 30.0, 40.0, "black_box", '["(b)(1)"]',
                  "manual", "confirmed", f"note {i} " * 8, t, t) for i in range(EXPORT_ROWS)])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _export_rows(path: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                return -1
            return conn.execute("SELECT COUNT(*) FROM redactions").fetchone()[0]
    except sqlite3.Error:
        return -1


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".tmp-export" in p.name]


SCENARIOS = {"edit": editing, "cli": cli_edits, "gui": gui, "ocr": ocr, "detect": detection,
             "export": export}
NEEDS = {"ocr": "ocr", "detect": "detect-redactions", "export": "export", "cli": "claim-add"}
