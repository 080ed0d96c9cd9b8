"""PDFs that try to do things: JavaScript on open, launch actions, web links.

Recto adds, renders, detects on and displays them and does nothing they ask: a
launch target that would create a marker file leaves none, a local web server the
links and scripts point at receives no request, no process is started, and the
links come back from `page_links` as text only.
"""
from __future__ import annotations

import http.server
import os
import stat
import subprocess
import threading
import webbrowser
from pathlib import Path

import pymupdf
import pytest

from recto.annotations.project import Project
from recto.app.documents import add_pdf
from recto.app.pdf.links import MAX_TARGET, page_links
from recto.app.pdf.render import PageRenderer
from recto.app.redactions.detect import detect_in_pdf


@pytest.fixture
def server():
    """A local web server counting requests: any fetch of a link or script shows up here."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}", hits
    httpd.shutdown()


@pytest.fixture
def spawned(monkeypatch):
    """Every attempt to start a program or a browser, recorded, then let through."""
    calls: list[str] = []
    real_popen = subprocess.Popen

    class Popen(real_popen):
        def __init__(self, args, *a, **kw):
            calls.append(f"Popen {args}")
            super().__init__(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", Popen)
    for name in ("system", "posix_spawn", "posix_spawnp", "execv", "execve"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda *a, _r=real, _n=name: calls.append(_n) or _r(*a))
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: calls.append("webbrowser") or False)
    return calls


@pytest.fixture
def hostile(tmp_path, server):
    """A marker script, and a two-page PDF whose every action would run it or call home."""
    base, _ = server
    marker = tmp_path / "PWNED"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    pdf = tmp_path / "hostile.pdf"
    doc = pymupdf.open()
    doc.set_metadata({"title": "Minutes\u202e hs.live", "author": "<script>alert(1)</script>"})
    for n in range(2):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 72), f"Minutes of the meeting, page {n + 1}", fontsize=14)
        page.draw_rect(pymupdf.Rect(72, 100, 300, 120), color=(0, 0, 0), fill=(0, 0, 0))
    page = doc[0]
    page.insert_link({"kind": pymupdf.LINK_LAUNCH, "from": pymupdf.Rect(72, 200, 200, 220),
                      "file": str(script)})
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 240, 200, 260),
                      "uri": f"{base}/uri\x07\u202eevil"})
    page.insert_link({"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(72, 280, 200, 300),
                      "page": 1, "to": pymupdf.Point(0, 0)})
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 320, 200, 340),
                      "uri": f"{base}/long/" + "a" * 1000})
    js = f"app.launchURL('{base}/js'); this.exportDataObject({{cName: 'x', nLaunch: 2}});"
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 360, 200, 380),
                      "uri": "placeholder"})
    doc.save(pdf)
    doc.close()
    doc = pymupdf.open(pdf)
    js_link = doc[0].get_links()[-1]["xref"]
    doc.xref_set_key(js_link, "A", f"<</S/JavaScript/JS({js})>>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"<</S/JavaScript/JS({js})>>")
    doc.xref_set_key(doc[1].xref, "AA", f"<</O<</S/Launch/F({script})>>>>")
    doc.embfile_add("evil.sh", script.read_bytes(), filename="evil.sh")
    doc.saveIncr()
    doc.close()
    return pdf, marker


def _children() -> list[str]:
    """Processes started by this test process, other than Recto's own helpers (the drawing
    process and OCR workers come from multiprocessing's forkserver): none should appear."""
    mine = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and "from multiprocessing." not in cmdline:
            mine.append(proc.name)
    return mine


def _assert_nothing_happened(marker, server, spawned, children_before):
    _, hits = server
    assert not marker.exists(), "a launch action ran"
    assert hits == [], f"a link or script was fetched: {hits}"
    assert spawned == [], f"a program was started: {spawned}"
    assert set(_children()) <= set(children_before), "a child process was started"


