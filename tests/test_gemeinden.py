"""All 396 Gemeinden: coverage and participation computed from registry and boundary data, their
pages (the plain answer first), the A–Z page "War meine Stadt dabei?", search titles and page budgets."""

from __future__ import annotations

import json
import re

import pytest

from kekiz.model import gemeinden as G
from kekiz.site.pages.gemeinden import answer
from kekiz.sources.geodata import load_geodata
from kekiz.model.german import Case
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


# What the sources say about the towns of a Kreis, written out by hand from the dossier (§1a #17,
# #27, #32): Kreis Unna's press release of 28 Feb 2012 names five partner towns and three towns for
# which the Kreis took part as Jugendamt; a later release says Werne joined; Schwerte is named by
# none. Kreis Coesfeld applied „im Verbund mit den kreisangehörigen Kommunen“; the Rheinisch-
# Bergische Kreis works „in Zusammenarbeit mit allen Kommunen im Kreisgebiet“ (both name none).
TOWN_FACTS = {
    "05978": {"Unna": "partner", "Lünen": "partner", "Kamen": "partner", "Selm": "partner", "Bergkamen": "partner",
              "Werne": "spaeter", "Bönen": "jugendamt", "Fröndenberg/Ruhr": "jugendamt", "Holzwickede": "jugendamt",
              "Schwerte": "kreis"},
    "05558": {name: "alle" for name in ("Ascheberg", "Billerbeck", "Coesfeld", "Dülmen", "Havixbeck", "Lüdinghausen",
                                        "Nordkirchen", "Nottuln", "Olfen", "Rosendahl", "Senden")},
    "05378": {name: "alle" for name in ("Bergisch Gladbach", "Burscheid", "Kürten", "Leichlingen (Rhld.)", "Odenthal",
                                        "Overath", "Rösrath", "Wermelskirchen")},
}
# The participating Kreise no source says anything about town by town: every town there is "kreis".
KREISE_WITHOUT_TOWN_FACTS = {"05358", "05570", "05366", "05758", "05766", "05562", "05970", "05566"}


def _expected_participation(area) -> str:
    own = any(c.ags == area.ags and c.type is not CommuneType.KREIS for c in REGISTRY.communes)
    kreis = area.ags[:5]
    if own:
        return "beide" if kreis in KREISE_WITHOUT_TOWN_FACTS | set(TOWN_FACTS) else "selbst"
    if kreis in TOWN_FACTS:
        return TOWN_FACTS[kreis][area.name]
    return "kreis" if kreis in KREISE_WITHOUT_TOWN_FACTS else "keine"


@pytest.mark.parametrize("area", GEO.gemeinden, ids=lambda a: f"{a.ags}-{a.name}")
def test_participation_of_every_gemeinde(area):
    gemeinde = TOWNS.get(area.ags)
    assert gemeinde.participation.value == _expected_participation(area)
    assert gemeinde.participation.through_kreis == (gemeinde.coverage is G.Coverage.KREIS)


def test_the_tables_of_town_facts_are_complete():
    for kreis, towns in TOWN_FACTS.items():
        assert set(towns) == {a.name for a in GEO.gemeinden if a.ags.startswith(kreis)}, kreis
    kreise = {c.ags for c in REGISTRY.communes if c.type is CommuneType.KREIS}
    assert kreise == KREISE_WITHOUT_TOWN_FACTS | set(TOWN_FACTS)
    counts = {p: TOWNS.count(p) for p in G.Participation}
    assert sum(counts.values()) == 396
    assert (counts[G.Participation.PARTNER], counts[G.Participation.LATER_PARTNER],
            counts[G.Participation.YOUTH_OFFICE], counts[G.Participation.ALL_TOWNS]) == (5, 1, 3, 19)


