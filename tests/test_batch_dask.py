"""recto batch ocr on a real Dask cluster (a scheduler and two workers on 127.0.0.1),
one worker killed mid-run; then a project takes the text from the archive store."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from recto.app import archive_store
from recto.app.archive_store import StoredPage
from recto.app.cluster import sha256_of
from recto.app.ocr.engine import OcrSettings
from tests.cli_runner import RECTO, recto, recto_env
from tests.conftest import ROOT

DASK = str(Path(sys.executable).with_name("dask"))
WORDS = ["Ministry", "Repatriation", "Consulate", "Telegram", "Embassy"]


def scanned_pdf(path: Path, word: str, pages: int = 2) -> Path:
    """An image-only PDF (drawn text pasted as a 150 dpi image): small pages OCR fast."""
    text = pymupdf.open()
    for p in range(pages):
        page = text.new_page(width=300, height=150)
        page.insert_text((20, 50), f"{word} report page {p + 1}", fontsize=14)
    out = pymupdf.open()
    for page in text:
        png = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY).tobytes("png")
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=png)
    out.save(path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stored_rows(store: Path) -> int:
    return sum(sum(archive_store.page_counts(store, f.stem).values())
               for f in store.glob("*/*.sqlite"))


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_the_store_keeps_a_page_once(tmp_path):
    page = StoredPage(0, "k1", "ocr", "text", (), "tesseract", "5", 0, 0.0, 1.0)
    assert archive_store.add_page(tmp_path, "ab" * 32, page)
    assert not archive_store.add_page(tmp_path, "ab" * 32, page)
    assert archive_store.done_pages(tmp_path, "ab" * 32, "k1") == {0}
    assert archive_store.done_pages(tmp_path, "ab" * 32, "k2") == set()
    assert archive_store.page_counts(tmp_path, "ab" * 32) == {0: 1}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_batch_ocr_on_a_cluster_survives_a_killed_worker(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    good = [scanned_pdf(archive / f"file{i}.pdf", w) for i, w in enumerate(WORDS)]
    damaged = archive / "damaged.pdf"
    damaged.write_bytes(good[0].read_bytes()[:400])  # cut short in transfer
    store = tmp_path / "store"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    procs: list[subprocess.Popen] = []  # the scheduler and workers, each in its own session
    run = None

    def start(*args) -> subprocess.Popen:
        procs.append(subprocess.Popen([DASK, *args], env=env, cwd=tmp_path,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        return procs[-1]
    try:
        start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        workers = [start("worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                         "--host", "127.0.0.1", "--name", f"w{i}") for i in range(2)]
        from dask.distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        run = subprocess.Popen(
            [RECTO, "batch", "ocr", str(archive), "--store", str(store), "--scheduler", address,
             "--dpi", "150", "--json"], env={**recto_env(), "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: store.exists() and stored_rows(store) >= 1 or run.poll() is not None,
                 240, "a first stored page")
        assert run.poll() is None, "the run ended before a worker could be killed"
        workers[0].send_signal(signal.SIGKILL)  # mid-run: its page in flight is lost
        out, err = run.communicate(timeout=400)
    finally:
        if run is not None and run.poll() is None:
            run.kill()
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)

    assert run.returncode == 7, err
    report = json.loads(out)
    assert [(Path(f["path"]).name, f["page"]) for f in report["failed"]] == [("damaged.pdf", None)]
    assert report["pages"] == 10 and report["read"] + report["already"] == 10
    key = OcrSettings(dpi=150).key()
    for pdf, word in zip(good, WORDS, strict=True):
        sha = sha256_of(str(pdf))
        assert archive_store.page_counts(store, sha) == {0: 1, 1: 1}, pdf.name
        assert word in archive_store.get_page(store, sha, 1, key).text

    # A project takes the text from the store: no page is OCR'd by `recto ocr`.
    project = tmp_path / "p.recto"
    doc_id = recto("add", project, good[2]).stdout.strip()
    ocr = json.loads(recto("ocr", project, "--dpi", "150", "--from-store", store,
                           "--json").stdout)
    assert ocr[0]["done"] == [] and ocr[0]["skipped"] == [1, 2] and ocr[0]["failed"] == []
    assert "Consulate report page 2" in recto("text", project, doc_id, "--page", "2").stdout

    # A re-run does nothing but report the damaged file again.
    again = recto("batch", "ocr", archive, "--store", store, "--workers", "1", "--dpi", "150",
                  "--json", check=False)
    assert again.returncode == 7
    assert json.loads(again.stdout)["already"] == 10 and json.loads(again.stdout)["read"] == 0


def test_sources_are_a_folder_a_pdf_or_a_list(tmp_path):
    from recto.app.cluster import list_pdfs
    (tmp_path / "a" / "b").mkdir(parents=True)
    one = scanned_pdf(tmp_path / "a" / "one.pdf", "Ministry", 1)
    two = scanned_pdf(tmp_path / "a" / "b" / "TWO.PDF", "Embassy", 1)
    (tmp_path / "a" / "notes.txt").write_text("not a pdf")
    assert list_pdfs(tmp_path / "a") == [two, one]  # sorted by path: a/b/ before a/one
    assert list_pdfs(one) == [one]
    listing = tmp_path / "list.txt"
    listing.write_text("# fonds 12\na/one.pdf\n\na/b/TWO.PDF\n")
    assert list_pdfs(listing) == [one, two]
