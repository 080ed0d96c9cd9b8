"""`recto detect-redactions`: suggest redaction boxes on a PDF (no project needed),
or store them as suggestions in a project; `recto failed-redactions`: only the leaks."""
from __future__ import annotations

import sys
from typing import Any

import click

from recto.app.cli.base import StderrProgress, cli, echo_json, handles_errors, json_option, say
from recto.app.errors import ExitCode, InvalidInputError
from recto.app.jobs import TaskState


@cli.command("detect-redactions")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.argument("doc_ids", nargs=-1)
@json_option
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(50, 600),
              help="Render resolution used for detection.")
@click.option("--ocr-codes", is_flag=True,
              help="OCR whole pages without a text layer to read exemption codes (slow; "
                   "by default only the margins beside the boxes are read).")
@click.option("--pages", "page_spec", help="Pages to examine, 1-based, e.g. 1-5,9 (default: all).")
@click.option("--show-hidden", is_flag=True,
              help="Include the text still recoverable under failed redactions.")
@handles_errors
def detect_redactions_cmd(file: str, doc_ids: tuple[str, ...], as_json: bool, dpi: int,
                          ocr_codes: bool, page_spec: str | None, show_hidden: bool) -> None:
    """Find black bars and outlined white boxes on every page of FILE.

    Boxes are in PDF points, origin top-left; pages are 1-based. Exemption codes
    ("25X1", "(b)(1)") come from the page's text layer, else Tesseract reads the
    margin beside each box. A box whose text can still be copied out is marked
    text_recoverable (the text itself with --show-hidden). Given a project (.recto)
    instead, store the boxes as suggestions for review in every document (or those
    listed) as one undoable step; boxes already there are not added twice, but get
    the code read now if they had none.

    Example: recto detect-redactions scan.pdf --json

    Example: recto detect-redactions thesis.recto 3f2a9c1e
    """
    from recto.app.redactions.detect import detect_in_pdf

    if file.lower().endswith(".recto"):
        _detect_in_project(file, doc_ids, as_json, dpi, page_spec)
        return
    if doc_ids:
        raise InvalidInputError("Document ids go with a project (.recto), not with a PDF file.")
    from recto.app.redactions.recoverable import hidden_in_pdf
    pages = _file_pages(file, page_spec)
    words = _ocr_words(file) if ocr_codes else None
    skipped: list[tuple[int, str]] = []
    state = TaskState(None if as_json else StderrProgress("Detecting"))
    found = detect_in_pdf(file, dpi=dpi, words_by_page=words, state=state, skipped=skipped,
                          pages=pages)
    unread: list[tuple[int, str]] = []
    hidden = dict(hidden_in_pdf(file, pages, unread))
    skipped += [u for u in unread if u[0] not in {i for i, _ in skipped}]
    rows = _merged_rows(found, hidden, show_hidden)
    if as_json:
        echo_json(rows)
    else:
        _print_table(rows)
    for index, reason in skipped:
        say(f"Page {index + 1} was skipped: {reason}")
    if skipped:
        sys.exit(int(ExitCode.PARTIAL))


def _file_pages(file: str, page_spec: str | None) -> list[int] | None:
    if not page_spec:
        return None
    from recto.app.ocr.pipeline import parse_pages
    from recto.app.pdf.reader import open_pdf
    with open_pdf(file) as doc:
        return parse_pages(page_spec, doc.page_count)


def _merged_rows(found, hidden: dict, show_hidden: bool) -> list[dict]:
    """Detected boxes, marked where text is recoverable under them, plus failed
    redactions the image detector did not see (a thin bar, a Redact annotation)."""
    from recto.app.redactions.service import DUPLICATE_IOU
    rows, used = [], set()
    for index, r in found:
        on_page = hidden.get(index)
        leaks = on_page.failed if on_page else ()
        leak = next((h for h in leaks if h.bbox.iou(r.bbox) >= DUPLICATE_IOU), None)
        if leak is not None:
            used.add(id(leak))
        rows.append(_row(index, r.bbox, r.style.value, r.code, r.confidence, leak,
                         show_hidden))
    for index, h in sorted(hidden.items()):
        for leak in h.failed:
            if id(leak) not in used:
                rows.append(_row(index, leak.bbox, "black_box", None, 0.95, leak, show_hidden))
    rows.sort(key=lambda row: (row["page"], row["bbox"][1], row["bbox"][0]))
    return rows


def _row(index: int, b, style: str, code, confidence: float, leak, show_hidden: bool) -> dict:
    row = {"page": index + 1, "bbox": [round(b.x0, 1), round(b.y0, 1), round(b.x1, 1),
                                       round(b.y1, 1)],
           "style": style, "code": code, "confidence": round(confidence, 2),
           "text_recoverable": leak is not None}
    if show_hidden and leak is not None:
        row["hidden_text"] = leak.hidden_text
    return row


