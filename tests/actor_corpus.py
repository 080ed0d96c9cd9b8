"""A born-digital test record about the 1959 repatriation: English text carrying Japanese
and Korean names in every spelling the actor matcher must treat as one, and words
it must not match. Lines are placed one by one so line-end hyphens are exact."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pymupdf

PAGES = [
    [
        "Geneva, 15 December 1955. Note on the repatriation of Koreans from Japan.",
        "The General Association of Korean Residents in Japan, known as Sōren",
        "(総連 in Japanese, 총련 in Korean, Chongryun in its own spelling), told",
        "the delegates that Soren’s lists held about 60,000 names. Mr Lee of the",
        "Japanese Red Cross visited the Ōmura camp; Mr Sorensen of the Leeds office",
        "came later. Lee Kang-",
        "hoon wrote that the Omura centre was overcrowded. The Chong-",
        "ryun office in Tokyo said that SOREN would cooperate, and Lee’s aide agreed.",
        "在日本朝鮮人総聯合会（総連）は帰国事業を支持した。総連の代表は大村収容所を訪れた。",
        "총련은 귀국 사업을 환영했다. 오무라 수용소.",
    ],
    [
        "The Oomura (Ohmura) detention centre held 1,400 Koreans; the Komura family",
        "wrote from Ｓｏｒｅｎ headquarters (full-width type) and from ｿｳﾚﾝ in Osaka.",
        "Soreness among the Sorensen staff and in Leeds was noted. Mr. Kim Il Sung",
        "was not mentioned; Kim Il-sung's name appears in Korean as 김일성.",
        "Nothing about Omuraya or Leesburg; the LEE report ends here.",
    ],
]

SOREN_ALIASES = ["総連@ja", "총련@ko", "Chongryun@ko-Latn", "ソウレン@ja",
                 "General Association of Korean Residents in Japan@en", "在日本朝鮮人総聯合会@ja"]
OMURA_ALIASES = ["大村@ja", "오무라@ko", "Omura@en"]

# (page, quoted text) of every occurrence, per actor, in reading order.
EXPECTED = {
    "Sōren": [
        (1, "General Association of Korean Residents in Japan"), (1, "Sōren"), (1, "総連"),
        (1, "총련"), (1, "Chongryun"), (1, "Soren"), (1, "Chong‑ryun"), (1, "SOREN"),
        (1, "在日本朝鮮人総聯合会"), (1, "総連"), (1, "総連"), (1, "총련"),
        (2, "Ｓｏｒｅｎ"), (2, "ｿｳﾚﾝ"),
    ],
    "Ōmura": [(1, "Ōmura"), (1, "Omura"), (1, "大村"), (1, "오무라"),
              (2, "Oomura"), (2, "Ohmura")],
    "Lee Kang-hoon": [(1, "Lee"), (1, "Lee Kang‑hoon"), (1, "Lee"), (2, "LEE")],
    "Kim Il-sung": [(2, "Kim Il Sung"), (2, "Kim Il-sung"), (2, "김일성")],
}
# Words that contain an alias but are other words: never suggested.
NOT_MATCHED = ["Sorensen", "Leeds", "Komura", "Soreness", "Omuraya", "Leesburg"]


def cjk_font() -> str:
    """A Noto CJK font file (installed by the set-up); covers Latin, kana, Han, Hangul."""
    out = subprocess.run(["fc-list", ":lang=ja", "file"], capture_output=True, text=True)
    files = sorted(line.split(":")[0] for line in out.stdout.splitlines() if line.strip())
    regular = [f for f in files if "Sans" in f and "Regular" in f] or files
    if not regular:
        raise RuntimeError("No CJK font found (fc-list :lang=ja); install fonts-noto-cjk.")
    return regular[0]


def make_pdf(path: Path, pages: list[list[str]] = PAGES) -> Path:
    doc = pymupdf.open()
    font = cjk_font()
    for lines in pages:
        page = doc.new_page(width=612, height=792)
        page.insert_font(fontname="cjk", fontfile=font)
        for i, line in enumerate(lines):
            page.insert_text((54, 72 + 18 * i), line, fontname="cjk", fontsize=10)
    doc.set_metadata({"title": "Repatriation note"})
    doc.save(path)
    doc.close()
    return path


def add_actors(project) -> dict[str, str]:
    """The registry the expectations above assume; returns name -> actor id."""
    from recto.app.actors.service import add_actor, parse_alias_spec
    ids = {}
    specs = {
        "Sōren": ("organisation", SOREN_ALIASES),
        "Ōmura": ("place", OMURA_ALIASES),
        "Lee Kang-hoon": ("person", ["Lee@ko-Latn"]),
        "Kim Il-sung": ("person", ["김일성@ko", "Kim Il Sung@ko-Latn"]),
    }
    for name, (type_, aliases) in specs.items():
        result = add_actor(project, name, type_, [parse_alias_spec(a) for a in aliases])
        ids[name] = result.actor.id
    return ids


def build_project(project, folder: Path):
    """Add the generated PDF and its text layer; returns the document."""
    from recto.app.documents import add_pdf
    from recto.app.pdf.text_layer import import_text_layer
    doc = add_pdf(project, make_pdf(folder / "repatriation_note.pdf")).document
    assert import_text_layer(project, doc) == len(PAGES)
    return doc
