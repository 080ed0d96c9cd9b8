"""Links in a PDF are drawn and described, never followed (clicking does nothing)."""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import QPointF, Qt


def test_links_are_outlined_with_their_target_and_clicking_opens_nothing(
        qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pdf = tmp_path / "links.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 100), "See the ICRC archive catalogue", fontsize=14)
        page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 86, 300, 104),
                          "uri": "http://127.0.0.1:9/catalogue"})
        doc.save(pdf)
    window.open_project(tmp_path / "links.recto", create=True)
    from recto.app.documents import add_pdf
    doc = add_pdf(window.session.project, pdf).document
    window.session.select_document(doc)
    qtbot.waitUntil(lambda: bool(window.view.layer("links").childItems()), timeout=5000)
    (item,) = window.view.layer("links").childItems()
    assert item.rect().getCoords() == (72.0, 86.0, 300.0, 104.0)
    assert "http://127.0.0.1:9/catalogue" in item.toolTip() and "does not follow" in item.toolTip()
    centre = window.view.mapFromScene(QPointF(150, 95))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened == []
    window.links.action.setChecked(False)
    assert window.view.layer("links").childItems() == []
