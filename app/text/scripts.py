"""Which script a character is in, and which requested OCR language a word is in.

Shared by OCR (tagging words with a language), reading order (no spaces between
CJK characters) and matching; Tesseract itself does not say.
"""
from __future__ import annotations

_SCRIPT_RANGES = (
    ("hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))),
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),
    ("han", ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3190, 0x31EF), (0x3400, 0x4DBF),
             (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
             (0x20000, 0x3134F))),
    ("cyrillic", ((0x0400, 0x052F),)),
)
_FIRST = min(lo for _, ranges in _SCRIPT_RANGES for lo, _ in ranges)
CJK = frozenset({"hangul", "kana", "han"})
_SCRIPT_LANGS = {
    "hangul": ("kor", "kor_vert"),
    "kana": ("jpn", "jpn_vert"),
    "han": ("jpn", "jpn_vert", "chi_sim", "chi_tra", "chi_sim_vert", "chi_tra_vert", "kor"),
    "cyrillic": ("rus", "ukr", "bel", "bul", "srp", "mkd", "kaz", "kir", "mon", "tgk", "tat"),
}
_NON_LATIN = frozenset(c for langs in _SCRIPT_LANGS.values() for c in langs)


def char_script(ch: str) -> str:
    """'hangul', 'kana', 'han' (incl. CJK punctuation and full-width forms), 'cyrillic'
    or 'other'."""
    cp = ord(ch)
    if cp < _FIRST:   # Latin, Greek and their marks: most of what is read
        return "other"
    for name, ranges in _SCRIPT_RANGES:
        if any(lo <= cp <= hi for lo, hi in ranges):
            return name
    return "other"


def guess_lang(text: str, codes: list[str]) -> str:
    """Which requested language a word is most likely in (Tesseract does not say)."""
    scripts = {char_script(ch) for ch in text}
    for script in ("hangul", "kana", "han", "cyrillic"):
        if script in scripts:
            found = [c for c in codes if c in _SCRIPT_LANGS[script]]
            if found:
                return found[0]
    latin = [c for c in codes if c not in _NON_LATIN]
    return (latin or codes or [""])[0]
