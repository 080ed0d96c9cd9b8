"""Photographs and scans (JPEG, PNG, TIFF, multi-page TIFF) as pages Recto can render.

The originals are read, never written. Rendering, OCR and detection all work on
PDF pages, so a PDF is derived from the images (one page per image, the picture
filling the page, sized so that 300 DPI gives back the photo's own pixels unless the
file states a plausible scanner resolution). JPEGs that need no correction go in
byte for byte; corrected pages (EXIF orientation, rotation, crop) are re-encoded.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PIL import Image, ImageOps, UnidentifiedImageError

from recto.app.errors import CorruptImageError, EmptyFileError, FileMissingError, NotAnImageError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
DEFAULT_DPI = 300
_PLAUSIBLE_DPI = (100, 1200)
_CHUNK = 1 << 20
_QUARTER_TURNS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                  270: Image.Transpose.ROTATE_90}  # Pillow turns counter-clockwise

Crop = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageSource:
    """Where one page's pixels come from and how to correct them before OCR."""
    path: Path
    frame: int = 0
    rotation: int = 0  # clockwise degrees: 0, 90, 180, 270
    crop: Crop | None = None  # [x0, y0, x1, y1] in fractions of the rotated image


def is_image_file(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def natural_key(name: str) -> list:
    """'page2.jpg' before 'page10.jpg', as a person numbers photos."""
    return [int(part) if part.isdigit() else part.casefold()
            for part in re.split(r"(\d+)", name)]


def image_files(path: str | os.PathLike) -> list[Path]:
    """The images a path stands for: a folder's images in natural name order, or the file."""
    path = Path(path)
    if not path.exists():
        raise FileMissingError(f"The file {path} does not exist.")
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if p.is_file() and is_image_file(p)
                        and not p.name.startswith(".")), key=lambda p: natural_key(p.name))
        if not files:
            raise NotAnImageError(f"The folder {path} holds no JPEG, PNG or TIFF images.")
        return files
    if not is_image_file(path):
        raise NotAnImageError(f"{path.name} is not a JPEG, PNG or TIFF image.")
    return [path]


def content_sha256(files: list[Path]) -> str:
    """The identity of an image document: SHA-256 of its image bytes, file after file."""
    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def frame_count(path: Path) -> int:
    """Pages in one image file (a multi-page TIFF has several); checks it can be read."""
    with _open(path) as img:
        return getattr(img, "n_frames", 1)


def page_image(source: PageSource) -> tuple[Image.Image, float]:
    """The corrected pixels of a page and the resolution they stand for (DPI)."""
    with _open(source.path) as img:
        img.seek(source.frame)
        dpi = _dpi(img)
        out = ImageOps.exif_transpose(img)
        if out is img:
            out = img.copy()
    if out.mode not in ("RGB", "L"):
        out = out.convert("RGB")
    if source.rotation:
        out = out.transpose(_QUARTER_TURNS[source.rotation])
    if source.crop:
        x0, y0, x1, y1 = source.crop
        w, h = out.size
        out = out.crop((round(x0 * w), round(y0 * h), round(x1 * w), round(y1 * h)))
    return out, dpi


def page_size(source: PageSource) -> tuple[float, float]:
    """The page size in PDF points the derived PDF will have for this source."""
    img, dpi = page_image(source)
    return img.width * 72 / dpi, img.height * 72 / dpi


def build_pdf(sources: list[PageSource], out: Path) -> Path:
    """Write the derived PDF (atomically: a half-written file is never left as `out`)."""
    pdf = pymupdf.open()
    try:
        for source in sources:
            img, dpi = page_image(source)
            width, height = img.width * 72 / dpi, img.height * 72 / dpi
            page = pdf.new_page(width=width, height=height)
            page.insert_image(page.rect, stream=_encoded(source, img))
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        pdf.save(str(tmp), garbage=3, deflate=True)
    finally:
        pdf.close()
    os.replace(tmp, out)
    return out


def rotate_crop(crop: Crop | None, degrees: int) -> Crop | None:
    """A crop in fractions of the image, expressed in the image turned `degrees` clockwise."""
    if crop is None:
        return None
    x0, y0, x1, y1 = crop
    turns = {0: crop, 90: (1 - y1, x0, 1 - y0, x1), 180: (1 - x1, 1 - y1, 1 - x0, 1 - y0),
             270: (y0, 1 - x1, y1, 1 - x0)}
    a, b, c, d = (round(v, 6) for v in turns[degrees % 360])
    return (a, b, c, d)


def compose_crop(crop: Crop | None, inner: Crop) -> Crop:
    """Crop `inner` (fractions of the page as it is now) inside an existing crop."""
    x0, y0, x1, y1 = crop or (0.0, 0.0, 1.0, 1.0)
    w, h = x1 - x0, y1 - y0
    a0, b0, a1, b1 = inner
    return (round(x0 + a0 * w, 6), round(y0 + b0 * h, 6), round(x0 + a1 * w, 6),
            round(y0 + b1 * h, 6))


def _encoded(source: PageSource, img: Image.Image) -> bytes:
    untouched = not source.rotation and not source.crop and source.frame == 0
    if untouched and source.path.suffix.lower() in (".jpg", ".jpeg"):
        with Image.open(source.path) as original:
            if original.getexif().get(0x0112, 1) == 1:
                return source.path.read_bytes()
    buf = io.BytesIO()
    if source.path.suffix.lower() in (".jpg", ".jpeg"):
        img.save(buf, format="JPEG", quality=95)
    else:
        img.save(buf, format="PNG")
    return buf.getvalue()


def _dpi(img: Image.Image) -> float:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if _PLAUSIBLE_DPI[0] <= value <= _PLAUSIBLE_DPI[1] else DEFAULT_DPI


def _open(path: Path) -> Image.Image:
    if not path.exists():
        raise FileMissingError(f"The image {path} does not exist.")
    if path.stat().st_size == 0:
        raise EmptyFileError(f"{path.name} is empty (0 bytes); it is not a usable image.")
    try:
        img = Image.open(path)
        img.load()
        return img
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise CorruptImageError(f"{path.name} is damaged and cannot be read as an image "
                                f"({str(exc)[:80]}).") from None
