"""What the search indexer reads of a generated page: only what it keeps (headings, text and a few
tags), so that indexing costs less, and never less than it would have found in the full page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from kekiz.pages import SiteContext
from kekiz.registry import load_project
from kekiz.searchtext import searched
from kekiz.site import build_site

from conftest import ROOT, read_page


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """(id, title, text without white space) of each section, as Material's indexer divides them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), re.sub(r"\s+", "", "".join(s.text)))
            for s in parser.data if not s.is_excluded()]


@pytest.fixture(scope="module")
def generated_pages() -> dict[str, str]:
    registry = load_project(ROOT)
    site = build_site(registry, SiteContext(site_name="Test"), ROOT)
    return {uri: page.html for uri, page in site.pages.items()}


def test_the_indexer_finds_in_the_reduced_page_what_it_found_in_the_full_one(generated_pages):
    assert len(generated_pages) > 400
    for uri, html in generated_pages.items():
        full, reduced = searched(html, generated=False), searched(html, generated=True)
        assert sections(reduced) == sections(full), uri


def test_kommune_pages_are_reduced_to_headings_text_and_kept_tags(generated_pages):
    for uri, html in generated_pages.items():
        if uri.startswith("kommunen/") and uri.count("/") == 2:
            reduced = searched(html, generated=True)
            tags = set(re.findall(r"</?([a-z0-9]+)", reduced))
            assert tags <= {"h1", "h2", "h3", "p", "code", "li", "ul", "ol"}, (uri, tags)
            assert len(reduced) < len(html) / 3, uri


@pytest.mark.parametrize("page", [
    '<h1 id="a">A</h1><div><h2 id="b">B</h2><p>x</p></div><p>y</p>',  # the indexer ends B's section with the div
    '<h1 id="a">A</h1><p data-search-exclude>x</p><p>y</p>',
    '<h1 id="a">A</h1><script>var x = "<p>";</script>',
    '<h1 id="a">A</h1><pre>  a\n   b</pre>',
])
def test_pages_the_reduction_cannot_follow_are_left_as_they_are(page):
    assert searched(page, generated=True) == page


def test_words_in_neighbouring_cells_stay_apart(built_site: Path):
    """The full page gave the indexer "Amtlicher NameStadt Krefeld" (one word "NameStadt")."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    krefeld = next(d for d in index["docs"] if d["location"] == "kommunen/krefeld/")
    assert "Amtlicher Name Stadt Krefeld" in krefeld["text"]
    assert "Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen" in krefeld["text"]


def test_text_every_kommune_page_repeats_is_found_on_the_programme_pages_only(built_site: Path):
    """The cohort's summary and "Wie es weiterging" are the same on every Kommune page of a cohort:
    indexed there, a search for them listed 18 or 40 Kommune pages before the explainer."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    for words in ("Vertiefungskommunen", "Förderaufruf 2020", "heute noch dabei ist"):
        found = {d["location"] for d in index["docs"] if words in d["text"]}
        assert not {loc for loc in found if re.match(r"kommunen/[^/]+/", loc)}, (words, found)
    assert any("Vertiefungskommunen" in d["text"] for d in index["docs"] if d["location"].startswith("programm/"))
    krefeld = read_page(built_site, "kommunen/krefeld")
    assert "Vertiefungskommunen" in krefeld and "Wie es mit dem Programm weiterging" in krefeld  # still on the page
