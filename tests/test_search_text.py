"""What the site search finds: parts every page repeats (source lists, citation suggestions,
the cohort's summary) carry Material's documented `data-search-exclude`, so the indexer skips
them; the pages themselves are printed in full."""

from __future__ import annotations

import json
import re
from pathlib import Path

from material.plugins.search.plugin import Parser

from conftest import read_page


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """(id, title, text without white space) of each section, as Material's indexer divides them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), re.sub(r"\s+", "", "".join(s.text)))
            for s in parser.data if not s.is_excluded()]


def test_citation_suggestions_and_source_lists_are_printed_but_not_indexed(built_site: Path):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    krefeld = [d for d in index["docs"] if d["location"].startswith("kommunen/krefeld/")]
    assert krefeld and not any("Zitiervorschlag:" in d["text"] for d in krefeld)
    assert not any(d["location"].endswith(("#quellen", "#zitieren")) for d in krefeld)
    page = read_page(built_site, "kommunen/krefeld")
    assert "Zitiervorschlag" in page and 'id="quellen"' in page
    assert not any(d["location"].startswith("presse/") and "Zitiervorschlag:" in d["text"] for d in index["docs"])


def test_no_index_entry_is_an_empty_section(built_site: Path):
    """A heading inside an excluded part must be excluded itself, or the indexer adds an entry
    for it with no text, titled with the page's title."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    page_titles = {d["location"]: d["title"] for d in index["docs"] if "#" not in d["location"]}
    empty = [d["location"] for d in index["docs"] if "#" in d["location"] and not d["text"]
             and d["title"] == page_titles.get(d["location"].split("#")[0])]
    assert not empty


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
