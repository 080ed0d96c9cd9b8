"""Redaction detection accuracy on the real scans in tests/data/scans.

Run: .venv/bin/python bench/redaction_accuracy.py [--no-ocr] [--draw DIR] [--dpi 150]

Prints precision / recall per page and overall (IoU >= 0.5, one-to-one), code
accuracy on matched boxes, and detection time per page (OCR time is not counted:
it only serves the code figure). Target: precision and recall >= 0.9, and no
detection on the plain pages.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.redactions.detect import detect_redactions, render_gray  # noqa: E402
from app.redactions.evaluate import load_truth, overall, page_words, score_page  # noqa: E402

SCANS = ROOT / "tests" / "data" / "scans"
PLAIN_PAGES = ("pdb_0006007849_p10_plain.pdf", "pdb_0006466926_p14_plain.pdf")


def _draw(page, found, truth, out_dir: Path, name: str) -> None:
    """Ground truth in green, detections in red, for looking at misses by eye."""
    for t in truth:
        page.draw_rect(pymupdf.Rect(t.bbox.x0, t.bbox.y0, t.bbox.x1, t.bbox.y1),
                       color=(0, 0.7, 0), width=2.5)
    for r in found:
        page.draw_rect(pymupdf.Rect(r.bbox.x0, r.bbox.y0, r.bbox.x1, r.bbox.y1),
                       color=(1, 0, 0), width=1)
    page.get_pixmap(dpi=100).save(str(out_dir / f"{name}.png"))


@click.command()
@click.option("--dpi", default=150, show_default=True)
@click.option("--no-ocr", is_flag=True, help="Skip Tesseract on image-only pages (no codes).")
@click.option("--draw", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write overlays (truth green, detections red) to this folder.")
def main(dpi: int, no_ocr: bool, draw: Path | None) -> None:
    pages = [(t.file, t.boxes) for t in load_truth(SCANS / "redactions.json")]
    pages += [(name, ()) for name in PLAIN_PAGES]
    if draw:
        draw.mkdir(parents=True, exist_ok=True)
    scores, times = [], []
    print(f"{'page':36} {'truth':>5} {'found':>5} {'match':>5} {'prec':>6} {'recall':>6}"
          f" {'codes':>7} {'ms':>6}")
    for name, truth in pages:
        with pymupdf.open(SCANS / name) as doc:
            page = doc[0]
            words = page_words(page, ocr=not no_ocr)
            start = time.perf_counter()
            gray = render_gray(page, dpi)
            found = detect_redactions(gray, page.rect.width, page.rect.height, words)
            elapsed = time.perf_counter() - start
            if draw:
                _draw(page, found, truth, draw, name)
        s = score_page(name, [r.bbox for r in found], [r.code for r in found], list(truth))
        scores.append(s)
        times.append(elapsed)
        print(f"{name:36} {s.truth:5d} {s.found:5d} {s.matched:5d} {s.precision:6.2f}"
              f" {s.recall:6.2f} {s.codes_right:3d}/{s.codes_known:<3d} {elapsed * 1000:6.0f}")
    precision, recall, code_acc = overall(scores)
    plain_hits = sum(s.found for s in scores if s.file in PLAIN_PAGES)
    print(f"\noverall: precision {precision:.3f}  recall {recall:.3f}  "
          f"code accuracy {code_acc:.3f}  detections on plain pages {plain_hits}")
    print(f"time per page: mean {1000 * sum(times) / len(times):.0f} ms, "
          f"max {1000 * max(times):.0f} ms (render + detect at {dpi} dpi)")
    ok = precision >= 0.9 and recall >= 0.9 and plain_hits == 0
    print("TARGET MET" if ok else "target not met")


if __name__ == "__main__":
    main()
