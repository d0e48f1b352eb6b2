"""The Glossar (src/kekiz/glossary.py, data/glossary.yaml): loading, the page, links on first use."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from kekiz.sources.diagnostics import RegistryError
from kekiz.model.glossary import Glossary, Term
from kekiz.site.glossary import glossary_fragment, link_first_uses, name_forms
from kekiz.sources.glossary import load_glossary

from conftest import ROOT

GLOSSARY = load_glossary(ROOT)


def _glossary(*terms: tuple[str, str, tuple[str, ...]]) -> Glossary:
    return Glossary(tuple(Term(tid, term, (term, *forms), f"Erklärung {term}", ()) for tid, term, forms in terms))


SMALL = _glossary(
    ("kreis", "Kreis", ("Kreise", "Kreises")),
    ("kreisfreie-stadt", "kreisfreie Stadt", ("kreisfreie Städte",)),
    ("ags", "Amtlicher Gemeindeschlüssel", ("AGS",)),
)


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="kekiz-glossar-link" href="([^"]+)">([^<]+)</a>', html)


# --------------------------------------------------------------------------- linking


def test_only_the_first_use_is_linked():
    html = "<p>Der Kreis Unna ist ein Kreis.</p><p>Noch ein Kreis, zwei Kreise.</p>"
    out = link_first_uses(html, SMALL, "programm/")
    assert _links(out) == [("../glossar/#kreis", "Kreis")]
    assert out.count("kekiz-glossar-link") == 1
    assert re.sub(r"<a [^>]*>|</a>", "", out) == html, "only links are added, the text stays the same"


def test_each_term_gets_its_own_first_link_in_reading_order():
    html = "<p>Kreisfreie Städte und Kreise haben einen AGS.</p><p>Der AGS und kreisfreie Städte.</p>"
    out = link_first_uses(html, SMALL, "")
    assert _links(out) == [("glossar/#kreisfreie-stadt", "Kreisfreie Städte"),
                           ("glossar/#kreis", "Kreise"), ("glossar/#ags", "AGS")]


@pytest.mark.parametrize("html", [
    "<h2>Kreis</h2>",
    '<p><a href="x">Kreis</a></p>',
    "<p><code>Kreis</code></p>",
    '<p><span class="kekiz-sources">Quelle: Kreis Unna</span></p>',
    '<figure><svg><title>Kreis</title></svg><figcaption>Kreis</figcaption></figure>',
    "<pre><code>Kreis</code></pre>",
    "<P><A HREF='x'>Kreis</A></P>",
    '<p><time datetime="2017">Kreis</time></p>',
    "<blockquote><p>Kreis</p></blockquote>",
    "<dl><dt>Kreis</dt></dl>",
    '<dl class="kekiz-facts"><dt>Art</dt><dd>Kreis</dd></dl>',
    '<p class="kekiz-lede">Kreis Unna · Kreis</p>',
    '<dd class="kekiz-citation">Kreis</dd>',
    '<ol class="kekiz-source-list"><li>Kreis</li></ol>',
    '<p><span class="kekiz-muted kekiz-sources">Kreis</span></p>',
])
def test_no_links_where_they_do_not_belong(html):
    assert link_first_uses(html, SMALL, "") == html


def test_text_after_a_skipped_element_is_linked_again():
    html = '<p><span class="kekiz-sources">Kreis <b>Kreis</b> <br> Kreis</span> Danach der Kreis.</p>'
    out = link_first_uses(html, SMALL, "")
    assert out.endswith('Danach der <a class="kekiz-glossar-link" href="glossar/#kreis">Kreis</a>.</p>')
    assert out.count("kekiz-glossar-link") == 1


def test_a_skipped_element_ends_at_its_own_end_tag():
    """Elements of the same name inside a skipped one do not end it early."""
    html = ('<div class="kekiz-citation"><div>x</div> Kreis <br> <div/> Kreis</div>'
            "<p>Danach der Kreis.</p>")
    out = link_first_uses(html, SMALL, "")
    assert out.endswith('<p>Danach der <a class="kekiz-glossar-link" href="glossar/#kreis">Kreis</a>.</p>')
    assert out.count("kekiz-glossar-link") == 1


def test_an_element_without_its_end_tag_is_skipped_to_the_end():
    html = "<p><a href='x'>Kreis und ein Kreis.</p>"
    assert link_first_uses(html, SMALL, "") == html


def test_a_class_with_a_similar_name_is_not_skipped():
    out = link_first_uses('<p class="kekiz-lede-note">Kreis</p>', SMALL, "")
    assert _links(out) == [("glossar/#kreis", "Kreis")]


@pytest.mark.parametrize("text", ["Rhein-Kreis Neuss", "Kreisjugendamt", "Landkreise", "Kreis-Verwaltung", "AGSX"])
def test_whole_words_only(text):
    html = f"<p>{text}</p>"
    assert link_first_uses(html, SMALL, "") == html


def test_quotations_keep_the_sources_words():
    html = "<p>Sie sagte: „Der Kreis <em>und</em> kreisfreie Städte.“ Danach: ein Kreis.</p>"
    out = link_first_uses(html, SMALL, "")
    assert _links(out) == [("glossar/#kreis", "Kreis")]
    assert out.index("kekiz-glossar-link") > out.index("“")


def test_a_line_break_inside_a_form_still_matches():
    out = link_first_uses("<p>Zwei kreisfreie\nStädte.</p>", SMALL, "")
    assert _links(out) == [("glossar/#kreisfreie-stadt", "kreisfreie\nStädte")]


def test_links_are_relative_to_the_page():
    out = link_first_uses("<p>Kreis</p>", SMALL, "programm/drei-teile/")
    assert _links(out) == [("../../glossar/#kreis", "Kreis")]


def test_comments_and_attributes_are_left_alone():
    html = '<!-- Kreis --><p title="Kreis" data-x="Kreise">Text</p>'
    assert link_first_uses(html, SMALL, "") == html


def test_a_quotation_mark_in_an_attribute_opens_no_quotation():
    out = link_first_uses('<p title="„Zitat">Ein Kreis.</p>', SMALL, "")
    assert _links(out) == [("glossar/#kreis", "Kreis")]


# --------------------------------------------------------------------------- names are no terms

_NAMES = frozenset(f for name in ("Kreis Unna", "Kreis Coesfeld", "Rheinisch-Bergischer Kreis", "Märkischer Kreis",
                                  "Rhein-Kreis Neuss", "StädteRegion Aachen", "Stadt Krefeld")
                   for f in name_forms(name))


@pytest.mark.parametrize("sentence", [
    "Der Kreis Unna bewarb sich.",
    "Die Pressemitteilung des Kreises Unna.",
    "Der Rheinisch-Bergische Kreis kam 2017 hinzu.",
    "Familien im Rheinisch-Bergischen Kreis.",
    "Der Landrat des Rheinisch-Bergischen Kreises.",
    "Ein Rheinisch-Bergischer Kreis.",
    "Im Märkischen Kreis.",
    "Im Rhein-Kreis Neuss.",
    "Kreis Coesfeld",
    "Kreis\nUnna",
])
def test_a_term_inside_a_place_name_is_not_linked(sentence):
    html = f"<p>{sentence} Dann ein Kreis.</p>"
    out = link_first_uses(html, SMALL, "", _NAMES)
    assert out.replace('<a class="kekiz-glossar-link" href="glossar/#kreis">Kreis</a>.</p>', "Kreis.</p>") == html
    assert _links(out) == [("glossar/#kreis", "Kreis")]


def test_a_term_that_runs_into_a_name_is_not_linked():
    """„kreisfreie Stadt“ ends inside „Stadt Krefeld“: the name is not split either."""
    html = "<p>Die kreisfreie Stadt Krefeld ist eine kreisfreie Stadt.</p>"
    out = link_first_uses(html, SMALL, "", _NAMES)
    assert out == ('<p>Die kreisfreie Stadt Krefeld ist eine '
                   '<a class="kekiz-glossar-link" href="glossar/#kreisfreie-stadt">kreisfreie Stadt</a>.</p>')


def test_a_name_that_starts_inside_another_name_still_protects():
    # made up: „Unna Kreis“ starts inside „Stadt Unna“; the long name widens the stretch searched
    names = frozenset({"Stadt Unna", "Unna Kreis", "Kreis mit einem sehr langen Namen"})
    html = "<p>Die Stadt Unna Kreis und ein Kreis.</p>"
    out = link_first_uses(html, SMALL, "", names)
    assert out.index("kekiz-glossar-link") > out.index("und ein")


def test_names_are_found_as_they_stand_in_html():
    html = "<p>Der Kreis A &amp; B und ein Kreis.</p>"
    out = link_first_uses(html, SMALL, "", frozenset({"Kreis A & B"}))
    assert out.index("kekiz-glossar-link") > out.index("B und")


def test_without_names_the_first_use_is_linked_even_in_a_name():
    """The names are what protects them (the test above can fail)."""
    out = link_first_uses("<p>Der Kreis Unna.</p>", SMALL, "")
    assert _links(out) == [("glossar/#kreis", "Kreis")]


def test_kreis_names_in_every_case():
    assert name_forms("Kreis Unna") == {"Kreis Unna", "Kreises Unna"}
    assert name_forms("Rheinisch-Bergischer Kreis") == {
        "Rheinisch-Bergischer Kreis", "Rheinisch-Bergische Kreis", "Rheinisch-Bergischen Kreis",
        "Rheinisch-Bergischen Kreises"}
    assert name_forms("Rhein-Kreis Neuss") == {"Rhein-Kreis Neuss", "Rhein-Kreises Neuss"}
    assert name_forms("StädteRegion Aachen") == {"StädteRegion Aachen"}
    assert name_forms("Krefeld") == {"Krefeld"}


# --------------------------------------------------------------------------- the page


def test_glossary_page_fragment_lists_every_term_with_its_sources():
    html = glossary_fragment(GLOSSARY, "glossar/")
    ids = re.findall(r'<h2 id="([^"]+)">', html)
    assert sorted(ids) == sorted(t.id for t in GLOSSARY.terms)
    for term in GLOSSARY.terms:
        section = html.split(f'<h2 id="{term.id}">', 1)[1].split("<h2 ", 1)[0]
        for source in term.sources:
            assert f'href="{source.url}"' in section.replace("&amp;", "&")
        if not term.sources:
            assert "Allgemeine Erklärung der Redaktion" in section


def test_glossary_text_is_escaped():
    evil = Glossary((Term("x", "<b>Kreis</b>", ("<b>Kreis</b>",), "a < b & „c“", ()),))
    html = glossary_fragment(evil, "glossar/")
    assert "<b>" not in html and "&lt;b&gt;Kreis&lt;/b&gt;" in html and "a &lt; b &amp; „c“" in html


# --------------------------------------------------------------------------- data/glossary.yaml


def test_glossary_has_the_terms_citizens_need():
    """The terms issue 7 names, each reachable by its anchor."""
    ids = {t.id for t in GLOSSARY.terms}
    for needed in ("kreis", "kreisfreie-stadt", "kreisangehoerige-stadt", "jugendamt", "ags", "regierungsbezirk",
                   "vertiefungskommune", "mkffi", "stgb-nrw", "vg250", "praeventionskette"):
        assert needed in ids


def test_glossary_yaml_matches_its_schema():
    text = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./glossary.schema.json"
    schema = json.loads((ROOT / "data" / "glossary.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema, cls=jsonschema.Draft7Validator)


def test_glossary_sources_are_known_sources():
    allowed = set(_allowlist())
    for term in GLOSSARY.terms:
        for source in term.sources:
            assert source.url in allowed, (term.id, source.url)


def _allowlist() -> list[str]:
    lines = (ROOT / "data" / "sources-allowlist.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "glossary.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "data" / "glossary.schema.json", tmp_path / "data" / "glossary.schema.json")
    return tmp_path


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    root = _write(tmp_path, """terms:
  - id: "kreis"
    term: "Kreis"
    definition: "x"
    sources: []
    farbe: "rot"
  - id: "kreis"
    term: "Landkreis"
    definition: ""
    sources:
      - url: "www.example.org"
        publisher: "X"
  - id: "land"
    term: "Land"
    forms: ["Kreis"]
    definition: "y"
    sources: []
