"""Memory and time limits for the processes that let MuPDF and Tesseract loose on a file.

A hostile PDF can inflate a 2.6 MB file into a gigabyte of drawing operators or ask
for a 536-million-component colour space: without limits the drawing helper or an
OCR worker grows until the machine swaps. Each such process caps its own address
space (Linux: RLIMIT_AS, inherited by the Tesseract it starts); allocation beyond it
fails inside MuPDF or NumPy, which the caller reports as a damaged page.

Measured (bench, 2026-12): OCR of a real letter-size scan at 1200 DPI (10200 x 13200
pixels, preprocessing and Tesseract included) peaks well under OCR_MEMORY_BYTES;
drawing such a page in colour for the viewer needs about 1.3 GB (pixmap, copy, pipe).
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from recto.app.processes import process_context

if TYPE_CHECKING:  # ForkServerContext exists only on POSIX
    from multiprocessing.context import ForkServerContext, SpawnContext

GIB = 1024 ** 3
DRAW_MEMORY_BYTES = 3 * GIB
OCR_MEMORY_BYTES = 4 * GIB
OCR_DRAW_SECONDS = 60      # drawing one page for OCR; Tesseract has its own timeout


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space (never raising an existing cap). False where the
    platform has no such limit (the time limits still apply)."""
    if not sys.platform.startswith("linux"):
        return False
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    new = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    if soft != resource.RLIM_INFINITY and soft <= new:
        return True
    resource.setrlimit(resource.RLIMIT_AS, (new, hard))
    return True


_PRELOAD = ["recto.app.pdf.reader_process", "recto.app.pdf.render_service"]


def helper_context(*preload: str) -> ForkServerContext | SpawnContext:
    """The start method of every helper process: forkserver (a child never inherits the
    project's lock, SQLite handles or Qt), spawn where there is none (Windows). Whoever
    starts the fork server first makes it import MuPDF and the helpers' modules once, so
    each helper then starts in milliseconds rather than importing them again (0.6 s on a
    loaded machine)."""
    return process_context(preload=[*_PRELOAD, *preload])  # no effect once the server runs
