"""The Glossar page and links to its terms on first use (the terms: kekiz.model.glossary).

A hand-written page that asks for it (front matter `glossar: true`), every Kommune page and
every Gemeinde page gets one link per term, at the term's first appearance in running text.
Headings, links, code, quotations, source lines, citation suggestions, fact lists and figures
are left alone: a link there would be noise, alter a source's words or break the markup. Nor
is a term linked inside a place's name: "Kreis" in "der Kreis Unna" or "des
Rheinisch-Bergischen Kreises" is part of a name, not the term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape

from kekiz.model import nrw
from kekiz.model.german import Case, is_kreis_name, kreis_phrase
from kekiz.model.geo import GeoData
from kekiz.model.glossary import Glossary, Term
from kekiz.model.registry import Registry, Source, sort_key
from kekiz.site.paths import GLOSSARY_PATH
from kekiz.site.urls import relative

# Elements without content or end tag in the HTML standard ("void elements").
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "source", "track", "wbr"})


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- place names


_ARTICLE_RE = re.compile(r"^(?:der|die|dem|den|des|im|in der) ")


def name_forms(name: str) -> set[str]:
    """A place's name as it may stand in a sentence, without article: a Kreis name in every case
    kekiz.german writes it ("Kreises Unna", "Rheinisch-Bergische Kreis", "Rheinisch-Bergischen
    Kreises"); any other name as it is."""
    forms = {name}
    if is_kreis_name(name):
        forms |= {_ARTICLE_RE.sub("", kreis_phrase(name, case)) for case in Case}
    return forms


def protected_names(registry: Registry, geo: GeoData) -> frozenset[str]:
    """Every place name the site knows, in every form (see `name_forms`), for `link_first_uses`:
    the Kommunen (name and official name), all Kreise and Gemeinden of the boundary data (their
    own and their display names) and the Regierungsbezirke ("Regierungsbezirk Köln")."""
    names = {n for c in registry.communes for n in (c.name, c.official_name)}
    names |= {n for area in (*geo.kreise, *geo.gemeinden) for n in (area.name, area.display_name)}
    names |= {name for name, _ in nrw.KREISE.values()}
    forms = {form for name in names if name for form in name_forms(name)}
    forms |= {f"{head} {name}" for name in nrw.REGIERUNGSBEZIRKE.values()
              for head in ("Regierungsbezirk", "Regierungsbezirks", "Regierungsbezirkes")}
    return frozenset(forms)


# --------------------------------------------------------------------------- links on first use

# Text inside these elements never gets a glossary link. A <blockquote> is a source's own words;
# a <dt> is a label, like a heading.
_SKIP = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "script", "style", "svg", "title",
         "button", "label", "select", "option", "textarea", "figure", "time", "blockquote", "dt")
# Nor inside elements of these classes: source references and lists, the lede under a page's
# title (name, type and cohort in a row, a second heading), citation suggestions (copied as
# they stand) and fact lists. A fact list pairs short labels with one-word values ("Art der
# Kommune: Kreis"); a link there would make the value look like a link to somewhere else, and
# the note below the list says the same terms in a sentence, where they are linked.
_SKIP_CLASSES = ("kekiz-sources", "kekiz-source-list", "kekiz-lede", "kekiz-citation", "kekiz-facts")
# Elements of these names never hold one of their own (valid HTML), so the regex finds their end
# itself; for the others `_element_end` counts.
_NO_NESTING = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "kbd", "title", "button", "label", "select",
               "option", "textarea", "time", "dt")
# A comment, a whole element of the names above, or the start tag of another element whose text
# is left alone. The possessive loop (`*+`) passes over long attributes (a map's path data)
# without trying each of their letters.
_SKIPPED_START = (r"<(?:!--(?s:.*?)-->"
                  r"|(?i:(?P<whole>" + "|".join(_NO_NESTING) + r"))(?=[\s/>])[^>]*>(?s:.*?)</(?i:(?P=whole))\s*>"
                  r"|(?i:" + "|".join(_SKIP) + r")(?=[\s/>])[^>]*>"  # also one of those without its end tag
                  r"|[a-zA-Z](?:[^>\s]++|\s(?!class=\"))*+\sclass=\"[^\"]*?(?<![\w-])(?:"
                  + "|".join(map(re.escape, _SKIP_CLASSES)) + r")(?![\w-])[^>]*>)")
_TAG_NAME_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


@dataclass(frozen=True)
class _Linker:
    """The compiled patterns for one glossary and one set of names, made once per build.

    `scan` finds, left to right, whatever changes what comes next: a skipped element, a
    quotation mark or a term. Everything between (other tags, text without a term) is passed
    over by the regex engine, not by a Python loop: a page costs a few dozen steps.
    """

    scan: re.Pattern
    names: re.Pattern | None  # protected names that could overlap a term (see `_linker`)
    longest_name: int
    by_form: dict[str, Term]
    term_count: int


