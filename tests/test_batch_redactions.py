"""`recto batch detect-redactions` on a LocalCluster over real scans, a leaky born-digital
PDF and a damaged one: one stored result per page, the same boxes `recto
detect-redactions FILE` finds, a re-run that does nothing, and a project that takes
the boxes from the store as suggestions."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recto.app import archive_store
from recto.app.cluster import sha256_of
from recto.app.redactions.batch import detect_key
from tests.cli_runner import recto
from tests.test_cli_failed_redactions import _leaky_pdf

SCANS = Path(__file__).parent / "data" / "scans"
REAL = ["cib_02733122_p2.pdf", "pdb_0006007849_p4.pdf"]


def rows_of(boxes, page: int) -> list[tuple]:
    return [(page, tuple(round(v, 1) for v in b.bbox.as_list()), b.style, b.code,
             b.text_recoverable) for b in boxes]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_batch_detect_redactions_into_the_store_and_a_project(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in REAL:
        shutil.copy(SCANS / name, archive / name)
    _leaky_pdf(archive / "release.pdf")  # 3 pages, two failed redactions
    (archive / "damaged.pdf").write_bytes((SCANS / REAL[0]).read_bytes()[:200])  # cut short
    store = tmp_path / "store"

    run = recto("batch", "detect-redactions", archive, "--store", store, "--workers", "1",
                "--json", check=False, timeout=800)
    assert run.returncode == 7, run.stderr
    report = json.loads(run.stdout)
    assert [(Path(f["path"]).name, f["page"]) for f in report["failed"]] == [("damaged.pdf", None)]
    assert (report["pages"], report["read"], report["already"]) == (5, 5, 0)

    key = detect_key(150)
    for name, pages in [(REAL[0], 1), (REAL[1], 1), ("release.pdf", 3)]:
        sha = sha256_of(str(archive / name))
        assert archive_store.redaction_counts(store, sha) == dict.fromkeys(range(pages), 1)
        stored = sorted(r for i in range(pages)
                        for r in rows_of(archive_store.get_redactions(store, sha, i, key), i + 1))
        direct = sorted((r["page"], tuple(r["bbox"]), r["style"], r["code"],
                         r["text_recoverable"])
                        for r in json.loads(recto("detect-redactions", archive / name,
                                                  "--json").stdout))
        assert stored == direct, name
    cib = archive_store.get_redactions(store, sha256_of(str(archive / REAL[0])), 0, key)
    assert len(cib) >= 3 and any(b.code for b in cib)

    again = recto("batch", "detect-redactions", archive, "--store", store, "--workers", "1",
                  "--json", check=False, timeout=800)
    assert again.returncode == 7
    assert (json.loads(again.stdout)["already"], json.loads(again.stdout)["read"]) == (5, 0)

    project = tmp_path / "p.recto"
    recto("add", project, archive / "release.pdf", "--from-store", store)
    leaks = json.loads(recto("redactions", project, "--json", "--show-hidden").stdout)
    assert sorted((r["page"], r["hidden_text"]) for r in leaks if r["text_recoverable"]) == [
        (1, "SOURCE RAVEN"), (3, "Walter Novak")]
    assert {r["status"] for r in leaks} == {"suggested"}
    recto("add", project, archive / REAL[0], "--from-store", store)
    recto("add", project, archive / "release.pdf", "--from-store", store)  # nothing twice
    rows = json.loads(recto("redactions", project, "--json").stdout)
    assert len(rows) == len(leaks) + len(cib)
