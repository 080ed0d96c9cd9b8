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


def operator_bomb(path: Path, megabytes: int = 1024) -> Path:
    """A 3 KB PDF whose one page draws a gigabyte of operators: its content array names one
    1 MB (compressed to 1 KB) stream of tiny filled squares `megabytes` times, as the
    2.6 MB hostile file that froze the window on Add did with one huge stream."""
    import zlib
    line = b"1 0 0 1 0 0 cm 10 10 5 5 re f\n"
    stream = zlib.compress(line * ((1 << 20) // len(line)), 9)
    contents = " ".join(["4 0 R"] * megabytes)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                f"/Contents [{contents}] >>").encode(),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
               % (len(stream), stream)]
    return write_objects(path, objects)


def write_objects(path: Path, objects: list[bytes]) -> Path:
    """A PDF file of these numbered objects (1 is the catalog) with its cross-reference
    table, written by hand: what MuPDF would refuse to make or take minutes to."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def huge_pdf(path: Path, pages: int = 100_000, fanout: int = 1000) -> Path:
    """A PDF of `pages` letter pages sharing one small content stream (a ruled frame),
    written as objects directly: 100,000 pages in about a second and 8 MB, where MuPDF's
    insert_page would take minutes. A two-level page tree, as real writers make."""
    content = b"72 72 468 648 re S 72 700 m 540 700 l S"
    nodes = (pages + fanout - 1) // fanout
    first_page = 4 + nodes
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] >>"
               % (b" ".join(b"%d 0 R" % (4 + n) for n in range(nodes)), pages),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
    for n in range(nodes):
        kids = range(n * fanout, min(pages, (n + 1) * fanout))
        objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>"
                       % (b" ".join(b"%d 0 R" % (first_page + k) for k in kids), len(kids)))
    objects += [b"<< /Type /Page /Parent %d 0 R /Contents 3 0 R >>" % (4 + k // fanout)
                for k in range(pages)]
    return write_objects(path, objects)


def graph_paper(path: Path, cell_w: float = 16, cell_h: float = 9,
                size: tuple[float, float] = (612, 792)) -> Path:
    """A page ruled into thousands of small empty cells (a form, graph paper): each cell
    is an enclosed white box, which redaction detection's outline analysis weighs in
    pairs; 2-20 s of a letter-size page on a 2-core machine, by its load (measured), and
    many times that on a larger sheet."""
    doc = pymupdf.open()
    width, height = size
    page = doc.new_page(width=width, height=height)
    shape = page.new_shape()
    x = 10.0
    while x <= width - 10:
        shape.draw_line((x, 10), (x, height - 10))
        x += cell_w
    y = 10.0
    while y <= height - 10:
        shape.draw_line((10, y), (width - 10, y))
        y += cell_h
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    doc.save(path)
    doc.close()
    return path


def text_bomb(path: Path, runs: int = 300_000) -> Path:
    """A 0.8 MB PDF whose one page shows `runs` tiny text runs: MuPDF's text trace and
    bounding-box log of it take 2-5 s each, holding Python's lock all the while."""
    import zlib
    ops = b"".join(b"BT /F1 4 Tf %d %d Td (ab) Tj ET\n" % (10 + (i % 140) * 4,
                                                          10 + (i // 140) % 190 * 4)
                   for i in range(runs))
    stream = zlib.compress(ops, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 "
               b"/BaseFont /Helvetica >> >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
               % (len(stream), stream)]
    return write_objects(path, objects)
