"""The folding search compares in: the same as mention matching (app.text.alias_match).

NFKC (ligatures, full-width forms), case, diacritics, long vowels in romanised
Japanese (Ōmura = Omura = Oomura = Ohmura), typographic quotes and dashes; and
spaces between CJK characters dropped, since OCR puts stray ones inside Hangul
and Han words ("총련 합회"). Lives in annotations/ because the search index is
built here; tests/test_text_fold.py checks it agrees with app.text.alias_match.fold.
"""
from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "-", "\u2013": "-",
    "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u0131": "i",
    "\u00a0": " ", "\u3000": " ",
})
# Romanised Japanese long vowels: "oo", "uu", and "h" after o/u before a consonant (Ohmura,
# Ohno); before a vowel, a punctuation mark or the end of a word "h" is a letter (Oh, Noh).
LONG_VOWEL = re.compile(r"(?<=o)o|(?<=u)u|(?<=[ou])h(?=[b-df-hj-np-tv-xz])")
_CJK = r"\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def nfkc(text: str) -> str:
    """The one normal form of stored page text: ligatures and full-width forms undone."""
    return unicodedata.normalize("NFKC", text)


def _fold_word(word: str) -> str:
    s = unicodedata.normalize("NFKC", word).casefold().translate(_SPECIAL)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not 0x300 <= ord(c) <= 0x36F)
    return LONG_VOWEL.sub("", unicodedata.normalize("NFC", s))


def search_fold(text: str) -> str:
    """What the search index holds and queries are turned into (whitespace collapsed)."""
    folded = " ".join(_fold_word(w) for w in unicodedata.normalize("NFKC", text).split())
    return _CJK_GAP.sub("", folded)


# Punctuation of Latin, Greek and Cyrillic text (not CJK's own, U+3000 up): a word boundary
# in the index, so "war," and "(war" start a word and "Il-sung" = "Il sung" as the matcher has it.
_PUNCT = re.compile(r"[!-/:-@\[-`{-~\u00a1-\u00bf\u2010-\u205e]+")
_SPACES = re.compile(r"\s+")


def index_fold(text: str) -> str:
    """What the search index holds: `search_fold`, punctuation as spaces, one leading
    space, so a Latin query matches at word starts (" war" finds "war," and "warfare"
    but not "toward") by plain substring search; CJK queries match anywhere."""
    spaced = _SPACES.sub(" ", _PUNCT.sub(" ", search_fold(text))).strip()
    return " " + _CJK_GAP.sub("", spaced) if spaced else ""


_CJK_PAIR = re.compile(f"(?=([{_CJK}]{{2}}))")
_CJK_ONE = re.compile(f"[{_CJK}]")


def is_cjk_char(ch: str) -> bool:
    return bool(_CJK_ONE.match(ch))


def cjk_grams(index_text: str) -> str:
    """Every pair of adjacent CJK characters, each followed by "|", then every distinct CJK
    character followed by "||": what lets the trigram index find two-character names
    (総連 is looked up as the trigram "総連|") and single characters (朝 as "朝||"). Neither
    form can occur inside the other: a pair never begins with "|"."""
    pairs = "".join(m.group(1) + "|" for m in _CJK_PAIR.finditer(index_text))
    return pairs + "".join(c + "||" for c in dict.fromkeys(_CJK_ONE.findall(index_text)))
