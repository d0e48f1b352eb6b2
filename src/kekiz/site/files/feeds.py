"""Atom feeds (RFC 4287) of the registry's statements: one for the site, one per Kommune with statements.

Written as text: a feed has one fixed shape, and building it as an XML tree (feedgen and lxml)
took three times as long. Every text passes `_text` or `_attribute` (characters XML cannot
carry dropped, then escaped); the tests read every feed with a real feed parser.

Dates and ids come from the registry only, never from the build clock or git, so a rebuild
gives the same bytes and feed readers never see an entry twice:
- entry id: a name-based UUID of the Kommune's slug and the statement's id (both never change),
  or of "programm/" and the id for statements about the programme as a whole (site feed only);
- entry date: the statement's date when the source gives the day, else the day editors added it.
"""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass

from kekiz.model.german import Case, capfirst, nest_quotes, zu
from kekiz.model.registry import Commune, PartialDate, PlacedStatement, Registry, Statement, StatementForm
from kekiz.site.citations import FORM_BADGE, recorded, source_named, speaker_named, when_said
from kekiz.site.context import Download, SiteParts
from kekiz.site.inert import xml_text
from kekiz.site.paths import OVERVIEW_PATH, PRESS_PATH, SITE_FEED_FILE, commune_feed_file, statement_target
from kekiz.site.urls import absolute, relative

FEED_TYPE = "application/atom+xml"
# Fixed namespace for the feed's name-based UUIDs; never change it (every entry id would change).
_ID_NAMESPACE = uuid.UUID("6f0b8f7e-3c1d-5a52-9d3e-2b7a1c4e8f10")
# Offered on the "Daten" page (a feed is no dataset: not in katalog.rdf).
DOWNLOADS = (Download("feed", SITE_FEED_FILE),)


def files(site: SiteParts) -> dict[str, bytes]:
    """The site feed and one feed per Kommune with statements."""
    return build_feeds(site.registry, site.context.site_name, site.context.site_url)


def has_feed(commune: Commune) -> bool:
    return bool(commune.statements)


@dataclass(frozen=True)
class FeedLink:
    path: str      # site-relative
    title: str


def feed_links(registry: Registry, page_path: str) -> list[FeedLink]:
    """The feeds a page advertises in its head: the site feed, and its Kommune's own feed."""
    links = [FeedLink(SITE_FEED_FILE, "Äußerungen zu „Kein Kind zurücklassen!“ (Programm und alle Kommunen)")]
    commune = commune_at(registry, page_path)
    if commune is not None and has_feed(commune):
        links.append(FeedLink(commune_feed_file(commune), f"Äußerungen zu „Kein Kind zurücklassen!“: {commune.name}"))
    return links


def commune_at(registry: Registry, page_path: str) -> Commune | None:
    """The Kommune whose page is at `page_path`, found by its slug (every page asks: no scan of all Kommunen)."""
    if page_path.startswith(OVERVIEW_PATH) and page_path.endswith("/"):
        commune = registry.by_slug.get(page_path[len(OVERVIEW_PATH):-1])
        if commune is not None and commune.path == page_path:
            return commune
    return None


def entry_id(commune: Commune | None, statement: Statement) -> str:
    """Stable entry id; `commune` None for a statement about the programme as a whole."""
    return "urn:uuid:" + str(uuid.uuid5(_ID_NAMESPACE, PlacedStatement(commune, statement).key))


def entry_day(statement: Statement) -> PartialDate:
    """The statement's own day if known, else the day editors added it (a full date by contract)."""
    date = statement.date
    return date if date is not None and date.day is not None else statement.added


