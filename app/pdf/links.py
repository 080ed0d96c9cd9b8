"""A page's links, as text only: Recto shows where a link points and never follows it.

Archival PDFs pass through many hands; a link may launch a program, run
JavaScript or call a web address that tells someone the file was opened. So a
link is described (its kind and target as plain, cleaned text, and its box in
PDF points of the unrotated page) and nothing else: nothing here opens, fetches,
launches or runs anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pymupdf

from recto.annotations.model import Box

MAX_TARGET = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")

# PDF action types (/S) as the kinds Recto shows; anything else is "other".
KINDS = {"/URI": "uri", "/Launch": "launch", "/GoTo": "goto", "/GoToR": "gotor",
         "/GoToE": "gotor", "/Named": "named", "/JavaScript": "javascript",
         "/SubmitForm": "submit", "/ImportData": "import", "/ResetForm": "other"}
_BY_LINK_KIND = {pymupdf.LINK_URI: "uri", pymupdf.LINK_LAUNCH: "launch",
                 pymupdf.LINK_GOTO: "goto", pymupdf.LINK_GOTOR: "gotor",
                 pymupdf.LINK_NAMED: "named"}


@dataclass(frozen=True)
class LinkInfo:
    """kind: uri, launch, goto, gotor, named, javascript, submit, import or other."""
    kind: str
    target_text: str
    bbox: Box


def page_links(page: pymupdf.Page) -> list[LinkInfo]:
    """The page's links in /Annots order, described; an unreadable one is skipped.

    Read from the link annotations themselves, not only from MuPDF's resolved links,
    which leave out JavaScript and form actions (those too must be shown).
    """
    doc = page.parent
    try:
        resolved = {_rect_key(link["from"]): link for link in page.get_links()}
        xrefs = _link_xrefs(doc, page)
    except Exception:  # noqa: BLE001 - a broken annotation array means no links to show
        return []
    out = []
    for xref in xrefs:
        try:
            box = pymupdf.Rect(_numbers(_key(doc, xref, "Rect"))) * page.transformation_matrix
            link = resolved.get(_rect_key(box), {})
            action = _key(doc, xref, "A/S")
            kind = (KINDS.get(action, "other") if action else
                    "goto" if _key(doc, xref, "Dest") else
                    _BY_LINK_KIND.get(link.get("kind"), "other"))
            text = clean(_target(doc, xref, kind, link))
            out.append(LinkInfo(kind, text, Box.of(box)))
        except Exception:  # noqa: BLE001 - one unreadable link must not hide the others
            continue
    return out


def _link_xrefs(doc: pymupdf.Document, page: pymupdf.Page) -> list[int]:
    kind, value = doc.xref_get_key(page.xref, "Annots")
    if kind == "xref":  # the array is an object of its own
        value = doc.xref_object(int(value.split()[0]))
    refs = [int(m.group(1)) for m in re.finditer(r"(\d+) 0 R", value or "")]
    return [x for x in refs if 0 < x < doc.xref_length()
            and _key(doc, x, "Subtype") == "/Link"]


def _numbers(text: str) -> list[float]:
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]
    if len(values) != 4:
        raise ValueError("a link without a usable /Rect")
    return values


def _rect_key(rect) -> tuple:
    r = pymupdf.Rect(rect).normalize()
    return tuple(round(v) for v in (r.x0, r.y0, r.x1, r.y1))


def _target(doc: pymupdf.Document, xref: int, kind: str, link: dict) -> str:
    if kind == "uri":
        return link.get("uri") or _key(doc, xref, "A/URI")
    if kind in ("launch", "gotor", "import", "submit"):
        file = (_first(doc, xref, "A/F/UF", "A/F/F", "A/F", "A/Win/F", "A/Unix")
                or link.get("file", ""))
        page = link.get("page", -1)
        return f"{file} (page {page + 1})" if kind == "gotor" and page >= 0 else file
    if kind == "goto":
        page = link.get("page", -1)
        return f"page {page + 1}" if page >= 0 else (link.get("nameddest") or "")
    if kind == "named":
        return link.get("nameddest") or link.get("name") or _key(doc, xref, "A/N")
    if kind == "javascript":
        return "JavaScript (not run): " + _key(doc, xref, "A/JS")
    return action_text(doc, xref)


def action_text(doc: pymupdf.Document, xref: int) -> str:
    return _key(doc, xref, "A/S").lstrip("/") or "unknown action"


def _first(doc: pymupdf.Document, xref: int, *keys: str) -> str:
    for key in keys:
        value = _key(doc, xref, key)
        if value and not value.startswith("<<"):
            return value
    return ""


def _key(doc: pymupdf.Document, xref: int, key: str) -> str:
    """A value from the link's dictionary as text ("" when absent or unreadable)."""
    if not xref:
        return ""
    try:
        kind, value = doc.xref_get_key(xref, key)
    except Exception:  # noqa: BLE001 - broken objects read as absent
        return ""
    if kind == "null":
        return ""
    if kind == "xref":  # an indirect value: a script in a stream, or a string object
        try:
            number = int(value.split()[0])
            if key.endswith("JS"):  # shown, never run
                return doc.xref_stream(number).decode("latin-1")
            obj = doc.xref_object(number, compressed=True)
            return obj[1:-1] if obj.startswith("(") and obj.endswith(")") else ""
        except Exception:  # noqa: BLE001 - a dangling reference reads as absent
            return ""
    return value


def clean(text: str) -> str:
    """Printable, one line, bounded: control and bidi characters go, so a target
    cannot fake its own appearance ("evil.sh" shown as "hs.live")."""
    text = _CONTROL.sub(" ", str(text))
    text = " ".join(text.split())
    return text if len(text) <= MAX_TARGET else text[:MAX_TARGET - 1] + "…"


def links_on_page(path: str, page_index: int) -> list[LinkInfo]:
    """The links of one page of a PDF file, as text (opens its own PyMuPDF document, so
    any thread may call it); an unreadable page has no links to show."""
    from recto.app.pdf.reader import open_pdf
    try:
        doc = open_pdf(path)
    except Exception:  # noqa: BLE001 - the viewer reports unreadable files elsewhere
        return []
    try:
        return page_links(doc.load_page(page_index)) if page_index < doc.page_count else []
    except Exception:  # noqa: BLE001
        return []
    finally:
        doc.close()
