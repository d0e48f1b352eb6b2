"""Press pages, feeds, link previews and open data: built from the one registry, citable, inert."""

from __future__ import annotations

import csv
import io
import json
import re
import dataclasses
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import feedparser
import pytest
import rdflib
import shapely
from shapely.geometry import shape

from kekiz.site import paths
from kekiz.site.files import feeds, previews
from kekiz.site.files.records import COMMUNE_COLUMNS, STATEMENT_COLUMNS
from kekiz.model.german import nest_quotes
from kekiz.site.inert import xml_text
from kekiz.model.registry import PlacedStatement
from kekiz.sources.registry import load, load_project

from conftest import ROOT, read_page, run_mkdocs_build
from registry_fixtures import BASE

SITE_URL = "https://kekiz.example.org/pfad/"
REGISTRY = load_project(ROOT)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".geojson", ".rdf", ".txt"}


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    """The real registry, built with a public site address."""
    site = tmp_path_factory.mktemp("public")
    result = run_mkdocs_build(site, extra_env={"KEKIZ_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEKIZ_SITE_URL ist nicht gesetzt" not in result.stdout + result.stderr
    return site


def _text_files(site: Path):
    for path in site.rglob("*"):
        if path.suffix in TEXT_SUFFIXES and "assets" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_with_a_public_address_no_local_address_remains(public_site):
    seen = set()
    for path, text in _text_files(public_site):
        assert "127.0.0.1" not in text and "localhost" not in text, path
        seen.add(path.suffix)
    assert {".html", ".xml", ".json", ".csv", ".geojson", ".rdf"} <= seen
    page = read_page(public_site, "kommunen/dormagen")
    assert f'<link rel="canonical" href="{SITE_URL}kommunen/dormagen/">' in page
    assert f'<meta property="og:url" content="{SITE_URL}kommunen/dormagen/">' in page
    assert f'<meta property="og:image" content="{SITE_URL}kommunen/dormagen/vorschau.png">' in page
    assert f"{SITE_URL}kommunen/dormagen/#aeusserung-lierenfeld-2017" in page  # the statement's citation
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}presse/</loc>" in sitemap


def test_without_a_public_address_the_build_says_so_once(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", registry=registry)
    assert result.returncode == 0, result.stdout + result.stderr  # --strict still passes
    assert (result.stdout + result.stderr).count("KEKIZ_SITE_URL ist nicht gesetzt") == 1
    for path, text in _text_files(tmp_path / "site"):
        assert "127.0.0.1" not in text and "localhost" not in text, path
        assert "canonical" not in text or path.suffix != ".html", path
    # link previews need an absolute address, so without one none is named and none is drawn
    assert not list((tmp_path / "site").rglob("vorschau.png"))
    assert "og:image" not in read_page(tmp_path / "site", "kommunen/ahlen")


@pytest.mark.parametrize("path", ["", "kommunen/", "kommunen/dormagen/", "presse/", "daten/", "karte/"])
def test_every_page_has_link_preview_tags(built_site, path):
    page = read_page(built_site, path)
    for prop in ("og:title", "og:description", "og:site_name", "og:type"):
        assert re.search(rf'<meta property="{prop}" content="[^"]+">', page), (path, prop)
    assert '<meta property="og:locale" content="de_DE">' in page
    assert re.search(r'<meta name="twitter:card" content="summary(_large_image)?">', page)
    assert '<link rel="alternate feed" type="application/atom+xml"' in page
    assert 'og:url' not in page and 'og:image"' not in page  # no public address: no absolute links


def _jsonld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_commune_jsonld_has_ags_and_quotes(public_site):
    commune = REGISTRY.by_slug["dormagen"]
    data = _jsonld(read_page(public_site, "kommunen/dormagen"))
    assert data["@context"] == "https://schema.org"
    assert data["about"]["identifier"] == {"@type": "PropertyValue", "propertyID": "AGS", "value": commune.ags}
    quotes = [s for s in commune.sorted_statements if s.is_quote]
    assert [q["text"] for q in data.get("hasPart", [])] == [s.text for s in quotes]
    assert data["url"] == f"{SITE_URL}kommunen/dormagen/"
    assert _jsonld(read_page(public_site, ""))["@type"] == "WebSite"


def test_press_page_lists_every_statement_newest_first(built_site):
    page = read_page(built_site, "presse")
    total = sum(len(c.statements) for c in REGISTRY.communes) + len(REGISTRY.programme.statements)
    assert REGISTRY.programme.statements  # the programme's statements are part of the page
    assert page.count('class="kekiz-press-item"') == total
    years = [int(y) for y in re.findall(r'<h2 id="jahr-(\d{4})"', page)]
    assert years == sorted(years, reverse=True) and years
    unknown = page[page.index('<h2 id="datum-unbekannt"'):]
    assert unknown.count('class="kekiz-press-item"') == sum(1 for p in REGISTRY.placed_statements if not p.statement.date)
    assert page.rindex('id="jahr-') < page.index('<h2 id="datum-unbekannt"')
    for year in years:  # each year section holds exactly the statements of that year
        part = page[page.index(f'<h2 id="jahr-{year}"'):]
        part = part[:part.index("<h2 ", 4)]
        assert part.count('class="kekiz-press-item"') == sum(
            1 for p in REGISTRY.placed_statements if p.statement.date and p.statement.date.year == year)
    for c in REGISTRY.communes:
        for st in c.statements:
            assert f'href="../kommunen/{c.slug}/#{st.anchor}"' in page
    # Filters are plain links to static pages.
    for cohort in ("jahrgang-2012", "jahrgang-2017"):
        assert f'href="{cohort}/"' in page
        sub = read_page(built_site, f"presse/{cohort}")
        expected = sum(len(c.statements) for c in REGISTRY.communes if c.cohort.anchor == cohort)
        assert sub.count('class="kekiz-press-item"') == expected
    # The programme's statements: a filter link, their own page (their permalink), stable anchors.
    assert 'href="programm/"' in page
    programme_page = read_page(built_site, "presse/programm")
    assert programme_page.count('class="kekiz-press-item"') == len(REGISTRY.programme.statements)
    for st in REGISTRY.programme.statements:
        assert f'id="programm-{st.anchor}"' in page and f'id="programm-{st.anchor}"' in programme_page
        assert f'href="programm/#programm-{st.anchor}"' in page
    for c in REGISTRY.communes:
        if c.statements:
            assert f'href="kommunen/{c.slug}/"' in page
            sub = read_page(built_site, f"presse/kommunen/{c.slug}")
            assert sub.count('class="kekiz-press-item"') == len(c.statements)


def test_feeds_parse_and_use_registry_dates_and_stable_ids(built_site):
    site_feed = feedparser.parse((built_site / paths.SITE_FEED_FILE).read_bytes())
    assert not site_feed.bozo, site_feed.bozo_exception
    expected = {feeds.entry_id(p.commune, p.statement): p for p in REGISTRY.placed_statements}
    assert len(expected) == len(REGISTRY.placed_statements) == len(site_feed.entries)
    assert {e.id for e in site_feed.entries} == set(expected)
    for entry in site_feed.entries:
        item = expected[entry.id]
        statement = item.statement
        assert entry.updated.startswith(feeds.entry_day(statement).iso)
        if item.commune:
            assert entry.link.endswith(f"kommunen/{item.commune.slug}/#{statement.anchor}")
        else:
            assert entry.link.endswith(f"presse/programm/#programm-{statement.anchor}")
            assert entry.title.startswith("Programm: ")
        content = entry.content[0].value
        assert (f"„{nest_quotes(statement.text)}“" in content) == statement.is_quote
    for c in REGISTRY.communes:
        path = built_site / paths.commune_feed_file(c)
        assert path.exists() == bool(c.statements)
        if c.statements:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo and len(parsed.entries) == len(c.statements)
            assert f'href="../../{paths.commune_feed_file(c)}"' in read_page(built_site, c.path)


def test_feed_entry_ids_survive_other_edits(tmp_path):
    """Adding a statement and editing another's text changes no existing id."""
    before = _load(tmp_path, BASE)
    edited = BASE.replace("Wir freuen uns.", "Wir freuen uns sehr.").replace(
        "    former_slugs: [ahlen-alt]",
        "      - {text: Neu., form: reported, speaker: null, role: null, date: null, id: neu, added: '2026-11-22',\n"
        "         source: {url: 'https://example.org/n', publisher: B, title: null}}\n    former_slugs: [ahlen-alt]")
    after = _load(tmp_path, edited)
    ids = lambda r: {feeds.entry_id(c, s) for c in r.communes for s in c.statements}  # noqa: E731
    assert ids(before) < ids(after)
    assert feeds.build_feeds(before, "X", None) == feeds.build_feeds(before, "X", None)


def _load(tmp_path: Path, text: str):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path, ROOT / "data/programme.yaml")


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n") else value


def _csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert b"\r\n" in raw and raw.decode("utf-8")
    return [{k: _uncell(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))]


def _s(value) -> str:
    return "" if value is None else xml_text(str(value))


def test_json_csv_and_geojson_agree_with_the_registry(public_site):
    import jsonschema
    data = json.loads((public_site / "daten/kommunen.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((public_site / "daten/kommunen.schema.json").read_text(encoding="utf-8")))
    communes_csv = _csv(public_site / "daten/kommunen.csv")
    statements_csv = _csv(public_site / "daten/aeusserungen.csv")
    geo = json.loads((public_site / "daten/kommunen.geojson").read_text(encoding="utf-8"))
    assert list(communes_csv[0]) == [n for n, _ in COMMUNE_COLUMNS]
    assert list(statements_csv[0]) == [n for n, _ in STATEMENT_COLUMNS]
    assert data["stand"] == REGISTRY.stand.iso
    assert len(data["communes"]) == len(communes_csv) == len(geo["features"]) == len(REGISTRY.communes)
    rows = iter(statements_csv)
    programme = REGISTRY.programme.statements
    assert len(data["programme_statements"]) == len(programme)
    assert sum(1 for r in statements_csv if r["scope"] == "programm") == len(programme)
    oldest_first = sorted((s for s in programme if s.date), key=lambda s: s.date.key) + [s for s in programme if not s.date]
    for st, js in zip(oldest_first, data["programme_statements"]):
        out = next(rows)
        assert (out["scope"], out["commune_slug"], out["commune_name"], out["id"]) == ("programm", "", "", st.id)
        _agree(st, js, out)
        assert js["url"] == out["url"] == f"{SITE_URL}presse/programm/#programm-{st.anchor}"
    for c, record, row, feature in zip(REGISTRY.communes, data["communes"], communes_csv, geo["features"]):
        for name in ("slug", "name", "official_name", "ags", "regierungsbezirk"):
            assert record[name] == getattr(c, name) and row[name] == _s(getattr(c, name))
        assert record["type"] == row["type"] == c.type.value
        assert record["cohort"] == int(row["cohort"]) == c.cohort.value
        assert record["former_slugs"] == list(c.former_slugs)
        assert [s["url"] for s in record["sources"]] == [s.url for s in c.sources]
        assert row["source_urls"].split() == [s.url for s in c.sources if s.url]
        assert (record["kreis"] or {}).get("name") == c.kreis_name and row["kreis_name"] == _s(c.kreis_name)
        parent = REGISTRY.parent_kreis(c)
        assert row["kreis_slug"] == (parent.slug if parent else "")
        assert record["url"] == row["url"] == f"{SITE_URL}kommunen/{c.slug}/"
        assert feature["id"] == c.slug
        assert {k: _s(v) for k, v in feature["properties"].items()} == row
        assert len(record["statements"]) == len(c.statements) == int(row["statements"])
        for st, js in zip(c.sorted_statements, record["statements"]):
            out = next(rows)
            assert (out["scope"], out["commune_slug"], out["id"]) == ("kommune", c.slug, st.id) == ("kommune", c.slug, js["id"])
            _agree(st, js, out)
    assert next(rows, None) is None


def _agree(st, js: dict, out: dict) -> None:
    """One statement: its JSON record and CSV row say what the registry says."""
    assert js["id"] == out["id"] == st.id
    assert js["text"] == st.text and out["text"] == _s(st.text)
    assert js["form"] == out["form"] == st.form.value
    assert js["date"] == (st.date.iso if st.date else None) and out["date"] == _s(js["date"])
    assert js["added"] == out["added"] == st.added.iso
    for name in ("speaker", "role", "context", "note"):
        assert js[name] == getattr(st, name) and out[name] == _s(getattr(st, name))
    for name in ("url", "publisher", "title"):
        assert js["source"][name] == getattr(st.source, name)
        assert out[f"source_{name}"] == _s(getattr(st.source, name))


def test_geojson_is_rfc7946(public_site):
    geo = json.loads((public_site / "daten/kommunen.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and "crs" not in geo
    for feature in geo["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, (feature["id"], shapely.validation.explain_validity(geometry))
        assert 5.8 < geometry.bounds[0] and geometry.bounds[2] < 9.5, "longitude first, in NRW"
        assert 50.3 < geometry.bounds[1] and geometry.bounds[3] < 52.6, "latitude second, in NRW"
        for polygon in feature["geometry"]["coordinates"]:
            assert polygon[0][0] == polygon[0][-1]
            assert shapely.LinearRing(polygon[0]).is_ccw, f"{feature['id']}: outer ring must be counter-clockwise"
            for hole in polygon[1:]:
                assert not shapely.LinearRing(hole).is_ccw


def test_dcat_catalogue_is_valid_rdf_with_official_licences(public_site, built_site):
    ns = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    graph = rdflib.Graph().parse(public_site / "daten/katalog.rdf", format="xml")
    licences = set(graph.objects(None, dct.license))
    assert licences == {rdflib.URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
                        rdflib.URIRef("http://dcat-ap.de/def/licenses/geonutz/20130319")}
    downloads = {str(u) for u in graph.objects(None, ns.downloadURL)}
    assert f"{SITE_URL}daten/kommunen.json" in downloads and f"{SITE_URL}daten/kommunen.geojson" in downloads
    for url in downloads:
        assert (public_site / url.removeprefix(SITE_URL)).is_file(), url
    assert len(set(graph.subjects(rdflib.RDF.type, ns.Dataset))) == 2
    # Without a public address the IRIs are relative and resolve against the catalogue's address.
    local = rdflib.Graph().parse(built_site / "daten/katalog.rdf", format="xml",
                                 publicID="https://portal.example/daten/katalog.rdf")
    assert rdflib.URIRef("https://portal.example/daten/kommunen.csv") in set(local.objects(None, ns.downloadURL))


def test_data_page_documents_every_column(built_site):
    page = read_page(built_site, "daten")
    for name, _ in COMMUNE_COLUMNS + STATEMENT_COLUMNS:
        assert f"<code>{name}</code>" in page, name
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert "GeoNutzV" in page and "© GeoBasis-DE / BKG" in page
    for target in ("kommunen.json", "kommunen.csv", "aeusserungen.csv", "kommunen-tabelle.csv", "aeusserungen-tabelle.csv",
                   "kommunen.geojson", "katalog.rdf"):
        assert f'href="{target}"' in page and (built_site / "daten" / target).is_file()


def _png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append(kind)
        pos += 12 + length
    return chunks


def test_preview_images_are_small_reproducible_and_timeless(public_site):
    for c in REGISTRY.communes:
        data = (public_site / c.path / "vorschau.png").read_bytes()
        assert len(data) <= 60 * 1024
        assert struct.unpack(">II", data[16:24]) == (1200, 630)
        assert not {b"tIME", b"tEXt", b"zTXt", b"iTXt", b"eXIf"} & set(_png_chunks(data))
    one = REGISTRY.communes[0]
    assert previews.preview_png(one, "X") == previews.preview_png(one, "X")


@pytest.mark.parametrize("path", ["", "gemeinden/herten/", "presse/", "karte/", "glossar/"])
def test_a_page_without_its_own_preview_image_shares_the_sites(public_site, path):
    """Shared in a messenger, every page shows a card: a Kommune page its own, every other page
    the site's (walkthrough #18)."""
    page = read_page(public_site, path)
    assert f'<meta property="og:image" content="{SITE_URL}vorschau.png">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    alt = re.search(r'<meta property="og:image:alt" content="([^"]+)">', page).group(1)
    assert "War meine Stadt dabei?" in alt and f"Alle {len(REGISTRY.communes)} Kommunen" in alt
    data = (public_site / "vorschau.png").read_bytes()
    assert len(data) <= 60 * 1024 and struct.unpack(">II", data[16:24]) == (1200, 630)
    assert not {b"tIME", b"tEXt", b"zTXt", b"iTXt", b"eXIf"} & set(_png_chunks(data))


def hostile_registry(tmp_path: Path) -> Path:
    text = BASE.replace(
        "      - text: Wir freuen uns.",
        '      - text: "=HYPERLINK(\\"http://evil.example\\",\\"klick\\") </script><!-- ]]> <b>fett</b>"')
    text = text.replace("        speaker: Erika Beispiel", '        speaker: "@SUM(1+1)"')
    text = text.replace("        role: Bürgermeisterin", '        role: "-2+3 \\"Rolle\\" \'x\' & </title>"')
    path = tmp_path / "communes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_statement_is_inert_everywhere(tmp_path):
    site = tmp_path / "site"
    result = run_mkdocs_build(site, registry=hostile_registry(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    commune = load(hostile_registry(tmp_path), ROOT / "data/programme.yaml").by_slug["ahlen"]
    statement = commune.statements[0]
    # (The registry itself rejects control characters; kekiz.inert still strips them on output.)
    assert statement.text.startswith("=HYPERLINK(") and "]]>" in statement.text
    # HTML: escaped text, no markup from the registry, no control characters.
    for path in [site / "kommunen/ahlen/index.html", site / "presse/index.html"]:
        page = path.read_text(encoding="utf-8")
        assert "<b>fett</b>" not in page and "&lt;b&gt;fett&lt;/b&gt;" in page
        assert "</script><!-- ]]>" not in page and "&lt;/script&gt;&lt;!-- ]]&gt;" in page
    # JSON-LD: the script element cannot be closed from inside; the text round-trips.
    page = read_page(site, "kommunen/ahlen")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in script and ">" not in script
    assert json.loads(script)["hasPart"][0]["text"] == xml_text(statement.text)
    # Atom: well-formed, the text arrives as text.
    for feed in (paths.SITE_FEED_FILE, paths.commune_feed_file(commune)):
        parsed = feedparser.parse((site / feed).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        entry = next(e for e in parsed.entries if e.id == feeds.entry_id(commune, statement))
        assert nest_quotes(xml_text(statement.text)) in entry.content[0].value  # inner quotes as on the pages
    # CSV: no cell a spreadsheet would run, in the RFC 4180 files and their spreadsheet variants.
    for name, delimiter in (("aeusserungen.csv", ","), ("kommunen.csv", ","), ("aeusserungen-tabelle.csv", ";"),
                            ("kommunen-tabelle.csv", ";")):
        text = (site / "daten" / name).read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (name, cell)
    sheet = list(csv.DictReader(io.StringIO((site / "daten/aeusserungen-tabelle.csv").read_text(encoding="utf-8-sig"),
                                            newline=""), delimiter=";"))
    row = next(r for r in sheet if r["Bezug"] == "kommune" and r["Kennung der Äußerung"] == statement.id)
    assert row["Text"] == "'" + xml_text(statement.text) and row["Person"] == "'@SUM(1+1)"
    rows = list(csv.DictReader(io.StringIO((site / "daten/aeusserungen.csv").read_text(encoding="utf-8"), newline="")))
    row = next(r for r in rows if r["scope"] == "kommune" and r["id"] == statement.id)
    assert row["text"] == "'" + xml_text(statement.text)
    assert row["speaker"] == "'@SUM(1+1)" and row["role"].startswith("'-2+3")
    # RDF and JSON stay parseable.
    rdflib.Graph().parse(site / "daten/katalog.rdf", format="xml", publicID="https://x.example/daten/katalog.rdf")
    assert json.loads((site / "daten/kommunen.json").read_text(encoding="utf-8"))["communes"][1]["statements"][0]["text"] \
        == xml_text(statement.text)


def test_inert_helpers_strip_control_characters_and_formulas():
    from kekiz.site.inert import csv_cell, script_json
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("@x") == "'@x" and csv_cell("a=b") == "a=b"
    assert csv_cell("a\x01b\x7f") == "ab" and csv_cell(None) == ""
    text = script_json({"t": "</script><!-- \x01 \u2028"})
    assert "<" not in text and ">" not in text and "\\u0001" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!--  \u2028"}


def test_clean_json_removes_every_character_xml_cannot_carry():
    """The fast path (no walk over the data) must give what walking every string gives, for
    every character of the Basic Multilingual Plane and a few beyond, and with a literal
    backslash before letters json uses in its escapes."""
    from kekiz.site.inert import clean_json, clean_strings
    texts = [f"a{chr(cp)}b" for cp in range(0x10000)] + ["\U0001F600", "\\b\\f\\u0001", "\\\x01"]
    for text in texts:
        data = {"t": [text, {"k": text}]}
        assert clean_json(data) == json.dumps(clean_strings(data), ensure_ascii=False), repr(text)
    assert clean_json({"t": "a\x01b"}) == '{"t": "ab"}'


def test_registry_json_puts_each_kommune_on_one_line(public_site):
    text = (public_site / "daten/kommunen.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    for commune in json.loads(text)["communes"]:
        line = next(ln for ln in lines if ln.startswith(f'  {{"slug": "{commune["slug"]}"'))
        assert json.loads(line.rstrip(",")) == commune


def test_programme_statements_follow_the_contract(tmp_path):
    """Quotes are shown in quotation marks, reported speech never; ids are unique; errors are messages."""
    programme = (ROOT / "data/programme.yaml").read_text(encoding="utf-8")
    forms = {s.form.value for s in REGISTRY.programme.statements}
    assert forms == {"quote", "reported"}
    assert all(s.added.iso == "2026-12-01" and s.source.url for s in REGISTRY.programme.statements)
    # A duplicate id and a reported text in quotation marks are reported with file and line, not built.
    first = REGISTRY.programme.statements[0]
    broken = programme + (
        f'  - id: "{first.id}"\n    added: "2026-12-01"\n    text: "„Erfunden.“"\n    form: "reported"\n'
        '    speaker: null\n    role: null\n    date: null\n'
        '    source: {url: "https://example.org/", publisher: "X", title: null}\n')
    path = tmp_path / "programme.yaml"
    path.write_text(broken, encoding="utf-8")
    from kekiz.sources.diagnostics import RegistryError
    with pytest.raises(RegistryError) as caught:
        load(ROOT / "data/communes.yaml", path)
    text = "\n".join(str(d) for d in caught.value.diagnostics)
    assert f"die Kennung „{first.id}“ hat schon die 1. Äußerung zum Programm" in text
    assert "der Text steht in Anführungszeichen" in text


def test_press_pages_never_quote_reported_speech(built_site):
    for path in ("presse", "presse/programm"):
        page = read_page(built_site, path)
        for item in REGISTRY.placed_statements:
            if path == "presse/programm" and not item.is_programme:
                continue
            st = item.statement
            article = page[page.index(f'id="{item.dom_id}"'):]
            article = article[:article.index("</article>")]
            text = nest_quotes(xml_text(st.text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
            if st.is_quote:
                assert f"„{text}“" in article and "<blockquote" in article, item.key
            else:
                assert text in article and f"„{text}" not in article and "<blockquote" not in article, item.key
                assert "kein wörtliches Zitat" not in article, item.key
                if st.form.value == "unquoted":  # the source's words, printed there without quotation marks
                    assert "ohne Anführungszeichen" in article and "Sinngemäß" not in article, item.key
                else:
                    assert st.form.value == "reported" and "Sinngemäß" in article, item.key


def test_a_statement_rendered_once_is_printed_alike_on_every_press_page():
    """kekiz.press renders each statement once and fills in the links for each page; control
    characters in registry text (which would pass as the split markers) are never printed."""
    from dataclasses import replace

    from kekiz.site.pages import press
    from kekiz.site.context import SiteContext
    from kekiz.site.paths import statement_target
    from kekiz.site.urls import relative
    items = list(REGISTRY.placed_statements)
    hostile = replace(items[0], statement=replace(items[0].statement, text="A\x00B\x01C", speaker="D\x00E"))
    items = [hostile] + items[1:]
    printed = press._PrintedItems(REGISTRY, SiteContext(site_name="Test"), items)
    for page in ("presse/", "presse/jahrgang-2012/", "presse/kommunen/krefeld/"):
        for item in items:
            html = printed.html(item, page, searched_list=True)
            assert f'id="{item.dom_id}"' in html and html.count("<article") == 1
            assert f'<a href="{relative(statement_target(item), page)}">' in html
            assert "\x00" not in html and "\x01" not in html
        assert "ABC" in printed.html(hostile, page, searched_list=True)
        assert "kekiz:unsearched" not in printed.html(items[1], page, searched_list=False)


def test_feed_text_and_addresses_survive_every_character():
    """The feeds are written as text (kekiz.feeds): whatever a text holds, an XML parser reads back
    exactly that text, minus only the characters XML cannot carry."""
    registry = load_project(ROOT)
    commune = next(c for c in registry.communes if c.statements)
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000))) + 'a"b\'c<d>&e\r\n\tf'
    statement = dataclasses.replace(commune.statements[0], speaker=every,
                                    source=dataclasses.replace(commune.statements[0].source, url=every))
    atom = "{http://www.w3.org/2005/Atom}"
    for site_url in (None, "https://kekiz.example.org/" + every):
        feed = ElementTree.fromstring(feeds.render_feed(registry, "feeds/x.xml", every, "presse/",
                                                        [PlacedStatement(commune, statement)], every, site_url))
        assert feed.find(f"{atom}title").text == xml_text(every)
        assert feed.find(f"{atom}author/{atom}name").text == xml_text(every)
        entry = feed.find(f"{atom}entry")
        assert entry.find(f"{atom}title").text.startswith(f"{commune.name}: {xml_text(every)} (")
        assert f"Quelle: {statement.source.publisher}" in entry.find(f"{atom}content").text
        assert entry.find(f"{atom}content").text.endswith(xml_text(every))  # the source address, last
        if site_url:
            links = [link.get("href") for link in feed.findall(f"{atom}link")]
            assert links == [xml_text(site_url) + "/presse/", xml_text(site_url) + "/feeds/x.xml"]
