"""The site search in Chromium: a Kreis is found first under its name, a town under its own, also
typed without umlauts (ae/oe/ue/ss or a/o/u) and with one typo (docs/assets/javascripts/workers/kekiz-search.js)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from kekiz.model.gemeinden import slugify

from conftest import ROOT

from test_browser import browser, playwright_api, server  # noqa: F401  (fixtures: Chromium, the built site)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query, first", [
    ("Kreis Olpe", "gemeinden/#kreis-olpe"),                    # a Kreis that did not take part: its A–Z section
    ("Hochsauerlandkreis", "gemeinden/#hochsauerlandkreis"),
    ("Kreis Recklinghausen", "kommunen/kreis-recklinghausen/"),  # a Kreis that did: its Kommune page
    ("Olpe", "gemeinden/olpe/"),                                # the town of that name
    ("Herten", "gemeinden/herten/"),
])
def test_search_lists_the_kreis_or_the_town_first(search_page, query, first):
    page = search_page
    # The search runs on key presses: fill all but the last letter silently, then type it,
    # so no results of a part of the query come in between.
    page.locator("input.md-search__input").fill(query[:-1])
    page.locator("input.md-search__input").type(query[-1])
    term = query.split()[-1].lower()  # results of this query carry it in their highlight parameter
    page.wait_for_function("t => [...document.querySelectorAll('.md-search-result__link')]"
                           ".some(a => new URL(a.href).searchParams.get('h')?.split(' ').includes(t))", arg=term)
    hrefs = page.locator(".md-search-result__item .md-search-result__link").evaluate_all(
        "els => els.map(a => { const u = new URL(a.href); return u.pathname.slice(1) + u.hash; })")
    # the first page listed, or a section of it, is the expected one
    assert first in hrefs[:2], (query, hrefs[:4])
    if first.startswith("gemeinden/#"):
        assert hrefs[0] == "gemeinden/" and hrefs[1] == first
    else:
        assert hrefs[0] == first


@pytest.fixture(scope="module")
def search_page(browser, server):
    from test_browser import Visit
    visit = Visit(browser, server)
    visit.page.goto(server)
    search = visit.page.locator("input.md-search__input")
    search.click()
    for _ in range(20):  # the search worker loads its index first; until then a query shows nothing
        search.fill("")
        search.type("Essen")
        try:
            visit.page.wait_for_function(
                "document.querySelector('.md-search-result__meta').innerText.match(/\\d/)", timeout=3_000)
            break
        except playwright_api.TimeoutError:
            continue
    yield visit.page
    assert visit.foreign == [] and visit.errors == [], (visit.foreign, visit.errors)
    visit.close()


def _results_for(page, query: str) -> list[str]:
    """Type a query as a person does (the search runs on key presses) and return the result pages in
    order. A query without results comes first, so no list of an earlier query is read."""
    box = page.locator("input.md-search__input")
    box.fill("xq")
    box.press("z")
    page.wait_for_function("document.querySelector('.md-search-result__list').children.length === 0")
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function("document.querySelector('.md-search-result__list').children.length > 0", timeout=5_000)
    hrefs = page.locator(".md-search-result__list > li > a").evaluate_all(
        "els => els.map(a => new URL(a.href).pathname.slice(1))")
    return list(dict.fromkeys(hrefs))


@pytest.mark.parametrize("query, first", [
    ("Guetersloh", "gemeinden/guetersloh/"),        # ue for ü
    ("Gutersloh", "gemeinden/guetersloh/"),         # u for ü
    ("Muelheim", "kommunen/muelheim-an-der-ruhr/"),
    ("Moenchengladbach", "kommunen/moenchengladbach/"),
    ("Dusseldorf", "kommunen/duesseldorf/"),
    ("Bilefeld", "kommunen/bielefeld/"),            # one letter missing
    ("Dormagn", "kommunen/dormagen/"),
    ("Bielefedl", "kommunen/bielefeld/"),           # one letter wrong
    ("Gütersloh", "gemeinden/guetersloh/"),         # and as written
    ("Kreis Minden-Luebbecke", "gemeinden/"),       # a hyphen inside a name: its Kreis section on the A–Z page
])
def test_search_forgives_spelling(search_page, query, first):
    assert _results_for(search_page, query)[0] == first


def _ascii_spellings(name: str) -> set[str]:
    umlauts = name
    for letter, ascii in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        umlauts = umlauts.replace(letter, ascii)
    bare = unicodedata.normalize("NFD", name.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return {umlauts, bare}


def test_every_gemeinde_is_found_by_its_ascii_spellings(search_page, built_site):
    """All 396 Gemeinden of the boundary data, each typed without umlauts (both ways): its page (or
    the Kommune page it redirects to) is among the first three results."""
    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))
    missed = []
    for gemeinde in geo["gemeinden"]:
        slug = slugify(gemeinde["name"])
        stub = (built_site / "gemeinden" / slug / "index.html").read_text(encoding="utf-8")
        moved = re.search(r'http-equiv="refresh" content="0; url=\.\./\.\./([^"]+)"', stub)
        target = moved.group(1) if moved else f"gemeinden/{slug}/"
        for query in sorted(_ascii_spellings(gemeinde["name"])):
            found = _results_for(search_page, query)
            if target not in found[:3]:
                missed.append((query, target, found[:3]))
    assert len(geo["gemeinden"]) == 396 and missed == [], missed
