"""Real photographs of real pages: sample scans rendered with PyMuPDF and saved with
Pillow as JPEG, PNG or multi-page TIFF, as a phone or a scanner would give them."""
from __future__ import annotations

import io
from pathlib import Path

import pymupdf
from PIL import Image

from tests.conftest import SAMPLES

# One sample per page, in the order the tests expect; each has different words.
PAGES = ["pdb_0006007849_p10_plain.pdf", "pdb_0006007849_p4.pdf", "pdb_0005996463_p3.pdf",
         "pdb_0006466926_p14_plain.pdf", "cib_02733122_p2.pdf"]
DPI = 150


def page_image(sample: str, dpi: int = DPI, band: float = 0.35) -> Image.Image:
    """The top `band` of a sample page as an RGB image (a smaller picture OCRs faster)."""
    with pymupdf.open(SAMPLES / sample) as doc:
        page = doc[0]
        clip = pymupdf.Rect(0, 0, page.rect.width, page.rect.height * band)
        pix = page.get_pixmap(dpi=dpi, clip=clip)
    return Image.open(io.BytesIO(pix.tobytes("png"))).convert("RGB")


def photo_folder(folder: Path, count: int = 5, suffix: str = "jpg",
                 names: list[str] | None = None) -> list[Path]:
    """`count` photos named so that natural order differs from plain text order
    (page2 before page10), returned in natural order."""
    folder.mkdir(parents=True, exist_ok=True)
    names = names or [f"page{n}.{suffix}" for n in (1, 2, 3, 10, 11)][:count]
    paths = []
    for name, sample in zip(names, PAGES, strict=False):
        path = folder / name
        page_image(sample).save(path, dpi=(DPI, DPI))
        paths.append(path)
    return paths


def multipage_tiff(path: Path, count: int = 3) -> Path:
    images = [page_image(s) for s in PAGES[:count]]
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(DPI, DPI),
                   compression="tiff_deflate")
    return path
