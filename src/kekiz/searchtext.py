"""What the site search reads of a page, and the page as it is printed.

The search indexer (Material's, an HTMLParser) costs about 14 µs for every tag of a page's
content and keeps of it only the headings (each starts a section), the text, and the tags
p, code, pre, li, ol, ul, sub and sup. So it is given less:

- never the parts between UNSEARCHED_START and UNSEARCHED_END (source lists, citation
  suggestions, text every Kommune page repeats) nor an SVG (maps, charts: path data, no text);
- of a generated page (our own templates), only what it keeps: headings, text and those tags.
  Other tags become a space where they separate blocks ("Amtlicher Name" and "Stadt
  Krefeld" stay two words, which the indexer ran together) and nothing inside a line.

The printed page gets everything, without the markers.
"""

from __future__ import annotations

import re

from .htmlnames import VOID_ELEMENTS

UNSEARCHED_START, UNSEARCHED_END = "<!--kekiz:unsearched-->", "<!--/kekiz:unsearched-->"
# Neither nests: the markers only around parts of our templates, SVGs are never nested in ours.
_HELD_BACK = ((UNSEARCHED_START, UNSEARCHED_END), ("<svg", "</svg>"))

_TAG_RE = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", re.S)
_ID_RE = re.compile(r'\bid="([^"]*)"')
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KEPT = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # as the indexer keeps them
# Inside a line of text: removed without a space ("Nord<wbr>rhein" stays one word).
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
                     "samp", "small", "span", "strong", "time", "u", "var", "wbr"))


def printed(html: str) -> str:
    """The page's content as printed: everything, without the markers."""
    return html.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")


def searched(html: str, *, generated: bool) -> str:
    """The page's content as the search indexer should read it."""
    html = _without_held_back(html)
    return _reduced(html) if generated else html


def _without_held_back(html: str) -> str:
    # str.find, not a regular expression: a lazy ".*?" over a map's path data cost more than
    # all the rest of the reduction. Each kind's next start is looked for again only once passed
    # (the press pages hold thousands of parts: looking from every part to the end was quadratic).
    kept: list[str] = []
    position = 0
    next_start = [html.find(start) for start, _ in _HELD_BACK]
    while True:
        found = [(at, kind) for kind, at in enumerate(next_start) if at >= 0]
        if not found:
            break
        at, kind = min(found)
        start, end = _HELD_BACK[kind]
        finish = html.find(end, at + len(start))
        if finish < 0:  # not closed: leave the rest to the indexer
            break
        kept.append(html[position:at])
        position = finish + len(end)
        next_start = [html.find(s, position) if 0 <= a < position else a
                      for a, (s, _) in zip(next_start, _HELD_BACK)]
    kept.append(html[position:])
    return "".join(kept)


class _NestedHeading(Exception):
    pass


def _reduced(html: str) -> str:
    """Headings, text and the tags the indexer keeps. A page this cannot reduce faithfully comes
    back as it is: one with a heading inside another element (the indexer ends that heading's
    section with its parent), with data-search-exclude, scripts or styles (the indexer's own
    rules apply) or preformatted text (its white space counts)."""
    if "data-search-exclude" in html or "<script" in html or "<style" in html or "<pre" in html:
        return html
    depth = 0  # open elements other than p and headings (which never hold a heading)

    def replace(match: re.Match) -> str:
        nonlocal depth
        rule = _RULES.get(match.group(0)) or _rule(match)
        if rule[2] and depth:
            raise _NestedHeading
        depth += rule[1]
        return rule[0]
    try:
        reduced = _TAG_RE.sub(replace, html)
    except _NestedHeading:
        return html
    return " ".join(reduced.split())  # the indexer turns line breaks into spaces anyway


_RULES: dict[str, tuple[str, int, bool]] = {}  # tag as written -> (replacement, depth change, opens a heading)


def _rule(match: re.Match) -> tuple[str, int, bool]:
    closing, tag = match.group(1), match.group(2)
    if tag is None:  # a comment
        rule = ("", 0, False)
    else:
        tag = tag.lower()
        if tag in _HEADINGS:
            anchor = _ID_RE.search(match.group(3))
            rule = (f"</{tag}>" if closing else f'<{tag} id="{anchor.group(1)}">' if anchor else f"<{tag}>",
                    0, not closing)
        else:
            nests = tag not in VOID_ELEMENTS and tag != "p" and not match.group(3).rstrip().endswith("/")
            replacement = f"<{closing}{tag}>" if tag in _KEPT else "" if tag in _INLINE else " "
            rule = (replacement, (-1 if closing else 1) if nests else 0, False)
    if len(_RULES) < 10_000:  # most tags repeat as written ("</a>", "<dt>"); links to sources vary
        _RULES[match.group(0)] = rule
    return rule
