"""The JSON Schemas in data/ as the registry's contract: validate, then explain in German.

One schema, two readers: editors' YAML extensions check it while typing, and the build
checks it here. The schemas carry the German words themselves — each field's `title`
("Datum"), and `patternErrorMessage` / `errorMessage` ("what — how to fix", which VS Code
shows too) — so the messages cannot drift from the rules.

Speed: `jsonschema` explains well but walks slowly (seconds for a megabyte) and takes a tenth
of a second to import. So the file, and each entry of the big lists (communes, milestones), is
first checked by the same schema compiled in memory with `fastjsonschema`; only what
it rejects is walked by `jsonschema` (with the lean keywords of kekiz.schemarules) for the
findings, and at most MAX_MESSAGES findings are explained per file. A valid registry never
imports jsonschema.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import fastjsonschema

from kekiz.sources import messages
from kekiz.sources.diagnostics import Diagnostic, shown
from kekiz.sources.formats import FORMATS, explain_date, iso_of_german_date, schema_regex
from kekiz.sources.yamlsource import Document, Path_

if TYPE_CHECKING:
    from jsonschema import ValidationError


class _LazyValidator:
    """jsonschema's walk of a schema, for the findings: made, and jsonschema imported (a tenth of
    a second), only when a compiled check has rejected something."""

    def __init__(self, schema: dict):
        self._schema = schema
        self._validator = None

    def _walker(self):
        if self._validator is None:
            from kekiz.sources.schemarules import KekizValidator
            self._validator = KekizValidator(self._schema)
        return self._validator

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        return self._walker().iter_errors(instance)

    def is_valid(self, instance: Any) -> bool:
        return self._walker().is_valid(instance)


# -- from findings to German messages (worded in kekiz.sources.messages) ---------------------------
MAX_MESSAGES = 100  # per file: a hostile file gets the first hundred, not a hundred thousand
_FAST_FORMATS = {name: (lambda check: lambda value: check(value) is None)(check) for name, check in FORMATS.items()}


class Contract:
    """One schema (communes or programme) and how to explain its findings."""

    def __init__(self, schema: dict):
        # The schemas are repository files: tests check that each is a valid schema (test_schema.py).
        self.schema = schema
        self.validator = _LazyValidator(schema)
        slug = schema.get("definitions", {}).get("slug")
        self._slug_re = schema_regex(slug["pattern"]) if slug else None
        # The big lists: top-level arrays of entries described by one definition.
        self.entry_lists: dict[str, tuple[Any, Any]] = {}
        shallow = copy.deepcopy(schema)
        for key, prop in schema.get("properties", {}).items():
            ref = prop.get("items", {}).get("$ref") if isinstance(prop.get("items"), dict) else None
            if prop.get("type") == "array" and ref:
                entry = {"$ref": ref, "definitions": schema.get("definitions", {})}
                fast = _compiled(entry, _FAST_FORMATS)  # fastjsonschema reads `$` as \Z itself
                self.entry_lists[key] = (fast, _LazyValidator(entry))
                del shallow["properties"][key]["items"]
        self._shallow = (_compiled(shallow, _FAST_FORMATS), _LazyValidator(shallow))

    def iter_errors(self, data: Any) -> Iterator[ValidationError]:
        """All findings, entry by entry; what the compiled schema accepts is not walked again."""
        fast, slow = self._shallow
        try:
            fast(data)
        except Exception:  # noqa: BLE001 — a rejection, or any doubt: jsonschema decides and explains
            yield from slow.iter_errors(data)
        if not isinstance(data, dict):
            return
        for key, (fast, slow) in self.entry_lists.items():
            entries = data.get(key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                try:
                    fast(entry)
                    continue
                except Exception:  # noqa: BLE001 — a rejection, or any doubt: jsonschema decides and explains
                    pass
                for error in slow.iter_errors(entry):
                    error.path.extendleft((index, key))
                    yield error

    # schema navigation -----------------------------------------------------------------------
    def resolve(self, node: dict | None) -> dict:
        """Follow $ref (and a lone allOf of one $ref) to the schema that describes a value."""
        while isinstance(node, dict):
            if "$ref" in node:
                node = self._definition(node["$ref"])
            elif "allOf" in node and len(node["allOf"]) == 1 and "properties" not in node and "type" not in node:
                merged = {**self.resolve(node["allOf"][0]), **{k: v for k, v in node.items() if k != "allOf"}}
                return merged
            else:
                return node
        return {}

    def _definition(self, ref: str) -> dict:
        return self.schema["definitions"][ref.rsplit("/", 1)[1]]

    def schema_at(self, path: Path_) -> dict:
        node = self.resolve(self.schema)
        for part in path:
            if isinstance(part, int):
                node = self.resolve(node.get("items"))
            else:
                node = self.resolve(node.get("properties", {}).get(part))
        return node

    def words(self, path: Path_, start: Path_ = ()) -> str:
        """A field path in words: ("statements", 1, "date") -> "2. Äußerung, Datum"."""
        node = self.schema_at(start)
        out: list[str] = []
        for i, part in enumerate(path):
            if isinstance(part, int):
                node = self.resolve(node.get("items"))
                out.append(f"{part + 1}. {node.get('title', messages.ENTRY)}")
                continue
            child = node.get("properties", {}).get(part)
            node = self.resolve(child)
            title = (child or {}).get("title") or node.get("title")
            followed_by_index = i + 1 < len(path) and isinstance(path[i + 1], int)
            if not followed_by_index:
                out.append(title if child is not None and title else shown(part, 40))
        return ", ".join(out)

    # validation ------------------------------------------------------------------------------
    def diagnostics(self, doc: Document) -> list[Diagnostic]:
        out = [self._message(doc, path, line, col, problem, fix) for path, line, col, problem, fix in doc.structural]
        if doc.data is None and not doc.problems:
            return out + [Diagnostic(doc.file, 1, 1, "", "", *messages.NO_FIELDS)]
        by_path: dict[Path_, ValidationError] = {}
        objects: dict[Path_, tuple[set[str], list[str]]] = {}  # path -> (missing, unknown)
        more: Path_ | None = None  # where the first finding past MAX_MESSAGES stands
        for error in self.iter_errors(doc.data):
            path = tuple(error.absolute_path)
            if doc.is_broken(path):
                continue
            if len(by_path) + len(objects) + len(doc.structural) >= MAX_MESSAGES \
                    and path not in by_path and path not in objects:
                more = path
                break
            if error.message == "required":
                objects.setdefault(path, (set(), []))[0].add(error.validator_value)
            elif error.message == "additional":
                known = error.schema.get("properties", {})
                objects.setdefault(path, (set(), []))[1].extend(k for k in error.instance if k not in known)
            else:
                by_path.setdefault(path, error)  # one message per value: the first rule it breaks
        for path, (missing, unknown) in objects.items():
            for message in self._object_messages(doc, path, missing, unknown):
                if len(out) >= MAX_MESSAGES:
                    more = more or path
                    break
                out.append(message)
        for path, error in by_path.items():
            if len(out) >= MAX_MESSAGES:
                more = more or path
                break
            problem, fix = self._explain(doc, path, error)
            line, col = doc.where(path)
            out.append(self._message(doc, path, line, col, problem, fix))
        if more is not None or doc.structural_overflow:
            line, col = doc.where(more) if more is not None else (out[-1].line, out[-1].column)
            out.append(Diagnostic(doc.file, line, col, "", "", *messages.more_not_shown(MAX_MESSAGES)))
        return out

    def _message(self, doc: Document, path: Path_, line: int, col: int, problem: str, fix: str) -> Diagnostic:
        subject, field = subject_of(doc.data, path, self)
        return Diagnostic(doc.file, line, col, subject, field, problem, fix)

    def _object_messages(self, doc: Document, path: Path_, missing: set[str], unknown: list[str]):
        node = self.schema_at(path)
        props = node.get("properties", {})
        open_missing = [m for m in node.get("required", []) if m in missing]
        for key in unknown:
            guess = _closest(key, open_missing, props, self) or _closest(key, list(props), props, self)
            if guess in open_missing:
                open_missing.remove(guess)
            fix = messages.did_you_mean(guess) if guess else messages.allowed_fields(props)
            line, col = doc.key_where(path + (key,))
            yield self._message(doc, path + (key,), line, col, messages.unknown_field(shown(key, 40)), fix)
        line, col = doc.where(path)
        for key in open_missing:
            child = self.resolve(props.get(key))
            title = (props.get(key) or {}).get("title") or child.get("title")
            problem, fix = messages.required_field_missing(key, title, child.get("enum"), "null" in _types(child))
            yield self._message(doc, path, line, col, problem, fix)

    def _explain(self, doc: Document, path: Path_, error: ValidationError) -> tuple[str, str]:
        value, schema, kind = error.instance, error.schema, error.message
        if kind == "type":
            return _type_message(doc, path, value, _types(schema), schema.get("pattern"))
        if kind in ("enum", "const"):
            allowed = schema["enum"] if kind == "enum" else [schema["const"]]
            if isinstance(value, str) and any(str(a) == value.strip() for a in allowed if not isinstance(a, str)):
                return messages.value_not_allowed(shown(value), allowed, numbers_in_quotes=True)
            guess = None
            if isinstance(value, str):
                close = difflib.get_close_matches(value, [a for a in allowed if isinstance(a, str)], n=1, cutoff=0.6)
                guess = close[0] if close else None
            return messages.value_not_allowed(shown(value), allowed, guess=guess)
        if kind == "pattern":
            problem, fix = _split(schema.get("patternErrorMessage", messages.PATTERN_DEFAULT))
            hidden = _INVISIBLE_RE.search(value)
            if hidden:  # one policy for every text field: name the character, whatever the field's rule says
                return (messages.value_problem(shown(value), messages.invisible_character(ord(hidden.group()),
                                                                                          hidden.start() + 1)),
                        messages.INVISIBLE_FIX)
            if problem.startswith("Leerer Text oder Steuerzeichen"):  # the schemas' text for it: say which of the two
                if not value.strip():
                    return messages.TEXT_EMPTY, fix
                problem = _invisible(value, schema.get("pattern", "")) or messages.CONTROL_CHARACTER_IN_TEXT
            if schema.get("format") == "kekiz-datum":
                problem = explain_date(value) or problem
                iso = iso_of_german_date(value)
                if iso:
                    fix = messages.date_as_iso(path[-1] if path and isinstance(path[-1], str) else None, iso)
            return messages.value_problem(shown(value), _lower_first(problem)), fix
        if kind == "length":
            limit = schema.get("maxLength")
            if limit is not None and len(value) > limit:
                return messages.text_too_long(len(value), limit)
            return messages.TEXT_MISSING
        if kind == "count":
            if len(value) < schema.get("minItems", 0):
                return messages.too_few_entries(len(value), schema["minItems"])
            return messages.too_many_entries(len(value), schema.get("maxItems"))
        if kind == "unique":
            return messages.LIST_ITEM_TWICE
        if kind == "format":  # the calendar or the URL parser said no, in German
            fix = (messages.NOT_A_DAY_OF_THAT_MONTH if schema["format"] == "kekiz-datum"
                   else messages.COPY_THE_FULL_ADDRESS)
            return messages.value_problem(shown(value), str(error.cause)), fix
        if "errorMessage" in schema:
            problem, fix = _split(schema["errorMessage"])
            return _lower_first(problem), fix
        return messages.breaks_the_rule(shown(value), kind)


# Never text: C1 controls, line and paragraph separators, and invisible formatting characters that
# reorder or hide text (bidi controls such as U+202E, zero-width characters). The schemas' text
# patterns forbid them in every text field.
_INVISIBLE_RE = re.compile("[\u0080-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
                           "\ufeff\ufff9-\ufffb]")


def _invisible(value: str, pattern: str) -> str | None:
    """The first character a text pattern forbids (the class its last part excludes), by code and place."""
    forbidden = re.search(r"\[\^([^\]]*)\]\*\$$", pattern)
    found = re.search(f"[{forbidden.group(1)}]", value) if forbidden else None
    return messages.invisible_character(ord(found.group()), found.start() + 1) if found else None


def _types(schema: dict) -> list[str]:
    t = schema.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def _split(message: str) -> tuple[str, str]:
    problem, _, fix = message.partition(" — ")
    return problem, fix or messages.CHECK_THE_VALUE


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _closest(key: str, candidates: list[str], props: dict, contract: Contract) -> str | None:
    """The field an unknown key most likely meant, by name or by its German title."""
    names: dict[str, str] = {}
    for name in candidates:
        names[name.lower()] = name
        title = (props.get(name) or {}).get("title") or contract.resolve(props.get(name)).get("title")
        if title:
            names.setdefault(title.lower(), name)
    match = difflib.get_close_matches(key.lower(), list(names), n=1, cutoff=0.6)
    return names[match[0]] if match else None


def _kind(value: Any) -> str:
    """What was found instead, in words."""
    if value is None:
        return messages.found_kind("null")
    if isinstance(value, bool):
        return messages.found_kind("boolean", "true" if value else "false")
    if isinstance(value, (int, float)):
        return messages.found_kind("number", shown(value))
    if isinstance(value, str):
        return messages.found_kind("string", shown(value))
    return messages.found_kind("array" if isinstance(value, list) else "object")


def _type_message(doc: Document, path: Path_, value: Any, expected: list[str],
                  pattern: str | None = None) -> tuple[str, str]:
    nullable = "null" in expected
    wanted = [t for t in expected if t != "null"]
    if value is None:
        return messages.empty_value(wanted[0] if wanted else "")
    raw = doc.plain_text.get(path)
    if "string" in wanted and raw is not None:
        key = path[-1] if path and isinstance(path[-1], str) else None
        if pattern and raw.isascii() and raw.isdigit() and not schema_regex(pattern).search(raw) \
                and schema_regex(pattern).search("0" + raw):
            # 5958004 for "05958004": quoting it alone would not do, the field's rule needs the 0
            return messages.zero_already_lost(shown(raw), f'{key}: "0{shown(raw)}"' if key else f'"0{shown(raw)}"')
        example = f'{key}: "{shown(raw)}"' if key else f'"{shown(raw)}"'
        return messages.read_as_other_than_text(shown(raw), isinstance(value, bool),
                                                raw.lstrip("+-").startswith("0") and len(raw) > 1, example)
    return messages.wrong_kind(wanted, nullable, _kind(value))


def subject_of(data: Any, path: Path_, contract: Contract) -> tuple[str, str]:
    """(Kommune, field in words) for a path: entries of `communes` are named by their slug."""
    if len(path) >= 2 and path[0] == "communes" and isinstance(path[1], int):
        entries = data.get("communes") if isinstance(data, dict) else None
        entry = entries[path[1]] if isinstance(entries, list) and path[1] < len(entries) else None
        slug = entry.get("slug") if isinstance(entry, dict) else None
        valid = isinstance(slug, str) and contract._slug_re is not None and bool(contract._slug_re.search(slug))
        subject = slug if valid else messages.entry_number(path[1] + 1)
        return subject, contract.words(path[2:], start=("communes", 0))
    return "", contract.words(path)


def _compiled(schema: dict, formats: dict) -> Any:
    """fastjsonschema's check of `schema`: returns the data, raises on the first finding."""
    return fastjsonschema.compile(schema, formats=formats)
