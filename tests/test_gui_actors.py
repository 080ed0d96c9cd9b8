"""Actors in the real main window, on a born-digital PDF with English text and Japanese
and Korean names (tests/actor_corpus.py): create actors with aliases through the
dialogs, suggest mentions, review them with the keyboard, merge, split, tag from the
page, and undo each step with Ctrl+Z, checking the store after every step."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from recto.annotations import actors as store
from recto.annotations import ocr_store
from recto.annotations.errors import NotFoundError
from recto.annotations.model import AliasKind, Status
from recto.app.actors import service
from tests import actor_corpus


@pytest.fixture
def corpus_path(tmp_path):
    """A project holding the generated repatriation note with its text layer."""
    from recto.annotations.project import Project
    path = tmp_path / "actors.recto"
    with Project.open(path, create=True) as project:
        actor_corpus.build_project(project, tmp_path)
    return path


def _open(qtbot, window, path):
    assert window.open_project(path)
    qtbot.waitUntil(lambda: window.view.path is not None, timeout=5000)
    window.view.set_zoom(1.0)
    return window.session.project, window.session.document


def _undo(qtbot, window, widget=None):
    """Ctrl+Z as a person presses it, with focus outside any text field."""
    target = widget or window.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _type(qtbot, widget, text):
    """Type as a person does: ASCII from the keyboard, other scripts through the input
    method (QTest cannot synthesise keys for 総 or ō)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def _new_actor(qtbot, feature, name, type_, aliases):
    qtbot.mouseClick(feature.panel.buttons["new"], Qt.MouseButton.LeftButton)
    dialog = feature.dialog
    assert dialog.objectName() == "actor-dialog" and dialog.isVisible()
    _type(qtbot, dialog.name, name)
    dialog.type.setCurrentIndex(dialog.type.findText(type_))
    dialog.aliases.setPlainText("\n".join(aliases))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    return dialog


def _by_name(project, name):
    return next(a for a in store.list_actors(project) if a.name == name)


def _drag(qtbot, window, box):
    view, vp = window.view, window.view.viewport()
    start = view.mapFromScene(QPointF(box.x0 - 2, box.y0 - 2))
    end = view.mapFromScene(QPointF(box.x1 + 2, box.y1 + 2))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _two_actors(qtbot, project, feature):
    """Sōren and Ōmura with Japanese, Korean and romanised aliases, typed into the dialog."""
    _new_actor(qtbot, feature, "Sōren", "organisation", actor_corpus.SOREN_ALIASES)
    soren = _by_name(project, "Sōren")
    assert {(a.alias, a.lang) for a in soren.aliases} >= {
        ("総連", "ja"), ("총련", "ko"), ("Chongryun", "ko-Latn")}
    assert not feature.dialog.isVisible()
    _new_actor(qtbot, feature, "Ōmura", "place", actor_corpus.OMURA_ALIASES)
    omura = _by_name(project, "Ōmura")
    assert omura.type.value == "place"
    qtbot.waitUntil(lambda: len(feature.panel.ids()) == 2, timeout=3000)
    assert feature.view.actor_id == omura.id          # the new actor is shown
    feature.window.activateWindow()                  # as the desktop does when a dialog closes
    qtbot.waitUntil(feature.window.isActiveWindow, timeout=3000)
    return soren, omura


