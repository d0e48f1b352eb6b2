"""Population with its source: the Zensus 2022 table (data/zensus2022-einwohner.csv) and its provenance
(data/zensus2022-einwohner.yaml) → kekiz.model.population.PopulationTable → the "Daten" page and the
open data.

The expected figures are computed here from the CSV with the csv module, independently of the loader;
the broken files are table tests over copies of the real table.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kekiz.model.population import PopulationSource, PopulationTable
from kekiz.model.registry import PartialDate
from kekiz.site import build_site
from kekiz.site.context import SiteContext
from kekiz.site.files.records import COMMUNE_COLUMNS, COMMUNE_HEADINGS
from kekiz.sources import load_inputs
from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.population import POPULATION_FILE, POPULATION_META_FILE, POPULATION_SCHEMA, load_population

from conftest import ROOT

CSV_FILE = ROOT / "data" / "zensus2022-einwohner.csv"
ATTRIBUTION = ("Statistische Ämter des Bundes und der Länder, Zensus 2022, "
               "Datenlizenz Deutschland – Namensnennung – Version 2.0")
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
SOURCE_URL = "https://ergebnisse.zensus2022.de/datenbank/online/statistic/1000A/table/1000A-0000"


def _rows() -> list[dict[str, str]]:
    with CSV_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()
EXPECTED = {row["ags"]: int(row["einwohner"]) for row in ROWS}
LINES = CSV_FILE.read_text(encoding="utf-8").splitlines(keepends=True)


def _expected_for(ags: str) -> int:
    """A Gemeinde's figure, or a Kreis's sum of its Gemeinden, from the CSV rows."""
    if len(ags) == 8:
        return EXPECTED[ags]
    return sum(persons for key, persons in EXPECTED.items() if key.startswith(ags))


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(ROOT)


@pytest.fixture(scope="module")
def build(inputs):
    return build_site(inputs, SiteContext(site_name="KeKiz-Test", site_url="https://kekiz.example/"))


# -- the table as published -----------------------------------------------------------------------

def test_the_csv_is_the_published_table_of_all_396_gemeinden():
    assert LINES[0] == "ags,ars,name,einwohner,stichtag\n"
    assert len(ROWS) == len(EXPECTED) == 396
    assert sum(EXPECTED.values()) == 17_890_489  # the sum data/README.md states
    assert {row["stichtag"] for row in ROWS} == {"2022-05-15"}
    assert EXPECTED["05111000"] == 611_258  # Düsseldorf, first row


def test_the_table_covers_exactly_the_gemeinden_of_the_boundary_data(inputs):
    assert set(EXPECTED) == {g.ags for g in inputs.geo.gemeinden}


def test_every_gemeinde_has_its_figure_from_the_csv(inputs):
    population = inputs.population
    assert dict(population.counts) == EXPECTED
    assert list(population.counts) == sorted(EXPECTED)
    for ags, persons in EXPECTED.items():
        assert population.of_gemeinde(ags) == persons, ags
        assert population.of_commune(ags) == persons, ags


def test_every_kreis_is_the_sum_of_its_gemeinden(inputs):
    population = inputs.population
    for kreis in inputs.geo.kreise:
        expected = sum(p for ags, p in EXPECTED.items() if ags[:5] == kreis.ags)
        assert expected > 0
        assert population.of_kreis(kreis.ags) == population.of_commune(kreis.ags) == expected, kreis.ags
    assert sum(population.of_kreis(k.ags) for k in inputs.geo.kreise) == population.total == 17_890_489


def test_every_kommune_of_the_registry_has_its_figure(inputs):
    communes = inputs.registry.communes
    assert len(communes) == 40
    for commune in communes:
        assert inputs.population.of_commune(commune.ags) == _expected_for(commune.ags), commune.slug


def test_source_day_and_licence_come_from_the_data(inputs):
    population = inputs.population.source
    assert population.census_day == PartialDate(2022, 5, 15)
    assert population.census_day.german == "15. Mai 2022" and population.census_day.iso == "2022-05-15"
    assert population.title == "Zensus 2022, Tabelle 1000A-0000 „Bevölkerung kompakt“"
    assert population.url == SOURCE_URL
    assert population.attribution == ATTRIBUTION
    assert population.licence_url == LICENCE_URL
    assert population.publisher in population.attribution and population.licence in population.attribution


# -- the model --------------------------------------------------------------------------------------

TABLE = PopulationTable(counts={"05978004": 20, "05978000": 10, "05111000": 5},
                        source=PopulationSource(census_day=PartialDate(2022, 5, 15), title="t", url="https://example.org/",
                                                attribution="a", licence_url="https://example.org/l"))


@pytest.mark.parametrize("ags, gemeinde, kreis, commune", [
    ("05978004", 20, None, 20),
    ("05978", None, 30, 30),
    ("05111000", 5, None, 5),
    ("05111", None, 5, 5),       # a kreisfreie Stadt: its Kreis is the one Gemeinde
    ("05999", None, None, None),
    ("05999000", None, None, None),
    ("0597", None, None, None),
    ("", None, None, None),
    ("059780040", None, None, None),
])
def test_of_gemeinde_of_kreis_and_of_commune_go_by_the_length_of_the_ags(ags, gemeinde, kreis, commune):
    assert (TABLE.of_gemeinde(ags), TABLE.of_kreis(ags), TABLE.of_commune(ags)) == (gemeinde, kreis, commune)


def test_the_table_is_frozen_and_sorted():
    assert list(TABLE.counts) == ["05111000", "05978000", "05978004"]
    with pytest.raises(TypeError):
        TABLE.counts["05111000"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        TABLE.source.census_day = PartialDate(2023)  # type: ignore[misc]


# -- the loader: every problem with file and line -----------------------------------------------------

def _project(tmp_path: Path, csv_bytes: bytes, meta: str | None = None) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / POPULATION_SCHEMA, tmp_path / "data" / POPULATION_SCHEMA)
    meta_text = (ROOT / POPULATION_META_FILE).read_text(encoding="utf-8") if meta is None else meta
    (tmp_path / POPULATION_META_FILE).write_text(meta_text, encoding="utf-8")
    (tmp_path / POPULATION_FILE).write_bytes(csv_bytes)
    return tmp_path


def _problems(tmp_path: Path, csv_bytes: bytes, meta: str | None = None) -> list:
    project = _project(tmp_path, csv_bytes, meta)
    started = time.perf_counter()
    with pytest.raises(RegistryError) as caught:
        load_population(project, set(EXPECTED))
    assert time.perf_counter() - started < 5
    return caught.value.diagnostics


def _with(line: int, text: str | None) -> bytes:
    """The real table with line `line` (1-based) replaced by `text` (None: removed)."""
    lines = list(LINES)
    if text is None:
        del lines[line - 1]
    else:
        lines[line - 1] = text
    return "".join(lines).encode("utf-8")


DUSSELDORF = LINES[1]
ESSEN = LINES[3]  # 05113000


@pytest.mark.parametrize("csv_bytes, line, field, words", [
    pytest.param("ags;ars;name;einwohner;stichtag\n".encode() + "".join(LINES[1:]).encode(), 1, "",
                 ["Kopfzeile", "Semikolons"], id="semicolon-header"),
    pytest.param(_with(1, "ags,ars,name,einwohner\n"), 1, "", ["Kopfzeile", "ags,ars,name,einwohner,stichtag"],
                 id="wrong-header"),
    pytest.param(_with(4, ESSEN.replace("571039", "571.039")), 4, "einwohner", ["„571.039“", "positive ganze Zahl"],
                 id="not-a-number"),
    pytest.param(_with(4, ESSEN.replace("571039", "0")), 4, "einwohner", ["„0“", "positive ganze Zahl"],
                 id="zero"),
    pytest.param(_with(4, ESSEN.replace("571039", "-5")), 4, "einwohner", ["„-5“"], id="negative"),
    pytest.param(_with(4, ESSEN.replace("571039", "")), 4, "einwohner", ["„“"], id="empty-number"),
    pytest.param(_with(4, ESSEN.replace("571039", "9" * 40)), 4, "einwohner", ["positive ganze Zahl"],
                 id="huge-number"),
    pytest.param("".join(LINES + [ESSEN]).encode(), 398, "ags", ["05113000", "schon in Zeile 4"], id="duplicate"),
    pytest.param(_with(4, ESSEN.replace("05113000,", "5113000,")), 4, "ags", ["„5113000“", "8 Ziffern"],
                 id="ags-too-short"),
    pytest.param(_with(4, ESSEN.replace("051130000000", "051140000000")), 4, "ars", ["Regionalschlüssel"],
                 id="ars-mismatch"),
    pytest.param(_with(4, ESSEN.replace("2022-05-15", "2022-05-16")), 4, "stichtag",
                 ["2022-05-16", "2022-05-15", "Zeile 2"], id="second-census-day"),
    pytest.param(_with(4, ESSEN.replace("2022-05-15", "2022-02-30")), 4, "stichtag", ["30. Februar 2022"],
                 id="impossible-day"),
    pytest.param(_with(4, ESSEN.replace("2022-05-15", "15.05.2022")), 4, "stichtag", ["JJJJ-MM-TT"],
                 id="german-date"),
    pytest.param(_with(4, "05113000,051130000000,Essen, Stadt,571039,2022-05-15\n"), 4, "",
                 ["6 Spalten statt 5"], id="unquoted-comma"),
    pytest.param(_with(4, '05113000,051130000000,"Essen, Stadt,571039,2022-05-15\n'), 4, "",
                 ["kein gültiges CSV", "Anführungszeichen hat kein Gegenstück"], id="unclosed-quote"),
    pytest.param(_with(4, '05113000,051130000000,"' + "x" * 200_000 + '",571039,2022-05-15\n'), 4, "",
                 ["kein gültiges CSV", "ein Feld ist zu lang"], id="field-too-long"),
    pytest.param(_with(4, "05113000,051130000000,,571039,2022-05-15\n"), 4, "name", ["Name"], id="no-name"),
    pytest.param("".join(LINES + ["05999000,059990000000,Nirgendwo,5,2022-05-15\n"]).encode(), 398, "ags",
                 ["05999000", "Gebietsdaten"], id="extra-gemeinde"),
    pytest.param(b"", 1, "", ["leer"], id="empty-file"),
    pytest.param(LINES[0].encode(), 2, "", ["396 Gemeinden", "und 391 weitere"], id="only-the-header"),
    pytest.param(_with(4, None), 397, "", ["eine Gemeinde", "05113000"], id="missing-gemeinde"),
    pytest.param("".join(LINES[:50] + LINES[60:]).encode(), 388, "", ["10 Gemeinden", "und 5 weitere"],
                 id="ten-missing"),
    pytest.param(_with(4, ESSEN[:30] + "\x00" + ESSEN[30:]), 4, "", ["U+0000"], id="nul"),
    pytest.param("".join(LINES).encode("latin-1"), 2, "", ["kein UTF-8"], id="latin-1"),
    pytest.param(bytes(range(256)) * 64, 2, "", ["kein UTF-8"], id="binary"),  # byte 0x0a ends line 1
    pytest.param("".join(LINES).encode() * 300, 1, "", ["größer als 2 MB"], id="huge-file"),
])
def test_a_broken_table_gives_a_german_message_with_file_and_line(tmp_path, csv_bytes, line, field, words):
    problems = _problems(tmp_path, csv_bytes)
    assert problems, "no message"
    hit = [d for d in problems if d.line == line and d.field == field]
    assert hit, [d.format() for d in problems]
    text = hit[0].format()
    assert text.startswith(f"data/zensus2022-einwohner.csv:{line}:"), text
    assert all(word in text for word in words), text
    assert hit[0].fix and " — " in text
    assert not any(english in text for english in ("expected", "unexpected", "field limit")), text


def test_a_byte_order_mark_and_windows_line_ends_are_harmless(tmp_path):
    data = b"\xef\xbb\xbf" + "".join(LINES).replace("\n", "\r\n").encode("utf-8")
    table = load_population(_project(tmp_path, data), set(EXPECTED))
    assert dict(table.counts) == EXPECTED


def test_many_broken_rows_give_a_bounded_number_of_messages(tmp_path):
    broken = [LINES[0]] + [line.replace(",2022-05-15", ",x") for line in LINES[1:]]
    problems = _problems(tmp_path, "".join(broken).encode())
    assert 1 < len(problems) <= 26
    assert "weitere Fehler ab hier nicht gezeigt" in problems[-1].format()


def test_without_boundary_data_the_table_is_read_without_that_check(tmp_path):
    data = "".join(LINES[:5]).encode()
    table = load_population(_project(tmp_path, data), None)
    assert len(table.counts) == 4


@pytest.mark.parametrize("old, new, line, words", [
    ('attribution: "Statistische Ämter des Bundes und der Länder, Zensus 2022, ',
     'attribution: "Zensus 2022, ', 9, ["Quellenvermerk", "Statistische Ämter des Bundes und der Länder"]),
    ('licence_url: "https://www.govdata.de/dl-de/by-2-0"\n', "", 4, ["licence_url", "fehlt"]),
    ('url: "https://ergebnisse', 'url: "ergebnisse', 5, ["https://"]),
])
def test_a_broken_provenance_file_gives_a_message_with_its_line(tmp_path, old, new, line, words):
    meta = (ROOT / POPULATION_META_FILE).read_text(encoding="utf-8")
    assert old in meta
    problems = _problems(tmp_path, "".join(LINES).encode(), meta.replace(old, new))
    text = "\n".join(d.format() for d in problems)
    assert any(d.file == "data/zensus2022-einwohner.yaml" and d.line == line for d in problems), text
    assert all(word in text for word in words), text


def test_load_inputs_reports_the_table_with_every_other_problem(tmp_path, monkeypatch):
    """The census table goes through the one door: make check and the build see its problems."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        if path.name != "zensus2022-einwohner.csv":
            (project / "data" / path.name).symlink_to(path)
    (project / POPULATION_FILE).write_bytes(_with(4, ESSEN.replace("571039", "viele")))
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    with pytest.raises(RegistryError) as caught:
        load_inputs(project)
    (problem,) = caught.value.diagnostics
    assert (problem.file, problem.line, problem.field) == ("data/zensus2022-einwohner.csv", 4, "einwohner")


