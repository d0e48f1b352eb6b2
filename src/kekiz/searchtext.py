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

UNSEARCHED_START, UNSEARCHED_END = "<!--kekiz:unsearched-->", "<!--/kekiz:unsearched-->"
# Neither nests: the markers only around parts of our templates, SVGs are never nested in ours.
_UNSEARCHED_RE = re.compile(re.escape(UNSEARCHED_START) + ".*?" + re.escape(UNSEARCHED_END) + r"|<svg\b.*?</svg>", re.S)

_TAG_RE = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", re.S)
_ID_RE = re.compile(r'\bid="([^"]*)"')
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KEPT = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # as the indexer keeps them
# Inside a line of text: removed without a space ("Nord<wbr>rhein" stays one word).
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
                     "samp", "small", "span", "strong", "time", "u", "var", "wbr"))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))


def printed(html: str) -> str:
    """The page's content as printed: everything, without the markers."""
    return html.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")


def searched(html: str, *, generated: bool) -> str:
    """The page's content as the search indexer should read it."""
    html = _UNSEARCHED_RE.sub("", html)
    return _reduced(html) if generated else html


def _reduced(html: str) -> str:
    """Headings, text and the tags the indexer keeps. A page this cannot reduce faithfully comes
    back as it is: one with a heading inside another element (the indexer ends that heading's
    section with its parent), with data-search-exclude, scripts or styles (the indexer's own
    rules apply) or preformatted text (its white space counts)."""
    if "data-search-exclude" in html or "<script" in html or "<style" in html or "<pre" in html:
        return html
    out: list[str] = []
    depth = 0   # open elements other than p and headings (which never hold a heading)
    last = 0
    for match in _TAG_RE.finditer(html):
        out.append(html[last:match.start()])
        last = match.end()
        closing, tag = match.group(1), match.group(2)
        if tag is None:  # a comment
            continue
        tag = tag.lower()
        if tag in _HEADINGS:
            if closing:
                out.append(f"</{tag}>")
                continue
            if depth:
                return html
            anchor = _ID_RE.search(match.group(3))
            out.append(f'<{tag} id="{anchor.group(1)}">' if anchor else f"<{tag}>")
            continue
        if tag not in _VOID and tag != "p" and not match.group(3).rstrip().endswith("/"):
            depth += -1 if closing else 1
        if tag in _KEPT:
            out.append(f"<{closing}{tag}>")
        elif tag not in _INLINE:
            out.append(" ")
    out.append(html[last:])
    return " ".join("".join(out).split())  # the indexer turns line breaks into spaces anyway
