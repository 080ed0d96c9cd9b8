"""Domain values of Recto: frozen dataclasses, geometry in PDF points.

Boxes are (x0, y0, x1, y1) in PDF points, origin top-left of the unrotated page
(PyMuPDF's convention), so zoom and DPI never change stored data. Pages are
0-based here (`page_index`); people and exports see 1-based `page` numbers.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    """UTC timestamp with microseconds, so that merges can order edits."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, seq) -> Box:
        x0, y0, x1, y1 = (float(v) for v in seq)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @classmethod
    def union(cls, boxes) -> Box:
        """The smallest box holding all of `boxes` (at least one): a line's or a quote's box
        from its words'."""
        boxes = list(boxes)
        if not boxes:
            raise ValueError("Box.union needs at least one box")
        return cls(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    def intersection(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def iou(self, other: Box) -> float:
        inter = self.intersection(other)
        union = self.area + other.area - inter
        return inter / union if union > 0 else 0.0

    def within(self, width: float, height: float, tolerance: float = 0.5) -> bool:
        return (self.x0 >= -tolerance and self.y0 >= -tolerance
                and self.x1 <= width + tolerance and self.y1 <= height + tolerance)


@dataclass(frozen=True)
class ArchivalReference:
    """Where the original lives; `citation` is free text that overrides the built one."""
    archive: str = ""
    collection: str = ""
    box_folder: str = ""
    item: str = ""
    citation: str = ""

    def cite(self) -> str:
        if self.citation:
            return self.citation
        parts = [p for p in (self.archive, self.collection, self.box_folder, self.item) if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class DocumentMetadata:
    """What the document itself is: its own date (EDTF), who wrote it, its kind, its
    language (BCP 47) and terms of use. Citations use these, never a claim's date."""
    date: str = ""
    creator: str = ""
    type: str = ""  # cable, memorandum, minutes, letter, report, ...
    language: str = ""
    rights: str = ""
    archive_place: str = ""  # where the holding archive is, e.g. "Geneva"


@dataclass(frozen=True)
class Document:
    id: str
    sha256: str
    title: str
    path: str | None
    page_count: int
    reference: ArchivalReference = ArchivalReference()
    languages: tuple[str, ...] = ()
    file_size: int | None = None
    file_mtime: float | None = None
    author: str = ""
    created_at: str = ""
    modified_at: str = ""
    metadata: DocumentMetadata = DocumentMetadata()
    first_page: int | None = None  # the printed number of the PDF's first page
    page_labels: tuple[str, ...] = ()  # printed label of each PDF page (/PageLabels)

    def page_label(self, page: int) -> str:
        """The page as printed on the original, for the 1-based PDF `page`: its label,
        else the number shifted by `first_page`, else the PDF page number itself."""
        if 1 <= page <= len(self.page_labels) and self.page_labels[page - 1]:
            return self.page_labels[page - 1]
        if self.first_page is not None:
            return str(page - 1 + self.first_page)
        return str(page)

    def citation(self, page: int | None = None) -> str:
        """`page` is the 1-based PDF page; the citation shows its printed label."""
        base = self.reference.cite() or self.title
        return f"{base}, p. {self.page_label(page)}" if page is not None else base


@dataclass(frozen=True)
class Page:
    document_id: str
    page_index: int
    width: float
    height: float
    rotation: int = 0
    has_text_layer: bool = False


@dataclass(frozen=True)
class OcrWord:
    """One word (or one CJK character run) from OCR or a PDF text layer."""
    text: str
    bbox: Box
    conf: float = -1.0
    block: int = 0
    par: int = 0
    line: int = 0
    lang: str = ""
    noise: bool = False   # a scanner artefact: stored for the overlay, not in text or search
    corrected: bool = False  # retyped by a person: a re-OCR keeps its text
    # its number on the page as stored (-1: not stored yet); not part of a word's value
    seq: int = field(default=-1, compare=False)


class TextSource(str, Enum):
    OCR = "ocr"
    TEXT_LAYER = "text_layer"


class RedactionStyle(str, Enum):
    BLACK_BOX = "black_box"
    WHITE_BOX = "white_box"
    OUTLINE_BOX = "outline_box"
    MARKER = "marker"
    CUT_OUT = "cut_out"
    OTHER = "other"


class Origin(str, Enum):
    MANUAL = "manual"
    DETECTED = "detected"


class Status(str, Enum):
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Redaction:
    id: str
    document_id: str
    page_index: int
    bbox: Box
    style: RedactionStyle = RedactionStyle.BLACK_BOX
    codes: tuple[str, ...] = ()
    polygon: tuple[tuple[float, float], ...] = ()
    extent_chars: int | None = None
    extent_words: int | None = None
    extent_lines: int | None = None
    origin: Origin = Origin.MANUAL
    status: Status = Status.CONFIRMED
    confidence: float | None = None
    text_recoverable: bool = False
    hidden_text: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    author: str = ""
    created_at: str = ""
    modified_at: str = ""


class ActorType(str, Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    STATE = "state"
    PLACE = "place"
    OTHER = "other"


class AliasKind(str, Enum):
    NAME = "name"
    ABBREVIATION = "abbreviation"
    TRANSLATION = "translation"
    ROMANISATION = "romanisation"
    FORMER_NAME = "former_name"
    OCR_VARIANT = "ocr_variant"


@dataclass(frozen=True)
class Alias:
    id: str
    actor_id: str
    alias: str
    lang: str = ""
    kind: AliasKind = AliasKind.NAME
    attested_document_id: str | None = None
    attested_page_index: int | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: ActorType = ActorType.PERSON
    aliases: tuple[Alias, ...] = ()
    external_id: str = ""
    note: str = ""
    author: str = ""
    created_at: str = ""
    modified_at: str = ""


@dataclass(frozen=True)
class Anchor:
    """Where an annotation points: a page, a box and/or a span of OCR word indexes."""
    document_id: str
    page_index: int
    bbox: Box | None = None
    word_start: int | None = None
    word_end: int | None = None


@dataclass(frozen=True)
class Mention:
    id: str
    actor_id: str
    anchor: Anchor
    text: str = ""
    status: Status = Status.CONFIRMED
    origin: Origin = Origin.MANUAL
    confidence: float | None = None
    author: str = ""
    created_at: str = ""
    modified_at: str = ""


class Certainty(str, Enum):
    ASSERTED = "asserted"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    DISPUTED = "disputed"


class LinkType(str, Enum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    QUALIFIES = "qualifies"
    CITES = "cites"


@dataclass(frozen=True)
class Evidence:
    id: str
    claim_id: str
    anchor: Anchor
    quote: str = ""


@dataclass(frozen=True)
class ClaimLink:
    id: str
    from_claim_id: str
    to_claim_id: str
    type: LinkType
    note: str = ""


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    quote: str = ""
    date_start: str = ""
    date_end: str = ""
    certainty: Certainty = Certainty.ASSERTED
    claimants: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    links: tuple[ClaimLink, ...] = field(default=())
    tags: tuple[str, ...] = ()
    note: str = ""
    author: str = ""
    created_at: str = ""
    modified_at: str = ""
