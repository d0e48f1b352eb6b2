"""Property-based tests for the inputs besides the registry: the Glossar, the accessibility
statement's data, the operator settings and `extra.kekiz`. Whatever they hold, the answer is the
model or German messages, one line each — never a traceback (issue 19: "one door")."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kekiz.adapter.config import SettingsProblem, address_problems, read_settings, video_of
from kekiz.sources.accessibility import ACCESSIBILITY_SCHEMA, load_accessibility_statement
from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.glossary import load_glossary
from kekiz.sources.operator import SettingsError, read_operator

from conftest import ROOT
from test_registry_properties import YAML_PIECES

PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
GLOSSARY = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8")
STATEMENT = (ROOT / "data" / "barrierefreiheit.yaml").read_text(encoding="utf-8")
# Values of every YAML kind, nested a little: what an editor's slip can turn a setting into.
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
              st.sampled_from(["", " ", "\x00", "\u202e", "\u2028", "https://", "a@b", "true", "nein", "../x"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6)


def _one_line_messages(error: RegistryError) -> None:
    assert error.diagnostics
    for d in error.diagnostics:
        text = d.format()
        assert "\n" not in text and "\r" not in text and d.line >= 1 and d.column >= 1 and d.problem, text


def _mutated(text: str, data) -> str:
    """The real file with a few pieces of hostile YAML put in at random places."""
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.one_of(YAML_PIECES, st.text(max_size=6))) + text[at:]
    return text


@PROPERTIES
@given(data=st.data())
def test_any_glossary_gives_terms_or_messages(tmp_path, data):
    (tmp_path / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "glossary.schema.json", tmp_path / "data" / "glossary.schema.json")
    (tmp_path / "data" / "glossary.yaml").write_text(_mutated(GLOSSARY, data), encoding="utf-8", errors="surrogatepass")
    try:
        load_glossary(tmp_path)
    except RegistryError as error:
        _one_line_messages(error)


@PROPERTIES
@given(data=st.data())
def test_any_accessibility_data_gives_a_statement_or_messages(tmp_path, data):
    shutil.copy(ROOT / "data" / ACCESSIBILITY_SCHEMA, tmp_path / ACCESSIBILITY_SCHEMA)
    path = tmp_path / "barrierefreiheit.yaml"
    path.write_text(_mutated(STATEMENT, data), encoding="utf-8", errors="surrogatepass")
    try:
        load_accessibility_statement(path, "data/barrierefreiheit.yaml")
    except RegistryError as error:
        _one_line_messages(error)


@PROPERTIES
@given(operator=st.one_of(VALUES, st.dictionaries(st.sampled_from(
    ["name", "kind", "address", "email", "phone", "contact_form", "legal_basis", "contributor_id", "x"]), VALUES)),
    require=VALUES)
def test_any_operator_settings_give_an_operator_or_messages(operator, require):
    try:
        read_operator({"operator": operator, "kekiz": {"require_operator": require}})
    except SettingsError as error:
        _one_line_messages(error)


@PROPERTIES
@given(kekiz=st.one_of(VALUES, st.dictionaries(st.sampled_from(
    ["require_operator", "branch", "dgs_video", "preview", "dgs_vidoe"]), VALUES)), site=VALUES, repo=VALUES)
def test_any_kekiz_settings_and_addresses_give_settings_or_messages(kekiz, site, repo):
    try:
        read_settings({"kekiz": kekiz}, ROOT / "mkdocs.yml")
    except SettingsProblem as problem:
        assert str(problem) and "Traceback" not in str(problem)
    try:  # the build checks the video on its own, whatever read_settings found
        video_of({"kekiz": kekiz}, ROOT / "docs", ROOT / "mkdocs.yml")
    except SettingsProblem as problem:
        assert str(problem) and "Traceback" not in str(problem)
    if isinstance(site, str) and isinstance(repo, str):
        for problem in address_problems(site, repo, ROOT / "mkdocs.yml"):
            line = problem.format()
            assert "\n" not in line and "\u202e" not in line


SETTINGS = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@PROPERTIES
@given(data=st.data())
def test_any_settings_file_gives_no_problem_or_german_lines(tmp_path, data):
    from kekiz.sources.settingsfile import settings_file_problems

    path = tmp_path / "mkdocs.yml"
    path.write_text(_mutated(SETTINGS, data), encoding="utf-8", errors="surrogatepass")
    for problem in settings_file_problems(path):
        text = problem.format()
        assert "\n" not in text and problem.line >= 1 and problem.column >= 1 and problem.problem, text
        assert not any(word in text for word in ("while scanning", "expected", "found character")), text


@PROPERTIES
@given(data=st.data())
def test_any_boundary_file_gives_boundaries_or_a_german_message(tmp_path, data):
    from kekiz.model.geo import GeoDataError
    from kekiz.sources.geodata import load_geodata

    text = (ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8")[:4000]
    pieces = st.sampled_from(["[", "]", "{", "}", '"', ",", ":", "9" * 5000, "\\", "\x00", "\u202e", "NaN", "-"])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(pieces) + text[at:]
    path = tmp_path / "nrw-geo.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_geodata(path)
    except GeoDataError as error:
        assert "\n" not in str(error) and "Expecting" not in str(error), str(error)


@PROPERTIES
@given(data=st.data())
def test_any_named_exceptions_give_exceptions_or_german_messages(tmp_path, data):
    from kekiz.sources.registry import read_special_cases

    shutil.copy(ROOT / "data" / "special-cases.schema.json", tmp_path / "special-cases.schema.json")
    path = tmp_path / "special-cases.json"
    path.write_text(_mutated((ROOT / "data" / "special-cases.json").read_text(encoding="utf-8"), data),
                    encoding="utf-8", errors="surrogatepass")
    result = read_special_cases(path, "data/special-cases.json")
    if isinstance(result, list):
        assert result
        for d in result:
            assert "\n" not in d.format() and d.line >= 1 and d.problem, d.format()
    else:
        assert isinstance(result.get("kreisfreie_staedte_in_kreisen"), list)
