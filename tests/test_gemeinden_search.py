"""The site search in Chromium: a Kreis is found first under its name, a town under its own."""

from __future__ import annotations

import pytest

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