""")
    with pytest.raises(RegistryError) as caught:
        load_glossary(root)
    report = caught.value.report()
    assert "data/glossary.yaml:6:5: 1. Begriff, farbe: unbekanntes Feld „farbe“" in report
    assert "data/glossary.yaml:7:9: 2. Begriff, Kennung: die Kennung „kreis“ gibt es schon" in report
    assert "data/glossary.yaml:15:12: 3. Begriff, Schreibweisen: die Form „Kreis“ gehört schon zu „kreis“" in report
    assert "data/glossary.yaml:9:17: 2. Begriff, Erklärung: der Text ist leer" in report
    assert "data/glossary.yaml:11:14: 2. Begriff, 1. Quelle, Web-Adresse: „www.example.org“" in report
    assert "Traceback" not in report


def test_a_missing_sources_key_is_an_error(tmp_path):
    root = _write(tmp_path, 'terms:\n  - id: "a"\n    term: "A"\n    definition: "x"\n')
    with pytest.raises(RegistryError, match="fehlt das Pflichtfeld „sources“|„sources“"):
        load_glossary(root)


_TERM = 'terms:\n  - id: "a"\n    term: "A"\n    definition: "Ein Text."\n    sources: []\n'


@pytest.mark.parametrize(("line", "replacement", "expected"), [
    # issue 19, class 5: what the hand-written check accepted
    (2, '  - id: "a\\n"', "keine gültige Kennung"),
    (3, '    term: "A\\u0007"', "U+0007"),
    (3, "    term: 2012", "als Zahl gelesen"),
    (4, '    definition: "Ein \\u202eText."', "U+202E"),
    (4, '    definition: "  "', "leer"),
    (5, '    sources: [{url: "https://exa mple.org", publisher: "X"}]', "keine Web-Adresse"),
    (5, '    sources: [{url: "https://\\u202eexample.org", publisher: "X"}]', "Web-Adresse"),
    (5, '    sources: [{url: "https://example.org", publisher: "\\u200b"}]', "U+200B"),
    (5, '    sources: [{url: "https://example.org", publisher: "X", date: "２０１２"}]', "keine Ziffern 0–9"),
    (1, "terms: []", "mindestens"),
])
def test_the_glossary_contract_refuses_what_the_old_check_let_through(tmp_path, line, replacement, expected):
    lines = _TERM.splitlines()
    lines[line - 1] = replacement
    root = _write(tmp_path, "terms: []\n" if replacement == "terms: []" else "\n".join(lines) + "\n")
    with pytest.raises(RegistryError) as caught:
        load_glossary(root)
    report = caught.value.report()
    assert expected in report, report
    assert f"data/glossary.yaml:{line}:" in report, report


def test_the_glossary_contract_accepts_a_plain_term(tmp_path):
    glossary = load_glossary(_write(tmp_path, _TERM))
    assert [t.id for t in glossary.terms] == ["a"]


# --------------------------------------------------------------------------- on the built Kommune and Gemeinde pages

_LINK_RE = re.compile(r'<a class="kekiz-glossar-link" href="([^"]*)">([^<]*)</a>')


def _known_names() -> list[str]:
    """Every place name, with its article forms as kekiz.german writes them (article dropped),
    gathered here independently of kekiz.glossary.protected_names."""
    from kekiz.model import german, nrw
    from kekiz.model.gemeinden import kreis_dative, kreis_nominative
    from kekiz.sources.geodata import load_geodata
    from kekiz.sources.registry import load_project
    registry, geo = load_project(ROOT), load_geodata(ROOT / "data" / "nrw-geo.json")
    names = {n for c in registry.communes for n in (c.name, c.official_name)}
    names |= {n for a in (*geo.kreise, *geo.gemeinden) for n in (a.name, a.display_name)}
    names |= {name for name, _ in nrw.KREISE.values()}
    phrases = set(names)
    for name in names:
        if german.is_kreis_name(name):
            phrases |= {german.kreis_phrase(name, case) for case in german.Case}
            phrases |= {kreis_nominative(name), kreis_dative(name)}
    phrases |= {f"Regierungsbezirk {rb}" for rb in nrw.REGIERUNGSBEZIRKE.values()}
    return sorted({re.sub(r"^(der|die|dem|des|im|in der) ", "", p) for p in phrases}, key=len, reverse=True)


def _generated_pages(site: Path) -> list[str]:
    from kekiz.sources.registry import load_project
    communes = [c.path for c in load_project(ROOT).communes]
    towns = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "gemeinden").glob("*/index.html")
                   if "http-equiv" not in p.read_text(encoding="utf-8")[:2000])  # not the redirect stubs
    return communes + [t for t in towns if t != "gemeinden/"]


def _article(page: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', page, re.S)
    assert match, "page has no article"
    return match.group(1)


def test_no_glossary_link_splits_a_place_name(built_site):
    """On every Kommune and Gemeinde page, no linked term lies inside or runs into a place's name
    ("Kreis" in „Der Rheinisch-Bergische Kreis“, „des Kreises Unna“, „Kreis Coesfeld“)."""
    import html as htmllib
    from conftest import read_page
    names = re.compile("(?=((?<![\\w-])(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in _known_names())
                       + ")(?![\\w-])))")
    pages = _generated_pages(built_site)
    assert len(pages) > 300, "the Kommune pages and the Gemeinde pages"
    linked_pages = 0
    for path in pages:
        body = _article(read_page(built_site, path))
        # plain text, with each link's span recorded
        marked = _LINK_RE.sub(lambda m: "\x01" + m.group(2) + "\x02", body)
        text = htmllib.unescape(re.sub(r"<[^>]+>", " ", marked))
        spans, plain, at = [], [], 0
        for piece in re.split(r"(\x01[^\x02]*\x02)", text):
            if piece.startswith("\x01"):
                spans.append((at, at + len(piece) - 2))
                piece = piece[1:-1]
            plain.append(piece)
            at += len(piece)
        plain_text = "".join(plain)
        linked_pages += bool(spans)
        for match in names.finditer(plain_text):
            start, end = match.start(1), match.end(1)
            for s, e in spans:
                assert not (s < end and start < e), f"{path}: „{plain_text[s:e]}“ linked inside „{match.group(1)}“"
    assert linked_pages == len(pages), "every generated page links some Glossar term"


@pytest.mark.parametrize("path", ["kommunen/kreis-unna/", "kommunen/rheinisch-bergischer-kreis/",
                                  "kommunen/kreis-coesfeld/", "kommunen/krefeld/", "gemeinden/bergisch-gladbach/",
                                  "gemeinden/hagen/"])
def test_generated_pages_link_each_term_once_relative_and_only_in_running_text(built_site, path):
    from conftest import read_page
    body = _article(read_page(built_site, path))
    links = _LINK_RE.findall(body)
    assert links, "the page links its first Glossar terms"
    ids = [href.removeprefix("../../glossar/#") for href, _ in links]
    assert all(href.startswith("../../glossar/#") for href, _ in links), links
    assert set(ids) <= {t.id for t in GLOSSARY.terms}
    assert len(ids) == len(set(ids)), f"each term is linked at its first use only: {ids}"
    for element in (r"<h([1-6])\b.*?</h\1>", r"<blockquote\b.*?</blockquote>", r"<figure\b.*?</figure>",
                    r'<dl class="kekiz-facts.*?</dl>', r'<p class="kekiz-lede".*?</p>',
                    r'<ol class="kekiz-source-list".*?</ol>', r'<span class="kekiz-sources">.*?</span>'):
        for found in re.finditer(element, body, re.S):
            assert "kekiz-glossar-link" not in found.group(0), found.group(0)[:200]


def test_kreis_names_stay_whole_and_plain(built_site):
    from conftest import read_page
    unna = _article(read_page(built_site, "kommunen/kreis-unna/"))
    assert "<p>Der Kreis Unna wurde 2012 als eine von 18" in unna
    assert "<p>Der Kreis Unna bewarb sich gemeinsam" in unna
    assert "Ob der Kreis Unna heute noch dabei ist" in unna
    rbk = _article(read_page(built_site, "kommunen/rheinisch-bergischer-kreis/"))
    assert "<p>Der Rheinisch-Bergische Kreis kam im Januar 2017" in rbk
    assert "Ob der Rheinisch-Bergische Kreis heute noch dabei ist" in rbk
    # „Kreis“ is linked on both pages, but as the word, not in the name
    for body in (unna, rbk):
        assert 'und <a class="kekiz-glossar-link" href="../../glossar/#kreis">Kreis</a> ergeben sich' in body
    town = _article(read_page(built_site, "gemeinden/bergisch-gladbach/"))
    assert ("liegt im Rheinisch-Bergischen Kreis; der Rheinisch-Bergische Kreis nahm als "
            '<a class="kekiz-glossar-link" href="../../glossar/#kreis">Kreis</a> an') in town


def test_a_term_written_with_a_no_break_space_is_linked_in_any_spacing():
    """„SGB\u00a0II“ with a no-break space is common German typography: in the Glossar and in page
    text, in either spelling, it is the same term (it once crashed the build)."""
    import dataclasses

    from kekiz.sources.glossary import load_glossary as load
    glossary = load(ROOT)
    index, term = next((i, t) for i, t in enumerate(glossary.terms) if any(" " in f for f in t.forms))
    form = next(f for f in term.forms if " " in f)
    nbsp = dataclasses.replace(term, forms=tuple(f.replace(" ", "\u00a0") for f in term.forms))
    glossary = dataclasses.replace(glossary, terms=glossary.terms[:index] + (nbsp,) + glossary.terms[index + 1:])
    for text in (form, form.replace(" ", "\u00a0")):
        html = link_first_uses(f"<p>Die {text} im Text.</p>", glossary, "x/", frozenset())
        assert f'href="../glossar/#{term.id}"' in html and text in html, html
