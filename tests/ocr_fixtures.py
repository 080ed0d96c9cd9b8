"""Pages for OCR tests, generated with PyMuPDF so the truth (text, boxes) is known.

A born-digital page is made with real fonts, its word boxes read back from its
own text layer, then rasterised: OCR of the image must find the same words in the
same places.
"""
from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "tests" / "data" / "scans"
PDB_PLAIN = ROOT / "sample_scans" / "pdb_0006007849_p10_plain.pdf"


@lru_cache(maxsize=1)
def cjk_font_file() -> str | None:
    """Noto Sans CJK (fonts-noto-cjk): Tesseract reads Hangul set in it far better
    than in PyMuPDF's builtin 'korea' font (which it hardly reads at all, measured)."""
    try:
        out = subprocess.run(["fc-list", ":lang=ko", "file"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0] for line in out.splitlines() if "NotoSansCJK-Regular" in line)
    return files[0] if files else None


def _font_args(font: str) -> dict:
    if font == "cjk":
        path = cjk_font_file()
        return {"fontname": "notocjk", "fontfile": path} if path else {"fontname": "japan"}
    return {"fontname": font}


@lru_cache(maxsize=2)
def read_scan(path: Path):
    """Recto's reading of a one-page scan with default settings (OCR takes seconds: tests
    that look at different things on one page share it)."""
    from recto.app.ocr.engine import OcrSettings, ocr_image
    with pymupdf.open(path) as doc:
        page = doc[0]
        return ocr_image(render_gray(page), OcrSettings(), page.rect.width, page.rect.height)


def render_gray(page: pymupdf.Page, dpi: int = 300) -> np.ndarray:
    """Grayscale numpy copy of a page, honouring the pixmap's row stride."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()


def rescanned(pdf: Path, dpi: int, folder: Path) -> Path:
    """`pdf`'s first page scanned again in grayscale at `dpi`, as bench/ocr_accuracy.py
    --rescan does: drawn at 300 dpi, resampled (edges turn grey), pasted as an image-only
    PDF."""
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        gray, width, height = render_gray(page), page.rect.width, page.rect.height
    size = (round(gray.shape[1] * dpi / 300), round(gray.shape[0] * dpi / 300))
    image = cv2.resize(gray, size, interpolation=cv2.INTER_AREA if dpi < 300 else cv2.INTER_CUBIC)
    out = folder / f"{pdf.stem}_{dpi}.pdf"
    with pymupdf.open() as doc:
        doc.new_page(width=width, height=height).insert_image(
            pymupdf.Rect(0, 0, width, height), stream=cv2.imencode(".png", image)[1].tobytes())
        doc.save(out)
    return out


def text_page(lines: list[str], font: str = "helv", fontsize: float = 24,
              leading: float = 2.4, size: tuple[float, float] = (595, 842)) -> pymupdf.Document:
    """One-page PDF with `lines` set horizontally from the top-left margin."""
    doc = pymupdf.open()
    page = doc.new_page(width=size[0], height=size[1])
    y = 72 + fontsize
    for line in lines:
        page.insert_text((60, y), line, fontsize=fontsize, **_font_args(font))
        y += fontsize * leading
    return doc


def vertical_page(columns: list[str], fontsize: float = 32,
                  size: tuple[float, float] = (595, 842)) -> pymupdf.Document:
    """Vertical Japanese: one character under another, first column on the right."""
    doc = pymupdf.open()
    page = doc.new_page(width=size[0], height=size[1])
    x = size[0] - 100
    for column in columns:
        y = 100
        for ch in column:
            page.insert_text((x, y), ch, fontsize=fontsize, **_font_args("cjk"))
            y += fontsize * 1.25
        x -= fontsize * 1.9
    return doc


def word_box(page: pymupdf.Page, word: str) -> pymupdf.Rect:
    """Box of `word` in the page's own text layer (the ground truth)."""
    hits = [pymupdf.Rect(w[:4]) for w in page.get_text("words") if w[4] == word]
    assert hits, f"{word!r} is not on the generated page"
    return hits[0]


def rotate_box_cw(box, degrees: int, width: float, height: float) -> tuple[float, ...]:
    """Where a box of a width x height page lands when the page is turned clockwise."""
    x0, y0, x1, y1 = box
    if degrees == 90:
        return (height - y1, x0, height - y0, x1)
    if degrees == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if degrees == 270:
        return (y0, width - x1, y1, width - x0)
    return (x0, y0, x1, y1)


def skew(gray: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """Turn an image so its lines descend `degrees` to the right (same canvas size);
    returns the image and the 2x3 matrix from original to skewed pixels."""
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    return cv2.warpAffine(gray, m, (w, h), borderValue=255), m


def map_box(m: np.ndarray, box, scale: float) -> tuple[float, ...]:
    """Bounds of a box in points after the pixel-space affine `m` (points = px * scale)."""
    x0, y0, x1, y1 = (v / scale for v in box)
    pts = np.array([[x, y, 1.0] for x in (x0, x1) for y in (y0, y1)]) @ m.T
    return (pts[:, 0].min() * scale, pts[:, 1].min() * scale,
            pts[:, 0].max() * scale, pts[:, 1].max() * scale)


def close(a, b, tol: float) -> bool:
    return all(abs(float(p) - float(q)) <= tol for p, q in zip(a, b, strict=True))


TESSERACT_KEYS = ["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                  "left", "top", "width", "height", "conf", "text"]


def tesseract_rows(*words: tuple) -> dict:
    """Rows as pytesseract's `image_to_data` gives them, one a word:
    (text, x, y, width, height, conf[, block[, line]]), blocks and lines 1 by default."""
    data: dict = {k: [] for k in TESSERACT_KEYS}
    for n, (text, x, y, w, h, conf, *where) in enumerate(words):
        block, line = (list(where) + [1, 1])[:2]
        for k, v in zip(TESSERACT_KEYS, (5, 1, block, 1, line, n + 1, x, y, w, h, conf, text),
                        strict=True):
            data[k].append(v)
    return data

