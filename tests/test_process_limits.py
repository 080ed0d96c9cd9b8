"""The processes that run MuPDF and Tesseract on outside files have a memory cap, and
MuPDF's failures reach people as one sentence without its internal error codes."""
from __future__ import annotations

import resource
import subprocess
import sys

from recto.app.ocr.pipeline import _new_pool, _stop_pool
from recto.app.pdf.limits import GIB, OCR_MEMORY_BYTES
from recto.app.pdf.reader import page_not_drawn, short_reason
from tests.conftest import ROOT


def test_ocr_workers_run_under_the_memory_cap():
    pool = _new_pool(1)
    try:
        soft, _ = pool.submit(resource.getrlimit, resource.RLIMIT_AS).result(timeout=120)
    finally:
        _stop_pool(pool, [])
    assert soft == OCR_MEMORY_BYTES


def test_an_allocation_beyond_the_cap_fails_and_the_process_goes_on():
    code = ("from recto.app.pdf.limits import limit_memory, GIB\n"
            "assert limit_memory(1 * GIB)\n"
            "try:\n    b = bytearray(2 * GIB)\nexcept MemoryError:\n    print('refused')\n"
            "print(len(bytearray(10 << 20)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env={"PYTHONPATH": str(ROOT)})
    assert out.stdout.split() == ["refused", str(10 << 20)], out.stderr
    assert GIB < OCR_MEMORY_BYTES


def test_mupdf_error_codes_become_a_sentence():
    exc = RuntimeError("code=4: too many color components (536870913 > 32)")
    assert short_reason(exc) == "too many color components (536870913 > 32)"
    assert page_not_drawn(0, exc) == ("Page 1 could not be drawn: the file is damaged "
                                      "(too many color components (536870913 > 32)).")
    assert short_reason(RuntimeError("code=2: ")) == "RuntimeError"
