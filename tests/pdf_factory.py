"""Generated PDFs for tests: text pages, many-page image scans and broken files."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from tests.conftest import SAMPLES


def text_pdf(path: Path, pages: list[str], fontsize: float = 12) -> Path:
    """A born-digital PDF: each string is one page of text, top-left at (72, 72)."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=612, height=792)
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), text, fontsize=fontsize,
                            fontname="cour")
    doc.save(path)
    doc.close()
    return path


def image_pdf(path: Path, page_count: int, dpi: int = 150) -> Path:
    """An image-only PDF like a scanner's: each page one grayscale image of typed lines."""
    src = pymupdf.open(SAMPLES / "pdb_0006007849_p10_plain.pdf")
    pix = src[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    png = pix.tobytes("png")
    src.close()
    doc = pymupdf.open()
    for _ in range(page_count):
        page = doc.new_page(width=612, height=792)
        page.insert_image(page.rect, stream=png)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def make_bad_pdfs(folder: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    out["empty"] = folder / "empty.pdf"
    out["empty"].write_bytes(b"")
    out["not_pdf"] = folder / "letter.pdf"
    out["not_pdf"].write_text("Dear colleague, this is a text file named .pdf\n")
    good = (SAMPLES / "pdb_0006007849_p10_plain.pdf").read_bytes()
    out["truncated"] = folder / "truncated.pdf"
    out["truncated"].write_bytes(good[: len(good) // 3])
    out["garbage"] = folder / "garbage.pdf"
    out["garbage"].write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    out["encrypted"] = folder / "encrypted.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Secret minutes")
    doc.save(out["encrypted"], encryption=pymupdf.PDF_ENCRYPT_AES_256,
             owner_pw="owner", user_pw="user")
    doc.close()
    out["missing"] = folder / "does-not-exist.pdf"
    return out
