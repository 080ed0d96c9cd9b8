"""Redaction detection on made-up map pages (tests/map_pages.py): curved graticules and
coastlines whose cells must not be reported, beside real outlined boxes that must be.

Run: .venv/bin/python bench/synthetic_maps.py [--pages 20] [--draw DIR]

The map-cell filter was designed on these pages (and the bench's two tuning maps);
the held-out map pages of bench/redaction_accuracy.py were not looked at for it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
import cv2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recto.app.redactions.detect import detect_redactions  # noqa: E402
from recto.app.redactions.evaluate import match_boxes  # noqa: E402
from tests.map_pages import map_page  # noqa: E402

SKEWS = (0.0, 0.0, 0.8, -1.5, 2.5)


@click.command()
@click.option("--pages", default=20, show_default=True)
@click.option("--draw", type=click.Path(file_okay=False, path_type=Path), default=None)
def main(pages: int, draw: Path | None) -> None:
    found_n = truth_n = matched_n = 0
    for seed in range(pages):
        skew = SKEWS[seed % len(SKEWS)]
        page = map_page(seed, skew)
        found = [r.bbox for r in detect_redactions(page.gray, page.width_pt, page.height_pt)]
        pairs = match_boxes(found, list(page.boxes))
        found_n, truth_n, matched_n = (found_n + len(found), truth_n + len(page.boxes),
                                       matched_n + len(pairs))
        print(f"seed {seed:3d} skew {skew:+.1f}  truth {len(page.boxes):2d}  found "
              f"{len(found):2d}  matched {len(pairs):2d}")
        if draw:
            draw.mkdir(parents=True, exist_ok=True)
            img = cv2.cvtColor(page.gray, cv2.COLOR_GRAY2BGR)
            sx = page.gray.shape[1] / page.width_pt
            for b, colour, t in [(b, (0, 160, 0), 3) for b in page.boxes] + \
                                [(b, (0, 0, 255), 1) for b in found]:
                cv2.rectangle(img, (int(b.x0 * sx), int(b.y0 * sx)),
                              (int(b.x1 * sx), int(b.y1 * sx)), colour, t)
            cv2.imwrite(str(draw / f"map_{seed:03d}.png"), img)
    print(f"\n{pages} pages: precision {matched_n / max(1, found_n):.3f}  "
          f"recall {matched_n / max(1, truth_n):.3f}  ({matched_n} of {found_n} found, "
          f"{truth_n} drawn)")


if __name__ == "__main__":
    main()
