"""The vendored XML schemas (tests/data/schemas, see its PROVENANCE.md), loaded once."""
from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
XLINK_URL = "http://www.loc.gov/standards/xlink/xlink.xsd"


class _Local(etree.Resolver):
    """ALTO imports XLink from the Library of Congress: read the vendored copy instead."""

    def resolve(self, url, pubid, context):
        if url == XLINK_URL:
            return self.resolve_filename(str(SCHEMAS / "xlink.xsd"), context)
        return None


@functools.cache
def refi_qda() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "refi-qda-Project.xsd")))


@functools.cache
def alto4() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "alto-4-2.xsd"), parser))


@functools.cache
def tei_all() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "tei_all.rng")))


def errors(schema, data: bytes) -> list[str]:
    """[] when `data` is valid, else the validator's messages."""
    doc = etree.fromstring(data)
    if schema.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
