"""The three forms of a statement are labelled truthfully wherever a statement appears.

- quote: the source prints the words in quotation marks; the site shows a quotation.
- unquoted: the source's own words, printed there without quotation marks; shown without them, with
  the badge „Wortlaut der Quelle, dort ohne Anführungszeichen“.
- reported: a paraphrase (indirect speech); shown with „Sinngemäß wiedergegeben (indirekte Rede)“ and
  never inside quotation marks.

Checked on the Kommune pages, the press pages, the feeds and in the citation suggestions, against a
table written out by hand (the fact-check's list), so a changed form in the data fails here too.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree

import pytest

from kekiz.model.registry import PlacedStatement, StatementForm
from kekiz.site import paths
from kekiz.site.citations import FORM_BADGE, FORM_CITED, placed_citation
from kekiz.sources.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)
ATOM = "{http://www.w3.org/2005/Atom}"

# (Kommune slug or None for the programme, statement id): the source prints these words without
# quotation marks (fact-check W2: seed 003, seed 001 twice, three kinderstark/press texts).
UNQUOTED = {
    ("duesseldorf", "keller-undatiert"),
    ("leverkusen", "dogan-2016-11-11"),
    ("kreis-coesfeld", "pellengahr-undatiert"),
    ("gummersbach", "helmenstein-undatiert"),
    ("neuss", "ohne-namen-undatiert"),
    ("neuss", "ohne-namen-undatiert-2"),
}
# True paraphrases: Brötz, Breuer, Kampmann (January 2017).
REPORTED = {
    ("aachen", "broetz-2017-01-12"),
    ("neuss", "breuer-2017-01"),
    (None, "kampmann-2017-01"),
}
UNQUOTED_BADGE = "Wortlaut der Quelle, dort ohne Anführungszeichen"
REPORTED_BADGE = "Sinngemäß wiedergegeben (indirekte Rede)"
QUOTE_MARKS = "„“”\"«»‚‘"


def _key(item: PlacedStatement) -> tuple[str | None, str]:
    return (item.commune.slug if item.commune else None, item.statement.id)


ITEMS = {_key(i): i for i in REGISTRY.placed_statements}
NOT_QUOTES = sorted(UNQUOTED | REPORTED, key=str)


def _expected_badge(key) -> str:
    return UNQUOTED_BADGE if key in UNQUOTED else REPORTED_BADGE


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _element(page: str, element_id: str, tag: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start:page.index(f"</{tag}>", start)]


def _not_in_quotation_marks(text: str, words: str) -> None:
    """Every occurrence of `words` in `text` stands without an opening quotation mark before it."""
    head = re.escape(words[:40])
    assert re.search(head, text), f"not shown: {words[:40]}"
    quoted = re.search(rf"[{QUOTE_MARKS}]\s*{head}", text)
    assert not quoted, f"in quotation marks: {quoted.group(0)}"


# ---------------------------------------------------------------- the data and the labels

def test_the_registry_has_exactly_the_forms_of_the_table():
    for key, item in ITEMS.items():
        expected = (StatementForm.UNQUOTED if key in UNQUOTED else
                    StatementForm.REPORTED if key in REPORTED else StatementForm.QUOTE)
        assert item.statement.form is expected, key
    assert UNQUOTED | REPORTED <= set(ITEMS)


def test_badges_and_citation_words_say_what_each_form_is():
    assert FORM_BADGE == {StatementForm.UNQUOTED: UNQUOTED_BADGE, StatementForm.REPORTED: REPORTED_BADGE}
    assert FORM_CITED[StatementForm.QUOTE] == "Zitat"
    assert "ohne Anführungszeichen" in FORM_CITED[StatementForm.UNQUOTED]
    assert "sinngemäß" in FORM_CITED[StatementForm.REPORTED] and "indirekte Rede" in FORM_CITED[StatementForm.REPORTED]
    for words in FORM_BADGE.values():
        assert "kein wörtliches Zitat" not in words and "nicht als Zitat gekennzeichnet" not in words


# ---------------------------------------------------------------- citation suggestions

@pytest.mark.parametrize("key", sorted(ITEMS, key=str))
def test_citation_names_the_form_and_what_is_known_of_the_date(key):
    item = ITEMS[key]
    st = item.statement
    line = placed_citation(item, site_name="Website", site_url=None, stand=REGISTRY.stand)
    assert f"; {FORM_CITED[st.form]})" in line
    if st.form is not StatementForm.REPORTED:
        assert "sinngemäß" not in line
    assert "nach Herausgeber nicht genannt" not in line and "Datum unbekannt" not in line
    if st.date:
        assert f"({st.date.german};" in line and "erfasst am" not in line
    elif st.context:
        assert f"; {st.context};" in line
    else:
        assert "Datum nicht bekannt" in line or "Datum der Äußerung nicht genannt, Quelle vom" in line \
            or "Datum der Äußerung nicht genannt, Quelle von" in line
        assert f"auf dieser Website erfasst am {st.added.german}" in line
    if st.source.publisher:
        assert f"nach {st.source.publisher}" in line
    elif st.source.title:
        assert "(Herausgeber nicht bekannt)" in line
    if not st.source.url:
        assert "keine Web-Adresse bekannt" in line


def test_citation_of_an_undated_statement_without_publisher_reads_plainly():
    line = placed_citation(ITEMS[("neuss", "ohne-namen-undatiert")], site_name="Website", site_url=None,
                           stand=REGISTRY.stand)
    assert line.startswith("Person in der Quelle nicht genannt (Datum nicht bekannt; Beitrag „‚Kein Kind "
                           "zurücklassen‘ – Neuss wird Modellkommune!“; Fundort und Verfasser nicht bekannt; Wortlaut "
                           "der Quelle, dort ohne Anführungszeichen), nach „‚Kein Kind zurücklassen‘ – Neuss wird "
                           "Modellkommune!“ (Herausgeber nicht bekannt), keine Web-Adresse bekannt. Zitiert nach: "
                           "Website, Neuss, /kommunen/neuss/#aeusserung-ohne-namen-undatiert (auf dieser Website "
                           "erfasst am 21. November 2026; Stand der Angaben: ")


# ---------------------------------------------------------------- Kommune pages and /presse/programm/

@pytest.mark.parametrize("key", NOT_QUOTES)
def test_home_page_of_the_statement_labels_it(built_site, key):
    item = ITEMS[key]
    st = item.statement
    if item.commune:
        figure = _element(read_page(built_site, item.commune.path.rstrip("/")), st.anchor, "figure")
        assert "<blockquote" not in figure
        assert f'<span class="kekiz-badge">{_expected_badge(key)}</span>' in figure
        words = _plain(figure)
        _not_in_quotation_marks(words, st.text)
        assert f"; {FORM_CITED[st.form]})" in words
    for path in ({paths.PROGRAMME_STATEMENTS_PATH} if not item.commune else
                 {paths.PRESS_PATH, paths.press_cohort_path(item.commune.cohort),
                  paths.press_commune_path(item.commune)}):
        page = read_page(built_site, path.rstrip("/"))
        article = _element(page, item.dom_id, "article")
        assert "<blockquote" not in article, path
        assert f'<span class="kekiz-badge">{_expected_badge(key)}</span>' in article, path
        words = _plain(article)
        _not_in_quotation_marks(words, st.text)
        assert f"; {FORM_CITED[st.form]})" in words, path


def test_quotes_carry_no_badge(built_site):
    for key, item in ITEMS.items():
        if key in UNQUOTED | REPORTED:
            continue
        article = _element(read_page(built_site, "presse"), item.dom_id, "article")
        assert "<blockquote" in article and "kekiz-badge" not in article, key


# ---------------------------------------------------------------- feeds

def _feed_entries(built_site):
    for feed in sorted((built_site / "feeds").rglob("*.xml")):
        for entry in ElementTree.parse(feed).getroot().iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link").get("href")
            yield feed, link, entry.find(f"{ATOM}content").text


def test_feeds_label_each_form(built_site):
    seen = set()
    for feed, link, content in _feed_entries(built_site):
        for key in ITEMS:
            item = ITEMS[key]
            if not link.endswith(f"#{item.anchor}") or (item.commune and f"/{item.commune.slug}/" not in link):
                continue
            seen.add(key)
            first = content.split("\n", 1)[0]
            if key in UNQUOTED | REPORTED:
                assert first == f"{_expected_badge(key)}: {item.statement.text}", (feed.name, key)
                _not_in_quotation_marks(content, item.statement.text)
            else:
                assert first.startswith("„") and first.endswith("“"), (feed.name, key)
    assert UNQUOTED | REPORTED <= seen


# ---------------------------------------------------------------- nowhere in quotation marks

def test_paraphrases_never_stand_in_quotation_marks_anywhere(built_site):
    """Every page and feed of the site: a reported statement's words never follow a quotation mark."""
    files = sorted(built_site.rglob("*.html")) + sorted((built_site / "feeds").rglob("*.xml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        for key in REPORTED:
            words = ITEMS[key].statement.text
            if words[:40] in text:
                _not_in_quotation_marks(text, words)
