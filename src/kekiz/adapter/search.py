"""What the site search reads of a page: its content without the parts every other page repeats.

The search plugin indexes `page.content`; the theme prints it. So the adapter sets a page's
content to the page with each held-back part replaced by a placeholder comment, and hands the
parts to the theme as page meta: overrides/main.html puts them back into the content block
(the `kekiz_fill` filter). Both read the same content; only the printed page gets the parts.

Held back: the marked parts of generated pages (kekiz.site.context.UNSEARCHED_START … END:
source lists, citation suggestions, text every Kommune page repeats) and SVGs (maps, charts:
path data, no words). The indexer (an HTML parser) costs about 10 µs for each tag it reads,
skipped or not, so what it never sees costs nothing.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from kekiz.site.context import UNSEARCHED_END, UNSEARCHED_START

PLACEHOLDER = "<!--kekiz:held-back-->"
# Neither nests: the markers only around parts of our templates, SVGs are never nested in ours.
_HELD_BACK = ((UNSEARCHED_START, UNSEARCHED_END), ("<svg", "</svg>"))


def hold_back(html: str) -> tuple[str, list[str]]:
    """(the page for the search, with placeholders; the held-back parts as printed, in order)."""
    # str.find, not a regular expression: a lazy ".*?" over a map's path data cost more than the
    # rest. Each kind's next start is looked for again only once passed (linear in the page).
    kept: list[str] = []
    parts: list[str] = []
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
        part = html[at:finish + len(end)]
        parts.append(part[len(start):-len(end)] if kind == 0 else part)  # the markers are not printed
        kept.append(PLACEHOLDER)
        position = finish + len(end)
        next_start = [html.find(s, position) if 0 <= a < position else a for a, (s, _) in zip(next_start, _HELD_BACK)]
    kept.append(html[position:])
    # A marker left unclosed is not printed either.
    return "".join(kept).replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, ""), parts


def fill(content: str, parts: list[str]) -> Markup:
    """The printed page: each placeholder replaced by its part (a Jinja filter for the theme)."""
    pieces = str(content).split(PLACEHOLDER)
    if len(pieces) != len(parts) + 1:  # never expected: print what the search got rather than fail
        return Markup(content)
    out = [pieces[0]]
    for part, piece in zip(parts, pieces[1:]):
        out += [part, piece]
    return Markup("".join(out))


# The theme names its search worker in the page's configuration (base.html, block "config"):
# "search": "…/assets/javascripts/workers/search.<hash>.min.js". The site's worker
# (docs/assets/javascripts/workers/kekiz-search.js) wraps it: umlauts and their ASCII spellings
# find the same words, and one typo is forgiven. It loads Material's worker named in its query.
_WORKER_RE = re.compile(r'("search":\s*")([^"]*?workers/)(search\.[0-9a-f]+\.min\.js)(")')
SITE_WORKER = "kekiz-search.js"


def search_worker(config_block: str) -> Markup:
    """The theme's configuration with the site's search worker in place of Material's (a Jinja filter)."""
    return Markup(_WORKER_RE.sub(lambda m: f"{m[1]}{m[2]}{SITE_WORKER}?material={m[3]}{m[4]}", str(config_block), count=1))
