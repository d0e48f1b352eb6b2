"""No dead ends: the page of every participating Kreis lists all its Gemeinden, each with what the
sources say about it and a link to its page; and every Kommune and Gemeinde page shows its
population with date, source and licence (a Kreis: the sum of its Gemeinden, said so)."""

from __future__ import annotations

import csv
import html as htmllib
import re

import pytest

from kekiz.model import gemeinden as G
from kekiz.model.registry import CommuneType
from kekiz.site.urls import relative
from kekiz.sources.geodata import load_geodata
from kekiz.sources.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)
GEO = load_geodata(ROOT / "data" / "nrw-geo.json")
TOWNS = G.build(REGISTRY, GEO)
KREISE = [c for c in REGISTRY.communes if c.type is CommuneType.KREIS]


def _article(html: str) -> str:
    body = html.split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r'<a class="kekiz-glossar-link" href="[^"]*">([^<]*)</a>', r"\1", body)


def test_every_kreis_of_the_registry_has_towns():
    assert len(KREISE) == 11
    for kreis in KREISE:
        members = TOWNS.of_kreis(kreis)
        # straight from the boundary data: every Gemeinde whose AGS starts with the Kreis's
        assert {g.ags for g in members} == {a.ags for a in GEO.gemeinden if a.ags[:5] == kreis.ags}, kreis.slug
        assert all(g.kreis_commune is kreis or g.commune for g in members)
    assert TOWNS.of_kreis(REGISTRY.by_slug["krefeld"]) == ()


@pytest.mark.parametrize("kreis", KREISE, ids=lambda c: c.slug)
def test_kreis_page_lists_and_links_all_its_gemeinden(built_site, kreis):
    body = _article(read_page(built_site, kreis.path))
    assert '<a href="#staedte-und-gemeinden">' in body, "the facts at the top lead to the list"
    section = body.split('<h2 id="staedte-und-gemeinden">Städte und Gemeinden im Kreis</h2>', 1)[1].split("<h2", 1)[0]
    members = TOWNS.of_kreis(kreis)
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>: <span class="[^"]*kekiz-teilnahme--(\w+)">([^<]+)</span></li>',
                       section)
    assert len(items) == len(members) >= 7, kreis.slug
    for (href, name, kind, status), g in zip(items, members):
        assert htmllib.unescape(name) == g.name
        assert href == relative(g.target, kreis.path)
        assert (built_site / kreis.path / href / "index.html").resolve().exists(), href
        assert kind == g.participation.value
        assert status.strip() and "seit" not in status
    if kreis.all_towns:
        assert htmllib.escape(kreis.all_towns.text, quote=False) in section


def test_herten_and_bad_berleburg_are_found_from_their_kreis(built_site):
    for kreis, town in (("kreis-recklinghausen", "herten"), ("kreis-siegen-wittgenstein", "bad-berleburg")):
        section = _article(read_page(built_site, f"kommunen/{kreis}/")).split('id="staedte-und-gemeinden"')[1]
        assert f'href="../../gemeinden/{town}/"' in section
        assert "für die Stadt unbekannt" in section


@pytest.mark.parametrize("slug, expected", [
    ("kreis-unna", {"Bergkamen": "als Partner des Kreises dabei, ab 2012",
                    "Bönen": "über das Jugendamt des Kreises dabei, ab 2012",
                    "Schwerte": "der Kreis ab 2012; für die Stadt unbekannt",
                    "Werne": "als Partner des Kreises dabei, später hinzugekommen"}),
    ("kreis-recklinghausen", {"Gladbeck": "selbst dabei, ab 2012; der Kreis auch, ab 2017",
                              "Herten": "der Kreis ab 2017; für die Stadt unbekannt"}),
    ("kreis-coesfeld", {"Nordkirchen": "der Kreis ab 2017, laut Quelle mit allen Kommunen"}),
])
def test_status_words_on_the_kreis_page(built_site, slug, expected):
    section = _article(read_page(built_site, f"kommunen/{slug}/")).split('id="staedte-und-gemeinden"')[1]
    for name, status in expected.items():
        assert re.search(rf">{re.escape(name)}</a>: <span [^>]*>{re.escape(status)}</span>", section), name


# -- population (data/zensus2022-einwohner.csv, read here on its own) --------------------------------------
def _census() -> dict[str, int]:
    path = ROOT / "data" / "zensus2022-einwohner.csv"
    if not path.exists():
        pytest.skip("no census table in data/")
    with path.open(encoding="utf-8", newline="") as f:
        return {row["ags"]: int(row["einwohner"]) for row in csv.DictReader(f)}


def _german(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_every_page_shows_its_population_with_date_source_and_licence(built_site):
    census = _census()
    pages = [(c.path, census[c.ags] if len(c.ags) == 8 else sum(v for a, v in census.items() if a[:5] == c.ags), c)
             for c in REGISTRY.communes]
    pages += [(g.path, census[g.ags], None) for g in TOWNS.all if not g.commune]
    assert len(pages) == 40 + sum(1 for g in TOWNS.all if not g.commune)
    for path, persons, commune in pages:
        body = _article(read_page(built_site, path))
        assert (f"<dt>Einwohnerinnen und Einwohner</dt>\n<dd>{_german(persons)} am "
                if commune else f"<dt>Einwohnerinnen und Einwohner</dt><dd>{_german(persons)} am ") in body, path
        assert '<time datetime="2022-05-15">15. Mai 2022</time> (Zensus 2022)' in body
        assert 'href="https://www.govdata.de/dl-de/by-2-0"' in body and "Datenlizenz Deutschland" in body
        if commune is not None and commune.type is CommuneType.KREIS:
            n = len(TOWNS.of_kreis(commune))
            assert f"Kreisgebiet: Summe der {n} Städte und Gemeinden" in body, path
        else:
            assert "Kreisgebiet: Summe" not in body, path
