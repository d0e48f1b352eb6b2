"""Property-based tests: whatever an editor writes, the registry check answers with a clean
result or with one-line file:line messages — never a traceback, a hang or changed data.

Examples are bounded (sizes and counts) so `make test` stays fast; timing lives in
bench/hostile_registry.py.
"""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kekiz.sources.contract import Contract
from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.registry import load
from kekiz.sources.yamlsource import read_yaml

from conftest import ROOT
from registry_fixtures import BASE

PROGRAMME = ROOT / "data" / "programme.yaml"
SCHEMA = json.loads((ROOT / "data" / "communes.schema.json").read_text(encoding="utf-8"))
CONTRACT = Contract(SCHEMA)
PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Pieces of YAML that have broken loaders: tags, aliases, flow brackets, numbers, quotes, odd characters.
YAML_PIECES = st.sampled_from([
    "  ", "\t", "\n", "- ", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "!!str ", "!!python/name:os.system ",
    "!!binary ", "!!timestamp ", "!!float ", "!!bool ", "!!null ", '"', "'", "#", "|", ">", "---\n", "...\n", "%YAML 1.1\n",
    "9" * 30, "1e999", "0x1F", "0o17", ".inf", "yes", "null", "~", "2017-13", "2017-02-30", "٢٠١٧", "\\u0000", "\x85",
    "\u2028", "\ufeff", "é", "„", "slug", "ags", "communes", "stand", "<<", "\x01", "\x7f", "\udcff",
])


def _text_from_pieces(pieces: list[str]) -> str:
    return "".join(pieces)


def check_answer(path) -> None:
    """The contract for any input: a Registry, or a RegistryError whose messages are one line each."""
    try:
        load(path, PROGRAMME)
    except RegistryError as error:
        assert error.diagnostics
        for d in error.diagnostics:
            text = d.format()
            assert "\n" not in text and "\r" not in text, text
            assert d.line >= 1 and d.column >= 1
            assert d.problem and d.fix
            assert text.startswith(f"{d.file}:{d.line}:{d.column}:")


@PROPERTIES
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=8)), max_size=40))
def test_any_yaml_text_gives_a_result_or_messages(tmp_path, pieces):
    path = tmp_path / "communes.yaml"
    path.write_bytes(_text_from_pieces(pieces).encode("utf-8", errors="surrogateescape"))
    check_answer(path)


@PROPERTIES
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result_or_messages(tmp_path, raw):
    path = tmp_path / "communes.yaml"
    path.write_bytes(raw)
    check_answer(path)


@PROPERTIES
@given(line=st.integers(min_value=1, max_value=BASE.count("\n")), garbage=st.one_of(YAML_PIECES, st.text(max_size=12)))
def test_one_broken_line_in_a_valid_registry(tmp_path, line, garbage):
    lines = BASE.splitlines()
    position = len(lines[line - 1]) // 2
    lines[line - 1] = lines[line - 1][:position] + garbage + lines[line - 1][position:]
    path = tmp_path / "communes.yaml"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", errors="surrogateescape"))
    check_answer(path)


# -- field values -------------------------------------------------------------------------------
FIELDS = [("name",), ("official_name",), ("slug",), ("ags",), ("type",), ("cohort",), ("sources", 0, "url"),
          ("sources", 0, "date"), ("statements", 0, "date"), ("statements", 0, "id"), ("statements", 0, "text"),
          ("statements", 0, "source", "url"), ("former_slugs", 0), ("statements", 0, "added")]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["2017-13", "2017-02-29", "2016-02-29", "٢٠١٧-٠١", "ahlen\n", "http://[::1",
                                           "https://example.org:99999/", "05570004", "05334002", "„Zitat“", " x "]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=6)


def read_yaml_text(text: str):
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "communes.yaml"
        path.write_text(text, encoding="utf-8")
        return read_yaml(path, "communes.yaml").data


BASE_DATA = read_yaml_text(BASE)


def _set(data, path, value):
    node = data["communes"][1]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@example(field=("slug",), value="ahlen\n")
