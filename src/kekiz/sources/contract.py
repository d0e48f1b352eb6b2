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
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import fastjsonschema

from kekiz.sources.diagnostics import Diagnostic, shown
from kekiz.sources.formats import FORMATS, explain_date, schema_regex
from kekiz.sources.yamlsource import Document, Path_

if TYPE_CHECKING:
    from jsonschema import ValidationError


# -- formats: what a pattern cannot say ---------------------------------------------------------


# -- patterns as editors read them ----------------------------------------------------------------


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


# -- from findings to German messages ------------------------------------------------------------
_KIND_WORDS = {"string": "ein Text", "object": "Felder (name: wert)", "array": "eine Liste",
               "integer": "eine Zahl", "number": "eine Zahl", "boolean": "true oder false", "null": "null"}


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
                out.append(f"{part + 1}. {node.get('title', 'Eintrag')}")
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
            return out + [Diagnostic(doc.file, 1, 1, "", "", "die Datei enthält keine Felder",
                                     "die Felder der Datei eintragen (siehe CONTRIBUTING.md)")]
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
            out.append(Diagnostic(doc.file, line, col, "", "",
                                  f"weitere Fehler ab hier nicht gezeigt (höchstens {MAX_MESSAGES} Meldungen je Datei)",
                                  "erst die gezeigten Fehler beheben, dann erneut prüfen"))
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
            fix = f"meinten Sie „{guess}“?" if guess else "erlaubt sind: " + ", ".join(props)
            line, col = doc.key_where(path + (key,))
            yield self._message(doc, path + (key,), line, col, f"unbekanntes Feld „{shown(key, 40)}“", fix)
        line, col = doc.where(path)
        for key in open_missing:
            child = self.resolve(props.get(key))
            title = (props.get(key) or {}).get("title") or child.get("title")
            named = f"„{key}“" + (f" ({title})" if title and title != key else "")
            fix = f"„{key}:“ ergänzen"
            if "enum" in child:
                fix += ", erlaubt sind: " + " oder ".join(str(v) for v in child["enum"])
            elif "null" in _types(child):
                fix += " (unbekannt: null)"
            yield self._message(doc, path, line, col, f"das Pflichtfeld {named} fehlt", fix)

    def _explain(self, doc: Document, path: Path_, error: ValidationError) -> tuple[str, str]:
        value, schema, kind = error.instance, error.schema, error.message
        if kind == "type":
            return _type_message(doc, path, value, _types(schema))
        if kind in ("enum", "const"):
            allowed = schema["enum"] if kind == "enum" else [schema["const"]]
            fix = "erlaubt sind: " + " oder ".join(str(v) for v in allowed)
            if isinstance(value, str) and any(str(a) == value.strip() for a in allowed if not isinstance(a, str)):
                fix += " (Zahlen ohne Anführungszeichen)"
            elif isinstance(value, str):
                guess = difflib.get_close_matches(value, [a for a in allowed if isinstance(a, str)], n=1, cutoff=0.6)
                fix = f"meinten Sie „{guess[0]}“? " + fix if guess else fix
            return f"„{shown(value)}“ ist kein erlaubter Wert", fix
        if kind == "pattern":
            problem, fix = _split(schema.get("patternErrorMessage", "entspricht nicht der Vorgabe — den Wert prüfen"))
            if problem.startswith("Leerer Text oder Steuerzeichen"):  # say which of the two
                if not value.strip():
                    return "der Text ist leer", fix
                problem = "enthält einen Zeilenumbruch oder ein anderes Steuerzeichen"
            if schema.get("format") == "kekiz-datum":
                problem = explain_date(value) or problem
            return f"„{shown(value)}“: {_lower_first(problem)}", fix
        if kind == "length":
            limit = schema.get("maxLength")
            if limit is not None and len(value) > limit:
                return f"der Text ist zu lang ({len(value)} Zeichen, höchstens {limit})", "den Text kürzen"
            return "der Text ist leer", "einen Text eintragen"
        if kind == "count":
            if len(value) < schema.get("minItems", 0):
                need = schema["minItems"]
                return ("die Liste ist leer" if not value else f"zu wenige Einträge ({len(value)})",
                        f"mindestens {need} {'Eintrag' if need == 1 else 'Einträge'} angeben")
            return (f"zu viele Einträge ({len(value)}, höchstens {schema.get('maxItems')})",
                    "überzählige Einträge löschen")
        if kind == "unique":
            return "ein Eintrag steht mehrfach in der Liste", "den doppelten Eintrag löschen"
        if kind == "format":  # the calendar or the URL parser said no, in German
            fix = ("das Datum berichtigen: diesen Tag hat der Monat nicht" if schema["format"] == "kekiz-datum"
                   else "die vollständige Adresse aus der Adresszeile des Browsers kopieren")
            return f"„{shown(value)}“: {error.cause}", fix
        if "errorMessage" in schema:
            problem, fix = _split(schema["errorMessage"])
            return _lower_first(problem), fix
        return f"„{shown(value)}“ entspricht nicht der Vorgabe ({kind})", "den Wert mit der Beschreibung im Schema vergleichen"