def test_create_actors_aliases_and_filter(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    soren, omura = _two_actors(qtbot, project, feature)

    # A bad alias keeps the dialog open with its message; nothing is written.
    dialog = _new_actor(qtbot, feature, "Kim", "person", ["Kim", "Kim"])
    assert dialog.isVisible() and "already has the alias" in dialog.message.text()
    dialog.reject()
    assert len(store.list_actors(project)) == 2

    # An alias added in the Actor view, with its kind (romanisation).
    view = feature.view
    qtbot.keyClicks(view.aliases.alias, "Oomura")
    qtbot.keyClicks(view.aliases.lang, "ja-Latn")
    view.aliases.kind.setCurrentIndex(view.aliases.kind.findData(AliasKind.ROMANISATION))
    qtbot.mouseClick(view.aliases.add_button, Qt.MouseButton.LeftButton)
    added = [a for a in store.get_actor(project, omura.id).aliases if a.alias == "Oomura"]
    assert added and added[0].kind is AliasKind.ROMANISATION and added[0].lang == "ja-Latn"
    assert "matches the same text" in view.message.text()     # Oomura folds like Ōmura
    qtbot.waitUntil(lambda: view.aliases.table.topLevelItemCount() == 4, timeout=3000)
    _undo(qtbot, window)
    assert all(a.alias != "Oomura" for a in store.get_actor(project, omura.id).aliases)

    # Type-ahead filter in any script.
    _type(qtbot, feature.panel.filter, "総")
    assert feature.panel.ids() == [soren.id]
    feature.panel.filter.clear()
    qtbot.keyClicks(feature.panel.filter, "omu")
    assert feature.panel.ids() == [omura.id]
    feature.panel.filter.clear()
    _undo(qtbot, window)
    assert [a.name for a in store.list_actors(project)] == ["Sōren"]


def test_suggest_review_with_the_keyboard_and_undo(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    _two_actors(qtbot, project, feature)

    # Suggest mentions (Tools menu, a background job), then review with the keyboard.
    window.named_actions["actors.suggest"].trigger()
    lst = feature.suggestions.list
    expected = len(actor_corpus.EXPECTED["Sōren"]) + len(actor_corpus.EXPECTED["Ōmura"])
    qtbot.waitUntil(lambda: lst.count() == expected, timeout=15000)
    assert len(store.list_mentions(project, status=Status.SUGGESTED)) == expected
    qtbot.waitUntil(lambda: lst.hasFocus(), timeout=3000)
    assert project.undo_label() == f"Suggest {expected} mentions"
    # The page shows the first page's suggestions as amber boxes.
    on_page = [m for m in store.list_mentions(project, document_id=doc.id, page_index=0)]
    qtbot.waitUntil(lambda: len(feature.overlay.items) == len(on_page), timeout=3000)

    first = feature.suggestions.current()
    qtbot.keyClick(lst, Qt.Key.Key_A)
    assert store.get_mention(project, first.id).status is Status.CONFIRMED
    qtbot.waitUntil(lambda: lst.count() == expected - 1, timeout=3000)
    second = feature.suggestions.current()
    qtbot.keyClick(lst, Qt.Key.Key_X)
    assert store.get_mention(project, second.id).status is Status.REJECTED
    # Down to a suggestion on page 2: the page follows and its box is highlighted.
    last_row = lst.count() - 1
    lst.setCurrentRow(last_row)
    target = feature.suggestions.current()
    assert window.session.page_index == target.anchor.page_index
    assert feature.overlay.focused == target.id and target.id in feature.overlay.items
    qtbot.keyClick(
        lst, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier
    )  # every suggestion of that actor
    owner = target.actor_id
    assert store.list_mentions(project, actor_id=owner, status=Status.SUGGESTED) == []

    # Ctrl+Z three times: the bulk accept, the reject, the accept.
    _undo(qtbot, window, lst)
    assert store.list_mentions(project, actor_id=owner, status=Status.SUGGESTED)
    _undo(qtbot, window, lst)
    assert store.get_mention(project, second.id).status is Status.SUGGESTED
    _undo(qtbot, window, lst)
    assert store.get_mention(project, first.id).status is Status.SUGGESTED
    qtbot.waitUntil(lambda: lst.count() == expected, timeout=3000)
    _undo(qtbot, window, lst)                            # the suggestions themselves
    assert store.list_mentions(project) == []


def test_merge_through_the_panel_with_undo(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    soren = service.add_actor(project, "Sōren", "organisation",
                              [service.parse_alias_spec("総連@ja")]).actor
    dup = service.add_actor(project, "Chongryun", "organisation",
                            [service.parse_alias_spec("총련@ko")]).actor
    service.suggest_mentions(project)
    dup_mentions = {m.id for m in store.list_mentions(project, actor_id=dup.id)}
    soren_before = {m.id for m in store.list_mentions(project, actor_id=soren.id)}
    assert dup_mentions and soren_before
    qtbot.waitUntil(lambda: len(feature.panel.ids()) == 2, timeout=3000)

    # Merge: select both, Merge…, "Chongryun into Sōren" (Swap if the list put it first).
    feature.panel.select(soren.id, dup.id)
    qtbot.mouseClick(feature.panel.buttons["merge"], Qt.MouseButton.LeftButton)
    dialog = feature.dialog
    if dialog.keep.id != soren.id:
        qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    assert "Merge “Chongryun” into “Sōren”" in dialog.text.text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    with pytest.raises(NotFoundError):
        store.get_actor(project, dup.id)
    moved = {m.id for m in store.list_mentions(project, actor_id=soren.id)}
    assert moved == soren_before | dup_mentions
    assert "Chongryun" in {a.alias for a in store.get_actor(project, soren.id).aliases}
    assert feature.view.actor_id == soren.id
    qtbot.waitUntil(lambda: len(feature.panel.ids()) == 1, timeout=3000)

    _undo(qtbot, window)
    assert {m.id for m in store.list_mentions(project, actor_id=dup.id)} == dup_mentions
    assert {m.id for m in store.list_mentions(project, actor_id=soren.id)} == soren_before
    qtbot.waitUntil(lambda: len(feature.panel.ids()) == 2, timeout=3000)


def test_split_mentions_into_a_new_actor_with_undo(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    lee = service.add_actor(project, "Lee Kang-hoon", "person",
                            [service.parse_alias_spec("Lee@ko-Latn")]).actor
    service.suggest_mentions(project)

    # The plain "Lee" mentions of page 1 are another man (Mr Lee of the Red Cross).
    feature.show_actor(lee.id)
    mentions = feature.view.mentions
    assert mentions.topLevelItemCount() == len(actor_corpus.EXPECTED["Lee Kang-hoon"])
    plain = [mv.mention.id for mv in feature.view.overview.mentions
             if mv.mention.text == "Lee" and mv.page == 1]
    assert len(plain) == 2
    feature.view.select_mentions(plain)
    qtbot.mouseClick(feature.panel.buttons["split"], Qt.MouseButton.LeftButton)
    split = feature.dialog
    assert split.textValue() == "Lee"
    split.setTextValue("Mr Lee (Japanese Red Cross)")
    box = split.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    new = _by_name(project, "Mr Lee (Japanese Red Cross)")
    assert {m.id for m in store.list_mentions(project, actor_id=new.id)} == set(plain)
    assert len(store.list_mentions(project, actor_id=lee.id)) == 2
    assert feature.view.actor_id == new.id
    assert project.undo_label() == f"Split 2 mentions into {new.name}"

    _undo(qtbot, window)
    assert all(a.id != new.id for a in store.list_actors(project))
    assert len(store.list_mentions(project, actor_id=lee.id)) == 4


def test_tag_from_rectangle_and_new_actor_from_selection(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    omura = service.add_actor(project, "Ōmura", "place",
                              [service.parse_alias_spec("大村@ja")]).actor
    words = ocr_store.current_words(project, doc.sha256, 0)
    target = next(i for i, w in enumerate(words) if w.text.startswith("Ōmura"))

    # M with no word selection arms the rectangle tool; the picker opens after the drag.
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    assert window.view.tool is not None
    _drag(qtbot, window, words[target].bbox)
    picker = feature.dialog
    assert picker.objectName() == "actor-picker" and picker.isVisible()
    picker.line.clear()
    _type(qtbot, picker.line, "大")                     # type-ahead in Japanese
    assert picker.list.count() == 1
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    tagged = store.list_mentions(project, actor_id=omura.id)
    assert len(tagged) == 1 and tagged[0].status is Status.CONFIRMED
    assert tagged[0].anchor.word_start == target == tagged[0].anchor.word_end
    assert tagged[0].text == words[target].text
    qtbot.waitUntil(lambda: tagged[0].id in feature.overlay.items, timeout=3000)
    assert window.view.tool is None
    _undo(qtbot, window)
    assert store.list_mentions(project, actor_id=omura.id) == []

    # Ctrl+Shift+N: the selected words name a new actor, with its first mention; one step.
    start = next(i for i, w in enumerate(words) if w.text == "Red") - 1
    selected = words[start:start + 3]
    assert [w.text for w in selected] == ["Japanese", "Red", "Cross"]
    window.selected_words = lambda: (doc, 0, selected, None)
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = feature.dialog                        # prefilled, to fix name and type first
    assert dialog.isVisible() and dialog.name.text() == "Japanese Red Cross"
    dialog.type.setCurrentIndex(dialog.type.findText("organisation"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    actor = _by_name(project, "Japanese Red Cross")
    assert actor.type.value == "organisation"
    [mention] = store.list_mentions(project, actor_id=actor.id)
    assert (mention.anchor.word_start, mention.anchor.word_end) == (start, start + 2)
    assert mention.text == "Japanese Red Cross" and mention.status is Status.CONFIRMED
    assert mention.anchor.bbox.x0 == pytest.approx(selected[0].bbox.x0)
    assert project.undo_label() == "Add actor Japanese Red Cross"
    qtbot.waitUntil(lambda: feature.view.actor_id == actor.id, timeout=3000)
    _undo(qtbot, window)
    assert all(a.name != "Japanese Red Cross" for a in store.list_actors(project))
    assert store.list_mentions(project) == []


def test_actor_view_jumps_to_a_mention_and_lists_cooccurring(qtbot, window, corpus_path):
    project, doc = _open(qtbot, window, corpus_path)
    feature = window.actors
    ids = actor_corpus.add_actors(project)
    service.suggest_mentions(project)
    feature.show_actor(ids["Kim Il-sung"])
    view = feature.view
    assert view.title.text().startswith("Kim Il-sung")
    assert view.documents.topLevelItem(0).text(2) == "3"      # three suggestions, one doc
    co = {view.cooccurring.topLevelItem(i).text(0)
          for i in range(view.cooccurring.topLevelItemCount())}
    assert co == {"Sōren", "Ōmura", "Lee Kang-hoon"}         # all also on page 2
    item = view.mentions.topLevelItem(0)
    rows = [view.mentions.topLevelItem(i) for i in range(view.mentions.topLevelItemCount())]
    assert "김일성" in [r.text(1) for r in rows]                # the quoted text
    assert all(r.text(3) == "p. 2" and "Kim" in r.text(4) for r in rows)   # page, snippet
    view.mentions.setCurrentItem(item)
    view.mentions.itemActivated.emit(item, 0)
    mention_id = item.data(0, Qt.ItemDataRole.UserRole)
    assert window.session.page_index == 1
    qtbot.waitUntil(lambda: mention_id in feature.overlay.items, timeout=3000)
    assert feature.overlay.focused == mention_id
    # A co-occurring actor opens in the view.
    view.cooccurring.itemActivated.emit(view.cooccurring.topLevelItem(0), 0)
    assert view.actor_id != ids["Kim Il-sung"]
    assert feature.panel.current_id() == view.actor_id
