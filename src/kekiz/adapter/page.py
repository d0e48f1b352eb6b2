"""A page the site layer has rendered already: no Markdown to read or convert.

MkDocs lets a plugin put its own Page object on a File before the navigation is built
(`File.page`; Material's blog does the same with its Post pages). This one reads its meta and
HTML from the RenderedPage instead of from docs/, so MkDocs skips the Markdown step for it.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kekiz.adapter.search import hold_back
from kekiz.site.context import RenderedPage

_HEADING_RE = re.compile(r'<h([12]) id="([^"]+)">(.*?)</h\1>')
_TAG_RE = re.compile(r"<[^>]+>")


class GeneratedPage(Page):
    def __init__(self, title: str | None, file: File, config, rendered: RenderedPage):
        self.rendered = rendered
        super().__init__(title, file, config)

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = page_meta(self.rendered)

    def render(self, config, files) -> None:
        self.toc = toc_of(self.rendered.html)
        self.content, self.meta["kekiz_held_back"] = hold_back(self.rendered.html)


def page_meta(page: RenderedPage) -> dict:
    """What MkDocs and the theme read from a page's front matter."""
    meta: dict = {"title": page.title, "description": page.description}
    if page.search_exclude:
        meta["search"] = {"exclude": True}
    elif page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    return meta


def toc_of(html: str):
    """Table of contents of a page's HTML: the h1 with the h2s below it, as Markdown's toc would
    make it. The theme's skip link goes to the first entry, i.e. the h1."""
    tokens: list[dict] = []
    for level, anchor, name in _HEADING_RE.findall(html):
        token = {"level": int(level), "id": anchor, "name": _TAG_RE.sub("", name).rstrip("#"), "children": []}
        if tokens and tokens[0]["level"] == 1 and token["level"] == 2:
            tokens[0]["children"].append(token)
        elif token["level"] == 2 or not tokens:
            tokens.append(token)
    return get_toc(tokens)
