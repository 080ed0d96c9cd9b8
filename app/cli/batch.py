"""Whole-archive commands on a Dask cluster: batch ocr, batch detect-redactions.

`recto batch ocr` reads thousands of PDFs into an archive store (app/archive_store.py);
`recto ocr PROJECT --from-store STORE` then takes each page's text from it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from recto.annotations.errors import ExitCode
from recto.app import cluster
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.jobs import TaskState
from recto.app.ocr import batch as batch_ocr
from recto.app.ocr.engine import OcrSettings


@cli.group("batch")
def batch_group() -> None:
    """Whole archives on a Dask cluster (a LocalCluster on this machine by default).

    Example: recto batch ocr scans/ --store archive-store --workers 2

    Example: recto batch detect-redactions scans/ --store archive-store
    """


def _progress(what: str) -> TaskState:
    box: list[TaskState] = []

    def show(done: int, total: int, message: str) -> None:
        eta = box[0].eta_seconds() if box else None
        left = f" — about {eta:.0f} s left" if eta else ""
        say(f"{what}: {done}/{total} pages{left}" + (f" ({message})" if message else ""))
    box.append(TaskState(show))
    return box[0]


def _cluster_options(fn):
    """SOURCE, --store, --scheduler and --workers: what every batch command takes."""
    for option in reversed((
            click.argument("source", type=click.Path(exists=True)),
            click.option("--store", required=True, type=click.Path(file_okay=False),
                         help="The archive store folder (created if missing; shared by "
                         "every worker)."),
            click.option("--scheduler", help="A Dask scheduler, e.g. tcp://host:8786 "
                         "(default: a LocalCluster on this machine)."),
            click.option("--workers", type=click.IntRange(1, 256),
                         help="LocalCluster workers (default: cores)."))):
        fn = option(fn)
    return fn


@batch_group.command("ocr")
@_cluster_options
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
    _run("batch ocr", source, scheduler, workers, as_json, lambda client, paths, state:
         batch_ocr.run_ocr_batch(client, paths, Path(store), settings, state))


@batch_group.command("detect-redactions")
@_cluster_options
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True,
              help="Resolution the pages are drawn at for detection.")
@click.option("--ocr-lang", default="eng", show_default=True, help="Codes are read from the "
              "store's OCR words of this `batch ocr` run (languages and --ocr-dpi), where the "
              "store has them.")
@click.option("--ocr-dpi", type=int, default=300, show_default=True)
@json_option
@handles_errors
def batch_detect_cmd(source, store, scheduler, workers, dpi, ocr_lang, ocr_dpi, as_json):
    """Find redactions on every page of a folder of PDFs (or a list file) into a store.

    One Dask task per page, as `batch ocr`: black bars and outlined boxes, failed
    redactions (text still under a box) and exemption codes, from the store's OCR words
    when `batch ocr` put them there, else the text layer, else Tesseract on the margin.
    A re-run does only the pages missing; exits 7 when some failed (listed at the end).

    Example: recto batch detect-redactions /archive/fonds-12 --store /archive/ocr-store
    """
    from recto.app.redactions import batch as batch_detect
    ocr_key = OcrSettings(languages=ocr_lang, dpi=ocr_dpi).key()
    _run("batch detect-redactions", source, scheduler, workers, as_json,
         lambda client, paths, state: batch_detect.run_detect_batch(
             client, paths, Path(store), dpi, ocr_key, state))


def _run(what: str, source, scheduler, workers, as_json: bool, run) -> None:
    """Connect, run, report: the part both batch commands share."""
    paths = cluster.list_pdfs(Path(source))
    client = cluster.connect(scheduler, workers)
    try:
        say(f"{what}: {len(paths)} PDFs on {client.scheduler.address}")
        report = run(client, paths, _progress(what))
    finally:
        cluster.close(client)
    say(f"{report.files} files, {report.pages} pages: {report.read} done now, {report.already} "
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


@cli.command("set-store")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("store", required=False, type=click.Path(file_okay=False, exists=True))
@handles_errors
def set_store_cmd(project, store):
    """Name the archive store `recto add` and `recto ocr` take pages from (none: forget it).

    Example: recto set-store thesis.recto /shared/ocr-store
    """
    from recto.app.archive_store import name_store
    from recto.app.cli.documents import open_project
    with open_project(project) as proj:
        name_store(proj, Path(store) if store else None)
    say(f"Pages are taken from {Path(store).resolve()} where it has them." if store
        else "No archive store is named any more.")
