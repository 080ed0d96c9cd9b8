"""The claims timeline and network on a generated project of 200 claims and ~20 actors:
opened from the Claims menu, laid out off the UI thread, clickable, saved as PNG/SVG."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage

from recto.app.claims import service as claim_service
from tests.claims_many import make_many_claims


@pytest.fixture(scope="module")
def many_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("many") / "many.recto"
    make_many_claims(path).project.close()
    return path


@pytest.fixture
def many_path(many_template, tmp_path):
    """A fresh copy for each test: tests edit the project, and order must not matter."""
    path = tmp_path / "many.recto"
    shutil.copy(many_template, path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, many_path):
    from recto.ui.main_window import MainWindow
    win = MainWindow(QSettings(str(tmp_path / "recto.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    assert win.open_project(many_path)
    yield win
    for picture in win.claims.pictures.values():
        picture.close()
    win.close()


def open_picture(qtbot, window, kind: str):
    window.named_actions[f"claims.{kind}"].trigger()
    picture = window.claims.pictures[kind]
    laid_out_in_a_job = picture.timing is None   # the menu returned before the layout ran
    with qtbot.waitSignal(picture.loaded, timeout=20000):
        pass
    return picture, laid_out_in_a_job


def non_white_pixels(path) -> int:
    image = QImage(str(path))
    assert not image.isNull()
    small = image.scaled(
        600, 600, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )
    white = QColor("white").rgb()
    return sum(1 for x in range(small.width()) for y in range(small.height())
               if small.pixel(x, y) != white)


def check_saved(picture, tmp_path, kind: str) -> None:
    png = picture.save(tmp_path / f"{kind}.png")
    svg = picture.save(tmp_path / f"{kind}.svg")
    assert png.stat().st_size > 10_000 and svg.stat().st_size > 10_000
    assert non_white_pixels(png) > 2_000  # drawn, not a blank page (of ~200 000 pixels)
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_timeline_places_every_dated_claim_and_saves(qtbot, window, tmp_path):
    picture, in_a_job = open_picture(qtbot, window, "timeline")
    project = window.session.project
    dated = [c for c in claim_service.list_claims(project) if c.date_text]
    assert in_a_job  # the layout ran as a job; the menu returned at once
    assert picture.timing.count == len(dated) and 150 < len(dated) < 200
    assert set(picture.view.claim_items) == {c.id for c in dated}
    assert picture.timing.build_ms < 1500, picture.timing
    # a claim dated to a month starts where that month starts on the axis
    monthly = next(c for c in dated if len(c.date_text) == 7)
    item = picture.view.claim_items[monthly.id]
    from datetime import date
    year, month = map(int, monthly.date_text.split("-"))
    assert item.rect().left() == pytest.approx(picture.view.x_of(date(year, month, 1)), abs=0.5)
    check_saved(picture, tmp_path, "timeline")


def test_network_shows_claims_actors_and_links_and_opens_a_claim(qtbot, window, tmp_path):
    picture, in_a_job = open_picture(qtbot, window, "network")
    project = window.session.project
    claims = claim_service.list_claims(project)
    actors = {a for c in claims for a in (*c.claimants, *c.subjects)}
    assert in_a_job
    assert picture.timing.count == 200 and len(picture.view.nodes) == 200 + len(actors)
    assert 15 <= len(actors) <= 20
    assert picture.timing.build_ms < 1500, picture.timing
    kinds = [i.data(1) for i in picture.view.scene().items() if i.data(1)]
    assert {"supports", "contradicts", "claimant", "subject"} <= set(kinds)
    contradicts = [i for i in picture.view.scene().items() if i.data(1) == "contradicts"]
    assert contradicts[0].pen().color().name() == "#d1342f"

    target = claims[17]
    node = picture.view.nodes[target.id]
    picture.view.centerOn(node)
    pos = picture.view.mapFromScene(node.sceneBoundingRect().center())
    qtbot.mouseClick(picture.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.claims.editor.claim.id == target.id
    check_saved(picture, tmp_path, "network")


def test_pictures_follow_edits(qtbot, window):
    picture, _ = open_picture(qtbot, window, "network")
    project = window.session.project
    with qtbot.waitSignal(picture.loaded, timeout=20000):
        claim_service.create_claim(project, "A late addition", date="1966-06")
    assert picture.timing.count == 201
