"""The built map page, home page and chart: what the registry says, and nothing from elsewhere."""

from __future__ import annotations

import re

from kekiz.mappages import map_ags
from kekiz.model import Cohort, CommuneType
from kekiz.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)



def large_map(html: str) -> str:
    match = re.search(r'<svg[^>]*class="kekiz-map kekiz-map--large".*?</svg>', html, re.S)
    assert match, "no large map"
    return match.group(0)


def test_map_has_all_areas_and_one_link_per_commune(built_site):
    svg = large_map(read_page(built_site, "karte"))
    towns = [c for c in REGISTRY.communes if c.is_town_in_kreis]
    kreis_level = [c for c in REGISTRY.communes if not c.is_town_in_kreis]
    # 53 Kreis-level shapes: participants as links, the rest neutral; towns drawn on top.
    assert svg.count("kekiz-map__area--none") + len(kreis_level) == 53
    assert svg.count("kekiz-map__area--overlay") == len(towns) == 12
    hrefs = re.findall(r'<a class="kekiz-map__link" href="([^"]+)"', svg)
    assert len(hrefs) == len(set(hrefs)) == 40
    for href in hrefs:
        assert (built_site / "karte" / href / "index.html").resolve().exists(), href
    assert len(svg.encode("utf-8")) <= 80_000, "map SVG must stay within 80 KB"
    assert "<script" not in svg and not re.search(r'(href|src)="(https?:)?//', svg)


def test_map_accessible_names_follow_the_registry(built_site):
    svg = large_map(read_page(built_site, "karte"))
    for c in REGISTRY.communes:
        assert f'aria-label="{c.name} — {c.cohort.label}"' in svg


def test_map_page_has_legend_source_note_and_text_alternative(built_site):
    html = read_page(built_site, "karte")
    assert "© GeoBasis-DE / BKG 2016" in html and "GeoNutzV" in html
    for cohort in Cohort:
        assert f"{cohort.label} ({REGISTRY.count(cohort=cohort)})" in html
    alternative = html.split('class="kekiz-commune-list"')[1]
    assert len(re.findall(r'<li><a href="\.\./kommunen/[a-z0-9-]+/">', alternative)) == 40


def test_every_commune_page_has_a_named_locator_map(built_site):
    for c in REGISTRY.communes:
        html = read_page(built_site, f"kommunen/{c.slug}")
        locator = re.search(r'<svg[^>]*class="kekiz-locator".*?</svg>', html, re.S)
        assert locator, c.slug
        assert 'role="img"' in locator.group(0) and f"Lage von {c.name}" in locator.group(0)
        assert len(locator.group(0).encode()) <= 25_000


def test_registry_ags_all_have_shapes():
    from kekiz.geo import load_geodata
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