@pytest.mark.parametrize("name, text", [
    ("Lünen", "Ja, über den Kreis Unna: Lünen war Partner der gemeinsamen Bewerbung des Kreises Unna und nahm so ab "
              "2012 teil."),
    ("Werne", "Ja, über den Kreis Unna: Der Kreis Unna nahm ab 2012 teil, und Werne kam später als Partner hinzu; "
              "wann genau, sagen unsere Quellen nicht."),
    ("Bönen", "Ja, über den Kreis Unna: Der Kreis Unna nahm ab 2012 teil, auch als Jugendamt für Bönen."),
    ("Schwerte", "Der Kreis Unna nahm ab 2012 teil. Was das für Schwerte bedeutete, sagen unsere Quellen nicht."),
    ("Herten", "Der Kreis Recklinghausen nahm ab 2017 teil. Was das für Herten bedeutete, sagen unsere Quellen nicht."),
    ("Bad Berleburg", "Der Kreis Siegen-Wittgenstein nahm ab 2017 teil. Was das für Bad Berleburg bedeutete, sagen "
                      "unsere Quellen nicht."),
    ("Burscheid", "Über den Rheinisch-Bergischen Kreis: Der Rheinisch-Bergische Kreis nahm ab 2017 teil, nach "
                  "unseren Quellen gemeinsam mit allen seinen Städten und Gemeinden. Burscheid gehört dazu, wird in "
                  "unseren Quellen aber nicht einzeln genannt."),
    ("Olpe", "Nein. Weder Olpe noch der Kreis Olpe nahmen nach unseren Quellen an „Kein Kind zurücklassen!“ teil."),
    ("Essen", "Nein. Essen nahm nach unseren Quellen nicht an „Kein Kind zurücklassen!“ teil."),
])
def test_plain_answers(name, text):
    [gemeinde] = [g for g in TOWNS.all if g.name == name]
    assert answer(gemeinde) == text


def test_a_later_partner_with_a_date_says_when(monkeypatch):
    from dataclasses import replace
    from kekiz.model.registry import LaterPartner, PartialDate
    werne = next(g for g in TOWNS.all if g.name == "Werne")
    kreis = werne.kreis_commune
    for joined, when in ((PartialDate(2013), "kam 2013 als"), (PartialDate(2013, 3), "kam im März 2013 als"),
                         (PartialDate(2013, 3, 5), "kam am 5. März 2013 als")):
        joint = replace(kreis.joint_application, later_partners=(LaterPartner("Werne", joined),))
        moved = replace(werne, kreis_commune=replace(kreis, joint_application=joint))
        assert moved.participation is G.Participation.LATER_PARTNER
        assert f"Werne {when} Partner hinzu." in answer(moved) and "Wann" not in answer(moved)


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
        status = re.search(r'class="kekiz-status kekiz-status--(\w+) kekiz-teilnahme--(\w+)"', article)
        assert status.groups() == (g.coverage.value, g.participation.value), g.slug
        if g.coverage is G.Coverage.KREIS:
            kreis = g.kreis_commune
            assert f'href="../../{kreis.path}"' in article and f"ab {kreis.cohort.value}" in article
        else:
            assert "Nein." in article and "Jahrgang" not in article
        # the sources do not say what a Kreis's programme covered: the page does not either
        for claim in ("umfasst", "abgedeckt", "profitiert", "gilt auch", "selbst nicht", "seit 20"):
            assert claim not in article, (g.slug, claim)
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
    # the question in the past tense; the navigation (mkdocs.yml) and the 404 page may still ask it in the present
    question = re.compile(r"(?:Ist|War) meine Stadt dabei\?")
    for page in ("", "kommunen", "karte"):
        assert 'href="' in read_page(built_site, page) and question.search(read_page(built_site, page))
    assert re.search(r'<a href="[^"]*gemeinden/"[^>]*>\s*(?:Ist|War) meine Stadt dabei\?',
                     (built_site / "404.html").read_text(encoding="utf-8"))