# -- the "Daten" page and the open data ---------------------------------------------------------------

def test_the_data_page_says_what_the_figures_are_with_date_source_and_licence(build):
    html = build.pages["daten/index.md"].html
    section = html[html.index('<h2 id="einwohner">'):html.index('<h2 id="lizenzen">')]
    assert '<time datetime="2022-05-15">15. Mai 2022</time>' in section
    assert f'href="{SOURCE_URL}"' in section and f'href="{LICENCE_URL}"' in section
    assert f"„{ATTRIBUTION}“" in section
    assert "Summe" in section and "Kinder" in section
    assert html.count('href="#einwohner"') >= 4  # every download with the figures points to it


def test_the_column_texts_name_the_census_day(inputs):
    described = dict(COMMUNE_COLUMNS)
    assert inputs.population.source.census_day.german in described["einwohner"]
    assert "Summe" in described["einwohner"] and "Zensus 2022" in described["einwohner"]
    assert "einwohner_stichtag" in described and COMMUNE_HEADINGS["einwohner"] == "Einwohnerzahl (Zensus 2022)"
    assert "teilnahm" in described["kreis_slug"] and "teilnimmt" not in described["kreis_slug"]


def test_kommunen_json_carries_every_figure_its_source_and_validates(build):
    data = json.loads(build.files["daten/kommunen.json"])
    assert data["einwohner_quelle"]["attribution"] == ATTRIBUTION
    assert data["einwohner_quelle"]["url"] == SOURCE_URL and data["einwohner_quelle"]["stichtag"] == "2022-05-15"
    assert data["einwohner_quelle"]["license_url"] == LICENCE_URL
    assert len(data["communes"]) == 40
    for commune in data["communes"]:
        assert commune["einwohner"] == _expected_for(commune["ags"]), commune["slug"]
        assert commune["einwohner_stichtag"] == "2022-05-15"
    jsonschema.validate(data, json.loads(build.files["daten/kommunen.schema.json"]))