@example(field=("statements", 0, "date"), value="٢٠١٧-٠١")
@example(field=("sources", 0, "date"), value="2017-13")
@example(field=("statements", 0, "added"), value="2017-02-29")
@example(field=("sources", 0, "url"), value="http://[::1")
@example(field=("cohort",), value=True)
@example(field=("cohort",), value=2017.0)
@example(field=("ags",), value=5570004)
@example(field=("name",), value="Ahlen\u2028")
@PROPERTIES
@given(field=st.sampled_from(FIELDS), value=VALUES)
def test_any_field_value_is_accepted_unchanged_or_reported(tmp_path, field, value):
    data = copy.deepcopy(BASE_DATA)
    _set(data, field, value)
    path = tmp_path / "communes.yaml"
    # JSON is YAML: every value is written exactly, strings quoted.
    path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    try:
        registry = load(path, PROGRAMME)
    except RegistryError as error:
        assert all("\n" not in d.format() for d in error.diagnostics)
        return
    ahlen = registry.communes[1]
    # Accepted: then the value arrived as written (no silent conversion).
    shown = {("name",): ahlen.name, ("official_name",): ahlen.official_name, ("slug",): ahlen.slug,
             ("ags",): ahlen.ags, ("statements", 0, "id"): ahlen.statements[0].id,
             ("sources", 0, "url"): ahlen.sources[0].url, ("statements", 0, "source", "url"): ahlen.statements[0].source.url}
    if field in shown:
        assert shown[field] == (value.strip() if field in (("name",), ("official_name",)) else value)
    if field == ("sources", 0, "date") and value is not None:
        assert ahlen.sources[0].date.iso == value
    if field == ("cohort",):
        assert ahlen.cohort.value == value and not isinstance(value, bool)


ENTRY_REF = {"$ref": "#/definitions/commune", "definitions": SCHEMA["definitions"]}


@example(field=("slug",), value="ahlen\n")
@example(field=("statements", 0, "date"), value="٢٠١٧-٠١")
@example(field=("sources", 0, "date"), value="2017-13")
@example(field=("statements", 0, "added"), value="2017-02-29")
@example(field=("sources", 0, "url"), value="http://[::1")
@example(field=("cohort",), value=True)
@example(field=("cohort",), value=2017.0)
@example(field=("ags",), value=5570004)
@example(field=("name",), value="Ahlen\u2028")
@PROPERTIES
@given(field=st.sampled_from(FIELDS), value=VALUES)
def test_fast_and_explaining_validators_agree(field, value):
    """The compiled schema (fast yes/no) and jsonschema (the findings) judge every entry alike."""
    entry = copy.deepcopy(BASE_DATA["communes"][1])
    node = entry
    for part in field[:-1]:
        node = node[part]
    node[field[-1]] = value
    fast, slow = CONTRACT.entry_lists["communes"]
    try:
        fast(entry)
        fast_ok = True
    except Exception:  # noqa: BLE001 — any rejection counts
        fast_ok = False
    assert fast_ok == slow.is_valid(entry), (field, value)


@given(top=st.one_of(VALUES, st.dictionaries(st.sampled_from(["stand", "communes", "andere", "$schema"]), VALUES)))
@example(top={**BASE_DATA, "stand": "2026-02-30"})
@example(top={**BASE_DATA, "communes": "keine Liste"})
@example(top={key: value for key, value in BASE_DATA.items() if key != "stand"})
def test_fast_and_explaining_validators_agree_on_the_whole_file(top):
    """The same for the file around the entries: a valid registry is never walked by jsonschema."""
    fast, slow = CONTRACT._shallow
    try:
        fast(top)
        fast_ok = True
    except Exception:  # noqa: BLE001 — any rejection counts
        fast_ok = False
    assert fast_ok == slow.is_valid(top), top


PROGRAMME_TEXT = PROGRAMME.read_text(encoding="utf-8")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.integers(min_value=1, max_value=PROGRAMME_TEXT.count("\n")),
       garbage=st.one_of(YAML_PIECES, st.text(max_size=12)))
def test_one_broken_line_in_the_programme_file(tmp_path, line, garbage):
    lines = PROGRAMME_TEXT.splitlines()
    position = len(lines[line - 1]) // 2
    lines[line - 1] = lines[line - 1][:position] + garbage + lines[line - 1][position:]
    programme = tmp_path / "programme.yaml"
    programme.write_bytes(("\n".join(lines) + "\n").encode("utf-8", errors="surrogateescape"))
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")
    try:
        load(registry, programme)
    except RegistryError as error:
        assert all("\n" not in d.format() and d.fix and d.line >= 1 for d in error.diagnostics)
        assert {d.file for d in error.diagnostics} <= {str(programme)}, "problems are the programme file's"
