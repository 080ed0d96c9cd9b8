"""The W3C web-annotation-tests MUST assertions, run offline with jsonschema and pyld.

The suite's `*Musts.test` files list the assertions (JSON Schema draft-04) an
annotation, a collection and a page must pass; they and the definitions they
reference are vendored under tests/data/w3c/ (see PROVENANCE.md there). A few
assertion files named by the collection and page tests are not in the copy we
vendored; STAND_INS gives each of them as the same check built from the suite's
own definitions (collections.json, otherProperties.json), so every listed MUST is
still run. `anno.jsonld` is the W3C annotation context, served to pyld by a
loader that refuses every other URL: nothing is fetched.
"""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft4Validator
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

DATA = Path(__file__).resolve().parent / "data" / "w3c"
ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"


def _context_ref(defs: str) -> dict:
    return {"type": "object", "required": ["@context"], "properties": {"@context": {"oneOf": [
        {"$ref": f"{defs}#/definitions/contextValueFound"},
        {"$ref": f"{defs}#/definitions/contextValueInArrayFound"}]}}}


def _ref(target: str) -> dict:
    return {"$ref": target}


STAND_INS = {
    "collections/5.1-collectionContextValidated.json": _context_ref("collections.json"),
    "collections/5.1-collectionLabelValidated.json":
        _ref("collections.json#/definitions/labelDefinition"),
    "collections/5.1-collectionTotalValidated.json":
        _ref("collections.json#/definitions/totalDefinition"),
    "collections/5.1-collectionFirstValidated.json": {"allOf": [
        _ref("collections.json#/definitions/firstValidIfPresent"),
        _ref("collections.json#/definitions/firstRequiredIfTotalMoreThanZero")]},
    "collections/5.1-collectionLastValidated.json":
        _ref("collections.json#/definitions/lastValidIfPresent"),
    "collections/3.3.1-collectionCreatedValidated.json":
        _ref("otherProperties.json#/definitions/createdValidIfPresent"),
    "collections/3.3.1-collectionModifiedValidated.json":
        _ref("otherProperties.json#/definitions/modifiedValidIfPresent"),
    "collections/3.3.6-collectionRightsValidated.json":
        _ref("otherProperties.json#/definitions/rightsValidIfPresent"),
    "collections/pages/5.2-pageContextValidated.json": _context_ref("collections.json"),
}


def _registry() -> Registry:
    resources = []
    for path in sorted((DATA / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        resources.append((schema["id"], resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def musts(test_file: str) -> dict[str, Draft4Validator]:
    """Every assertion a `*Musts.test` lists, by its path, ready to validate."""
    listed = json.loads((DATA / test_file).read_text(encoding="utf-8"))["assertions"]
    out = {}
    for name in listed:
        path = DATA / name
        schema = (json.loads(path.read_text(encoding="utf-8")) if path.exists()
                  else {"id": Path(name).name, **STAND_INS[name]})
        out[name] = Draft4Validator(schema, registry=REGISTRY,
                                    format_checker=Draft4Validator.FORMAT_CHECKER)
    return out


def failures(validators: dict[str, Draft4Validator], doc: dict) -> list[str]:
    """The assertions `doc` fails, with the suite's error message."""
    out = []
    for name, validator in validators.items():
        if not validator.is_valid(doc):
            out.append(f"{name}: {validator.schema.get('errorMessage', 'invalid')}")
    return out


def offline_loader(requested: list[str]):
    """A pyld document loader serving the vendored annotation context and nothing else."""
    context = json.loads((DATA / "anno.jsonld").read_text(encoding="utf-8"))

    def load(url, options=None):
        requested.append(url)
        if url.rstrip("/") != ANNO_CONTEXT_URL:
            raise jsonld.JsonLdError(f"offline: refusing to fetch {url}", "loading document failed")
        return {"contextUrl": None, "documentUrl": url, "document": context}
    return load


def expand_and_compact(doc: dict, context, requested: list[str]) -> dict:
    """Expand `doc` and compact it again with `context`, offline."""
    options = {"documentLoader": offline_loader(requested)}
    expanded = jsonld.expand(doc, options)
    return jsonld.compact(expanded, {"@context": context}, options)
