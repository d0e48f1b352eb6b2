"""What the site search reads of a page: everything but the parts every other page repeats
(source lists, citation suggestions, the cohort's summary) and SVGs. The adapter hands the
search the page with placeholders and the theme puts the parts back (kekiz.adapter.search)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from kekiz.adapter.search import PLACEHOLDER, SITE_WORKER, fill, hold_back, search_worker
from kekiz.site import build_site
from kekiz.site.context import UNSEARCHED_END, UNSEARCHED_START, SiteContext
from kekiz.sources import load_inputs

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
    site = build_site(load_inputs(ROOT), SiteContext(site_name="Test"))
    return {uri: page.html for uri, page in site.pages.items()}


def test_every_generated_page_is_printed_whole_and_searched_without_its_held_back_parts(generated_pages):
    assert len(generated_pages) > 400
    for uri, html in generated_pages.items():
        searched, parts = hold_back(html)
        assert str(fill(searched, parts)) == html.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, ""), uri
        assert "kekiz:unsearched" not in searched and "<svg" not in searched, uri
        assert searched.count(PLACEHOLDER) == len(parts), uri


def test_kommune_pages_give_the_search_their_own_words_only(generated_pages):
    krefeld, _ = hold_back(generated_pages["kommunen/krefeld/index.md"])
    text = " ".join(t for _, _, t in sections(krefeld))
    assert "Krefeld" in text and "Zitiervorschlag" not in text and "Vertiefungskommunen" not in text


def test_parts_held_back_from_the_search_are_printed_without_markers():
    parts = [f"<p>Absatz {i}</p>{UNSEARCHED_START}<span>Zitiervorschlag {i}</span>{UNSEARCHED_END}"
             f"<svg><path d='M{i} 0'/></svg>" for i in range(3000)]
    page = "<h1>Presse</h1>" + "".join(parts)
    searched, held_back = hold_back(page)
    assert "Zitiervorschlag" not in searched and "<svg" not in searched and "Absatz 2999" in searched
    printed = str(fill(searched, held_back))
    assert printed == page.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")
    assert "kekiz:unsearched" not in printed and printed.count("Zitiervorschlag") == 3000


def test_a_held_back_part_that_is_not_closed_leaves_the_rest_to_the_indexer():
    page = f"<p>a</p>{UNSEARCHED_START}<p>b</p>{UNSEARCHED_END}<p>c</p><svg><p>d</p></svg><p>e</p><svg><p>f</p>"
    searched, parts = hold_back(page)
    assert searched == f"<p>a</p>{PLACEHOLDER}<p>c</p>{PLACEHOLDER}<p>e</p><svg><p>f</p>"
    assert parts == ["<p>b</p>", "<svg><p>d</p></svg>"]
    unclosed, _ = hold_back(f"<p>a</p>{UNSEARCHED_START}<p>b</p>")
    assert unclosed == "<p>a</p><p>b</p>"  # the marker itself is never printed


def test_a_page_whose_placeholders_do_not_match_is_printed_as_the_search_got_it():
    assert str(fill(f"<p>a</p>{PLACEHOLDER}", [])) == f"<p>a</p>{PLACEHOLDER}"


def test_holding_back_reads_the_page_a_bounded_number_of_times():
    """The press pages hold thousands of held-back parts and no SVG: once, looking for the next
    SVG from every part to the end of the page made a 5 MB page take minutes."""

    class CountedPage(str):
        """A page that counts the characters its searches read."""
        read = 0

        def find(self, sub, start=0, *rest):
            found = str.find(self, sub, start, *rest)
            CountedPage.read += (found if found >= 0 else len(self)) - start
            return found

    page = CountedPage("".join(f"<p>Absatz {i}</p>{UNSEARCHED_START}<p>Zitat {i}</p>{UNSEARCHED_END}<svg></svg>"
                               if i % 100 == 0 else f"<p>Absatz {i}</p>{UNSEARCHED_START}<p>Zitat {i}</p>{UNSEARCHED_END}"
                               for i in range(5_000)))
    searched, _ = hold_back(page)
    assert searched.count("Absatz") == 5_000
    assert CountedPage.read < 4 * len(page), CountedPage.read / len(page)


def test_no_index_entry_is_an_empty_section(built_site: Path):
    """A heading inside a held-back part would give an entry with no text, titled with the page's title."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    page_titles = {d["location"]: d["title"] for d in index["docs"] if "#" not in d["location"]}
    empty = [d["location"] for d in index["docs"] if "#" in d["location"] and not d["text"]
             and d["title"] == page_titles.get(d["location"].split("#")[0])]
    assert not empty


def test_words_in_neighbouring_cells_stay_apart(built_site: Path):
    """The indexer runs the text of adjacent elements together ("Amtlicher NameStadt Krefeld"):
    the templates put a line break between cells."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    krefeld = next(d for d in index["docs"] if d["location"] == "kommunen/krefeld/")
    assert "Amtlicher Name Stadt Krefeld" in krefeld["text"]
    assert "Kein Kind zurücklassen! Für ganz Nordrhein-Westfalen" in krefeld["text"]
    assert not re.search(r"[a-zäöüß][A-ZÄÖÜ][a-zäöüß]+ ", " ".join(d["text"] for d in index["docs"]
                                                                   if d["location"].startswith("kommunen/krefeld")))


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


def test_search_worker_setting_names_the_site_worker_and_materials():
    block = '<script id="__config" type="application/json">{"search": "../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
    assert search_worker(block) == block.replace(
        "workers/search.a7633da7.min.js", f"workers/{SITE_WORKER}?material=search.a7633da7.min.js")
    assert search_worker("<p>no setting</p>") == "<p>no setting</p>"


def test_every_page_uses_the_forgiving_search_worker(built_site):
    workers = built_site / "assets" / "javascripts" / "workers"
    assert (workers / SITE_WORKER).is_file()
    for page in ("", "kommunen/krefeld", "gemeinden/herten", "presse/kommunen/krefeld"):
        setting = re.search(r'"search": "([^"]+)"', read_page(built_site, page)).group(1)
        name, _, material = setting.rpartition("/")[2].partition("?material=")
        assert name == SITE_WORKER and (workers / material).is_file(), setting
