"""Build the real site into a temporary folder and read what a visitor would get."""

from __future__ import annotations

import filecmp
import html
import re
from pathlib import Path

import pytest

from kekiz.model import Cohort, CommuneType
from kekiz.registry import load_project

from conftest import ROOT, read_page, run_mkdocs_build
from registry_fixtures import BASE, replace_line

REGISTRY = load_project(ROOT)



def article(text: str) -> str:
    """The main content, without Material's header, navigation and footer."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
    assert match, "page has no article"
    return match.group(1)


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
    assert f"seit {c.cohort.value}" in body and f'href="../../programm/#{c.cohort.anchor}"' in body
    assert f"<dd>{c.regierungsbezirk}</dd>" in body
    for source in c.sources:
        assert f'href="{html.escape(source.url)}"' in body
    for st in c.statements:
        assert html.escape(st.text, quote=False) in body
        if st.is_quote:
            assert f"„{html.escape(st.text, quote=False)}“" in body
        else:
            assert f"„{html.escape(st.text, quote=False)}“" not in body, "a paraphrase never stands in quotes"
        assert html.escape(st.speaker or "Person in der Quelle nicht genannt", quote=False) in body
        assert (st.date.german if st.date else "Datum unbekannt") in body
        assert body.count(f'id="{st.anchor}"') == 1, "each statement has its own stable anchor"
    if not c.statements:
        assert "keine belegte Äußerung" in body
    assert '<h2 id="quellen">Quellen</h2>' in body
    assert f"http://127.0.0.1:8000/kommunen/{slug}/" in body  # permalink (local default site_url)
    assert "Zitiervorschlag" in body
    assert f'Stand der Angaben</dt><dd><time datetime="{REGISTRY.stand.iso}">' in body
    assert "abgerufen am …" not in body
    assert f"Eintrag <code>{slug}</code> ab Zeile {c.line}" in body


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
    assert "StädteRegion Aachen (nimmt nicht als Kreis teil)" in body
    assert "widersprechen sich" in body  # C3: the sources disagree on how to file Aachen


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
    assert f"{len(REGISTRY.communes)} Kommunen nehmen" in body
    assert len(set(re.findall(r'<a href="([a-z0-9-]+)/">', body))) == 40


def test_commune_pages_are_not_in_the_sidebar(built_site):
    home = read_page(built_site, "")
    chrome = home.replace(article(home), "")  # header, sidebars and footer of every page
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
            assert not re.match(r"(https?:)?//", href) or "127.0.0.1" in href, f"{file}: {href}"
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
    assert '<link rel="canonical" href="http://127.0.0.1:8000/kommunen/ahlen/">' in stub
    assert '<a href="../ahlen/">Ahlen</a>' in stub
    assert "<script" not in stub
    assert (site / "kommunen" / "ahlen" / "index.html").exists()


def test_builds_are_reproducible(tmp_path, built_site):
    again = tmp_path / "again"
    result = run_mkdocs_build(again)
    assert result.returncode == 0, result.stdout + result.stderr
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(built_site, again, [str(p) for p in first], shallow=False)
    assert not mismatch and not errors, mismatch + errors