def test_the_csv_files_carry_every_figure(build):
    rows = list(csv.DictReader(io.StringIO(build.files["daten/kommunen.csv"], newline="")))
    assert len(rows) == 40
    for row in rows:
        assert int(row["einwohner"]) == _expected_for(row["ags"]), row["slug"]
        assert row["einwohner_stichtag"] == "2022-05-15"
    sheet = build.files["daten/kommunen-tabelle.csv"]
    assert sheet.startswith("\ufeff")
    sheet_rows = list(csv.DictReader(io.StringIO(sheet[1:], newline=""), delimiter=";"))
    assert [int(r["Einwohnerzahl (Zensus 2022)"]) for r in sheet_rows] == [int(r["einwohner"]) for r in rows]
    assert {r["Stichtag der Einwohnerzahl"] for r in sheet_rows} == {"2022-05-15"}


def test_the_geojson_carries_every_figure_and_its_source(build):
    if "daten/kommunen.geojson" not in build.files:
        pytest.skip("no GeoJSON without outlines in degrees")
    doc = json.loads(build.files["daten/kommunen.geojson"])
    assert doc["einwohner_quelle"]["attribution"] == ATTRIBUTION
    for feature in doc["features"]:
        props = feature["properties"]
        assert props["einwohner"] == _expected_for(props["ags"]), props["slug"]


