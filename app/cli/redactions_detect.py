"""`recto detect-redactions`: suggest redaction boxes on a PDF (no project needed),
or store them as suggestions in a project."""
from __future__ import annotations

import sys

import click

from app.cli.base import StderrProgress, cli, echo_json, handles_errors, json_option, say
from app.errors import ExitCode, InvalidInputError
from app.jobs import TaskState


@cli.command("detect-redactions")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.argument("doc_ids", nargs=-1)
@json_option
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(50, 600),
              help="Render resolution used for detection.")
@click.option("--ocr-codes", is_flag=True,
              help="OCR pages without a text layer to read exemption codes (slow).")
@handles_errors
def detect_redactions_cmd(file: str, doc_ids: tuple[str, ...], as_json: bool, dpi: int,
                          ocr_codes: bool) -> None:
    """Find black bars and outlined white boxes on every page of FILE.

    Boxes are in PDF points, origin top-left; pages are 1-based. Exemption codes
    ("25X1", "(b)(1)") come from the page's text layer, or OCR with --ocr-codes.
    Given a project (.recto) instead, store the boxes as suggestions for review in
    every document (or those listed); boxes already there are not added twice.

    Example: recto detect-redactions scan.pdf --json

    Example: recto detect-redactions thesis.recto 3f2a9c1e
    """
    from app.redactions.detect import detect_in_pdf

    if file.lower().endswith(".recto"):
        _detect_in_project(file, doc_ids, as_json, dpi)
        return
    if doc_ids:
        raise InvalidInputError("Document ids go with a project (.recto), not with a PDF file.")
    words = _ocr_words(file) if ocr_codes else None
    skipped: list[tuple[int, str]] = []
    state = TaskState(None if as_json else StderrProgress("Detecting"))
    found = detect_in_pdf(file, dpi=dpi, words_by_page=words, state=state, skipped=skipped)
    rows = [_row(index, r) for index, r in found]
    if as_json:
        echo_json(rows)
    else:
        _print_table(rows)
    for index, reason in skipped:
        say(f"Page {index + 1} was skipped: {reason}")
    if skipped:
        sys.exit(int(ExitCode.PARTIAL))


def _row(index: int, r) -> dict:
    b = r.bbox
    return {"page": index + 1, "bbox": [round(b.x0, 1), round(b.y0, 1), round(b.x1, 1),
                                        round(b.y1, 1)],
            "style": r.style.value, "code": r.code, "confidence": round(r.confidence, 2)}


def _print_table(rows: list[dict]) -> None:
    if not rows:
        say("No redactions found.")
        return
    click.echo(f"{'page':>4}  {'x0':>6} {'y0':>6} {'x1':>6} {'y1':>6}  {'style':12} "
               f"{'code':10} conf")
    for row in rows:
        x0, y0, x1, y1 = row["bbox"]
        click.echo(f"{row['page']:>4}  {x0:6.1f} {y0:6.1f} {x1:6.1f} {y1:6.1f}  "
                   f"{row['style']:12} {row['code'] or '-':10} {row['confidence']:.2f}")
    say(f"{len(rows)} redaction(s) on {len({r['page'] for r in rows})} page(s).")


def _ocr_words(file: str) -> dict:
    """Tesseract words for the pages that have no text layer."""
    from app.pdf.reader import open_pdf
    from app.redactions.evaluate import page_words

    with open_pdf(file) as doc:
        return {page.number: page_words(page, ocr=True) for page in doc}


def _detect_in_project(path: str, doc_ids: tuple[str, ...], as_json: bool, dpi: int) -> None:
    """Store suggestions in a project; progress and a summary on stderr."""
    from annotations import documents as doc_store
    from annotations.project import Project
    from app.redactions.service import detect_documents

    with Project.open(path) as project:
        docs = ([doc_store.get_document(project, d) for d in doc_ids] if doc_ids
                else doc_store.list_documents(project))
        state = TaskState(StderrProgress("Detecting"))
        reports = detect_documents(project, docs, state, dpi=dpi)
    rows = [{"document_id": r.document_id, "title": r.title, "pages": r.pages,
             "found": r.found, "added": r.added, "duplicates": r.duplicates,
             "recoverable": r.recoverable,
             "skipped": [{"page": i + 1, "reason": why} for i, why in r.skipped]}
            for r in reports]
    if as_json:
        echo_json(rows)
    for r in reports:
        say(f"{r.title}: {r.added} new suggestion(s), {r.duplicates} already in the project"
            + (f", {r.recoverable} with recoverable text" if r.recoverable else "") + ".")
        for index, reason in r.skipped:
            say(f"  Page {index + 1} was skipped: {reason}")
    if any(r.skipped for r in reports):
        sys.exit(int(ExitCode.PARTIAL))