def test_az_page_asks_in_the_past_and_keeps_its_anchor(built_site):
    html = read_page(built_site, "gemeinden")
    assert '<h1 id="ist-meine-stadt-dabei">War meine Stadt dabei?</h1>' in html
    assert "<title>War meine Stadt dabei?" in html
    intro = html.split('id="ist-meine-stadt-dabei"')[1].split('id="von-a-bis-z"')[0]
    for p in G.Participation:
        if TOWNS.count(p):
            assert f"<strong>{p.label}</strong> ({TOWNS.count(p)})" in intro, p
    assert f"Zusammen {len(TOWNS.all)}." in intro
    # the blanket caveat gave way to the truth per town
    assert "geben unsere Quellen nicht an" not in html and "selbst nicht" not in html


def _first_paragraph_after_h1(html: str) -> str:
    article = html.split("<article", 1)[1]
    after = article.split("</h1>", 1)[1]
    after = re.sub(r"<!--.*?-->", "", after, flags=re.S).lstrip()
    match = re.match(r'<p class="kekiz-answer"[^>]*>(.*?)</p>', after, re.S)
    assert match, after[:200]
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_every_gemeinde_and_kommune_page_opens_with_its_plain_answer(built_site):
    import html as htmllib
    from kekiz.site.pages.communes import answer as commune_answer
    for g in TOWNS.all:
        if g.commune:
            continue
        first = htmllib.unescape(_first_paragraph_after_h1(read_page(built_site, g.path)))
        assert first == answer(g), g.slug
        assert first.startswith(("Ja.", "Ja, über ", "Nein.", "Über ")) or "sagen unsere Quellen nicht" in first
        assert first.startswith("Ja") == g.participation.took_part, g.slug
        assert not re.search(r"\bseit\b|\bnimmt\b|\bist dabei\b|selbst nicht", first), first
    for c in REGISTRY.communes:
        first = htmllib.unescape(_first_paragraph_after_h1(read_page(built_site, c.path)))
        assert first == commune_answer(c, REGISTRY.count(cohort=c.cohort)), c.slug
        assert first.startswith("Ja. ") and f" ab {c.cohort.value} an „Kein Kind zurücklassen!“ teil, als eine der " in first


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


def test_what_the_kreis_says_about_its_towns_is_shown_with_its_sources(built_site):
    kreise = [c for c in REGISTRY.communes if c.type is CommuneType.KREIS and (c.joint_application or c.all_towns)]
    assert len(kreise) == 3, "Kreis Unna, Kreis Coesfeld, Rheinisch-Bergischer Kreis"
    headings = {G.Participation.PARTNER: "Gemeinsame Bewerbung, {} als Partner genannt:",
                G.Participation.LATER_PARTNER: "Gemeinsame Bewerbung, {} als später hinzugekommen genannt:",
                G.Participation.YOUTH_OFFICE: "Gemeinsame Bewerbung, der Kreis als Jugendamt für {} genannt:",
                G.Participation.KREIS_ONLY: "Gemeinsame Bewerbung; {} nennt die Quelle nicht:"}
    for kreis in kreise:
        members = [g for g in TOWNS.all if g.kreis_commune is kreis and not g.commune]
        assert members
        for g in members:
            article = read_page(built_site, g.path).split("<article", 1)[1]
            assert g.named_partner == (g.name in (kreis.joint_application.partners if kreis.joint_application else ()))
            if g.participation is G.Participation.ALL_TOWNS:
                shown, heading = kreis.all_towns, f"Über alle Städte und Gemeinden {kreis.called(Case.GENITIVE)}:"
                assert "Gemeinsame Bewerbung" not in article  # said once, in the Kreis's words about all its towns
            else:
                shown, heading = kreis.joint_application, headings[g.participation].format(g.name)
            assert f"<strong>{heading}</strong>" in article, g.slug
            for source in shown.sources:
                assert source.url in article



def test_kreise_are_sorted_by_their_own_name():
    names = [k.name for k in TOWNS.kreise]
    assert names.index("Kreis Olpe") < names.index("Kreis Paderborn") < names.index("Kreis Recklinghausen")
    assert names.index("Kreis Borken") < names.index("Bottrop") < names.index("Kreis Coesfeld")
    assert names.index("Hochsauerlandkreis") < names.index("Kreis Höxter") < names.index("Kreis Kleve")
