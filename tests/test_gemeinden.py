"""All 396 Gemeinden: coverage computed from registry and boundary data, their pages, the
A–Z page "Ist meine Stadt dabei?", search titles and page budgets."""

from __future__ import annotations

import json
import re

import pytest

from kekiz.model import gemeinden as G
from kekiz.sources.geodata import load_geodata
from kekiz.model.registry import CommuneType
from kekiz.sources.registry import load_project
from kekiz.site.paths import GEMEINDEN_PATH
from kekiz.site.urls import relative

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)
GEO = load_geodata(ROOT / "data" / "nrw-geo.json")
TOWNS = G.build(REGISTRY, GEO)


def _expected(ags: str) -> G.Coverage:
    """Straight from the data: the Gemeinde's own AGS in the registry; its Kreis's AGS as a Kreis."""
    itself = any(c.ags == ags and c.type is not CommuneType.KREIS for c in REGISTRY.communes)
    kreis = any(c.ags == ags[:5] and c.type is CommuneType.KREIS for c in REGISTRY.communes)
    return {(True, True): G.Coverage.BOTH, (True, False): G.Coverage.SELF,
            (False, True): G.Coverage.KREIS, (False, False): G.Coverage.NONE}[(itself, kreis)]


@pytest.mark.parametrize("area", GEO.gemeinden, ids=lambda a: f"{a.ags}-{a.name}")
def test_coverage_of_every_gemeinde(area):
    gemeinde = TOWNS.get(area.ags)
    assert gemeinde is not None and gemeinde.name == area.name
    assert gemeinde.coverage is _expected(area.ags)


@pytest.mark.parametrize("name, coverage", [
    ("Herten", G.Coverage.KREIS),         # Kreis Recklinghausen, 2017
    ("Selm", G.Coverage.KREIS),           # Kreis Unna, 2012
    ("Ahlen", G.Coverage.BOTH),           # itself 2017, Kreis Warendorf 2012
    ("Gladbeck", G.Coverage.BOTH),        # itself 2012, Kreis Recklinghausen 2017
    ("Köln", G.Coverage.SELF),            # kreisfreie Stadt
    ("Aachen", G.Coverage.SELF),          # in the StädteRegion by its AGS; the StädteRegion itself is not in
    ("Monheim am Rhein", G.Coverage.SELF),
    ("Olpe", G.Coverage.NONE),
    ("Hagen", G.Coverage.NONE),           # kreisfreie Stadt
    ("Essen", G.Coverage.NONE),
])
def test_known_cases(name, coverage):
    [gemeinde] = [g for g in TOWNS.all if g.name == name]
    assert gemeinde.coverage is coverage


def test_counts_and_order():
    assert len(TOWNS.all) == 396 and len(TOWNS.kreise) == 53
    assert sum(TOWNS.count(c) for c in G.Coverage) == 396
    names = [g.name for g in TOWNS.all]
    assert names.index("Bönen") < names.index("Borchen") < names.index("Borgentreich")  # ö sorts as o
    assert len({g.slug for g in TOWNS.all}) == 396


@pytest.mark.parametrize("name, slug", [("Mülheim an der Ruhr", "muelheim-an-der-ruhr"), ("Hennef (Sieg)", "hennef-sieg"),
                                        ("Fröndenberg/Ruhr", "froendenberg-ruhr"), ("Weißenfels", "weissenfels")])
def test_slug_rule_is_the_kommunen_rule(name, slug):
    assert G.slugify(name) == slug


@pytest.mark.parametrize("name, nominative, dative", [
    ("Kreis Unna", "der Kreis Unna", "im Kreis Unna"),
    ("Rhein-Kreis Neuss", "der Rhein-Kreis Neuss", "im Rhein-Kreis Neuss"),
    ("Hochsauerlandkreis", "der Hochsauerlandkreis", "im Hochsauerlandkreis"),
    ("Märkischer Kreis", "der Märkische Kreis", "im Märkischen Kreis"),
    ("StädteRegion Aachen", "die StädteRegion Aachen", "in der StädteRegion Aachen"),
])
def test_kreis_names_in_case(name, nominative, dative):
    assert G.kreis_nominative(name) == nominative and G.kreis_dative(name) == dative


# ------------------------------------------------------------------ built pages