def _alternatives(words: list[str]) -> list[str]:
    """Regex alternatives matching exactly `words` as whole words (a hyphen counts as part of a
    word, so "Kreis" does not match inside "Rhein-Kreis"), the longest first, a line break
    allowed where a word has a space.

    The words are merged into one tree by their letters, and every alternative starts with a
    plain letter: the regex engine then only tries positions where some word could start,
    instead of every word at every position of the page.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(node[char])
                    for char in sorted(c for c in node if c)]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner  # greedy: the longer word first

    # The word-start check follows the first letter: "K(?<![\w-]K)…" is "a K not after a letter".
    return [f"{re.escape(c)}(?<![\\w-]{re.escape(c)}){emit(tree[c])}(?![\\w-])" for c in sorted(tree)]


@lru_cache(maxsize=8)
def _linker(glossary: Glossary, protected: frozenset[str]) -> _Linker | None:
    """A term's match and a name can only overlap if they share a whole word (both start and end
    at word edges), so only names with a word of some form ("Kreis Unna": "Kreis") are kept;
    "Krefeld" or "Rhein-Kreis Neuss" can never be split."""
    by_form = glossary.by_form()
    if not by_form:
        return None
    words = {w.lower() for form in by_form for w in re.findall(r"[\w-]+", form)}
    names = sorted({n for name in protected for n in (name, str(escape(name)))  # also as it stands in HTML
                    if n not in by_form and not {w.lower() for w in re.findall(r"[\w-]+", n)}.isdisjoint(words)})
    scan = re.compile("|".join([_SKIPPED_START, "„", "“", *_alternatives(sorted(by_form))]))
    # Inside a lookahead: every name that starts at a position, also one inside another name.
    names_re = re.compile("(?=(" + "|".join(_alternatives(names)) + "))") if names else None
    return _Linker(scan, names_re, max(map(len, names), default=0), by_form, len(glossary.terms))


def link_first_uses(html: str, glossary: Glossary, page_path: str,
                    protected: frozenset[str] = frozenset()) -> str:
    """Link each term at its first use in running text; every later use stays plain. A use inside
    one of the `protected` names (see `protected_names`) is no use of the term."""
    linker = _linker(glossary, protected)
    if linker is None:
        return html
    done: set[str] = set()
    out: list[str] = []
    copied = pos = quote_depth = 0
    glossary_link = ""  # the Glossar page, relative to this one: computed once, at the first link
    while len(done) < linker.term_count and (match := linker.scan.search(html, pos)):
        found, pos = match.group(0), match.end()
        if found[0] == "<":
            if not found.startswith("<!--") and not match.group("whole"):
                pos = _element_end(html, found, pos)
        elif not _in_text(html, pos):
            continue  # an attribute's value
        elif found == "„":  # a quotation keeps the source's words as they are
            quote_depth += 1
        elif found == "“":
            quote_depth = max(quote_depth - 1, 0)
        elif not quote_depth:
            term = linker.by_form[_normal(found)]
            if term.id not in done and not _in_name(html, match.start(), pos, linker):
                done.add(term.id)
                glossary_link = glossary_link or relative(GLOSSARY_PATH, page_path)
                href = escape(f"{glossary_link}#{term.id}")
                out += [html[copied:match.start()], f'<a class="kekiz-glossar-link" href="{href}">{found}</a>']
                copied = pos
    out.append(html[copied:])
    return "".join(out)


def _in_text(html: str, pos: int) -> bool:
    """Text, not inside a tag: the next angle bracket opens a tag (or there is none)."""
    end = html.find(">", pos)
    return end < 0 or 0 <= html.find("<", pos, end)


def _in_name(html: str, start: int, end: int, linker: _Linker) -> bool:
    """True if a protected name overlaps html[start:end]. A name that does starts at most its
    length before `start`, so a short stretch around the match is searched."""
    if linker.names is None:
        return False
    stop = min(len(html), end + linker.longest_name)
    for name in linker.names.finditer(html, max(0, start - linker.longest_name), stop):
        if name.start(1) >= end:
            return False
        if name.end(1) > start:
            return True
    return False


@lru_cache(maxsize=64)
def _same_name_tags(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>", re.IGNORECASE)


def _element_end(html: str, start_tag: str, pos: int) -> int:
    """Where the element that `start_tag` (ending at `pos`) opens ends: after its matching end
    tag (same-name elements inside it counted), or at the end of the page if it has none."""
    name = _TAG_NAME_RE.match(start_tag).group(1).lower()
    if name in VOID_ELEMENTS or start_tag.endswith("/>"):
        return pos
    depth = 1
    for tag in _same_name_tags(name).finditer(html, pos):
        if tag.group(0).endswith("/>"):
            continue
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(html)


def glossary_fragment(glossary: Glossary, page_path: str) -> str:
    """The Glossar page: one section per term, in German alphabetical order, with its sources."""
    parts = []
    for term in sorted(glossary.terms, key=lambda t: sort_key(t.term)):
        parts.append(f'<h2 id="{escape(term.id)}">{escape(term.term)}</h2>')
        parts.append(f"<p>{escape(term.definition)}</p>")
        if term.sources:
            label = "Quelle" if len(term.sources) == 1 else "Quellen"
            links = "; ".join(_source_html(s) for s in term.sources)
            parts.append(f'<p class="kekiz-sources">{label}: {links}</p>')
        else:
            parts.append('<p class="kekiz-sources">Allgemeine Erklärung der Redaktion; '
                         "sie stützt sich auf keine der Quellen dieser Website.</p>")
    return "\n".join(parts)


def _source_html(s: Source) -> str:
    text = escape(s.publisher or "Quelle")
    if s.title:
        text += escape(f": „{s.title}“")
    if s.date:
        text += escape(f" ({s.date.german})")
    return f'<a href="{escape(s.url)}">{text}</a>' if s.url else str(text)
