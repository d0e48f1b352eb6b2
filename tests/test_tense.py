"""The programme ended: no page or feed of the built site says in the present tense that a Kommune
takes part („nimmt teil“, „ist dabei“, „seit 2012“, „macht mit“).

What is read: every HTML page's text, its description and its accessible names (aria-label, title,
alt), and every feed's titles and entry texts. What is left out, each for a reason:

- words in „…“: the sources' words, quoted as they printed them („Modellkommunen seit 2012“);
- the words of statements printed without quotation marks (form unquoted or reported): the sources'
  words too, and labelled so;
- web addresses and shortened ones („…/monheim-macht-mit-bei-…“): a source's address, not a sentence;
- scripts and styles.

Allowed sentences are listed in ALLOWED with the reason; nothing else passes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Present-tense participation. Each pattern names what it catches.
PATTERNS = {
    "nimmt/nehmen … teil": re.compile(r"\b(nimmt|nehmen)\b[^.?!;]{0,120}?\bteil\b", re.I),
    "teilnimmt": re.compile(r"\bteilnimmt\b", re.I),
    "teilnehmen": re.compile(r"\bteilnehmen\b", re.I),
    "seit 2012 / seit 2017": re.compile(
        r"\bseit\s+(?:(?:Anfang|Mitte|Ende|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
        r"November|Dezember)\s+)?(?:2012|2017)\b", re.I),
    "ist/sind … dabei": re.compile(r"\b(ist|sind)\s+(?:\S+\s+){0,3}?dabei\b", re.I),
    "… dabei ist/sind": re.compile(r"(?<!^)\bdabei\s+(ist|sind)\b"),
    "macht/machen … mit": re.compile(r"\b(macht|machen)\s+(?:\S+\s+){0,5}?mit\s*(?:[.?!,;:)]|$)", re.I),
    "mitmacht/mitmachen": re.compile(r"\bmitmach(t|en)\b", re.I),
    "… dabei?": re.compile(r"\bdabei\?"),
    "gehört/zählt zu den Kommunen": re.compile(
        r"\b(gehört|gehören|zählt|zählen)\s+(?:heute\s+|noch\s+)*zu\s+den\s+(?:\S+\s+){0,3}?\S*[Kk]ommunen\b"),
}

# A past modal turns an infinitive into a plan or a possibility of then: „sollten … teilnehmen“.
PAST_MODAL = re.compile(r"\b(sollte|sollten|konnte|konnten|wollte|wollten|durfte|durften|musste|mussten)\b")

PAST_PARTICIPATION = re.compile(r"\b(war|waren|gewesen)\b", re.I)

# Sentences allowed although a pattern matches them, with the reason.
ALLOWED = [
    (re.compile(r"\bheute\b[^.!]*\?"),
     "a question about today („Machen die Kommunen heute noch mit?“): the site asks it and answers that its "
     "sources do not say"),
    (re.compile(r"\b[Oo]b\b.*\bheute\b"),
     "„Ob … heute … dabei ist, sagen die Quellen nicht“ / „Wer wissen will, ob … heute …“: the site says that "
     "today is not known"),
]

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "figcaption", "div", "title",
          "br", "tr", "caption", "blockquote", "summary", "option", "label", "button", "nav", "section",
          "article", "header", "footer", "figure", "ul", "ol", "dl", "table", "details", "main", "aside"}
VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "col", "embed", "track", "base"}
SKIPPED_CLASSES = re.compile(r"\bkekiz-url\b|\bkekiz-statement__(unquoted|reported)\b")
BADGES = ("Wortlaut der Quelle, dort ohne Anführungszeichen:", "Sinngemäß wiedergegeben (indirekte Rede):")


class _Text(HTMLParser):
    """A page's readable text, with a break (¶) at every block; skipped elements leave nothing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in ("script", "style", "template") or SKIPPED_CLASSES.search(a.get("class") or ""):
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag == "meta" and (a.get("name") == "description" or a.get("property") in ("og:description",
                                                                                       "og:title")):
            self.parts.append("¶" + (a.get("content") or "") + "¶")
        for name in ("aria-label", "title", "alt"):
            if a.get(name):
                self.parts.append("¶" + a[name] + "¶")
        if tag in BLOCKS:
            self.parts.append("¶")

    def handle_endtag(self, tag):
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in BLOCKS:
            self.parts.append("¶")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def sentences(text: str) -> list[str]:
    """Sentences of the site's own words: quotations, addresses and shortened addresses taken out."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"„[^“¶]*“", "„…“", text)
    text = re.sub(r"\S*(?:/|://)\S*", " ", text)
    return [s.strip() for s in re.split(r"¶|(?<=[.!?])\s+(?=[A-ZÄÖÜ„0-9])", text) if s.strip()]


def present_tense_claims(sentence: str) -> list[str]:
    """The names of the patterns a sentence breaks (empty when it is in order or allowed)."""
    found = [name for name, pattern in PATTERNS.items() if pattern.search(sentence)]
    if "teilnehmen" in found and PAST_MODAL.search(sentence):
        found.remove("teilnehmen")
    if "… dabei?" in found and PAST_PARTICIPATION.search(sentence):
        found.remove("… dabei?")   # „War meine Stadt dabei?“, „dabei gewesen?“
    if found and any(pattern.search(sentence) for pattern, _ in ALLOWED):
        return []
    return found


def page_sentences(path: Path) -> list[str]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return sentences("".join(parser.parts))


def feed_sentences(path: Path) -> list[str]:
    out = []
    for element in ElementTree.parse(path).getroot().iter():
        if element.tag.rsplit("}", 1)[-1] in ("title", "subtitle", "content") and element.text:
            for line in element.text.split("\n"):
                if not line.startswith(BADGES):  # the source's words, labelled as such
                    out += sentences(line)
    return out


# ---------------------------------------------------------------- the detector itself

@pytest.mark.parametrize("sentence", [
    "Dortmund nimmt seit 2012 an „Kein Kind zurücklassen!“ teil.",
    "40 Kommunen nehmen an dem Programm teil.",
    "Presse: Äußerungen aus Kommunen mit Teilnahme seit 2012",
    "Belegte Äußerungen aus den Kommunen, die an „Kein Kind zurücklassen!“ teilnehmen.",
    "Ist meine Stadt dabei?",
    "Bei „Kein Kind zurücklassen!“ dabei?",
    "Unna ist auch dabei.",
    "Ob eine einzelne Stadt dabei ist: siehe unten.",
    "Die Stadt Neuss macht bei dem Programm mit.",
    "Auch der Kreis Unna macht mit.",
    "Krefeld gehört zu den 40 Kommunen.",
    "Modellkommunen seit März 2012",
    "Neuss, seit 2017 dabei",
])
def test_the_detector_finds_present_tense_participation(sentence):
    assert any(present_tense_claims(s) for s in sentences(sentence)), sentence


@pytest.mark.parametrize("sentence", [
    "Dortmund wurde 2012 als Modellkommune ausgewählt.",
    "Ja — Dortmund nahm ab 2012 teil.",
    "Die Stadt war dabei.",
    "Bis Mitte November konnten Kommunen ihr Interesse bekunden; 22 von ihnen sollten in der ersten Runde "
    "teilnehmen.",
    "Der Kreis Borken war nicht unter den teilnehmenden Kommunen.",
    "Die Website von „kinderstark“ nannte 17 „Modellkommunen seit 2012“.",
    "Quelle: Rheinische Post, …/monheim-macht-mit-bei-kein-kind-zurueck…",
    "Quelle: WAZ, https://example.org/stadt-muelheim-nimmt-an-landesinitiative-teil.html",
    "Ob Aachen heute noch dabei ist, sagen die Quellen dieser Seite nicht.",
    "Machen die Kommunen heute noch mit?",
    "War meine Stadt dabei?",
    "Bei „Kein Kind zurücklassen!“ dabei gewesen?",
    "Ein Knopf mit Sonne oder Mond macht die Seite hell oder dunkel.",
    "Die Stadt Aachen nennt ein eigenes Programm, das es seit 2011 gebe.",
])
def test_the_detector_lets_past_tense_quotes_and_the_allowed_pass(sentence):
    assert not any(present_tense_claims(s) for s in sentences(sentence)), sentence


def test_skipped_elements_are_the_sources_words_only():
    parser = _Text()
    parser.feed('<p class="kekiz-statement__reported"><span class="kekiz-badge">x</span> Sie nimmt teil.</p>'
                '<p>Die Stadt nimmt teil.</p><script>var a = "nimmt teil";</script>'
                '<meta name="description" content="Unna ist dabei.">')
    found = [s for s in sentences("".join(parser.parts)) if present_tense_claims(s)]
    assert found == ["Die Stadt nimmt teil.", "Unna ist dabei."]


# ---------------------------------------------------------------- the built site

def test_no_page_or_feed_says_a_kommune_takes_part_today(built_site):
    problems: dict[str, list[str]] = {}
    files = [(p, page_sentences) for p in sorted(built_site.rglob("*.html"))]
    files += [(p, feed_sentences) for p in sorted((built_site / "feeds").rglob("*.xml"))]
    assert len(files) > 400, "the whole site is read"
    for path, read in files:
        for sentence in read(path):
            if present_tense_claims(sentence):
                problems.setdefault(sentence, []).append(path.relative_to(built_site).as_posix())
    report = [f"{s!r} ({len(p)}×, z. B. {p[0]})" for s, p in sorted(problems.items())]
    assert not problems, "present tense for a programme that ended:\n" + "\n".join(report)
