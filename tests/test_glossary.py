"""The Glossar (src/kekiz/glossary.py, data/glossary.yaml): loading, the page, links on first use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from kekiz.diagnostics import RegistryError
from kekiz.glossary import Glossary, Term, glossary_fragment, link_first_uses, load_glossary, name_forms

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
    assert "data/glossary.yaml:6:5: kreis: terms[0].farbe: unbekanntes Feld „farbe“" in report
    assert "die Kennung „kreis“ gibt es schon" in report
    assert "die Form „Kreis“ gehört schon zu „kreis“" in report
    assert "„definition“ fehlt oder ist leer" in report
    assert "data/glossary.yaml:11:" in report and "beginnt nicht mit https://" in report
    assert "Traceback" not in report


def test_a_missing_sources_key_is_an_error(tmp_path):
    root = _write(tmp_path, 'terms:\n  - id: "a"\n    term: "A"\n    definition: "x"\n')
    with pytest.raises(RegistryError, match="„sources“ fehlt"):
        load_glossary(root)

