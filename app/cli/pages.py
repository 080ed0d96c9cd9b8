"""Arranging the pages of a photo document before OCR: reorder, rotate, crop.

Each is one undoable step (`recto undo`); page numbers are the 1-based numbers as
the pages stand now.
"""
from __future__ import annotations

import click

from recto.annotations import documents as store
from recto.app.cli.base import cli, handles_errors, say
from recto.app.cli.documents import open_project
from recto.app.errors import InvalidInputError
from recto.app.photos import crop_page, reorder_pages, rotate_page


@cli.group()
def pages() -> None:
    """Reorder, rotate and crop the pages of a photo document before OCR.

    Example: recto pages reorder thesis.recto 3f2a9c1e 2,1,3
    """


@pages.command("reorder")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("document_id")
@click.argument("order")
@handles_errors
def reorder_cmd(project, document_id, order):
    """Put the pages in a new order: ORDER lists every current page number once.

    Example: recto pages reorder thesis.recto 3f2a9c1e 2,1,3,5,4
    """
    with open_project(project) as proj:
        reorder_pages(proj, document_id, _numbers(order))
        title = store.get_document(proj, document_id).title
    say(f"Reordered the pages of \"{title}\".")


@pages.command("rotate")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("document_id")
@click.argument("page", type=int)
@click.argument("degrees", type=click.Choice(["90", "180", "270"]))
@handles_errors
def rotate_cmd(project, document_id, page, degrees):
    """Turn page PAGE clockwise by DEGREES.

    Example: recto pages rotate thesis.recto 3f2a9c1e 2 90
    """
    with open_project(project) as proj:
        rotate_page(proj, document_id, page, int(degrees))
    say(f"Turned page {page} by {degrees} degrees.")


@pages.command("crop")
@click.argument("project", type=click.Path(exists=True, dir_okay=False))
@click.argument("document_id")
@click.argument("page", type=int)
@click.argument("box")
@handles_errors
def crop_cmd(project, document_id, page, box):
    """Keep only BOX of page PAGE: x0,y0,x1,y1 as fractions (0-1) of the page as it is now.

    Example: recto pages crop thesis.recto 3f2a9c1e 1 0.05,0.02,0.95,0.98
    """
    values = _floats(box)
    with open_project(project) as proj:
        crop_page(proj, document_id, page, values)
    say(f"Cropped page {page}.")


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise InvalidInputError(f"{text!r} is not a comma-separated list of page numbers.") \
            from None


def _floats(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise InvalidInputError(f"{text!r} is not four numbers x0,y0,x1,y1.")
    return values
