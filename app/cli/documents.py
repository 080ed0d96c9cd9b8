"""Project and document commands: add, info, doc-edit, relink, doc-remove, undo, redo."""
from __future__ import annotations

from pathlib import Path

import click

from recto.annotations import documents as store
from recto.annotations.project import Project
from recto.app.archive_store import named_store
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.document_metadata import edit_metadata, metadata_json, set_first_page
from recto.app.document_metadata import read_page_labels as read_labels
from recto.app.documents import add_any, edit_reference, parse_reference, relink
from recto.app.documents import remove as remove_document
from recto.app.errors import InvalidInputError
from recto.app.photos import add_each
from recto.app.text.wording import count


def open_project(path: str, create: bool = False) -> Project:
    return Project.open(path, create=create)


def document_json(doc) -> dict:
    return {
        "id": doc.id, "sha256": doc.sha256, "title": doc.title, "path": doc.path,
        "reference": doc.reference.cite(), "page_count": doc.page_count,
        "archive": doc.reference.archive, "collection": doc.reference.collection,
        "box_folder": doc.reference.box_folder, "item": doc.reference.item,
        "languages": list(doc.languages), **metadata_json(doc),
    }


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("source", type=click.Path())
@click.option("--ref", help="Archival reference, e.g. \"ICRC Archives, B AG 232 105-027\".")
@click.option("--title", help="Title (default: the PDF's own title or the file/folder name).")
@click.option("--each", is_flag=True,
              help="With a folder of images: one document per image file, not one in all.")
@click.option("--from-store", "from_store", type=click.Path(file_okay=False),
              help="Take the pages' text and detected redactions from this archive store "
              "(recto batch ocr / detect-redactions) where it has them (default: the store "
              "named with recto set-store, if any).")
@click.option("--ocr-lang", help="The OCR languages of the store's text (default: the "
              "document's, else eng).")
@click.option("--ocr-dpi", type=int, default=300, show_default=True,
              help="The OCR resolution of the store's text.")
@handles_errors
def add(project, source, ref, title, each, from_store, ocr_lang, ocr_dpi):
    """Add a PDF, photos or a folder of photos to a project (created if needed); print the id.

    SOURCE is a PDF, a JPEG/PNG/TIFF image (a multi-page TIFF is one document) or a
    folder of them: the folder becomes one document, its images the pages in natural
    file-name order (page2 before page10); `--each` makes one document per file and
    prints one id per line. Adding the same bytes again changes nothing and prints
    the existing id.

    Example: recto add thesis.recto scan.pdf --ref "ICRC Archives, B AG 232 105-027"
    """
    reference = parse_reference(ref)
    with open_project(project, create=True) as proj:
        if each:
            if not Path(source).is_dir():
                raise InvalidInputError("--each needs a folder of images.")
            results = add_each(proj, source, reference=reference)
        else:
            results = [add_any(proj, source, reference=reference, title=title)]
        archive = Path(from_store) if from_store else named_store(proj)
        if archive is not None:
            for result in results:
                _take_from_store(proj, result.document, archive, ocr_lang, ocr_dpi)
    for result in results:
        if result.created:
            say(f"Added \"{result.document.title}\" "
                f"({count(result.document.page_count, 'page')}).")
        elif getattr(result, "relinked", False):
            say(f"Already in the project as \"{result.document.title}\", which had moved: "
                f"relinked to {result.document.path}.")
        else:
            say(f"Already in the project as \"{result.document.title}\"; nothing changed.")
        click.echo(result.document.id)


