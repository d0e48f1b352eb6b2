"""The published JSON Schema and the validator describe the same contract."""

from __future__ import annotations

import json

import jsonschema
import yaml

from kekiz import registry

from conftest import ROOT

SCHEMA = json.loads((ROOT / "data" / "communes.schema.json").read_text(encoding="utf-8"))


class _NoDates(yaml.SafeLoader):
    """Editors' tools read YAML 1.2, where 2017-01-11 is a string, not a date."""


_NoDates.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def fields(name: str) -> dict[str, bool]:
    definition = SCHEMA["definitions"][name]
    return {key: key in definition.get("required", []) for key in definition["properties"]}


def test_field_names_and_required_flags_match_the_validator():
    assert fields("commune") == registry.COMMUNE_FIELDS
    assert fields("source") == registry.SOURCE_FIELDS
    assert fields("statementSource") == registry.STATEMENT_SOURCE_FIELDS
    assert fields("statement") == registry.STATEMENT_FIELDS
    assert fields("note") == registry.NOTE_FIELDS
    assert fields("jointApplication") == registry.JOINT_APPLICATION_FIELDS


def test_enums_match_the_model():
    from kekiz.model import Cohort, CommuneType, NoteKind, StatementForm
    props = SCHEMA["definitions"]["commune"]["properties"]
    assert props["type"]["enum"] == [t.value for t in CommuneType]
    assert props["cohort"]["enum"] == [c.value for c in Cohort]
    assert SCHEMA["definitions"]["statement"]["properties"]["form"]["enum"] == [f.value for f in StatementForm]
    assert SCHEMA["definitions"]["note"]["properties"]["kind"]["enum"] == [k.value for k in NoteKind]
    assert SCHEMA["definitions"]["slug"]["pattern"] == registry.SLUG_RE.pattern


def test_registry_file_passes_the_schema_and_references_it():
    path = ROOT / "data" / "communes.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./communes.schema.json")
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(yaml.load(text, Loader=_NoDates)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_what_the_validator_rejects():
    validator = jsonschema.Draft7Validator(SCHEMA)
    entry = {"slug": "x", "name": "X", "official_name": "Stadt X", "type": "kreisfreie-stadt", "cohort": 2017,
             "ags": "05114000", "sources": [{"url": "https://example.org", "publisher": "P"}], "statements": []}
    assert validator.is_valid({"stand": "2026-11-21", "communes": [entry]})
    for field, bad in [("cohrot", 2017), ("ags", 5114000), ("slug", "../x"), ("cohort", 2019), ("type", "gemeinde")]:
        broken = {**entry, field: bad}
        assert not validator.is_valid({"stand": "2026-11-21", "communes": [broken]}), field
    js = {**entry, "sources": [{"url": "javascript:alert(1)", "publisher": "P"}]}
    assert not validator.is_valid({"stand": "2026-11-21", "communes": [js]})
    assert not validator.is_valid({"communes": [entry]}), "the Stand der Angaben is required"
    assert not validator.is_valid({"stand": "2026-11", "communes": [entry]}), "the Stand is a full date"
