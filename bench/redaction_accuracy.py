"""Redaction detection accuracy on real scans, on pages tuned on and on pages held out.

Run: .venv/bin/python bench/redaction_accuracy.py [--no-ocr] [--draw DIR] [--dpi 150]

Two sets, scored apart so a figure never comes from the pages the thresholds
were set on:
- tuned: tests/data/scans (13 labelled pages and 2 plain ones), plus the
  held-out pages named in TUNING_PAGES (moved into tuning, said so in README);
- held out: bench/data/heldout (24 pages of 12 Central Intelligence Bulletins,
  labelled by eye for this bench; see its README).
Prints precision / recall per page, per page style and per set (IoU >= 0.5,
one-to-one), codes right per matched box (codes from the page's text layer,
else, as the app does, Tesseract on the margin beside each box), and detection time
per page. Target: precision and recall >= 0.95 on the held-out pages.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import json  # noqa: E402

from recto.app.redactions.detect import detect_redactions, render_gray, with_margin_codes  # noqa: E402
from recto.app.redactions.evaluate import load_truth, overall, page_words, score_page  # noqa: E402

SCANS = ROOT / "tests" / "data" / "scans"
HELDOUT = ROOT / "bench" / "data" / "heldout"
PLAIN_PAGES = ("pdb_0006007849_p10_plain.pdf", "pdb_0006466926_p14_plain.pdf")
# Held-out pages moved into tuning (the thresholds for punch marks and map grids were
# set on them); the other 21 stay held out.
TUNING_PAGES = ("cib_02003047_p2.pdf", "cib_02977806_p3.pdf", "cib_03160568_p3.pdf")
TARGET = 0.95


def _pages() -> list[tuple[str, Path, str, tuple]]:
    """(set, path, page style, truth boxes) for every page of both sets."""
    out = [("tuned", SCANS / t.file, t.file.split("_")[0], t.boxes)
           for t in load_truth(SCANS / "redactions.json")]
    out += [("tuned", SCANS / name, "plain", ()) for name in PLAIN_PAGES]
    styles = {e["file"]: e["page_style"]
              for e in json.loads((HELDOUT / "redactions.json").read_text(encoding="utf-8"))}
    for t in load_truth(HELDOUT / "redactions.json"):
        which = "tuned" if t.file in TUNING_PAGES else "held out"
        out.append((which, HELDOUT / t.file, styles[t.file], t.boxes))
    return out


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
    if draw:
        draw.mkdir(parents=True, exist_ok=True)
    results = []
    print(f"{'set':8} {'style':10} {'page':28} {'truth':>5} {'found':>5} {'match':>5} "
          f"{'prec':>6} {'recall':>6} {'codes':>7} {'ms':>6}")
    for which, path, style, truth in _pages():
        name = path.name
        with pymupdf.open(path) as doc:
            page = doc[0]
            words = page_words(page, ocr=False)
            start = time.perf_counter()
            gray = render_gray(page, dpi)
            found = detect_redactions(gray, page.rect.width, page.rect.height, words)
            elapsed = time.perf_counter() - start
            if not no_ocr:   # as the app does: the margin beside boxes without a code
                found = with_margin_codes(found, gray, page.rect.width, page.rect.height)
            codes = [r.code for r in found]
            if draw:
                _draw(page, found, truth, draw, name)
        s = score_page(name, [r.bbox for r in found], codes, list(truth))
        results.append((which, style, s, elapsed))
        print(f"{which:8} {style:10} {name:28} {s.truth:5d} {s.found:5d} {s.matched:5d} "
              f"{s.precision:6.2f} {s.recall:6.2f} {s.codes_right:3d}/{s.codes_known:<3d} "
              f"{elapsed * 1000:6.0f}")
    print()
    ok = True
    for which in ("tuned", "held out"):
        chosen = [r for r in results if r[0] == which]
        for style in sorted({r[1] for r in chosen}):
            _summary(f"{which} / {style}", [r[2] for r in chosen if r[1] == style])
        precision, recall = _summary(f"{which}: ALL", [r[2] for r in chosen])
        print()
        if which == "held out":
            ok = precision >= TARGET and recall >= TARGET
    plain_hits = sum(r[2].found for r in results if r[2].file in PLAIN_PAGES)
    times = [r[3] for r in results]
    print(f"detections on plain pages {plain_hits}; time per page: mean "
          f"{1000 * sum(times) / len(times):.0f} ms, max {1000 * max(times):.0f} ms "
          f"(render + detect at {dpi} dpi)")
    print("TARGET MET" if ok and plain_hits == 0 else "target not met")


def _summary(label: str, scores) -> tuple[float, float]:
    precision, recall, code_acc = overall(scores)
    known = sum(s.codes_known for s in scores)
    right = sum(s.codes_right for s in scores)
    print(f"{label:28} pages {len(scores):2d}  boxes {sum(s.truth for s in scores):3d}  "
          f"precision {precision:.3f}  recall {recall:.3f}  codes right {right}/{known}"
          f" ({code_acc:.3f})")
    return precision, recall


if __name__ == "__main__":
    main()