def _types(schema: dict) -> list[str]:
    t = schema.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def _split(message: str) -> tuple[str, str]:
    problem, _, fix = message.partition(" — ")
    return problem, fix or "den Wert prüfen"


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
    if value is None:
        return "nichts (leer)"
    if isinstance(value, bool):
        return f"Wahrheitswert ({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        return f"Zahl ({shown(value)})"
    if isinstance(value, str):
        return f"Text („{shown(value)}“)"
    if isinstance(value, list):
        return "eine Liste"
    return "Felder (name: wert)"


def _type_message(doc: Document, path: Path_, value: Any, expected: list[str]) -> tuple[str, str]:
    nullable = "null" in expected
    wanted = [t for t in expected if t != "null"]
    if value is None:
        what = {"string": "einen Text", "array": "eine Liste (leer: [])", "object": "die Felder"}.get(
            wanted[0] if wanted else "", "einen Wert")
        return "der Wert ist leer", f"{what} eintragen"
    raw = doc.plain_text.get(path)
    if "string" in wanted and raw is not None:
        read_as = "Wahrheitswert" if isinstance(value, bool) else "Zahl"
        lost = " (eine führende Null geht dabei verloren)" if raw.lstrip("+-").startswith("0") and len(raw) > 1 else ""
        key = path[-1] if path and isinstance(path[-1], str) else None
        example = f'{key}: "{shown(raw)}"' if key else f'"{shown(raw)}"'
        return (f"„{shown(raw)}“ steht ohne Anführungszeichen und wird so als {read_as} gelesen{lost}",
                f"den Wert in Anführungszeichen setzen: {example}")
    words = " oder ".join(_KIND_WORDS.get(t, t) for t in wanted) + (" oder null" if nullable else "")
    fix = {"object": "Einrückung prüfen: Felder stehen als „name: wert“ untereinander",
           "array": "jeden Listeneintrag in eine eigene Zeile mit „- “ schreiben (leer: [])",
           "string": "den Wert in Anführungszeichen setzen"}.get(wanted[0] if wanted else "", "den Wert berichtigen")
    return f"hier wird {words} erwartet, gefunden: {_kind(value)}", fix


def subject_of(data: Any, path: Path_, contract: Contract) -> tuple[str, str]:
    """(Kommune, field in words) for a path: entries of `communes` are named by their slug."""
    if len(path) >= 2 and path[0] == "communes" and isinstance(path[1], int):
        entries = data.get("communes") if isinstance(data, dict) else None
        entry = entries[path[1]] if isinstance(entries, list) and path[1] < len(entries) else None
        slug = entry.get("slug") if isinstance(entry, dict) else None
        valid = isinstance(slug, str) and contract._slug_re is not None and bool(contract._slug_re.search(slug))
        subject = slug if valid else f"Eintrag {path[1] + 1}"
        return subject, contract.words(path[2:], start=("communes", 0))
    return "", contract.words(path)


def _compiled(schema: dict, formats: dict) -> Any:
    """fastjsonschema's check of `schema`: returns the data, raises on the first finding."""
    return fastjsonschema.compile(schema, formats=formats)