def _timestamp(day: PartialDate) -> str:
    """RFC 3339, at midnight UTC: the registry knows days, not times."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00+00:00"


def statement_lines(item: PlacedStatement) -> list[str]:
    """The statement as plain text lines: words, speaker, date, form and source. Only a quote
    stands in quotation marks; the other two forms say what they are in front of the words."""
    statement = item.statement
    if statement.form is StatementForm.QUOTE:
        words = f"„{nest_quotes(statement.text)}“"
    else:
        words = f"{FORM_BADGE[statement.form]}: {statement.text}"
    who = speaker_named(statement)
    source = statement.source
    cited = source_named(source)
    if source.date:
        cited += f" ({source.date.german})"
    cited += f", {source.url}" if source.url else ", keine Web-Adresse bekannt"
    lines = [words, f"{who} · {item.place_name} · {when_said(statement)}"]
    if statement.context:
        lines.append(statement.context)
    lines.append(f"Quelle: {cited}")
    if not statement.date:
        lines.append(capfirst(recorded(statement)))
    if statement.note:
        lines.append(f"Hinweis: {statement.note}")
    return lines


def _entries(items: list[PlacedStatement]) -> list[PlacedStatement]:
    """Newest entry date first; ties in a fixed order (the statement's stable key)."""
    items = sorted(items, key=lambda i: i.key)
    items.sort(key=lambda i: entry_day(i.statement).key, reverse=True)
    return items


def _link(target: str, feed_path: str, site_url: str | None) -> str:
    """Absolute with a public address; else relative to the feed file (readers resolve it)."""
    return absolute(target, site_url) or relative(target, posixpath.dirname(feed_path) + "/")


def _entry_text(item: PlacedStatement) -> str:
    """An entry's id, title, date and content: the same in the site feed and the Kommune's feed."""
    statement = item.statement
    who = statement.speaker or "Person nicht genannt"
    when = statement.date.german if statement.date else "Datum unbekannt"
    return (f"    <id>{entry_id(item.commune, statement)}</id>\n"
            f"    <title>{_text(f'{item.place_name}: {who} ({when})')}</title>\n"
            f"    <updated>{_timestamp(entry_day(statement))}</updated>\n"
            f'    <content type="text">{_text(chr(10).join(statement_lines(item)))}</content>\n')


def render_feed(registry: Registry, path: str, title: str, page: str, items: list[PlacedStatement],
                site_name: str, site_url: str | None, entry_texts: dict[str, str] | None = None) -> bytes:
    """One feed. `entry_texts` (by statement key) keeps entries for the next feed that lists them."""
    entry_texts = {} if entry_texts is None else entry_texts
    entries = _entries(items)
    newest = max((entry_day(i.statement) for i in entries), key=lambda d: d.key, default=registry.stand)
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n",
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">\n',
           f"  <id>urn:uuid:{uuid.uuid5(_ID_NAMESPACE, path)}</id>\n",
           f"  <title>{_text(title)}</title>\n",
           f"  <updated>{_timestamp(newest)}</updated>\n",
           f"  <author>\n    <name>{_text(site_name)}</name>\n  </author>\n",
           f'  <link href="{_attribute(_link(page, path, site_url))}" rel="alternate" type="text/html"/>\n']
    if site_url:
        out.append(f'  <link href="{_attribute(absolute(path, site_url))}" rel="self" type="{FEED_TYPE}"/>\n')
    out += ["  <generator>kekiz</generator>\n",
            "  <subtitle>Belegte Äußerungen, jeweils mit Person, Datum so genau wie bekannt und Quelle. "
            "Nur Zitate stehen in Anführungszeichen; ein Wortlaut, den die Quelle ohne Anführungszeichen druckt, "
            "und sinngemäße Wiedergaben (indirekte Rede) sind als solche gekennzeichnet.</subtitle>\n"]
    for item in entries:
        text = entry_texts.get(item.key)
        if text is None:
            text = entry_texts[item.key] = _entry_text(item)
        out += ["  <entry>\n", text, f'    <link href="{_attribute(_link(statement_target(item), path, site_url))}"/>\n',
                "  </entry>\n"]
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


# Escaping as XML serializers do it (lxml's bytes); characters XML cannot carry are dropped first.
# Chained str.replace: each a pass in C, many times faster than str.translate with a table.
def _text(text: str) -> str:
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    return (_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def build_feeds(registry: Registry, site_name: str, site_url: str | None) -> dict[str, bytes]:
    """Site-relative file path -> Atom document."""
    entry_texts: dict[str, str] = {}
    out = {SITE_FEED_FILE: render_feed(registry, SITE_FEED_FILE, f"{site_name}: Äußerungen", PRESS_PATH,
                                       list(registry.placed_statements), site_name, site_url, entry_texts)}
    for commune in registry.communes:
        if has_feed(commune):
            path = commune_feed_file(commune)
            title = f"{site_name}: Äußerungen {zu(commune.called(Case.DATIVE))}"  # „zum Kreis Unna“
            out[path] = render_feed(registry, path, title, commune.path,
                                    [PlacedStatement(commune, s) for s in commune.statements], site_name, site_url,
                                    entry_texts)
    return out
