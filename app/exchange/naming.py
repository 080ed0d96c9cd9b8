"""Stable names and ids shared by the exchange writers."""
from __future__ import annotations

import re
import uuid

from recto.annotations.model import Document

_NS = uuid.UUID("6f1d1b1e-5c2a-4f53-9a7e-52656374f0a0")  # Recto's namespace for REFI GUIDs


def file_stem(document: Document) -> str:
    """A portable file name for a document: its title's safe characters and id prefix."""
    stem = re.sub(r"[^\w.-]+", "-", document.title).strip("-.")[:60] or "document"
    return f"{stem}-{document.id[:8]}"


def guid(*parts: str) -> str:
    """The same GUID for the same thing on every export, so re-imports match up."""
    return str(uuid.uuid5(_NS, "\x1f".join(parts)))


def version_label(version: str) -> str:
    return f"Recto {version}" if version else "Recto"
