"""Actor pickers complete as the mention matcher folds: "Soren", "Chongryun", "sor",
総連 all find Sōren. Pure completion first, then the claim editor's pickers in the
real main window on a real project file."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from recto.app.actors import service as actors
from recto.app.actors.complete import ActorChoice, actor_choices, best_match, complete
from recto.app.claims import service as claim_service
from recto.app.documents import add_pdf
from tests.pdf_factory import text_pdf

SOREN = ActorChoice("s", "Sōren", "organisation", ("Chongryun", "総連", "Chōsen Sōren"))
CHOICES = [SOREN, ActorChoice("k", "Kim Il-sung", "person", ("김일성",)),
           ActorChoice("u", "Soviet Union", "state")]


@pytest.mark.parametrize("query,label", [
    ("Soren", "Sōren"), ("SOREN", "Sōren"), ("sor", "Sōren"),
    ("Chongryun", "Sōren (Chongryun)"), ("chong-ryun", "Sōren (Chongryun)"),
    ("総連", "Sōren (総連)"), ("kim il sung", "Kim Il-sung"), ("김일성", "Kim Il-sung (김일성)"),
])
def test_completion_folds_case_diacritics_hyphens_and_scripts(query, label):
    assert complete(CHOICES, query)[0].label == label


def test_best_match_needs_one_meaning():
    assert best_match(CHOICES, "Chongryun").actor_id == "s"
    assert best_match(CHOICES, "So") is None                 # Sōren or Soviet Union
    assert {c.actor_id for c in complete(CHOICES, "So")} == {"s", "u"}
    assert complete(CHOICES, "Geneva") == [] and complete(CHOICES, "  ") == []


@pytest.fixture
def claim_window(qtbot, window, tmp_path):
    window.open_project(tmp_path / "pickers.recto", create=True)
    project = window.session.project
    doc = add_pdf(project, text_pdf(tmp_path / "memo.pdf", ["Soren talks in Geneva"])).document
    soren = actors.add_actor(project, "Sōren", "organisation", aliases=[
        actors.AliasInput("Chongryun", "ko-Latn"), actors.AliasInput("総連", "ja")]).actor
    actors.add_actor(project, "Soviet Union", "state")
    claim = claim_service.create_claim(project, "Talks opened", doc.id, 0)
    window.claims.open_claim(claim.id)
    qtbot.waitUntil(lambda: window.claims.editor.claimants.line.isEnabled())
    assert {c.name for c in actor_choices(project)} == {"Sōren", "Soviet Union"}
    return window, claim.id, soren.id


@pytest.mark.parametrize("typed", ["Soren", "Chongryun"])
def test_claim_pickers_complete_folded_names_and_aliases(qtbot, claim_window, typed):
    window, claim_id, soren_id = claim_window
    picker = window.claims.editor.claimants
    picker.line.setFocus()
    qtbot.keyClicks(picker.line, typed)
    shown = picker.model.stringList()
    assert shown == ["Sōren" if typed == "Soren" else "Sōren (Chongryun)"]
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.ids() == [soren_id]
    assert picker.chosen.item(0).text() == "Sōren"
    stored = claim_service.get_claim(window.session.project, claim_id)
    assert list(stored.claimants) == [soren_id]


def test_an_ambiguous_name_is_not_guessed(qtbot, claim_window):
    window, _claim_id, _soren = claim_window
    picker = window.claims.editor.subjects
    qtbot.keyClicks(picker.line, "So")
    assert sorted(picker.model.stringList()) == ["Soviet Union", "Sōren"]
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.ids() == [] and picker.hint.isVisibleTo(picker)


def test_the_tag_picker_shows_the_alias_and_offers_a_new_actor(qtbot, claim_window):
    """M on selected words: "Chongryun" lists Sōren with the alias; New actor… opens the
    dialog prefilled with the selection and creates the actor with that mention."""
    from recto.annotations import actors as store
    from recto.annotations.model import Box
    from recto.app.actors.places import Place
    window, _claim, soren_id = claim_window
    from recto.annotations import documents as doc_store
    feature = window.actors
    (doc,) = doc_store.list_documents(window.session.project)
    place = Place(doc.id, 0, Box(72, 60, 160, 80), None, "VISIT TO")
    feature.pick_actor_for(place)
    picker = feature.dialog
    picker.line.setText("Chongryun")
    assert picker.list.item(0).text().startswith("Sōren (Chongryun)")
    picker.line.setText("Makarios")
    assert picker.list.count() == 0 and "New actor" in picker.hint.text()
    picker.new_button.click()
    dialog = feature.dialog
    assert dialog.isVisible() and dialog.name.text() == "Makarios"
    dialog.aliases.setPlainText("Mouskos@el-Latn")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    made = [a for a in store.list_actors(window.session.project) if a.name == "Makarios"]
    assert len(made) == 1 and [a.alias for a in made[0].aliases] == ["Mouskos"]
    assert len(store.list_mentions(window.session.project, actor_id=made[0].id)) == 1
