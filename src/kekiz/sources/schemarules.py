"""The registry schema's keywords as jsonschema walks them, for the findings (kekiz.sources.contract).

Imported only when a compiled check (kekiz.sources.contract) has rejected something, or a schema is
checked: jsonschema takes a tenth of a second to import, more than reading the real registry.

Keywords whose stock implementations put `repr(instance)` into every message (a megabyte for a
hostile file, once per error) are replaced by lean ones; `pattern` gets ECMAScript's `$` (end
of text, as editors read it); `format` runs the two checks a pattern cannot make.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft7Validator, SchemaError, ValidationError, validators
from jsonschema import _keywords as stock

from kekiz.sources.formats import FORMATS, schema_regex


def check_schema(schema: dict) -> None:
    """Raise ValueError if `schema` is no valid Draft 7 schema (a project file, not editors' input)."""
    try:
        Draft7Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValueError(exc.message) from None


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not schema_regex(pattern).search(instance):
        yield ValidationError("pattern")


def _format(validator, fmt, instance, schema):
    check = FORMATS.get(fmt)
    if check is not None and validator.is_type(instance, "string"):
        reason = check(instance)
        if reason:
            yield ValidationError("format", cause=ValueError(reason))


def _type(validator, types, instance, schema):
    types = [types] if isinstance(types, str) else types
    if not any(validator.is_type(instance, t) for t in types):
        yield ValidationError("type")


def _enum(validator, enums, instance, schema):
    if not any(_same(instance, e) for e in enums):
        yield ValidationError("enum")


def _const(validator, const, instance, schema):
    if not _same(instance, const):
        yield ValidationError("const")


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, "2017" is not 2017, 2017.0 is 2017."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _length(limit_ok):
    def keyword(validator, limit, instance, schema):
        if validator.is_type(instance, "string") and not limit_ok(len(instance), limit):
            yield ValidationError("length")
    return keyword


def _items_count(limit_ok):
    def keyword(validator, limit, instance, schema):
        if validator.is_type(instance, "array") and not limit_ok(len(instance), limit):
            yield ValidationError("count")
    return keyword


def _unique(validator, unique, instance, schema):
    if unique and validator.is_type(instance, "array"):
        seen = set()
        for item in instance:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                yield ValidationError("unique")
                return
            seen.add(key)


def _required(validator, required, instance, schema):
    if validator.is_type(instance, "object"):
        for name in required:
            if name not in instance:
                yield ValidationError("required", validator_value=name)


def _additional(validator, allowed, instance, schema):
    if allowed is False and validator.is_type(instance, "object"):
        known = schema.get("properties", {})
        if any(key not in known for key in instance):
            yield ValidationError("additional")


def _any_of(validator, any_of, instance, schema):
    for subschema in any_of:
        if validator.evolve(schema=subschema).is_valid(instance):
            return
    yield ValidationError("anyOf")


def _contains(validator, contains, instance, schema):
    if validator.is_type(instance, "array"):
        check = validator.evolve(schema=contains)
        if not any(check.is_valid(item) for item in instance):
            yield ValidationError("contains")


_LEAN = {
    "pattern": _pattern, "format": _format, "type": _type, "enum": _enum, "const": _const,
    "minLength": _length(lambda n, m: n >= m), "maxLength": _length(lambda n, m: n <= m),
    "minItems": _items_count(lambda n, m: n >= m), "maxItems": _items_count(lambda n, m: n <= m),
    "uniqueItems": _unique, "required": _required, "additionalProperties": _additional,
    "anyOf": _any_of, "contains": _contains,
    # kept: $ref, properties, items, allOf, if/then/else
    "$ref": stock.ref, "properties": stock.properties, "items": validators.Draft7Validator.VALIDATORS["items"],
    "allOf": stock.allOf, "if": stock.if_,
}
KekizValidator = validators.create(meta_schema=Draft7Validator.META_SCHEMA, validators=_LEAN,
                                    type_checker=Draft7Validator.TYPE_CHECKER, version="kekiz-draft7")
