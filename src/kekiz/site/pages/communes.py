"""The Kommune pages, the overview of all Kommunen, the redirect stubs at former slugs, and the
Kommune lists of the hand-written pages: HTML fragments (the theme wraps them).

Pure functions of the model: no MkDocs import, so a move to another generator keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from markupsafe import Markup, escape

from kekiz.model.gemeinden import Gemeinde
from kekiz.model.german import capfirst
from kekiz.model.population import PopulationSource, PopulationTable
from kekiz.model.registry import Cohort, CohortInfo, Commune, CommuneType, Milestone, Programme, Registry, Source, \
    Statement
from kekiz.site.citations import commune_facts, statement_citation
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.glossary import link_first_uses
from kekiz.site.graphics.mapparts import locator_fragment
from kekiz.site.paths import EXPLAINER_PATH, FEEDS_EXPLAINED, GEMEINDEN_PATH, MAP_PATH, OVERVIEW_PATH, TIMELINE_PATH, \
    TODAY_EXPLAINED, commune_feed_file, former_commune_path, press_commune_path, redirect_file
from kekiz.site.templating import render, source_label, sources_line
from kekiz.site.urls import absolute, relative


def pages(site: SiteParts) -> Iterator[RenderedPage]:
    """A page per Kommune, with its locator map; Glossar terms linked at their first use, as
    the explainers do. A Kommune with statements has its own press page and feed; a Kreis lists
    all its Gemeinden with what the sources say about each."""
    registry = site.registry
    population = site.population
    for commune in registry.communes:
        towns = site.towns.of_kreis(commune)
        page = commune_page(registry, commune, site.context, locator_svg=locator_fragment(registry, site.geo, commune),
                            press_page=press_commune_path(commune) if commune.statements else None,
                            feed=commune_feed_file(commune) if commune.statements else None,
                            gemeinden=towns, population=population_fact(population, commune.ags, len(towns)))
        yield replace(page, html=link_first_uses(page.html, site.glossary, page.path, site.place_names))


def overview(site: SiteParts) -> list[RenderedPage]:
    """/kommunen/: every Kommune by cohort."""
    return [overview_page(site.registry, site.context)]


def redirects(site: SiteParts) -> dict[str, str]:
    """A redirect stub at every former slug of a Kommune."""
    return redirect_pages(site.registry, site.context)


def commune_page(registry: Registry, commune: Commune, site: SiteContext, *, locator_svg: str | None = None,
                 press_page: str | None = None, feed: str | None = None, gemeinden: tuple[Gemeinde, ...] = (),
                 population: PopulationFact | None = None) -> RenderedPage:
    cohort_info = registry.programme.cohorts[commune.cohort]
    edit_url = view_url = None
    if site.repo_url:
        repo = site.repo_url.rstrip("/")
        edit_url = f"{repo}/edit/{site.branch}/{site.registry_file}"
        view_url = f"{repo}/blob/{site.branch}/{site.registry_file}#L{commune.line}"
    sequel = registry.programme.sequel
    sources = _SourceList(commune, cohort_info, sequel)
    cohort_count = registry.count(cohort=commune.cohort)
    html = render(
        "commune.html.j2", commune.path,
        c=commune,
        answer=answer(commune, cohort_count),
        gemeinden=gemeinden,
        population=population,
        stand=registry.stand,
        cohort=cohort_info,
        cohort_count=cohort_count,
        sequel=sequel,
        total=len(registry.communes),
        parent=registry.parent_kreis(commune),
        towns=registry.towns_in(commune),
        statement_groups=_statement_groups(commune),
        all_sources=sources.ordered,
        cites=sources.cites,
        list_label=sources.label,
        source_anchor=sources.anchor,
        timeline=TIMELINE_PATH,
        explainer=EXPLAINER_PATH,
        permalink=absolute(commune.path, site.site_url),
        site_name=site.site_name,
        registry_file=site.registry_file,
        edit_url=edit_url,
        view_url=view_url,
        operator=site.operator,
        geo_attribution=site.geo_attribution,
        locator=Markup(locator_svg) if locator_svg else None,  # built by kekiz.site.graphics.maps, escapes itself
        quote_citation=lambda st: statement_citation(commune, st, site_name=site.site_name, site_url=site.site_url,
                                           stand=registry.stand),
        facts=commune_facts(commune, cohort_info.programme, commune.kreis_name),
        press_page=press_page,
        feed=feed,
        feeds_explained=FEEDS_EXPLAINED,
        today_explained=TODAY_EXPLAINED,
    )
    return RenderedPage(commune.path, commune.name, describe(commune), html)


def answer(commune: Commune, cohort_count: int) -> str:
    """The plain answer that opens a Kommune page: „Ja. Krefeld nahm ab 2017 … teil, als eine der 22 …“."""
    if commune.cohort is Cohort.MODELLPHASE:
        how = f"als eine der {cohort_count} Modellkommunen"
    else:
        how = f"als eine der {cohort_count} Kommunen, die 2017 hinzukamen"
    return f"Ja. {capfirst(commune.called())} nahm ab {commune.cohort.value} an „Kein Kind zurücklassen!“ teil, {how}."


@dataclass(frozen=True)
class PopulationFact:
    """One Kommune's or Gemeinde's population with what a page must say about it (hashable: the
    Gemeinde pages are cached by their values)."""

    persons: int
    source: PopulationSource
    towns: int = 0   # for a Kreis: how many Gemeinden the sum covers

    @property
    def figure(self) -> str:
        """German thousands separator: „230.666“."""
        return f"{self.persons:,}".replace(",", ".")


def population_fact(table: PopulationTable | None, ags: str, towns: int = 0) -> PopulationFact | None:
    """The census figure for an AGS (8 digits: a Gemeinde; 5: the sum of a Kreis's Gemeinden), or None."""
    persons = table.of_commune(ags) if table is not None else None
    if persons is None:
        return None
    return PopulationFact(persons, table.source, towns if len(ags) == 5 else 0)


def describe(commune: Commune) -> str:
    """One-sentence summary for search engines and link previews; dated, never "nimmt teil"."""
    where = f" (Regierungsbezirk {commune.regierungsbezirk})" if commune.regierungsbezirk else ""
    joined = ("wurde 2012 Modellkommune von" if commune.cohort is Cohort.MODELLPHASE
              else "kam 2017 zur Landesinitiative")
    return f"{capfirst(commune.called())}{where} {joined} „Kein Kind zurücklassen!“: Angaben, Äußerungen und Quellen."


@dataclass(frozen=True)
class _Group:
    cohort: Cohort
    info: CohortInfo
    communes: tuple[Commune, ...]
    types: tuple[str, ...]  # "10 kreisfreie Städte", in type order

    @property
    def count(self) -> int:
        return len(self.communes)


def _groups(registry: Registry) -> list[_Group]:
    groups = []
    for cohort in Cohort:
        members = registry.in_cohort(cohort)
        types = tuple(t.counted(n) for t in CommuneType if (n := registry.count(cohort=cohort, type=t)))
        groups.append(_Group(cohort, registry.programme.cohorts[cohort], members, types))
    return groups


def overview_page(registry: Registry, site: SiteContext) -> RenderedPage:
    groups = _groups(registry)
    html = render("overview.html.j2", OVERVIEW_PATH, groups=groups, total=len(registry.communes),
                   later=_later_milestones(registry.programme), timeline=TIMELINE_PATH,
                   explainer=EXPLAINER_PATH, map_path=MAP_PATH, gemeinden_path=GEMEINDEN_PATH)
    description = (f"Alle {len(registry.communes)} Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen, "
                   "nach Jahrgang, mit Art und Regierungsbezirk.")
    return RenderedPage(OVERVIEW_PATH, "Kommunen", description, html)


def _later_milestones(programme: Programme) -> list[Milestone]:
    """What became of the programme after the 2017 cohort joined: the first later milestone and the
    last one in the timeline data (today: the continuation in 2017 and the successor "kinderstark")."""
    later = [m for m in programme.milestones if m.date.key > (2017, 1, 31)]
    return later if len(later) <= 2 else [later[0], later[-1]]


def cohorts_fragment(registry: Registry, page_path: str) -> str:
    """The two cohorts with their sources, for the programme explainer (anchors #jahrgang-…)."""
    return render("cohorts.html.j2", page_path, groups=_groups(registry), overview=OVERVIEW_PATH)


def commune_list_fragment(registry: Registry, page_path: str) -> str:
    """All Kommunen as a linked list by cohort: the text alternative next to the map."""
    return render("commune_list.html.j2", page_path, groups=_groups(registry))


def redirect_pages(registry: Registry, site: SiteContext) -> dict[str, str]:
    """Static redirect documents for former slugs: site-relative file path -> full HTML.

    A meta refresh and a visible link, no script; the canonical link tells search engines
    where the page lives now.
    """
    return {redirect_file(former_commune_path(old)): redirect_stub(commune, former_commune_path(old), site)
            for old, commune in sorted(registry.redirects.items())}


def redirect_stub(commune: Commune, old_path: str, site: SiteContext) -> str:
    """A redirect document at `old_path` that leads to the Kommune's page."""
    return render("redirect.html.j2", old_path, c=commune, target=relative(commune.path, old_path),
                  permalink=absolute(commune.path, site.site_url))


def _source_key(source: Source) -> str:
    return source.url or f"titel:{source.title}"


class _SourceList:
    """Every source a Kommune page cites, once each and numbered in order of first use; the text
    cites them by a short label linking to the list. Labels are made distinct where publisher,
    title and date alone would read the same ("Kreis Unna; Kreis Unna")."""

    def __init__(self, commune: Commune, cohort: CohortInfo, sequel: tuple[Milestone, ...] = ()):
        cited = list(commune.sources)
        if commune.joint_application:
            cited += commune.joint_application.sources
        if commune.all_towns:
            cited += commune.all_towns.sources
        cited += cohort.sources
        cited += [s for m in sequel for s in m.sources]
        cited += [s for n in commune.notes for s in n.sources]
        cited += [st.source for st in commune.sorted_statements]
        best: dict[str, Source] = {}
        for source in cited:  # the same address cited with and without title or date: keep the fullest
            key = _source_key(source)
            known = best.get(key)
            if known is None or _detail(source) > _detail(known):
                best[key] = source
        self.ordered = list(best.values())
        self._number = {_source_key(s): i for i, s in enumerate(self.ordered, 1)}
        publishers = [s.publisher for s in self.ordered]
        self._label = {key: source_label(s, hint=publishers.count(s.publisher) > 1 and not s.title)
                       for key, s in best.items()}

    def anchor(self, source: Source) -> str:
        return f"quelle-{self._number[_source_key(source)]}"

    def cite(self, source: Source) -> Markup:
        return Markup(f'<a href="#{self.anchor(source)}">{escape(self._label[_source_key(source)])}</a>')

    def cites(self, sources: Sequence[Source], label: str = "Quelle") -> Markup:
        """Short references in the text (Python, not a template macro: a Kommune page has
        dozens, and a macro call costs ten times as much)."""
        return sources_line([self.cite(s) for s in sources], label)

    def label(self, source: Source) -> str:
        return self._label[_source_key(source)]


def _detail(source: Source) -> int:
    return (source.title is not None) + (source.date is not None) + (source.publisher is not None)


@dataclass(frozen=True)
class _StatementGroup:
    """Statements from one source, with what they all share said once in the group's heading."""

    source: Source
    statements: tuple[Statement, ...]

    @property
    def lead(self) -> Statement:
        return self.statements[0]

    @cached_property  # asked once per statement of the group
    def shared(self) -> tuple[str, ...]:
        if len(self.statements) == 1:
            return ()
        same = lambda attr: len({getattr(st, attr) for st in self.statements}) == 1  # noqa: E731
        shared = ["source"]
        if same("speaker") and same("role"):
            shared.append("speaker")
        if same("date"):
            shared.append("date")
        if same("context") and self.lead.context:  # none at all is nothing to say once
            shared.append("context")
        return tuple(shared)


def _statement_groups(commune: Commune) -> list[_StatementGroup]:
    """Statements by source, each group where its first statement falls in date order."""
    groups: dict[str, list[Statement]] = {}
    for st in commune.sorted_statements:
        groups.setdefault(_source_key(st.source), []).append(st)
    return [_StatementGroup(sts[0].source, tuple(sts)) for sts in groups.values()]
