"""Whole-archive commands on a Dask cluster: batch ocr.

`recto batch ocr` reads thousands of PDFs into an archive store (app/ocr/archive_store.py);
`recto ocr PROJECT --from-store STORE` then takes each page's text from it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from recto.annotations.errors import ExitCode
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.jobs import TaskState
from recto.app.ocr import batch as batch_ocr
from recto.app.ocr.engine import OcrSettings


@cli.group("batch")
def batch_group() -> None:
    """Whole archives on a Dask cluster (a LocalCluster on this machine by default).

    Example: recto batch ocr scans/ --store archive-store --workers 2
    """


def _progress() -> TaskState:
    box: list[TaskState] = []

    def show(done: int, total: int, message: str) -> None:
        eta = box[0].eta_seconds() if box else None
        left = f" — about {eta:.0f} s left" if eta else ""
        say(f"batch ocr: {done}/{total} pages{left}" + (f" ({message})" if message else ""))
    box.append(TaskState(show))
    return box[0]


@batch_group.command("ocr")
@click.argument("source", type=click.Path(exists=True))
@click.option("--store", required=True, type=click.Path(file_okay=False),
              help="The archive store folder (created if missing; shared by every worker).")
@click.option("--scheduler", help="A Dask scheduler, e.g. tcp://host:8786 (default: a "
              "LocalCluster on this machine).")
@click.option("--workers", type=click.IntRange(1, 256), help="LocalCluster workers "
              "(default: cores).")
@click.option("--lang", default="eng", show_default=True, help="Tesseract languages.")
@click.option("--dpi", type=int, default=300, show_default=True, help="Rendering resolution.")
@click.option("--no-preprocess", is_flag=True, help="Skip deskew, contrast and binarisation.")
@click.option("--force", is_flag=True, help="OCR pages even when the PDF has a real text layer.")
@json_option
@handles_errors
def batch_ocr_cmd(source, store, scheduler, workers, lang, dpi, no_preprocess, force, as_json):
    """OCR every page of a folder of PDFs (or a list file, one path a line) into a store.

    One Dask task per page; workers read the PDFs from the same path, so on a real
    cluster SOURCE and --store must be on a filesystem every worker sees. A re-run does
    only the pages missing from the store; Ctrl-C stops (stored pages are kept).
    Exits 0 when every page is stored, 7 when some failed (listed at the end).

    Example: recto batch ocr /archive/fonds-12 --store /archive/ocr-store --scheduler tcp://10.0.0.5:8786
    """
    settings = OcrSettings(languages=lang, dpi=dpi, preprocess=not no_preprocess,
                           force_ocr=force)
    paths = batch_ocr.list_pdfs(Path(source))
    client = batch_ocr.connect(scheduler, workers)
    try:
        say(f"batch ocr: {len(paths)} PDFs on {client.scheduler.address}")
        report = batch_ocr.run_batch(client, paths, Path(store), settings, _progress())
    finally:
        batch_ocr.close(client)
    say(f"{report.files} files, {report.pages} pages: {report.read} read now, {report.already} "
        f"already in the store, {len(report.failures)} failed ({report.seconds:.1f} s).")
    for f in report.failures:
        where = f"p. {f.page_index + 1}" if f.page_index is not None else "whole file"
        say(f"Failed: {f.path} ({where}): {f.error}")
    if as_json:
        echo_json({"files": report.files, "pages": report.pages, "read": report.read,
                   "already": report.already, "seconds": round(report.seconds, 2),
                   "failed": [{"path": f.path, "page": None if f.page_index is None
                               else f.page_index + 1, "error": f.error}
                              for f in report.failures]})
    if report.failures:
        sys.exit(int(ExitCode.PARTIAL))