def _take_from_store(project: Project, document, archive: Path, lang: str | None,
                     dpi: int) -> None:
    """A new document's text and redactions from an archive store, where it has them."""
    from recto.app.ocr.archive_import import import_pages
    from recto.app.ocr.engine import OcrSettings
    from recto.app.ocr.pipeline import document_languages
    from recto.app.redactions.archive_import import import_redactions
    settings = OcrSettings(languages=lang or document_languages(document), dpi=dpi)
    texts = import_pages(project, document, settings, archive)
    boxes = import_redactions(project, document, archive)
    say(f"From the archive store: text of {count(len(texts), 'page')}, redactions of "
        f"{count(len(boxes), 'page')}.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@json_option
@handles_errors
def info(project, as_json):
    """List the documents in a project.

    Example: recto info thesis.recto --json
    """
    with open_project(project) as proj:
        docs = store.list_documents(proj)
        name = proj.name
    if as_json:
        echo_json({"name": name, "documents": [document_json(d) for d in docs]})
        return
    click.echo(f"{name}: {len(docs)} documents")
    for d in docs:
        click.echo(f"{d.id[:8]}  {d.page_count:4d} p.  {d.title}  [{d.reference.cite()}]")


@cli.command("doc-edit")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("document_id")
@click.option("--title", help="The document's title.")
@click.option("--date", help="The document's own date as EDTF: 1959-12-15, 1959-12, 1955?.")
@click.option("--creator", help="Who wrote or issued it, e.g. \"ICRC Delegation, Tokyo\".")
@click.option("--type", "doc_type",
              help="What it is: cable, memorandum, minutes, letter, report, ...")
@click.option("--language", help="Its language as a BCP 47 tag: en, ja, ko, fr, zh-Hant.")
@click.option("--rights", help="Terms of use or copyright statement.")
@click.option("--archive", help="Holding archive, e.g. \"ICRC Archives\".")
@click.option("--archive-place", help="Where the archive is, e.g. Geneva.")
@click.option("--collection", help="Collection, fonds or series.")
@click.option("--box-folder", help="Box and folder.")
@click.option("--item", help="Item or file number.")
@click.option("--citation", help="Full citation as free text (overrides the parts).")
@click.option("--first-page", type=int,
              help="Printed number of the PDF's first page (10: PDF page 1 is p. 10).")
@click.option("--pdf-page-numbers", is_flag=True,
              help="Cite the PDF's own page numbers again (forget --first-page).")
@click.option("--read-page-labels", is_flag=True,
              help="Read the printed page labels (/PageLabels) from the PDF again.")
@json_option
@handles_errors
def doc_edit(project, document_id, title, date, creator, doc_type, language, rights, archive,
             archive_place, collection, box_folder, item, citation, first_page, pdf_page_numbers,
             read_page_labels, as_json):
    """Edit a document's metadata, archival reference and page numbering.

    Only the options given change; an empty value ("") clears a field. Each kind of
    change is one undoable step.

    Example: recto doc-edit thesis.recto 3f2a9c1e --date 1959-12-15 --type cable --first-page 10
    """
    with open_project(project) as proj:
        doc = store.get_document(proj, document_id)
        meta = {"date": date, "creator": creator, "type": doc_type, "language": language,
                "rights": rights, "archive_place": archive_place}
        if any(v is not None for v in meta.values()):
            doc = edit_metadata(proj, doc.id, **meta)
        parts = {"archive": archive, "collection": collection, "box_folder": box_folder,
                 "item": item, "citation": citation}
        if title is not None or any(v is not None for v in parts.values()):
            current = {f: getattr(doc.reference, f) for f in parts}
            reference = type(doc.reference)(**{k: v.strip() if v is not None else current[k]
                                               for k, v in parts.items()})
            doc = edit_reference(proj, doc.id, reference, (title or "").strip() or doc.title)
        if first_page is not None or pdf_page_numbers:
            doc = set_first_page(proj, doc.id, None if pdf_page_numbers else first_page)
        if read_page_labels:
            doc = read_labels(proj, doc.id)
    if as_json:
        echo_json(document_json(doc))
        return
    say(f"\"{doc.title}\" is cited as {doc.citation(1)} (its first PDF page).")


@cli.command("relink")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("document_id")
@click.argument("pdf", type=click.Path())
@handles_errors
def relink_cmd(project, document_id, pdf):
    """Tell Recto where a moved PDF (or folder of photos) is now (its bytes must be unchanged).

    Example: recto relink thesis.recto 3f2a9c1e ~/scans/moved.pdf
    """
    with open_project(project) as proj:
        doc = relink(proj, store.get_document(proj, document_id), Path(pdf))
    say(f"Relinked \"{doc.title}\" to {doc.path}.")


@cli.command("doc-remove")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("document_id")
@handles_errors
def doc_remove(project, document_id):
    """Remove a document and the annotations on its pages (the file stays on disk; claims
    and actors stay). One step: `recto undo` brings it all back.

    Example: recto doc-remove thesis.recto 3f2a9c1e
    """
    with open_project(project) as proj:
        doc = store.get_document(proj, document_id)
        n = remove_document(proj, doc.id)
    say(f"Removed \"{doc.title}\" with {count(n.redactions, 'redaction')}, "
        f"{count(n.mentions, 'mention')} and {count(n.evidence, 'evidence anchor')}; "
        "`recto undo` brings it back.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@handles_errors
def undo(project):
    """Undo the last edit in a project (the same log the app's Edit > Undo uses).

    Example: recto undo thesis.recto
    """
    with open_project(project) as proj:
        changes = proj.undo()
        _after_undo(proj, changes)
    say(f"Undid: {changes.label}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@handles_errors
def redo(project):
    """Redo the last undone edit in a project.

    Example: recto redo thesis.recto
    """
    with open_project(project) as proj:
        changes = proj.redo()
        _after_undo(proj, changes)
    say(f"Redid: {changes.label}")


def _after_undo(proj, changes) -> None:
    """Page text carries redaction placeholders: keep it in step, as the app does."""
    if changes.touches("redactions"):
        from recto.app.text.page_text import sync_page_texts
        sync_page_texts(proj)
