"""Correcting OCR from the command line: text-edit.

Word and line numbers are 1-based, as `recto text --json` lists them (`word_number`,
`line_number`); the services take 0-based ones.
"""
from __future__ import annotations

import click

from recto.annotations import documents as doc_store
from recto.annotations import ocr_store
from recto.app.cli.base import cli, echo_json, handles_errors, json_option, say
from recto.app.cli.documents import open_project
from recto.app.errors import InvalidInputError, NotFoundError
from recto.app.text.corrections import correct, line_words

PROJECT = click.Path(dir_okay=False)


@cli.command("text-edit")
@click.argument("project", type=PROJECT)
@click.argument("document_id")
@click.argument("text")
@click.option("--page", type=int, required=True, help="Page number, 1-based.")
@click.option("--word", "word", type=int, help="Retype this word (1-based, as recto text "
              "--json numbers them).")
@click.option("--line", "line", type=int, help="Retype this whole line (1-based).")
@json_option
@handles_errors
def text_edit_cmd(project, document_id, text, page, word, line, as_json):
    """Correct the OCR of a word (--word) or a line (--line) by retyping it: one undoable step.

    Corrected words are kept when the page is OCR'd again; an empty TEXT deletes the word.

    Example: recto text-edit thesis.recto 3f2a9c1e --page 14 --word 17 "Chalmers"
    """
    if (word is None) == (line is None):
        raise InvalidInputError("Give either --word N or --line N (1-based), not both.")
    with open_project(project) as proj:
        doc = doc_store.get_document(proj, document_id)
        if not 1 <= page <= doc.page_count:
            raise NotFoundError(f"\"{doc.title}\" has no page {page} (it has {doc.page_count}).")
        if word is not None:
            numbers = [word - 1]
        else:
            words = ocr_store.current_words(proj, doc.sha256, page - 1)
            numbers = line_words(words, line - 1)
            if not numbers:
                raise InvalidInputError(f"Page {page} of \"{doc.title}\" has no line {line} "
                                        "(recto text --json numbers them).")
        result = correct(proj, doc.id, page - 1, numbers, text)
    if as_json:
        echo_json({"document_id": result.document_id, "page": page,
                   "corrected": [n + 1 for n in result.changed], "text": result.text})
    elif result.changed:
        say(f"Corrected {len(result.changed)} word(s) on p. {page}; recto undo takes it back.")
    else:
        say("Nothing changed: the text was already so.")
