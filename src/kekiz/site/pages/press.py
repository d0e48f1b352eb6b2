"""The press pages: every statement (the Kommunen's and the programme's), newest first, by year, with
static filter pages by cohort, by Kommune and for the programme (links, no script), and the
per-statement citation line. Programme statements live on /presse/programm/ (their permalink).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from kekiz.model.german import Case, zu
from kekiz.model.registry import PROGRAMME_LABEL, Cohort, Commune, PlacedStatement, Registry, sort_key
from kekiz.site.citations import placed_citation
from kekiz.site.context import UNSEARCHED_END, UNSEARCHED_START, RenderedPage, SiteContext, SiteParts
from kekiz.site.paths import FEEDS_EXPLAINED, PRESS_PATH, PROGRAMME_STATEMENTS_PATH, SITE_FEED_FILE, \
    press_cohort_path, press_commune_path, statement_target
from kekiz.site.templating import render, render_with_open_links

UNKNOWN_DATE_ANCHOR = "datum-unbekannt"
# Each cohort page's description, in the past: the programme ended (never "seit", never "teilnehmen").
_COHORT_DESCRIPTION = {
    Cohort.MODELLPHASE: "Belegte Äußerungen aus den Modellkommunen, die 2012 für „Kein Kind zurücklassen!“ "
                        "ausgewählt wurden.",
    Cohort.LANDESINITIATIVE: "Belegte Äußerungen aus den Kommunen, die im Januar 2017 zu „Kein Kind "
                             "zurücklassen!“ hinzukamen.",
}


# A statement on the press pages: a Kommune's, or one about the programme as a whole.
PressItem = PlacedStatement


@dataclass(frozen=True)
class YearSection:
    anchor: str
    heading: str
    items: tuple[PressItem, ...]


def _newest_first(items: list[PressItem]) -> list[PressItem]:
    """Dated items newest first; within a year a month before a year-only date, a day before its
    month (the more precise date is the safer "newest"); undated last, in registry order."""
    dated = [i for i in items if i.statement.date]
    dated.sort(key=lambda i: i.key)
    dated.sort(key=lambda i: i.statement.date.key, reverse=True)
    return dated + [i for i in items if not i.statement.date]


def year_sections(items: list[PressItem]) -> list[YearSection]:
    sections = []
    ordered = _newest_first(items)
    for year, group in groupby(ordered, key=lambda i: i.statement.date.year if i.statement.date else None):
        group = tuple(group)
        if year is None:
            sections.append(YearSection(UNKNOWN_DATE_ANCHOR, "Datum unbekannt", group))
        else:
            sections.append(YearSection(f"jahr-{year}", str(year), group))
    return sections


class _PrintedItems:
    """Each statement's HTML, rendered once and printed on every press page that lists it (its
    Kommune's, its cohort's and /presse/): most of the press pages' time at 4,000 Kommunen."""

    def __init__(self, registry: Registry, site: SiteContext, items: list[PressItem]):
        pieces = render_with_open_links(
            "press_items.html.j2", items=items, programme_label=PROGRAMME_LABEL, target=statement_target,
            cite=lambda i: placed_citation(i, site_name=site.site_name, site_url=site.site_url, stand=registry.stand))
        self._html = {item.key: piece for item, piece in zip(items, pieces, strict=True)}

    def html(self, item: PressItem, page_path: str, *, searched_list: bool) -> Markup:
        """`searched_list`: the list is in the search index, so each citation suggestion is kept
        out of it; else the whole list is kept out, and markers may not nest."""
        html = self._html[item.key].on(page_path)
        if not searched_list:
            html = html.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")
        return Markup(html)


def _page(registry: Registry, site: SiteContext, printed: _PrintedItems, path: str, title: str, heading: str,
          items: list[PressItem], description: str, active: str, commune: Commune | None = None) -> RenderedPage:
    # A Kommune's own press page links back to the full list instead of repeating it: with
    # thousands of Kommunen, a list on every one of their pages would grow the site quadratically.
    with_statements = [] if commune else [c for c in registry.communes if c.statements]
    filtered = path != PRESS_PATH
    html = render(
        "press.html.j2", path,
        heading=heading,
        sections=year_sections(items),
        total=len(items),
        cohorts=list(Cohort),
        cohort_path=press_cohort_path,
        commune_path=press_commune_path,
        communes=sorted(with_statements, key=lambda c: sort_key(c.name)),
        programme_path=PROGRAMME_STATEMENTS_PATH,
        programme_label=PROGRAMME_LABEL,
        programme_count=len(registry.programme.statements),
        active=active,
        commune_filter=commune,
        is_filtered=filtered,
        press_path=PRESS_PATH,
        unknown_anchor=UNKNOWN_DATE_ANCHOR,
        item_html=lambda item: printed.html(item, path, searched_list=filtered),
        stand=registry.stand,
        site_feed=SITE_FEED_FILE,
        feeds_explained=FEEDS_EXPLAINED,
    )
    # Each statement is indexed once: a Kommune's on its Kommune page, the programme's on
    # /presse/programm/. The other filtered pages only repeat them; /presse/ keeps its intro.
    return RenderedPage(path, title, description, html,
                        search_exclude=path not in (PRESS_PATH, PROGRAMME_STATEMENTS_PATH))


def pages(site: SiteParts) -> list[RenderedPage]:
    return press_pages(site.registry, site.context)


def press_pages(registry: Registry, site: SiteContext) -> list[RenderedPage]:
    """/presse/ with every statement, plus one filtered page per cohort and per Kommune with statements."""
    everything = list(registry.placed_statements)
    printed = _PrintedItems(registry, site, everything)
    pages = [_page(registry, site, printed, PRESS_PATH, "Presse", "Presse: Äußerungen zu „Kein Kind zurücklassen!“",
                   everything, "Alle belegten Äußerungen zu „Kein Kind zurücklassen!“, zum Programm und aus den "
                   "Kommunen, mit Person, Datum, Quelle und Zitiervorschlag.", "")]
    if registry.programme.statements:
        pages.append(_page(registry, site, printed, PROGRAMME_STATEMENTS_PATH, "Presse: Äußerungen zum Programm",
                           "Presse: Äußerungen zum Programm insgesamt", [i for i in everything if i.is_programme],
                           "Belegte Äußerungen zu „Kein Kind zurücklassen!“ als Ganzem, nicht zu einer einzelnen "
                           "Kommune: Landesregierung, Bertelsmann Stiftung und andere.", PROGRAMME_LABEL))
    for cohort in Cohort:
        items = [i for i in everything if i.commune and i.commune.cohort is cohort]
        pages.append(_page(registry, site, printed, press_cohort_path(cohort), f"Presse: {cohort.plural_label}",
                           f"Presse: Äußerungen aus den Kommunen des Jahrgangs {cohort.value}", items,
                           _COHORT_DESCRIPTION[cohort], cohort.anchor))
    for commune in registry.communes:
        if commune.statements:
            items = [PressItem(commune, s) for s in commune.statements]
            pages.append(_page(registry, site, printed, press_commune_path(commune), f"Presse: {commune.name}",
                               f"Presse: Äußerungen {zu(commune.called(Case.DATIVE))}", items,
                               f"Belegte Äußerungen zu „Kein Kind zurücklassen!“ {commune.called(Case.LOCATIVE)}.",
                               commune.slug, commune))
    return pages
