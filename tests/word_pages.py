"""A born-digital page of given lines, opened in the main window with its words shown:
what the word-selection GUI tests select from."""
from __future__ import annotations

import pymupdf


def open_text_page(qtbot, window, tmp_path, lines: list[str], name: str = "note"):
    """Write the lines to a PDF, add it to a new project, show it; returns the document."""
    from recto.app.documents import add_pdf
    from recto.app.pdf.text_layer import import_text_layer
    pdf = tmp_path / f"{name}.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        for i, line in enumerate(lines):
            page.insert_text((72, 100 + 20 * i), line, fontsize=14)
        doc.save(pdf)
    window.open_project(tmp_path / f"{name}.recto", create=True)
    document = add_pdf(window.session.project, pdf).document
    import_text_layer(window.session.project, document)
    window.session.select_document(document)
    qtbot.waitUntil(lambda: len(window.ocr.words.words) > 0, timeout=5000)
    return document
