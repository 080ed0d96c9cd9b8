"""Character error rate of Recto's OCR on a hand-transcribed typewritten page.

Runs the real engine with and without preprocessing, on the page as scanned and on
a copy turned by 3 degrees (the skew a hurried reading-room scan has), and prints
CER = Levenshtein distance / reference length. Whitespace runs are collapsed first:
the typewriter's double spaces and Tesseract's blank lines are layout, not text.

    .venv/bin/python bench/ocr_cer.py [pdf] [reference.txt]
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pymupdf
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recto.app.ocr.engine import OcrSettings, ocr_image  # noqa: E402

PAGE = ROOT / "sample_scans" / "pdb_0006007849_p10_plain.pdf"
REFERENCE = ROOT / "bench" / "data" / "pdb_0006007849_p10_plain.txt"
SKEW_DEG = 3.0


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hypothesis: str, reference: str) -> float:
    ref = normalise(reference)
    return Levenshtein.distance(normalise(hypothesis), ref) / max(1, len(ref))


def render_gray(pdf: Path, dpi: int) -> tuple[np.ndarray, float, float]:
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, :pix.w].copy()
        return gray, page.rect.width, page.rect.height


def skewed(gray: np.ndarray, degrees: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    return cv2.warpAffine(gray, m, (w, h), borderValue=255)


def main(argv: list[str]) -> None:
    pdf = Path(argv[1]) if len(argv) > 1 else PAGE
    reference = (Path(argv[2]) if len(argv) > 2 else REFERENCE).read_text(encoding="utf-8")
    gray, width, height = render_gray(pdf, 300)
    print(f"{pdf.name}: reference {len(normalise(reference))} characters, 300 dpi, eng")
    print(f"{'image':<12}{'preprocess':<12}{'CER':>8}{'deskew':>9}{'seconds':>9}")
    for label, image in (("as scanned", gray), (f"turned {SKEW_DEG:g}°", skewed(gray, SKEW_DEG))):
        for pre in (False, True):
            start = time.monotonic()
            result = ocr_image(image, OcrSettings(languages="eng", preprocess=pre), width, height)
            elapsed = time.monotonic() - start
            print(f"{label:<12}{str(pre):<12}{cer(result.text, reference):>8.2%}"
                  f"{result.deskew_angle:>8.2f}°{elapsed:>9.1f}")


if __name__ == "__main__":
    main(sys.argv)
