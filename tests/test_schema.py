"""The JSON Schemas in data/ are the one contract: editors' tools and the build read the same rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import validators

from kekiz.sources import contract, formats, schemarules
from kekiz.model.registry import Cohort, CommuneType, NoteKind, StatementForm
from kekiz.sources.yamlsource import read_yaml

from conftest import ROOT
from test_validation import CASES

SCHEMAS = {name: json.loads((ROOT / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
           for name in ("communes", "programme")}
SCHEMA = SCHEMAS["communes"]

# What a schema cannot say; the build checks these in Python (kekiz.registry, kekiz.yamlsource).
PYTHON_ONLY = {
    "duplicate-slug", "duplicate-ags", "ags-kreisfrei-as-kreis", "ags-gemeinde-missing", "ags-kreis-missing",
    "ags-town-as-kreisfrei", "ags-kreisfrei-as-town", "ags-aachen-as-town",  # the real list of Kreise and Gemeinden
    "date-impossible",                                                       # the calendar (format kekiz-datum)
    "url-unparseable", "url-bad-port", "url-port-not-a-number",              # the URL parser (kekiz-web-adresse)
    "reported-in-quotes", "statement-id-duplicate", "former-slug-is-current", "former-slug-claimed-twice",
}
# Problems of the YAML text itself (syntax, aliases, tags, duplicate keys): reported before any schema.
YAML_LEVEL = {
    "yaml-syntax", "yaml-bad-indent", "yaml-tab", "yaml-unclosed-bracket", "yaml-missing-colon", "yaml-at-sign",
    "yaml-bad-escape", "yaml-empty-anchor", "duplicate-key", "unsafe-tag", "int-tag-with-text", "huge-number",
    "alias", "merge-key", "non-text-key", "empty-file", "only-comments", "two-documents", "deep-nesting", "deep-block-nesting",
    "control-character",
}

# The editor's view: the schema as written, `$` as in ECMAScript, unknown formats ignored.
EditorValidator = validators.extend(jsonschema.Draft7Validator, {"pattern": schemarules._pattern})


def _patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft7_and_its_data_file_passes_and_references_it(tmp_path, name):
    schema = SCHEMAS[name]
    jsonschema.Draft7Validator.check_schema(schema)
    data_file = ROOT / "data" / f"{name}.yaml"
    assert data_file.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema=./{name}.schema.json")
    doc = read_yaml(data_file, name)
    assert not doc.problems and not doc.structural
    errors = list(EditorValidator(schema).iter_errors(doc.data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_shared_definitions_are_identical_in_both_schemas():
    shared = set(SCHEMAS["communes"]["definitions"]) & set(SCHEMAS["programme"]["definitions"])
    assert shared >= {"source", "sources", "partialDate", "httpUrl"}
    for name in shared:
        assert SCHEMAS["communes"]["definitions"][name] == SCHEMAS["programme"]["definitions"][name], name


def test_patterns_mean_the_same_in_python_and_javascript():
    """No \\d, \\w, \\b or \\s (they differ between Python and JavaScript); every pattern anchored at both ends."""
    patterns = [p for schema in SCHEMAS.values() for p in _patterns(schema)]
    assert len(patterns) > 10
    for pattern in patterns:
        assert not re.search(r"\\[dwbsDWBS]", pattern), pattern
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        re.compile(pattern)
    node = shutil.which("node")
    if node:  # and in JavaScript, with the "u" flag editors' tools use: same verdict on tricky strings
        probes = ["ahlen", "ahlen\n", "Ahlen", "a--b", "2017", "2017-13", "2017-02-30", "٢٠١٧", "２０１７", "05570004",
                  "05570004\n", "https://example.org/x", "https://exa mple.org", "Mülheim an der Ruhr", "<b>", " x",
                  "x\u2028y", "x\ty", "x\u0085", "Bei\nspiel", "   ", "$", "Kreis $x", "a\u0000", "\u0085",
                  "\ufeff", "\u00a0", "\u1680", "\u2028", " \u0085 ", "x\u0085 "]
        script = ("const [ps, xs] = JSON.parse(process.argv[1]);"
                  "console.log(JSON.stringify(ps.map(p => xs.map(x => new RegExp(p, 'u').test(x)))));")
        result = subprocess.run([node, "-e", script, json.dumps([patterns, probes])], check=True, timeout=60,
                                capture_output=True, text=True)
        in_javascript = json.loads(result.stdout)
        in_python = [[bool(formats.schema_regex(p).search(x)) for x in probes] for p in patterns]
        for pattern, js, py in zip(patterns, in_javascript, in_python):
            assert js == py, (pattern, [x for x, a, b in zip(probes, js, py) if a != b])


def test_enums_match_the_model():
    props = SCHEMA["definitions"]["commune"]["properties"]
    assert props["type"]["enum"] == [t.value for t in CommuneType]
    assert props["cohort"]["enum"] == [c.value for c in Cohort]
    assert SCHEMA["definitions"]["statement"]["properties"]["form"]["enum"] == [f.value for f in StatementForm]
    assert SCHEMA["definitions"]["note"]["properties"]["kind"]["enum"] == [k.value for k in NoteKind]


def test_every_field_has_a_german_title_for_messages():
    c = contract.Contract(SCHEMA)
    for definition in ("commune", "statement", "statementSource", "source", "note"):
        for key in SCHEMA["definitions"][definition]["properties"]:
            node = SCHEMA["definitions"][definition]["properties"][key]
            assert node.get("title") or c.resolve(node).get("title"), f"{definition}.{key} has no title"
    assert c.words(("statements", 1, "date"), start=("communes", 0)) == "2. Äußerung, Datum"
    assert c.words(("notes", 0, "sources", 2, "url"), start=("communes", 0)) == "1. Hinweis, 3. Quelle, Web-Adresse"


@pytest.mark.parametrize("name,text", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_editor_and_build_reject_the_same_things(tmp_path, name, text):
    """Every broken fixture fails the build; the schema flags all of them except the listed Python-only rules."""
    path = tmp_path / "communes.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path, "communes.yaml")
    if name in YAML_LEVEL:
        assert doc.problems or doc.structural, "a YAML-level problem is found by the reader"
        return
    assert not doc.problems and not doc.structural, [str(p) for p in doc.problems] + doc.structural
    flagged_by_schema = not EditorValidator(SCHEMA).is_valid(doc.data)
    assert flagged_by_schema == (name not in PYTHON_ONLY), name


def test_date_patterns_accept_exactly_the_valid_shapes():
    validator = EditorValidator(SCHEMA["definitions"]["partialDate"])
    for good in ["2017", "2017-01", "2017-12-31", "2016-02-30"]:  # the calendar is Python's part
        assert validator.is_valid(good), good
    for bad in ["2017-13", "2017-00", "2017-01-32", "2017-1", "17", "２０１７", "2017-01-01\n", " 2017", "2017-01-00"]:
        assert not validator.is_valid(bad), bad
    assert formats.check_date("2016-02-29") is None and formats.check_date("2017-02-29")


def _text_patterns() -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "pattern" and v.startswith("^(?="))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in sorted((ROOT / "data").glob("*.schema.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(set(found))


def _as_before(pattern: str) -> str:
    """The form these patterns had: ^[^C]*[^W C][^C]*$, which backtracks quadratically."""
    whitespace, other = re.fullmatch(r"\^\(\?=\[(.*?)\]\*\[\^(.*?)\]\)\[\^(.*?)\]\*\$", pattern).group(1, 2)
    controls = other.replace(whitespace, "")
    return f"^[^{controls}]*[^{other}][^{controls}]*$"


@pytest.mark.parametrize("pattern", _text_patterns())
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab \t\n\r\x00\x01\x1f\x7f\x85\xa0\u2028\u3000\ufeffä"), max_size=12))
def test_a_text_pattern_accepts_what_its_quadratic_form_accepted(pattern, text):
    assert bool(formats.schema_regex(pattern).search(text)) == bool(formats.schema_regex(_as_before(pattern)).search(text))


@pytest.mark.parametrize("pattern", _text_patterns())
def test_a_text_pattern_rejects_a_long_text_in_linear_time(pattern):
    """A control character at the end of a long text: the old patterns tried every split point
    (20 kB took seconds, 1 MB never finished). Ten times the text may cost about ten times the time."""
    import time
    regex = formats.schema_regex(pattern)

    def cost(n: int) -> float:
        text = "ä" * n + "\x01"
        start = time.perf_counter()
        for _ in range(5):
            assert not regex.search(text)
        return time.perf_counter() - start
    small, large = cost(10_000), cost(100_000)
    assert large < 40 * max(small, 1e-4), (small, large)
