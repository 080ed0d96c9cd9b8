"""The alias matcher on its own: folding, word boundaries, CJK, hyphens, boxes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recto.annotations.model import Box, OcrWord
from recto.app.text.alias_match import AliasMatcher, alias_key, fold, match_length


def line(text: str, line_no: int = 0, x: float = 0.0, char_w: float = 6.0) -> list[OcrWord]:
    """Words of one typed line, each character `char_w` points wide, one space apart."""
    words = []
    for token in text.split(" "):
        if token:
            box = Box(x, 20 * line_no, x + char_w * len(token), 20 * line_no + 12)
            words.append(OcrWord(token, box, line=line_no))
        x += char_w * (len(token) + 1)
    return words


def texts(matcher: AliasMatcher, words) -> list[str]:
    return [h.text for h in matcher.find(words)]


@pytest.mark.parametrize("a, b", [
    ("Ōmura", "Omura"), ("Ōmura", "Oomura"), ("Ōmura", "Ohmura"), ("Ōmura", "OMURA"),
    ("Sōren", "Soren"), ("Ｓｏｒｅｎ", "Soren"), ("ｿｳﾚﾝ", "ソウレン"), ("ｶﾞ", "ガ"),
    ("Ryūkyū", "Ryukyu"), ("Ryūkyū", "Ryuukyuu"), ("Kim Il‑sung", "kim il-sung"),
    ("Sōren’s", "soren's"), ("總連", "總連"), ("ﬁle", "file"),
])
def test_spellings_fold_alike(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Lee", "Leeds"), ("総連", "総聯"), ("Soren", "Sorensen"),
                                  ("가", "카"), ("ガ", "カ")])
def test_different_names_stay_different(a, b):
    assert fold(a) != fold(b)


def test_alias_key_ignores_spaces_and_hyphens_and_length_counts_letters():
    assert alias_key("Kim Il-sung") == alias_key("Kim Il Sung") == "kimilsung"
    assert match_length("K") == 1 and match_length("K.") == 1 and match_length("総") == 1
    assert match_length("Lee") == 3


def test_latin_alias_never_matches_inside_another_word():
    m = AliasMatcher([("lee", "Lee"), ("soren", "Sōren"), ("omura", "Omura")])
    words = line("Leeds Leesburg O'Lee Sorensen Soreness Komura Omuraya 1Lee Lee2")
    assert texts(m, words) == []


def test_whole_words_match_with_punctuation_case_and_possessives():
    m = AliasMatcher([("lee", "Lee"), ("soren", "Sōren")])
    words = line("(Lee) LEE, Lee’s Lee's 'Lee' Sōren’s SOREN. Soren's Lee't")
    assert texts(m, words) == ["Lee", "LEE", "Lee", "Lee", "Lee", "Sōren", "SOREN", "Soren"]


def test_cjk_aliases_match_without_word_boundaries():
    m = AliasMatcher([("soren", "総連"), ("soren", "총련"), ("omura", "大村")])
    words = line("在日本朝鮮人総聯合会（総連）は大村へ 총련은 총련이")
    assert texts(m, words) == ["総連", "大村", "총련", "총련"]


def test_japanese_split_into_single_characters_still_matches():
    m = AliasMatcher([("soren", "総連")])
    # Tesseract gives one word per character; the quote joins them back
    words = line("代 表 は 総 連 の")
    (hit,) = m.find(words)
    assert (hit.word_start, hit.word_end, hit.text) == (3, 4, "総連")


def test_hyphenation_is_undone_only_at_line_ends():
    m = AliasMatcher([("soren", "Chongryun")])
    at_line_end = line("The Chong-", 0) + line("ryun office", 1)
    assert texts(m, at_line_end) == ["Chong-ryun"]
    same_line = line("The Chong- ryun office")
    assert texts(m, same_line) == []


def test_hyphens_and_spaces_in_aliases_are_interchangeable():
    m = AliasMatcher([("kim", "Kim Il-sung")])
    words = line("Kim Il Sung met Kim Il-sung and Kim", 0) + line("Il-", 0, x=300) + \
        line("sung again; Kimil not", 1)
    assert texts(m, words) == ["Kim Il Sung", "Kim Il-sung", "Kim Il-sung"]


def test_shared_alias_lists_every_actor_and_longest_alias_wins():
    m = AliasMatcher([("a", "Lee"), ("b", "Lee"), ("c", "Lee Kang-hoon")])
    hits = m.find(line("Lee Kang-hoon met Lee"))
    assert [(h.text, h.actor_ids) for h in hits] == [
        ("Lee Kang-hoon", ("c",)), ("Lee", ("a", "b"))]


def test_boxes_cover_only_the_matched_characters():
    m = AliasMatcher([("soren", "総連"), ("soren", "Soren")])
    words = line("在日本総連は Soren’s")
    first, second = m.find(words)
    assert first.bbox == Box(18.0, 0, 30.0, 12)       # characters 3-4 of a 6-char word
    assert second.bbox == Box(42.0, 0, 72.0, 12)      # "Soren" of "Soren’s"
    assert (first.word_start, first.word_end) == (0, 0)


def test_matcher_without_aliases_finds_nothing():
    assert AliasMatcher([]).find(line("Sōren")) == []
    assert AliasMatcher([("x", "  ")]).find(line("anything")) == []


LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzō", min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(alias=st.text(alphabet="abcdefghijklmnoprstuvwxyz", min_size=2, max_size=8),
       before=LETTERS, after=LETTERS)
def test_property_alias_inside_a_longer_word_never_matches(alias, before, after):
    """A hit inside a longer word is only allowed when that whole word is another
    spelling of the alias (e.g. "o" + "omura" = Oomura = Ōmura)."""
    m = AliasMatcher([("x", alias)])
    words = line(f"{before}{alias}{after} {before}{alias} {alias}{after}")
    for hit in m.find(words):
        assert hit.word_start == hit.word_end
        assert alias_key(words[hit.word_start].text) == alias_key(alias)


@settings(max_examples=150, deadline=None)
@given(alias=st.text(alphabet="abcdefghijklmnoprstuvwxyz", min_size=2, max_size=8),
       filler=st.lists(st.sampled_from(["the", "camp", "of", "Geneva", "(note)"]), max_size=5))
def test_property_alias_as_its_own_word_always_matches(alias, filler):
    m = AliasMatcher([("x", alias)])
    words = line(" ".join([*filler, alias.capitalize() + ",", *filler]))
    assert alias_key(alias) in [alias_key(h.text) for h in m.find(words)]