def _print_table(rows: list[dict]) -> None:
    if not rows:
        say("No redactions found.")
        return
    click.echo(f"{'page':>4}  {'x0':>6} {'y0':>6} {'x1':>6} {'y1':>6}  {'style':12} "
               f"{'code':10} conf")
    for row in rows:
        x0, y0, x1, y1 = row["bbox"]
        click.echo(f"{row['page']:>4}  {x0:6.1f} {y0:6.1f} {x1:6.1f} {y1:6.1f}  "
                   f"{row['style']:12} {row['code'] or '-':10} {row['confidence']:.2f}"
                   + ("  RECOVERABLE" if row["text_recoverable"] else "")
                   + (f"  {row['hidden_text']!r}" if "hidden_text" in row else ""))
    say(f"{len(rows)} redaction(s) on {len({r['page'] for r in rows})} page(s).")


def _ocr_words(file: str) -> dict:
    """Tesseract words for the pages that have no text layer."""
    from recto.app.pdf.reader import open_pdf
    from recto.app.redactions.evaluate import page_words

    with open_pdf(file) as doc:
        return {page.number: page_words(page, ocr=True) for page in doc}


def _detect_in_project(path: str, doc_ids: tuple[str, ...], as_json: bool, dpi: int,
                       page_spec: str | None) -> None:
    """Store suggestions in a project; progress and a summary on stderr."""
    from recto.annotations import documents as doc_store
    from recto.annotations.project import Project
    from recto.app.ocr.pipeline import parse_pages
    from recto.app.redactions.service import detect_documents

    with Project.open(path) as project:
        docs = ([doc_store.get_document(project, d) for d in doc_ids] if doc_ids
                else doc_store.list_documents(project))
        pages = ({d.id: parse_pages(page_spec, d.page_count) for d in docs} if page_spec
                 else None)
        state = TaskState(StderrProgress("Detecting"))
        reports = detect_documents(project, docs, state, dpi=dpi, pages=pages)
    rows = [{"document_id": r.document_id, "title": r.title, "pages": r.pages,
             "found": r.found, "added": r.added, "duplicates": r.duplicates,
             "recoverable": r.recoverable, "codes_filled": r.codes_filled,
             "skipped": [{"page": i + 1, "reason": why} for i, why in r.skipped]}
            for r in reports]
    if as_json:
        echo_json(rows)
    for r in reports:
        say(f"{r.title}: {r.added} new suggestion(s), {r.duplicates} already in the project"
            + (f", {r.recoverable} with recoverable text" if r.recoverable else "")
            + (f", {r.codes_filled} given their code" if r.codes_filled else "") + ".")
        for index, reason in r.skipped:
            say(f"  Page {index + 1} was skipped: {reason}")
    if any(r.skipped for r in reports):
        sys.exit(int(ExitCode.PARTIAL))


@cli.command("failed-redactions")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@json_option
@click.option("--pages", "page_spec", help="Pages to examine, 1-based, e.g. 1-5,9 (default: all).")
@click.option("--show-hidden", is_flag=True, help="Print the text that can be recovered.")
@handles_errors
def failed_redactions_cmd(file: str, as_json: bool, page_spec: str | None,
                          show_hidden: bool) -> None:
    """List only the failed redactions of FILE: boxes a reader sees as blacked out
    whose text can still be copied, searched or extracted. Exit 0 when there are
    none, 8 when there are some, so a script can hold back a release (7 when none
    were found but some pages could not be read). Text drawn invisibly with no
    redaction over it (white on white) is counted apart.

    Example: recto failed-redactions release.pdf --json
    """
    from recto.app.redactions.recoverable import hidden_in_pdf

    skipped: list[tuple[int, str]] = []
    found = hidden_in_pdf(file, _file_pages(file, page_spec), skipped)
    rows = []
    for index, h in found:
        for leak in h.failed:
            row: dict[str, Any] = {
                "page": index + 1, "bbox": [round(v, 1) for v in leak.bbox.as_list()],
                "source": leak.source, "text_recoverable": True}
            if show_hidden:
                row["hidden_text"] = leak.hidden_text
            rows.append(row)
    invisible = [(index, t) for index, h in found for t in h.invisible]
    if as_json:
        echo_json(rows)
    elif rows:
        for page in sorted({r["page"] for r in rows}):
            click.echo(f"Page {page}:")
            for r in (r for r in rows if r["page"] == page):
                x0, y0, x1, y1 = r["bbox"]
                click.echo(f"  {x0:6.1f} {y0:6.1f} {x1:6.1f} {y1:6.1f}  {r['source']}"
                           + (f"  {r['hidden_text']!r}" if show_hidden else ""))
    if invisible:
        say(f"{len(invisible)} line(s) of invisible text with no redaction over them "
            f"(white on white, say) on page(s) "
            f"{', '.join(str(p) for p in sorted({i + 1 for i, _ in invisible}))}.")
    for index, reason in skipped:
        say(f"Page {index + 1} was skipped: {reason}")
    if rows:
        say(f"{len(rows)} failed redaction(s) on {len({r['page'] for r in rows})} page(s): "
            "their text can still be copied.")
        sys.exit(int(ExitCode.LEAKS))
    say("No failed redactions" + (" on the pages that could be read." if skipped else "."))
    if skipped:
        sys.exit(int(ExitCode.PARTIAL))
