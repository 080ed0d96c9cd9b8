"""OCR speed: Recto vs `ocrmypdf -j N`, and Recto with 2 workers vs 1, on one 20-page scan.

The scan is image-only: the four typewritten PDB pages of sample_scans/, rendered
at 300 dpi in grayscale and pasted as page images, repeated to 20 pages. Both
tools read it in the same language with the same number of jobs, with
OMP_THREAD_LIMIT=1 (ocrmypdf's own advice for -j > 1) and, since Recto's workers
run at nice 10 to keep the window responsive, ocrmypdf runs at nice 10 too.
Recto's timing includes its preprocessing (deskew, contrast, binarisation) and
orientation detection, and writing every page to the project.

    .venv/bin/python bench/ocr_speed.py [--jobs 2] [--pages 20] [--lang eng]

ocrmypdf is a benchmark-only dependency (`pip install ocrmypdf`); without it that
row is skipped. Targets: Recto >= 1.3x faster than ocrmypdf, 2 workers >= 1.8x 1.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotations.project import Project  # noqa: E402
from app.documents import add_pdf  # noqa: E402
from app.ocr.engine import OcrSettings  # noqa: E402
from app.ocr.pipeline import WORKER_NICE, ocr_document  # noqa: E402

TYPEWRITTEN = ["pdb_0006007849_p10_plain.pdf", "pdb_0006007849_p4.pdf",
               "pdb_0005996463_p3.pdf", "pdb_0006466926_p14_plain.pdf"]


def make_scan(path: Path, pages: int, dpi: int = 300) -> Path:
    """An image-only PDF of `pages` pages cycling through the typewritten samples."""
    images = []
    for name in TYPEWRITTEN:
        with pymupdf.open(ROOT / "sample_scans" / name) as src:
            page = src[0]
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            images.append((page.rect, pix.tobytes("png")))
    out = pymupdf.open()
    for i in range(pages):
        rect, png = images[i % len(images)]
        out.new_page(width=rect.width, height=rect.height).insert_image(rect, stream=png)
    out.save(path, garbage=3, deflate=True)
    out.close()
    return path


def time_recto(pdf: Path, folder: Path, lang: str, jobs: int) -> tuple[float, int]:
    project_path = folder / f"bench-{jobs}.recto"
    with Project.open(project_path, create=True) as project:
        doc = add_pdf(project, pdf).document
        started = time.monotonic()
        report = ocr_document(project, doc, OcrSettings(languages=lang), None, jobs)
        seconds = time.monotonic() - started
    if report.failed:
        raise SystemExit(f"Recto failed on pages {report.failed}")
    return seconds, len(report.done)


def ocrmypdf_command() -> list[str] | None:
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    return [exe] if Path(exe).exists() else None


def time_ocrmypdf(cmd: list[str], pdf: Path, folder: Path, lang: str, jobs: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    args = ["nice", "-n", str(WORKER_NICE), *cmd, "-j", str(jobs), "-l", lang,
            "--output-type", "pdf", "--force-ocr", "-q", str(pdf), str(folder / "out.pdf")]
    started = time.monotonic()
    run = subprocess.run(args, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        raise SystemExit(f"ocrmypdf failed ({run.returncode}): {run.stderr.strip()[-800:]}")
    return seconds


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = make_scan(folder / "scan.pdf", args.pages)
        print(f"{args.pages}-page image-only scan (300 dpi), lang {args.lang}, "
              f"{os.cpu_count()} cores")
        recto_n, pages = time_recto(pdf, folder, args.lang, args.jobs)
        print(f"Recto,    {args.jobs} workers: {recto_n:7.1f} s  ({recto_n / pages:.2f} s/page)")
        cmd = ocrmypdf_command()
        if cmd is None:
            print("ocrmypdf not installed: pip install ocrmypdf")
        else:
            other = time_ocrmypdf(cmd, pdf, folder, args.lang, args.jobs)
            print(f"ocrmypdf -j {args.jobs}:        {other:7.1f} s  ({other / pages:.2f} s/page)")
            print(f"  Recto is {other / recto_n:.2f}x as fast as ocrmypdf (target >= 1.3x)")
        recto_1, _ = time_recto(pdf, folder, args.lang, 1)
        print(f"Recto,    1 worker:  {recto_1:7.1f} s  ({recto_1 / pages:.2f} s/page)")
        print(f"  {args.jobs} workers are {recto_1 / recto_n:.2f}x as fast as 1 "
              f"(target >= 1.8x)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
