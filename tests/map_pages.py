"""Made-up map pages for redaction detection: globes with a curved graticule and
coastline-like outlines (whose enclosed cells are not redactions) beside a text
column with real outlined boxes, rendered and roughened like a scan.

The map-cell filter in app/redactions/detect.py was designed on these and on the
two map pages in the bench's tuning set, never on the held-out map pages.
Shared by tests/test_redaction_detect.py and bench/synthetic_maps.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf

from recto.annotations.model import Box

PAGE_W, PAGE_H = 612.0, 792.0


@dataclass(frozen=True)
class MapPage:
    gray: np.ndarray           # the page as a scan (8-bit grey)
    width_pt: float
    height_pt: float
    boxes: tuple[Box, ...]     # the redactions drawn on it, in points


def _globe(page, cx: float, cy: float, radius: float, lon0: float, lat0: float,
           step: int, rng: np.random.Generator) -> None:
    """An orthographic globe: meridians and parallels every `step` degrees and a few
    random closed 'coastlines', drawn as thin polylines."""
    sl0, cl0 = math.sin(math.radians(lat0)), math.cos(math.radians(lat0))

    def project(lon: float, lat: float):
        la, dl = math.radians(lat), math.radians(lon - lon0)
        if sl0 * math.sin(la) + cl0 * math.cos(la) * math.cos(dl) < 0:
            return None   # far side of the globe
        x = radius * math.cos(la) * math.sin(dl)
        y = radius * (cl0 * math.sin(la) - sl0 * math.cos(la) * math.cos(dl))
        return (cx + x, cy - y)

    def polyline(points) -> None:
        run: list = []
        for p in [*points, None]:
            if p is None:
                if len(run) > 1:
                    page.draw_polyline(run, color=(0, 0, 0), width=0.5)
                run = []
            else:
                run.append(p)

    for lon in range(-180, 180, step):
        polyline([project(lon, lat) for lat in np.linspace(-90, 90, 181)])
    for lat in range(-90 + step, 90, step):
        polyline([project(lon, lat) for lon in np.linspace(-180, 180, 361)])
    page.draw_circle((cx, cy), radius, color=(0, 0, 0), width=0.8)
    for _ in range(5):   # coastlines: wobbly closed loops
        lon_c, lat_c = lon0 + rng.uniform(-60, 60), lat0 + rng.uniform(-50, 50)
        size = rng.uniform(6, 20)
        angles = np.linspace(0, 2 * math.pi, 80)
        wobble = 1 + 0.35 * np.sin(3 * angles + rng.uniform(0, 6)) + rng.normal(0, 0.06, 80)
        polyline([project(lon_c + size * w * math.cos(a), lat_c + size * w * math.sin(a))
                  for a, w in zip(angles, wobble, strict=True)])


def map_page(seed: int, skew_deg: float = 0.0, dpi: int = 150) -> MapPage:
    """One page: a text column with outlined redaction boxes (code beside each) on the
    left, two globes on the right and below, a header box beside the classification
    with the release stamp printed across its top."""
    rng = np.random.default_rng(seed)
    boxes: list[pymupdf.Rect] = []
    with pymupdf.open() as doc:
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        step = int(rng.choice([10, 15, 20]))
        _globe(page, 430, 230, rng.uniform(150, 190), rng.uniform(-180, 180),
               rng.uniform(-40, 60), step, rng)
        _globe(page, 260, 580, rng.uniform(150, 200), rng.uniform(-180, 180),
               rng.uniform(-40, 60), step, rng)
        page.draw_rect(pymupdf.Rect(0, 0, 240, 420), color=None, fill=(1, 1, 1))
        page.insert_text((280, 40), "TOP SECRET", fontname="tiro", fontsize=16)
        boxes.append(pymupdf.Rect(380, 26, 470, 46))
        y = 80.0
        for k in range(6):
            if rng.random() < 0.5:
                box = pymupdf.Rect(40, y, rng.uniform(150, 215), y + rng.uniform(14, 40))
                boxes.append(box)
                page.insert_text((box.x1 + 4, box.y0 + 10), "3.3(h)(2)", fontname="helv",
                                 fontsize=6)
                y = box.y1 + 12
            else:
                for line in range(3):
                    page.insert_text((40, y + 10 + 11 * line), "Opposition continuing to "
                                     "spread", fontname="tiro", fontsize=9)
                y += 45
            page.insert_text((222, y - 4), f"{k + 1}", fontname="helv", fontsize=8)
        if seed % 2:   # a box over the map itself: it hides the graticule under it
            x0, y0 = rng.uniform(330, 450), rng.uniform(120, 300)
            boxes.append(pymupdf.Rect(x0, y0, x0 + rng.uniform(50, 110), y0 + rng.uniform(16, 50)))
        for box in boxes:
            page.draw_rect(box, color=(0, 0, 0), fill=(1, 1, 1), width=0.5)
        # The release stamp runs through the header box's top edge, as on the CIB scans.
        page.insert_text((rng.uniform(200, 280), 31), "Approved for Release: 2020/03/13 "
                         "C03185137", fontname="helv", fontsize=11)
        pix = page.get_pixmap(dpi=2 * dpi, colorspace=pymupdf.csGRAY, alpha=False)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)[:, :pix.width]
    gray, truth = _as_scan(gray, [Box.of(b) for b in boxes], skew_deg, 2 * dpi / 72, rng)
    return MapPage(gray, PAGE_W, PAGE_H, tuple(truth))


def _as_scan(gray: np.ndarray, boxes: list[Box], skew_deg: float, px_per_pt: float,
             rng: np.random.Generator) -> tuple[np.ndarray, list[Box]]:
    """A bilevel scan at twice the resolution, skewed and speckled, then rendered at half
    size as PyMuPDF draws a scan; boxes follow the skew (as their bounds)."""
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), skew_deg, 1.0)
    out = cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    out[rng.random(out.shape) < 2e-4] = 0   # dust
    out = np.where(out < 128, 0, 255).astype(np.uint8)
    out = cv2.resize(out, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    truth = []
    for b in boxes:
        corners = np.array([[b.x0, b.y0, 1], [b.x1, b.y0, 1], [b.x0, b.y1, 1], [b.x1, b.y1, 1]])
        corners[:, :2] *= px_per_pt
        moved = corners @ turn.T / px_per_pt
        truth.append(Box(moved[:, 0].min(), moved[:, 1].min(), moved[:, 0].max(),
                         moved[:, 1].max()))
    return out, truth