def test_every_gemeinde_has_an_address_with_its_status(built_site):
    for g in TOWNS.all:
        html = read_page(built_site, g.path)
        if g.commune:  # no duplicate page: the address leads to the Kommune page
            assert f'http-equiv="refresh" content="0; url=../../{g.commune.path}"' in html, g.slug
            continue
        assert f"<title>{g.name} - " in html or f"<title>{g.name} – " in html, g.slug
        article = html.split('<article', 1)[1].split('</article>', 1)[0]
        assert re.search(rf'<h1 id="{g.slug}">{re.escape(g.name)}', article)
        assert f"<code>{g.ags}</code>" in article
        status = re.search(r'class="kekiz-status kekiz-status--(\w+)"', article).group(1)
        assert status == g.coverage.value, g.slug
        if g.coverage is G.Coverage.KREIS:
            kreis = g.kreis_commune
            assert f'href="../../{kreis.path}"' in article and f"Jahrgang {kreis.cohort.value}" in article
        else:
            assert "Nein." in article and "Jahrgang" not in article
        # the sources do not say what a Kreis's programme covered: the page does not either
        for claim in ("umfasst", "abgedeckt", "profitiert", "gilt auch"):
            assert claim not in article
        assert 'class="kekiz-locator"' in article and f"Lage von {g.name}" in article


def test_az_page_links_all_gemeinden_by_letter_and_by_kreis(built_site):
    html = read_page(built_site, "gemeinden")
    by_letter = html.split('id="von-a-bis-z"')[1].split('id="nach-kreisen"')[0]
    by_kreis = html.split('id="nach-kreisen"')[1].split("</article>")[0]
    for part in (by_letter, by_kreis):
        for g in TOWNS.all:
            assert f'<a href="{relative(g.target, GEMEINDEN_PATH)}">{g.name}</a>' in part, g.name
    for k in TOWNS.kreise:
        assert f'<h3 id="{k.anchor}"' in by_kreis
    for href in set(re.findall(r'<li><a href="([^"#]+)">', html)):
        assert (built_site / "gemeinden" / href / "index.html").resolve().exists(), href
    assert "<script" not in html.split('<article', 1)[1].split('</article>', 1)[0]  # works without JavaScript


def test_az_page_is_linked_from_navigation_home_and_404(built_site):
    for page in ("", "kommunen", "karte"):
        assert 'href="' in read_page(built_site, page) and "Ist meine Stadt dabei?" in read_page(built_site, page)
    assert re.search(r'<a href="[^"]*gemeinden/"[^>]*>\s*Ist meine Stadt dabei\?', (built_site / "404.html").read_text(encoding="utf-8"))


def test_search_finds_every_gemeinde_by_its_name_as_title(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {}
    for doc in index["docs"]:
        if "#" not in doc["location"]:
            titles.setdefault(doc["title"], []).append(doc["location"])
    for g in TOWNS.all:
        assert g.target in titles.get(g.name, []), g.name
    # a Kreis that did not take part is a section of the A–Z page with its name as title
    sections = {doc["title"]: doc["location"] for doc in index["docs"]}
    for k in TOWNS.kreise:
        if k.commune is None and not k.kreisfrei:
            assert sections[k.name] == f"gemeinden/#{k.anchor}", k.name


def test_page_budgets(built_site):
    for g in TOWNS.all:
        if not g.commune:
            size = (built_site / g.path / "index.html").stat().st_size
            assert size <= 25_000, (g.slug, size)
    for c in REGISTRY.communes:
        size = (built_site / c.path / "index.html").stat().st_size
        assert size <= 40_000, (c.slug, size)
    assert (built_site / "search" / "search_index.json").stat().st_size <= 500_000
    assert (built_site / "gemeinden" / "index.html").stat().st_size <= 300_000


def test_joint_application_of_the_kreis_is_shown_as_the_registry_has_it(built_site):
    kreise = [c for c in REGISTRY.communes if c.type is CommuneType.KREIS and c.joint_application]
    assert kreise, "the registry names at least one joint application"
    for kreis in kreise:
        members = [g for g in TOWNS.all if g.kreis_commune is kreis and not g.commune]
        assert members
        for g in members:
            article = read_page(built_site, g.path).split("<article", 1)[1]
            assert g.named_partner == (g.name in kreis.joint_application.partners)
            heading = f"Gemeinsame Bewerbung, {g.name} als Partner genannt:" if g.named_partner else "Gemeinsame Bewerbung:"
            assert f"<strong>{heading}</strong>" in article, g.slug
            for source in kreis.joint_application.sources:
                assert source.url in article
    assert any(g.named_partner for g in TOWNS.all)  # e.g. Selm, named by the Kreis Unna



def test_kreise_are_sorted_by_their_own_name():
    names = [k.name for k in TOWNS.kreise]
    assert names.index("Kreis Olpe") < names.index("Kreis Paderborn") < names.index("Kreis Recklinghausen")
    assert names.index("Kreis Borken") < names.index("Bottrop") < names.index("Kreis Coesfeld")
    assert names.index("Hochsauerlandkreis") < names.index("Kreis Höxter") < names.index("Kreis Kleve")
