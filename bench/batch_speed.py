"""recto batch ocr on a Dask LocalCluster: pages per second with 1 and 2 workers.

Four image-only PDFs of two typewritten PDB pages each (sample_scans/, drawn at 300 dpi
in grayscale), read into a fresh archive store per run. Cluster start-up is timed apart
from the run (a real cluster is started once for many runs).

    .venv/bin/python bench/batch_speed.py [--files 4] [--pages 2]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT),
                                                         os.environ.get("PYTHONPATH")]))

from recto.app import cluster  # noqa: E402
from recto.app.ocr import batch  # noqa: E402
from recto.app.ocr.engine import OcrSettings  # noqa: E402

SAMPLES = ["pdb_0006007849_p10_plain.pdf", "pdb_0006007849_p4.pdf",
           "pdb_0005996463_p3.pdf", "pdb_0006466926_p14_plain.pdf"]


def make_files(folder: Path, files: int, pages: int) -> list[Path]:
    images = []
    for name in SAMPLES:
        with pymupdf.open(ROOT / "sample_scans" / name) as src:
            images.append((src[0].rect, src[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
                           .tobytes("png")))
    out = []
    for f in range(files):
        doc = pymupdf.open()
        for p in range(pages):
            rect, png = images[(f * pages + p) % len(images)]
            doc.new_page(width=rect.width, height=rect.height).insert_image(rect, stream=png)
        doc.save(folder / f"file{f}.pdf", garbage=3, deflate=True)
        out.append(folder / f"file{f}.pdf")
    return out


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--pages", type=int, default=2)
    args = ap.parse_args(argv)
    print(f"{os.cpu_count()} cores; load average at the start: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (a shared machine)")
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), args.files, args.pages)
        for workers in (1, 2):
            t0 = time.monotonic()
            client = cluster.connect(None, workers)
            client.wait_for_workers(workers)
            startup = time.monotonic() - t0
            try:
                report = batch.run_ocr_batch(client, paths, Path(tmp) / f"store{workers}",
                                             OcrSettings())
            finally:
                cluster.close(client)
            if report.failures:
                raise SystemExit(f"failed: {report.failures}")
            rates[workers] = report.read / report.seconds
            print(f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}: {report.read} "
                  f"pages in {report.seconds:.1f} s = {rates[workers]:.3f} pages/s "
                  f"(cluster start {startup:.1f} s)")
    print(f"2 workers are {rates[2] / rates[1]:.2f}x as fast as 1; load average at the end: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
