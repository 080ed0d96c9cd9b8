"""Opening a document and showing its first page, and memory while paging.

Prints, for a 1000-page image-only PDF generated on the fly:
  - Recto's "open project + document + first page image ready" against raw
    PyMuPDF open + render of the same page at the same zoom (target ratio <= 1.5);
  - peak memory while paging through 100 pages the way the viewer does, of every
    process of the app: the main process, the forkserver and the drawing process it
    forks (not a child of the main process, so RUSAGE_CHILDREN misses it). The
    process tree is walked with psutil every 20 ms and the sum of RSS kept at its
    peak; shared pages count once per process, so the figure errs high
    (target <= 400 MB).
Run: .venv/bin/python bench/open_render.py [--pages 1000]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import pymupdf  # noqa: E402

ZOOM = 1.5  # about "fit width" on a laptop screen
REPEATS = 15


def make_scan(path: Path, pages: int) -> Path:
    """Image-only pages like a scanner's: one distinct JPEG per page."""
    src = pymupdf.open(ROOT / "sample_scans" / "pdb_0006007849_p10_plain.pdf")
    base = src[0].get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    src.close()
    doc = pymupdf.open()
    for index in range(pages):
        pix = pymupdf.Pixmap(base, 0)  # a copy without alpha
        pix.set_rect(
            pymupdf.IRect(0, index % 40, 8 + index % 200, 1 + index % 40), (0,) * pix.n
        )  # distinct
        page = doc.new_page(width=612, height=792)
        page.insert_image(page.rect, stream=pix.tobytes("jpg", jpg_quality=70))
    doc.save(path, garbage=1)
    doc.close()
    return path


def raw_open_render(pdf: Path) -> float:
    start = time.perf_counter()
    doc = pymupdf.open(str(pdf))
    pix = doc.load_page(0).get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
    assert pix.width > 0
    elapsed = time.perf_counter() - start
    doc.close()
    return elapsed


def recto_open_render(project_path: Path, renderer) -> float:
    """The app's path: its drawing process runs from the start (it starts with the window);
    the project, its document and the page are opened cold."""
    from recto.annotations import documents as store
    from recto.annotations.project import Project
    from recto.app.documents import resolve_path
    renderer.forget()
    start = time.perf_counter()
    project = Project.open(project_path)
    doc = store.list_documents(project)[0]
    path = resolve_path(project, doc)
    image = renderer.render(str(path), 0, ZOOM, gray=None)  # as the viewer asks
    assert image.width > 0
    elapsed = time.perf_counter() - start
    project.close()
    return elapsed


PAGING = """
import sys
sys.path.insert(0, sys.argv[3])
from recto.app.pdf.render import DEFAULT_CACHE_BYTES
from recto.app.pdf.render_service import IsolatedRenderer
r = IsolatedRenderer(cache_bytes=DEFAULT_CACHE_BYTES)
for i in range(int(sys.argv[2])):
    r.render(sys.argv[1], i, float(sys.argv[4]), gray=None)
    r.render(sys.argv[1], i, 0.18, gray=None)  # its thumbnail
r.close()
"""


GUI_PAGING = """
import os, sys, time
sys.path.insert(0, sys.argv[3])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from recto.ui.app import make_application
from recto.ui.main_window import MainWindow
app = make_application()
w = MainWindow(QSettings(sys.argv[1] + ".ini", QSettings.IniFormat))
w.resize(1280, 860); w.show()
w.open_project(sys.argv[1])
for i in range(int(sys.argv[2])):
    w.session.select_page(i)
    deadline = time.monotonic() + 10
    while w.view._pixmap.pixmap().isNull() and time.monotonic() < deadline:
        app.processEvents()
app.processEvents()
w.close()
os._exit(0)  # skip interpreter teardown: only the figure above matters here
"""


def tree_peak_rss_mb(args: list[str]) -> tuple[int, int]:
    """Run `args`; sample every process in its tree until it ends: (peak MB, most processes)."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root, peak, most = psutil.Process(proc.pid), 0, 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0
        for p in tree:
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak, most = max(peak, total), max(most, len(tree))
        time.sleep(0.02)
    if proc.wait() != 0:
        raise SystemExit(f"paging failed: {proc.stderr.read()[-800:]}")
    return peak // (1024 * 1024), most


def gui_paging_peak_rss_mb(project: Path, pages: int) -> tuple[int, int]:
    env_args = [sys.executable, "-c", GUI_PAGING, str(project), str(pages), str(ROOT)]
    return tree_peak_rss_mb(env_args)


def paging_peak_rss_mb(pdf: Path, pages: int) -> tuple[int, int]:
    return tree_peak_rss_mb([sys.executable, "-c", PAGING, str(pdf), str(pages), str(ROOT),
                             str(ZOOM)])


def main() -> None:  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    from recto.annotations.project import Project
    from recto.app.documents import add_pdf
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_scan(Path(tmp) / "scan.pdf", args.pages)
        project_path = Path(tmp) / "bench.recto"
        t = time.perf_counter()
        with Project.open(project_path, create=True) as project:
            add_pdf(project, pdf)
        add_seconds = time.perf_counter() - t
        from recto.app.pdf.render_service import IsolatedRenderer
        renderer = IsolatedRenderer()
        renderer.start()
        raw_open_render(pdf), recto_open_render(project_path, renderer)  # warm the OS cache
        pairs = [(raw_open_render(pdf), recto_open_render(project_path, renderer))
                 for _ in range(REPEATS)]  # interleaved, so drift hits both alike
        renderer.close()
        raw = statistics.median(p[0] for p in pairs)
        recto = statistics.median(p[1] for p in pairs)
        rss, n_rss = paging_peak_rss_mb(pdf, 100)
        gui_rss, n_gui = gui_paging_peak_rss_mb(project_path, 100)
        size_mb = pdf.stat().st_size / 1e6
    print(f"{args.pages}-page image-only PDF ({size_mb:.0f} MB); "
          f"adding it took {add_seconds:.1f} s")
    print(f"open + first page ready: Recto {recto * 1000:.1f} ms, raw PyMuPDF {raw * 1000:.1f} ms"
          f" -> ratio {recto / raw:.2f} (target <= 1.5)")
    print(f"peak memory paging through 100 pages, every process of the app summed (RSS): "
          f"renderer alone {rss} MB ({n_rss} processes); the whole app (main window, "
          f"offscreen) {gui_rss} MB ({n_gui} processes) (target <= 400 MB)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (shared machine)")


if __name__ == "__main__":
    main()
