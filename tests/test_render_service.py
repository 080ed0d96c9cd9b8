"""Drawing in a helper process: same images, errors as sentences, a spinning page abandoned."""
from __future__ import annotations

import time

import pytest

from recto.app.errors import CorruptPdfError, InvalidInputError
from recto.app.pdf.render import PageRenderer
from recto.app.pdf.render_service import IsolatedRenderer, RenderTimeoutError
from tests.conftest import SAMPLES


@pytest.fixture
def renderer():
    r = IsolatedRenderer(timeout_s=3)
    yield r
    r.close()


def test_same_pixels_as_drawing_in_process(renderer):
    path = str(SAMPLES / "cib_02733122_p2.pdf")
    here = PageRenderer().render(path, 0, 0.5)
    there = renderer.render(path, 0, 0.5)
    assert (there.width, there.height, there.samples) == (here.width, here.height, here.samples)
    assert renderer.render(path, 0, 0.5) is there  # cached in the parent


def test_errors_come_back_as_sentences(renderer, bad_pdfs):
    with pytest.raises(InvalidInputError, match="no page 3"):
        renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 2, 1.0)
    with pytest.raises(CorruptPdfError):
        renderer.render(str(bad_pdfs["truncated"]), 0, 1.0)
    assert renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 0, 0.2).width > 0


def test_a_page_that_spins_is_abandoned_and_the_next_page_still_draws(renderer, tmp_path):
    from tests.fuzz_pdfs import Mutator, seed_files
    spins = tmp_path / "spins.pdf"
    spins.write_bytes(Mutator(seed_files(tmp_path / "seeds"), 2).case(1024).data)
    start = time.monotonic()
    with pytest.raises(RenderTimeoutError,
                       match=r"could not be drawn: the file is damaged \(drawing it took longer"):
        renderer.render(str(spins), 0, 0.15)
    assert time.monotonic() - start < 10
    assert renderer.render(str(SAMPLES / "cib_02733122_p2.pdf"), 0, 0.2).width > 0


def test_forget_drops_cached_images_and_open_documents(renderer):
    path = str(SAMPLES / "cib_02733122_p2.pdf")
    first = renderer.render(path, 0, 0.3)
    renderer.forget()
    again = renderer.render(path, 0, 0.3)
    assert again is not first and again.samples == first.samples
