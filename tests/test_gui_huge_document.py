"""A 100,000-page PDF in the thumbnail strip: what the app holds follows what is shown,
not the page count (one list item and icon per page took the app past 2 GB).
bench/open_render.py --huge measures the whole app's memory on such a document."""
from __future__ import annotations

import pytest

from recto.ui.thumbnails import MAX_ICONS
from tests.pdf_factory import huge_pdf

PAGES = 100_000


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    return huge_pdf(tmp_path_factory.mktemp("huge") / "register.pdf", PAGES)


def test_the_strip_draws_only_the_pages_in_view_of_a_huge_document(window, qtbot, huge):
    strip = window.thumbnails
    model = strip.model()
    strip.show_document(str(huge), PAGES)
    assert strip.count() == model.rowCount() == PAGES
    qtbot.waitUntil(lambda: 0 in model.icons, timeout=30000)
    first = set(strip._requested)
    assert 0 < len(first) <= 30 and max(first) < 30   # the pages in view, and a few ahead
    strip.set_current(PAGES - 1)
    assert strip.currentRow() == PAGES - 1
    qtbot.waitUntil(lambda: PAGES - 1 in model.icons, timeout=30000)
    assert all(r < 30 or r > PAGES - 30 for r in model.icons)   # nothing in between drawn
    assert len(model.icons) <= MAX_ICONS
    assert model.data(model.index(PAGES - 1)) == str(PAGES)


def test_thumbnails_beyond_the_cap_are_forgotten_and_drawn_again(window, qtbot, huge):
    strip = window.thumbnails
    model = strip.model()
    strip.show_document(str(huge), PAGES)
    for page in range(0, 40_000, 100):   # scrolling far: more pages drawn than are kept
        strip.set_current(page)
        model.set_icon(page, model.blank)
    assert len(model.icons) == MAX_ICONS and 0 not in model.icons
    strip.set_current(0)
    qtbot.waitUntil(lambda: 0 in model.icons, timeout=30000)   # asked and drawn again