def test_the_catalogue_credits_the_census_where_its_figures_are(build):
    rdf = build.files["daten/katalog.rdf"]
    credits = [line for line in rdf.splitlines() if "licenseAttributionByText" in line]
    with_census = [line for line in credits if ATTRIBUTION in line]
    assert len(with_census) == 4  # kommunen.json, kommunen.csv, kommunen-tabelle.csv, kommunen.geojson
    assert len(credits) > len(with_census)  # the schema and the statements carry no figures
    assert f'<dct:relation rdf:resource="{SOURCE_URL}"/>' in rdf
    assert "sinngemäße Wiedergaben getrennt" not in rdf and "ohne Anführungszeichen" in rdf


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=600),
                      st.tuples(st.integers(1, 397), st.text(max_size=80)).map(
                          lambda t: "".join(LINES[:t[0]] + [t[1]] + LINES[t[0]:]).encode("utf-8", "surrogatepass"))))
def test_whatever_the_file_holds_the_answer_is_messages_or_a_table(data):
    with tempfile.TemporaryDirectory() as folder:
        project = _project(Path(folder), data)
        try:
            table = load_population(project, set(EXPECTED))
        except RegistryError as error:
            assert error.diagnostics
            assert all(d.file == "data/zensus2022-einwohner.csv" and d.line >= 1 and d.fix for d in error.diagnostics)
            assert all("\n" not in d.format() for d in error.diagnostics)
        else:
            assert dict(table.counts) == EXPECTED


def test_make_check_names_a_broken_table_with_file_and_line(tmp_path, monkeypatch, capsys):
    from kekiz.__main__ import main

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for name in ("docs", "overrides", "hooks", "mkdocs.yml"):
        (project / name).symlink_to(ROOT / name)
    for path in (ROOT / "data").iterdir():
        if path.name != "zensus2022-einwohner.csv":
            (project / "data" / path.name).symlink_to(path)
    (project / POPULATION_FILE).write_bytes(_with(4, ESSEN.replace("571039", "571 039")))
    monkeypatch.delenv("KEKIZ_REGISTRY", raising=False)
    assert main(["check", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "data/zensus2022-einwohner.csv:4:1: 05113000: einwohner: „571 039“ ist keine positive ganze Zahl — " in err
