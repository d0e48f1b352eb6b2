"""The built map page, home page and chart: what the registry says, and nothing from elsewhere."""

from __future__ import annotations

import re

import pytest

from kekiz.site.graphics.mapparts import SMALL_AREAS_NOTE, lage, map_ags
from kekiz.model.registry import Cohort, CommuneType
from kekiz.sources.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)



def large_map(html: str) -> str:
    match = re.search(r'<svg[^>]*class="kekiz-map kekiz-map--large".*?</svg>', html, re.S)
    assert match, "no large map"
    return match.group(0)


def _links(svg: str) -> list[tuple[str, str, str]]:
    """(id, href, accessible name) of every link in a map SVG, in DOM order."""
    return re.findall(r'<a id="([^"]+)" class="kekiz-map__link[^"]*"[^>]* href="([^"]+)" aria-label="([^"]+)">', svg)


def test_every_map_area_is_a_named_link_to_a_page_that_exists(built_site):
    for page, pattern in (("karte", "kekiz-map--large"), ("", "kekiz-map--small")):
        html = read_page(built_site, page)
        svg = re.search(rf'<svg[^>]*class="kekiz-map {pattern}".*?</svg>', html, re.S).group(0)
        links = _links(svg)
        towns = [c for c in REGISTRY.communes if c.is_town_in_kreis]
        # all 53 Kreise and kreisfreie Städte are links, and each participating town in a Kreis
        assert len(links) == 53 + len(towns) == svg.count("<a ") == svg.count("<path ")
        assert "kekiz-map__base" not in svg  # no area without a link
        assert len({href for _, href, _ in links}) == len(links)
        for _, href, name in links:
            assert name.strip() and " — " in name
            target = (built_site / page / href.split("#")[0]).resolve()
            assert (target / "index.html").exists(), href
            if "#" in href:
                assert f'id="{href.split("#")[1]}"' in (target / "index.html").read_text(encoding="utf-8"), href
        assert len(svg.encode("utf-8")) <= 80_000, "map SVG must stay within 80 KB"
        assert "<script" not in svg and not re.search(r'(href|src)="(https?:)?//', svg)


def test_map_tab_order_is_the_order_of_its_key(built_site):
    html = read_page(built_site, "karte")
    svg = large_map(html)
    names = [name.split(" — ")[0] for _, _, name in _links(svg)]
    key = html.split('class="kekiz-map-key"')[1].split("</figcaption>")[0]
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', key) == names
    # participants first, by cohort and name, as in the list below the map
    expected = [c.name for cohort in Cohort for c in REGISTRY.in_cohort(cohort)]
    assert names[:len(expected)] == expected


def test_map_accessible_names_follow_the_registry(built_site):
    svg = large_map(read_page(built_site, "karte"))
    for c in REGISTRY.communes:
        assert f'aria-label="{c.name} — {c.cohort.label}"' in svg
    assert 'aria-label="Kreis Olpe — nicht unter den teilnehmenden Kommunen"' in svg
    assert 'aria-label="Hagen — nicht unter den teilnehmenden Kommunen"' in svg


def test_map_page_has_legend_source_note_and_text_alternative(built_site):
    html = read_page(built_site, "karte")
    assert "© GeoBasis-DE / BKG 2016" in html and "GeoNutzV" in html
    for cohort in Cohort:  # the legend speaks of several Kommunen: "Modellkommunen ab 2012 (18)"
        assert f"{cohort.plural_label} ({REGISTRY.count(cohort=cohort)})" in html
    assert "Modellkommunen ab 2012 (" in html and "Modellkommune ab 2012 (" not in html
    assert "nicht teilgenommen (25)" in html
    assert SMALL_AREAS_NOTE in html  # the map says where a phone reaches its small areas
    alternative = html.split('class="kekiz-commune-list"')[1]
    assert len(re.findall(r'<li><a href="\.\./kommunen/[a-z0-9-]+/">', alternative)) == 40


def test_every_commune_page_has_a_named_locator_map(built_site):
    for c in REGISTRY.communes:
        html = read_page(built_site, f"kommunen/{c.slug}")
        locator = re.search(r'<svg[^>]*class="kekiz-locator".*?</svg>', html, re.S)
        assert locator, c.slug
        assert 'role="img"' in locator.group(0) and f"{lage(c.name)} " in locator.group(0)
        # the base map is one shared file; the page carries only the highlight, in the cohort's colour
        assert len(locator.group(0).encode()) <= 6_000, (c.slug, len(locator.group(0).encode()))
        assert f'kekiz-locator__focus kekiz-fill--{c.cohort.value}' in locator.group(0)
    css = (built_site / "assets" / "stylesheets" / "kekiz.css").read_text(encoding="utf-8")
    for scheme in ("hell", "dunkel"):
        assert f'url("../karte/nrw-{scheme}.svg")' in css
        base = (built_site / "assets" / "karte" / f"nrw-{scheme}.svg").read_text(encoding="utf-8")
        assert base.startswith("<svg") and "<script" not in base and len(base.encode()) <= 80_000


@pytest.mark.parametrize("name, label", [
    ("Kreis Unna", "Lage des Kreises Unna"),
    ("Rheinisch-Bergischer Kreis", "Lage des Rheinisch-Bergischen Kreises"),
    ("Hochsauerlandkreis", "Lage des Hochsauerlandkreises"),
    ("StädteRegion Aachen", "Lage der StädteRegion Aachen"),
    ("Krefeld", "Lage von Krefeld"),
])
def test_locator_names_take_article_and_case(name, label):
    assert lage(name) == label


def test_home_map_shows_its_colours_without_a_disclosure(built_site):
    html = read_page(built_site, "")
    figure = html.split('kekiz-map-figure--small')[1].split("</figure>")[0]
    legend, _, rest = figure.partition("<details")
    for cohort in Cohort:
        assert f"{cohort.plural_label} ({REGISTRY.count(cohort=cohort)})" in legend
    assert "kekiz-map--swatch" in legend and SMALL_AREAS_NOTE in legend
    assert 'class="kekiz-map-key__areas"' in rest  # the list of every area, one tap away


def test_map_keys_stay_out_of_the_search_index(built_site):
    import json
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        if doc["location"] in ("", "karte/"):
            assert "Kreis Olpe" not in doc["text"], doc["location"]  # a grey area: only in the key
            assert len(doc["text"]) < 4_000, doc["location"]


def test_registry_ags_all_have_shapes():
    from kekiz.sources.geodata import load_geodata
    geo = load_geodata(ROOT / "data" / "nrw-geo.json")
    missing = [c.slug for c in REGISTRY.communes if map_ags(c) not in geo]
    assert not missing


def test_home_chart_numbers_equal_registry_counts(built_site):
    html = read_page(built_site, "")
    assert "kekiz-map--small" in html
    for cohort in Cohort:
        for t in CommuneType:
            n = REGISTRY.count(cohort=cohort, type=t)
            pattern = rf'data-jahrgang="{cohort.value}"[^>]*data-art="{t.value}"[^>]*data-anzahl="(\d+)"'
            found = re.findall(pattern, html)
            if n:
                assert found and int(found[0]) == n, (cohort, t, found)
