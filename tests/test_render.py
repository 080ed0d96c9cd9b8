"""Rendering real pages, with a cache bounded in bytes."""
from __future__ import annotations

import pytest

from recto.app.errors import InvalidInputError
from recto.app.pdf.render import PageRenderer
from tests.conftest import SAMPLES
from tests.pdf_factory import image_pdf


def test_render_real_scan_at_zoom():
    renderer = PageRenderer()
    image = renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 0, 1.0)
    assert (image.width, image.height) == (611, 744)
    assert image.channels == 3 and len(image.samples) == image.stride * image.height
    assert renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 0, 1.0) is image  # cached
    renderer.close()


def test_cache_is_bounded(tmp_path):
    pdf = image_pdf(tmp_path / "scan.pdf", 12, dpi=72)
    renderer = PageRenderer(cache_bytes=3 * 612 * 792 * 3)
    for index in range(12):
        renderer.render(str(pdf), index, 1.0)
    assert renderer._used <= 3 * 612 * 792 * 3
    assert len(renderer._cache) <= 3
    renderer.close()


def test_page_out_of_range_is_a_sentence(tmp_path):
    renderer = PageRenderer()
    with pytest.raises(InvalidInputError, match="no page 5"):
        renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 4, 1.0)
