"""The page templates (src/kekiz/site/templates): one Jinja environment, rendering, and what every
template may use. Registry text is untrusted: everything printed is escaped (autoescape) and
loses the control characters it may carry (_printable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from kekiz.model.german import Case, capfirst, join_and, nest_quotes, zu
from kekiz.site.citations import FORM_BADGE, SPEAKER_UNKNOWN
from kekiz.site.inert import xml_text
from kekiz.model.registry import Source
from kekiz.site.urls import relative


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kekiz.site", "templates"),
        autoescape=True,                 # registry text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printable,
        auto_reload=False,  # package files: no stat of each template on every page (and serve does not watch them)
    )
    env.filters.update(capfirst=capfirst, nest_quotes=nest_quotes, join_and=join_and, zu=zu)
    env.globals.update(Case=Case, source_ref=source_ref, sources_inline=sources_inline, speaker_unknown=SPEAKER_UNKNOWN,
                       form_badges=FORM_BADGE)
    return env


def _printable(value):
    """Registry text may carry control characters (YAML escapes such as "\\x01"): never print them."""
    if type(value) is str:  # the common case: skip the search when there is nothing to find
        return value if value.isprintable() else xml_text(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_text(value)
    return value


def keep_compiled_templates(cache: jinja2.BytecodeCache) -> None:
    """Let the page templates' compiled code outlive the process (kekiz.adapter.theme)."""
    _env().bytecode_cache = cache


def render(template: str, page_path: str, **context) -> str:
    return _env().get_template(template).render(link=lambda target: relative(target, page_path), **context)


@dataclass(frozen=True)
class OpenLinks:
    """HTML rendered once for several pages, split where a link relative to the page goes."""

    parts: tuple[str, ...]    # one more than targets
    targets: tuple[str, ...]  # site-relative

    def on(self, page_path: str) -> str:
        links = [str(escape(relative(target, page_path))) for target in self.targets]
        return "".join(part + link for part, link in zip(self.parts, links + [""]))


# Stand for a link and for the end of a piece while rendering with open links: control
# characters, which no printed value can hold (_printable removes them), so the splits are exact.
_OPEN_LINK, _PIECE_END = "\x00", "\x01"


def render_with_open_links(template: str, **context) -> list[OpenLinks]:
    """Render once, for many pages: the template prints `piece_end` after each piece (one
    statement, say) and `link(target)` where a link relative to the page goes."""
    targets: list[str] = []

    def link(target: str) -> Markup:
        targets.append(target)
        return Markup(_OPEN_LINK)
    text = _env().get_template(template).render(link=link, piece_end=Markup(_PIECE_END), **context)
    pieces, start = [], 0
    for html in text.split(_PIECE_END)[:-1]:
        parts = tuple(html.split(_OPEN_LINK))
        pieces.append(OpenLinks(parts, tuple(targets[start:start + len(parts) - 1])))
        start += len(parts) - 1
    if start != len(targets):
        raise AssertionError(f"{template}: a link outside every piece")
    return pieces


def sources_line(links: list[Markup], label: str = "Quelle") -> Markup:
    """"Quellen: <a>…</a>; <a>…</a>", as the pages cite in running text."""
    plural = "n" if len(links) > 1 and label == "Quelle" else ""
    return Markup(f'<span class="kekiz-sources">{escape(label)}{plural}: {"; ".join(links)}</span>')


def sources_inline(sources: Sequence[Source], label: str = "Quelle") -> Markup:
    """The sources linked to their addresses, for pages without a numbered source list
    (overview, programme, Gemeinde pages)."""
    return sources_line([source_ref(s) for s in sources], label)


def source_ref(source: Source) -> Markup:
    """A source by name, linked to its address: for pages without a numbered source list (a
    template global; as a macro it was most of the press pages' time)."""
    label = escape(_printable(source_label(source)))
    if source.url:
        return Markup(f'<a href="{escape(_printable(source.url))}" rel="external noopener">{label}</a>')
    return Markup(f'{label} <span class="kekiz-muted">(keine Web-Adresse bekannt)</span>')


def source_label(source: Source, *, hint: bool = False) -> str:
    """"Stadt Aachen: „Aachen ist mit dabei!“, Januar 2017"; with `hint`, the end of the address
    tells apart two untitled sources of one publisher ("Kreis Unna …, …/830761.html")."""
    if source.publisher:
        label = source.publisher + (f": „{nest_quotes(source.title)}“" if source.title else "")
    else:
        label = f"„{nest_quotes(source.title)}“ (Herausgeber nicht genannt)" if source.title else "Herausgeber nicht genannt"
    if source.date:
        label += f", {source.date.german}"
    if hint and source.url:
        parts = urlsplit(source.url)
        tail = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
        label += f", …/{tail if len(tail) <= 40 else tail[:39] + '…'}"
    return label
