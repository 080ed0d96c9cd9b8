"""Image-only PDFs for OCR pipeline tests.

Generated pages are drawn with real fonts and then rasterised, so they carry no
text layer: the pipeline must OCR them, as it would a scanner's output.
"""
from __future__ import annotations

from pathlib import Path

import pymupdf

from tests.ocr_fixtures import text_page


def image_only_pdf(path: Path, pages: list[tuple[list[str], str]], dpi: int = 200,
                   fontsize: float = 26) -> Path:
    """One image-only page per (lines, font) pair: text set, rendered, and pasted as a scan."""
    out = pymupdf.open()
    for lines, font in pages:
        with text_page(lines, font=font, fontsize=fontsize) as src:
            png = src[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY).tobytes("png")
            rect = src[0].rect
        page = out.new_page(width=rect.width, height=rect.height)
        page.insert_image(page.rect, stream=png)
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path