def test_add_render_and_detect_execute_nothing(tmp_path, hostile, server, spawned):
    pdf, marker = hostile
    before = _children()
    with Project.open(tmp_path / "h.recto", create=True) as project:
        document = add_pdf(project, pdf).document
    assert document.page_count == 2
    renderer = PageRenderer()
    for index in range(2):
        image = renderer.render(str(pdf), index, 1.0)
        assert image.width == 612
    renderer.close()
    assert detect_in_pdf(pdf, dpi=72)  # the black bar on each page is still found
    # Detection reads exemption codes beside the boxes with Recto's own Tesseract, on an
    # image it wrote itself; nothing else may run.
    ours = [c for c in spawned if c.startswith("Popen ['tesseract', '/tmp/tess_")
            or c == "Popen ['tesseract', '--version']"]
    assert any(c.endswith("'--psm', '11']") for c in ours)
    spawned[:] = [c for c in spawned if c not in ours]
    _assert_nothing_happened(marker, server, spawned, before)


def test_links_are_described_as_text_only(hostile, server, spawned):
    pdf, marker = hostile
    base, _ = server
    before = _children()  # earlier tests may leave a process server (e.g. OCR's forkserver)
    with pymupdf.open(pdf) as doc:
        links = page_links(doc[0])
        assert page_links(doc[1]) == []
        doc[0].set_rotation(90)  # boxes stay on the unrotated page, like every stored box
        assert [link.bbox for link in page_links(doc[0])] == [link.bbox for link in links]
    kinds = [link.kind for link in links]
    assert kinds == ["launch", "uri", "goto", "uri", "javascript"]
    launch, uri, goto, long_uri, script = links
    assert launch.target_text.endswith("evil.sh")
    assert launch.bbox.as_list() == [72, 200, 200, 220]
    assert uri.target_text == f"{base}/uri evil"  # bell and right-to-left override removed
    assert goto.target_text == "page 2"
    assert len(long_uri.target_text) == MAX_TARGET and long_uri.target_text.endswith("…")
    assert script.target_text.startswith("JavaScript (not run): app.launchURL(")
    assert all(isinstance(link.target_text, str) and "\n" not in link.target_text
               for link in links)
    _assert_nothing_happened(marker, server, spawned, before)


def test_broken_link_objects_are_skipped_not_fatal(tmp_path):
    pdf = tmp_path / "broken-links.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(10, 10, 50, 30),
                      "uri": "https://example.org/"})
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(10, 40, 50, 60),
                      "uri": "https://example.org/2"})
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(10, 70, 50, 90),
                      "uri": "https://example.org/3"})
    doc.save(pdf)
    doc.close()
    doc = pymupdf.open(pdf)
    first, second = doc.xref_get_key(doc[0].xref, "Annots")[1].strip("[]").split(" R")[:2]
    doc.xref_set_key(int(first.split()[0]), "A", "<</S/Launch/F 99999 0 R>>")  # dangling
    doc.xref_set_key(int(second.split()[0]), "Rect", "[1 2 3]")  # not a rectangle
    doc.saveIncr()
    doc.close()
    with pymupdf.open(pdf) as doc:
        links = page_links(doc[0])
    assert [(link.kind, link.target_text) for link in links] == [
        ("launch", ""), ("uri", "https://example.org/3")]


def test_the_app_shows_the_hostile_pdf_and_runs_nothing(qtbot, tmp_path, hostile, server):
    from PySide6.QtCore import QSettings

    from recto.ui.main_window import MainWindow

    pdf, marker = hostile
    project = tmp_path / "gui.recto"
    with Project.open(project, create=True) as proj:
        add_pdf(proj, pdf)
    window = MainWindow(QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(project)
    qtbot.waitUntil(lambda: not window.view._pixmap.pixmap().isNull(), timeout=15000)
    window.step_page(1)
    qtbot.wait(300)
    window.close()
    _, hits = server
    assert not marker.exists() and hits == []
