"""Build the real site into a temporary folder and read what a visitor would get."""

from __future__ import annotations

import filecmp
import html
import re
from pathlib import Path

import pytest

from kekiz.model.german import Case, capfirst, zu
from kekiz.model.registry import Cohort, CommuneType
from kekiz.sources.registry import load_project

from kekiz.model.german import nest_quotes

from conftest import ROOT, read_page, run_mkdocs_build
from registry_fixtures import BASE, replace_line

REGISTRY = load_project(ROOT)



def article(text: str) -> str:
    """The main content, without Material's header, navigation and footer; glossary links are
    unwrapped (they wrap a term's first use and leave the words as they are)."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
    assert match, "page has no article"
    return re.sub(r'<a class="kekiz-glossar-link" href="[^"]*">([^<]*)</a>', r"\1", match.group(1))


def test_registry_has_all_forty():
    assert len(REGISTRY.communes) == 40
    assert REGISTRY.count(cohort=Cohort.MODELLPHASE) == 18
    assert REGISTRY.count(cohort=Cohort.LANDESINITIATIVE) == 22


@pytest.mark.parametrize("slug", sorted(REGISTRY.by_slug))
def test_commune_page_content(built_site, slug):
    c = REGISTRY.by_slug[slug]
    body = article(read_page(built_site, f"kommunen/{slug}"))
    assert f'<h1 id="{slug}">{html.escape(c.name)}</h1>' in body
    assert html.escape(c.official_name) in body
    assert c.type.label in body
    joined = (f"{c.called().capitalize()[:1]}{c.called()[1:]} wurde 2012 als eine von 18 Modellkommunen"
              if c.cohort is Cohort.MODELLPHASE else
              f"{c.called()[:1].upper()}{c.called()[1:]} kam im Januar 2017 als eine von 22 neuen Kommunen")
    assert joined in body
    assert f"Ob {c.called()} heute noch dabei ist, sagen die Quellen dieser Seite nicht." in body
    # What became of the programme: the flagged milestones, dated, with their notes and sources listed.
    sequel = re.search(r'<ul class="kekiz-sequel">(.*?)</ul>', body, re.S).group(1)
    assert len(REGISTRY.programme.sequel) == 2
    for m in REGISTRY.programme.sequel:
        assert f'<time datetime="{m.date.iso}">{m.date.german}</time>: {html.escape(m.label, quote=False)}' in sequel
        assert m.note and html.escape(m.note, quote=False) in sequel
        for source in m.sources:
            assert f'href="{html.escape(source.url)}"' in body
    assert "kinderstark" in sequel and "Kommunale Präventionsketten NRW" in sequel
    assert f'href="../../programm/#{c.cohort.anchor}"' in body
    assert f"<dd>{c.regierungsbezirk}</dd>" in body
    for source in c.sources:
        assert f'href="{html.escape(source.url)}"' in body
    for n in c.notes:
        assert html.escape(n.text, quote=False) in body
    # Every short reference in the text points to an entry of the numbered source list.
    cited = set(re.findall(r'<a href="#(quelle-\d+)">', body))
    listed = set(re.findall(r'<li id="(quelle-\d+)">', body))
    assert cited and cited <= listed
    for st in c.statements:
        shown = html.escape(nest_quotes(st.text) if st.is_quote else st.text, quote=False)
        assert shown in body
        if st.is_quote:
            assert f"„{shown}“" in body
        else:
            assert f"„{shown}“" not in body, "a paraphrase never stands in quotes"
        assert html.escape(st.speaker or "Person in der Quelle nicht genannt", quote=False) in body
        assert (st.date.german if st.date else "Datum unbekannt") in body
        assert body.count(f'id="{st.anchor}"') == 1, "each statement has its own stable anchor"
    if not c.statements:
        assert f"{capfirst(zu(c.called(Case.DATIVE)))} haben wir bisher keine belegte Äußerung gefunden." in body
    assert '<h2 id="quellen">Quellen</h2>' in body
    # No public address configured: the page names the path, never a local address as permanent.
    assert f"<code>/kommunen/{slug}/</code></a> (öffentliche Adresse noch nicht eingestellt)" in body
    assert "127.0.0.1" not in body and "localhost" not in body
    assert "Zitiervorschlag" in body
    assert f'Stand der Angaben</dt>\n<dd><time datetime="{REGISTRY.stand.iso}">' in body
    assert "abgerufen am …" not in body
    # No editors' internals for the public: no registry file or line (the edit links are enough).
    assert "ab Zeile" not in body and "data/communes.yaml" not in body


@pytest.mark.parametrize("kreis,town", [
    ("kreis-warendorf", "ahlen"),
    ("kreis-recklinghausen", "gladbeck"),
])
def test_kreis_and_town_link_each_other(built_site, kreis, town):
    kreis_body = article(read_page(built_site, f"kommunen/{kreis}"))
    town_body = article(read_page(built_site, f"kommunen/{town}"))
    assert f'<a href="../{town}/">' in kreis_body
    assert f'<a href="../{kreis}/">' in town_body


def test_aachen_lies_in_staedteregion(built_site):
    body = article(read_page(built_site, "kommunen/aachen"))
    assert "StädteRegion Aachen (gehört als Kreis nicht zu den 40 Kommunen)" in body
    assert "„Kreis/kreisfreie Stadt: StädteRegion Aachen“" in body  # C3: the sources disagree on how to file Aachen
    assert "Nach seinem Gemeindeschlüssel" not in body, "general knowledge, not in the cited sources"
    # The press release's date: its text says 11.01.2017, elsewhere it is dated 12.01.2017 -> the month only
    assert "„heute (11.01.2017)“" in body and "Stadt Aachen: „Aachen ist mit dabei!“, Januar 2017" in body
    assert "Aachen ist mit dabei!“, 12. Januar 2017" not in body


def test_type_sentence_says_where_each_fact_comes_from(built_site):
    body = article(read_page(built_site, "kommunen/krefeld"))
    assert ("Die Art der Kommune trägt die Redaktion im Register ein; Regierungsbezirk und Kreis ergeben sich "
            "aus dem Amtlichen Gemeindeschlüssel") in body
    assert "Art, Regierungsbezirk und Kreis ergeben sich" not in body


def test_joint_applications_are_shown_with_their_sources(built_site):
    unna = REGISTRY.by_slug["kreis-unna"].joint_application
    assert unna.partners == ("Unna", "Lünen", "Kamen", "Selm", "Bergkamen")
    assert unna.sources[0].url == "http://www.presse-service.de/data.cfm/static/819868F.html"
    body = article(read_page(built_site, "kommunen/kreis-unna"))
    assert "<dt>Gemeinsame Bewerbung</dt>\n<dd>mit Unna, Lünen, Kamen, Selm und Bergkamen" in body
    assert '<h3 id="gemeinsame-bewerbung">' in body and html.escape(unna.text, quote=False) in body
    assert "keine eigene Teilnahme" not in body, "the page must not contradict its own joint application"
    section = body.split('id="gemeinsame-bewerbung"')[1].split("</p>")[1]
    assert 'href="#quelle-' in section
    coesfeld = article(read_page(built_site, "kommunen/kreis-coesfeld"))
    assert "„im Verbund mit den kreisangehörigen Kommunen“" in coesfeld
    assert REGISTRY.by_slug["kreis-coesfeld"].joint_application.partners == ()
    assert sum(1 for c in REGISTRY.communes if c.joint_application) == 2


PRESENT_TENSE_PARTICIPATION = re.compile(r"\b(nimmt|nehmen)\b[^.<]{0,120}?\bteil\b|\bteilnehmen\b|\bteilnimmt\b", re.I)


def _own_text(body: str) -> str:
    """What the site says itself: without quotations, reported statements and source titles or addresses."""
    body = re.sub(r'<figure class="kekiz-statement.*?</figure>', "", body, flags=re.S)
    body = re.sub(r"<a [^>]*>.*?</a>|<span class=\"kekiz-url\">.*?</span>", "", body, flags=re.S)
    return re.sub(r"„[^“]*“", "", re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("page", ["kommunen"] + [f"kommunen/{slug}" for slug in sorted(REGISTRY.by_slug)])
def test_no_present_tense_claim_of_participation(built_site, page):
    text = read_page(built_site, page)
    description = re.search(r'<meta name="description" content="([^"]*)"', text)
    own = _own_text(article(text)) + " " + html.unescape(description.group(1) if description else "")
    assert not PRESENT_TENSE_PARTICIPATION.search(own), PRESENT_TENSE_PARTICIPATION.search(own).group(0)


def test_present_tense_check_catches_the_old_wording():
    assert PRESENT_TENSE_PARTICIPATION.search("Dortmund nimmt seit 2012 an „Kein Kind zurücklassen!“ teil")
    assert PRESENT_TENSE_PARTICIPATION.search("40 Kommunen nehmen an dem Programm teil")
    assert not PRESENT_TENSE_PARTICIPATION.search("Dortmund wurde 2012 als Modellkommune ausgewählt.")


def test_cohort_fragment_speaks_in_the_past(built_site):
    body = article(read_page(built_site, "programm"))
    own = _own_text(body)
    assert not PRESENT_TENSE_PARTICIPATION.search(own)
    assert "18 Kommunen wurden 2012 als Modellkommunen ausgewählt" in body
    assert "22 Kommunen kamen im Januar 2017 hinzu" in body
    assert "„in den kommenden zwei Jahren als Vertiefungskommunen“" in body  # the source's words, not ours


def test_kreis_names_take_article_and_case(built_site):
    rbk = read_page(built_site, "kommunen/rheinisch-bergischer-kreis")
    assert "Der Rheinisch-Bergische Kreis kam im Januar 2017" in rbk
    assert '<meta name="description" content="Der Rheinisch-Bergische Kreis (Regierungsbezirk Köln) kam 2017' in rbk
    assert '<meta name="description" content="Der Kreis Unna (Regierungsbezirk Arnsberg) wurde 2012' in \
        read_page(built_site, "kommunen/kreis-unna")
    assert "Zum Kreis Warendorf haben wir bisher keine belegte Äußerung gefunden." in \
        read_page(built_site, "kommunen/kreis-warendorf")
    overview = article(read_page(built_site, "kommunen"))
    assert "kreisangehörige Stadt im Rhein-Kreis Neuss" in overview
    assert "kreisangehörige Stadt im Oberbergischen Kreis" in overview
    assert "kreisfreie Stadt in der StädteRegion Aachen" in overview


def test_nested_quotes_become_single_inside_double(built_site):
    duesseldorf = article(read_page(built_site, "kommunen/duesseldorf"))
    assert "am Modellvorhaben des Landes und der Bertelsmann-Stiftung ‚Kein Kind zurücklassen‘ teilnehmen kann“" in duesseldorf
    krefeld = article(read_page(built_site, "kommunen/krefeld"))
    assert "„SPD-Fraktion fordert Teilnahme der Stadt Krefeld am Modellvorhaben ‚Kein Kind zurücklassen‘ der Landesregierung“" in krefeld
    for page in ("kommunen/duesseldorf", "kommunen/krefeld", "kommunen/neuss", "kommunen/leverkusen"):
        for quoted in re.findall(r"„([^“]*)“", _own_text(article(read_page(built_site, page)))):
            assert "„" not in quoted


def test_statements_from_one_source_are_grouped(built_site):
    body = article(read_page(built_site, "kommunen/krefeld"))
    group = body.split('<div class="kekiz-statement-group">')[1].split("</div>")[0]
    assert "Quelle der folgenden 5 Äußerungen" in group and "Ina Spanier-Oppermann" in group
    assert group.count('<figure class="kekiz-statement') == 5
    assert group.count("kekiz-sources") == 1, "the source is named once for the group"
    for i in ("", "-2", "-3", "-4", "-5"):
        assert f'id="aeusserung-spanier-oppermann-undatiert{i}"' in group


def test_source_labels_tell_sources_apart(built_site):
    body = article(read_page(built_site, "kommunen/kreis-unna"))
    labels = re.findall(r'<li id="quelle-\d+"><a [^>]*>([^<]*)</a>', body)
    assert len(labels) == len(set(labels)), labels
    assert "Kreis Unna (über presse-service.de), …/830761.html" in labels


def test_over_reach_fixed_in_details(built_site):
    neuss = article(read_page(built_site, "kommunen/neuss"))
    assert "Neusser Internetseite" not in neuss and "Fundort und Verfasser nicht bekannt" in neuss
    leverkusen = article(read_page(built_site, "kommunen/leverkusen"))
    assert "schließen wir aus dem Briefkopf" in leverkusen
    dortmund = article(read_page(built_site, "kommunen/dortmund"))
    note = dortmund.split("31. Dezember 2014")[1].split("</div>")[0]
    assert "„in der 1. Phase bis 2015“" in note and "Bertelsmann" not in note


def test_kinderstark_listing_is_dated_and_witten_absence_stated(built_site):
    for slug in ("dortmund", "kreis-warendorf"):
        body = article(read_page(built_site, f"kommunen/{slug}"))
        assert "unter „Modellkommunen seit 2012“" in body and "Wann die gespeicherte Fassung entstand" in body
    witten = article(read_page(built_site, "kommunen/witten"))
    assert "lässt Witten aus" in witten and "17 Kommunen" in witten


def test_overview_lists_all_by_cohort_with_computed_counts(built_site):
    body = article(read_page(built_site, "kommunen"))
    for cohort in Cohort:
        members = REGISTRY.in_cohort(cohort)
        section = body.split(f'id="{cohort.anchor}"')[1].split("<h2")[0]
        assert f"({len(members)})" in section
        for c in members:
            assert f'<a href="{c.slug}/">{html.escape(c.name)}</a>' in section
            assert c.regierungsbezirk in section
        for t in CommuneType:
            n = REGISTRY.count(cohort=cohort, type=t)
            if n:
                assert f"{n} {t.plural if n != 1 else t.label}" in section
    assert f"gehörten nach den Quellen {len(REGISTRY.communes)} Kommunen" in body
    assert "„kinderstark – NRW schafft Chancen“" in body and "Ob diese Kommunen heute noch dabei sind" in body
    assert len(set(re.findall(r'<a href="([a-z0-9-]+)/">', body))) == 40


def test_commune_pages_are_not_in_the_sidebar(built_site):
    home = read_page(built_site, "")
    main = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', home, re.S).group(1)
    chrome = home.replace(main, "")  # header, sidebars and footer of every page
    assert not re.search(r'href="kommunen/[a-z0-9-]+/"', chrome)
    assert 'href="kommunen/"' in chrome


def test_search_index_is_german_and_local(built_site):
    config = read_page(built_site, "")
    assert '"lang": ["de"]' in config or "lunr.de" in (built_site / "assets/javascripts/lunr/min").as_posix() \
        or (built_site / "assets/javascripts/lunr/min/lunr.de.min.js").exists()
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["de"]' in index.replace(" ", "")
    assert "Krefeld" in index


def test_no_resource_from_another_host(built_site):
    for file in built_site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|srcset|data)="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", attr), f"{file}: {attr}"
        for href in re.findall(r'<link[^>]+href="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", href), f"{file}: {href}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def hostile_registry(tmp_path: Path) -> Path:
    text = replace_line(BASE, 24, '      - text: "<script>alert(1)</script> & <b>fett</b>"')
    text = replace_line(text, 27, '        role: "Bürgermeisterin\\" onmouseover=\\"alert(1)"')
    text = replace_line(text, 21, '        title: "</title><script>alert(2)</script>"')
    path = tmp_path / "communes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_text_is_escaped_everywhere(tmp_path):
    site = tmp_path / "site"
    result = run_mkdocs_build(site, registry=hostile_registry(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    for file in site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        assert "<script>alert" not in text, file
        assert "<b>fett</b>" not in text, file
        assert 'onmouseover="alert' not in text, file
    body = read_page(site, "kommunen/ahlen")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;" in body
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index


def test_former_slug_redirects_to_the_page(tmp_path):
    site = tmp_path / "site"
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")
    result = run_mkdocs_build(site, registry=registry)
    assert result.returncode == 0, result.stdout + result.stderr
    stub = (site / "kommunen" / "ahlen-alt" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../ahlen/">' in stub
    assert "canonical" not in stub  # no public address configured: no canonical link at all
    assert '<a href="../ahlen/">Ahlen</a>' in stub
    assert "<script" not in stub
    assert (site / "kommunen" / "ahlen" / "index.html").exists()


def test_builds_are_reproducible(tmp_path, built_site):
    """Same input, same bytes, on any day: the second build believes it is 1 January 2001
    (MkDocs takes its build date from SOURCE_DATE_EPOCH; sitemap and its gzip header used it)."""
    again = tmp_path / "again"
    result = run_mkdocs_build(again, extra_env={"SOURCE_DATE_EPOCH": "978307200"})
    assert result.returncode == 0, result.stdout + result.stderr
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(built_site, again, [str(p) for p in first], shallow=False)
    assert not mismatch and not errors, mismatch + errors
    assert "sitemap.xml.gz" in {str(p) for p in first} and "2001-01-01" not in (again / "sitemap.xml").read_text()


def test_a_group_without_context_names_none():
    """Statements that share a source and all lack a context: the group heading says nothing of
    a context (it once printed "· None")."""
    from dataclasses import replace

    from kekiz.site.context import SiteContext
    from kekiz.site.pages.communes import commune_page
    krefeld = REGISTRY.by_slug["krefeld"]
    first = krefeld.statements[0]
    twins = tuple(replace(first, id=f"{first.id}-{i}", context=None) for i in range(2))
    page = commune_page(REGISTRY, replace(krefeld, statements=twins), SiteContext(site_name="Test")).html
    heading = page.split('<p class="kekiz-statement-group__source">')[1].split("</p>")[0]
    assert "Quelle der folgenden 2 Äußerungen" in heading
    assert "None" not in page and not re.search(r"·\s*<br>", heading)
