"""Render the registry's pages to HTML fragments (the theme wraps them) and redirect stubs.

Pure functions of the model: no MkDocs import, so a move to another generator keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from .model import Cohort, CohortInfo, Commune, CommuneType, Registry, Source
from .urls import absolute, relative

EXPLAINER_PATH = "programm/"
OVERVIEW_PATH = "kommunen/"
MAP_PATH = "karte/"


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site they are part of."""

    site_name: str
    site_url: str | None = None          # absolute public URL, for permalinks
    repo_url: str | None = None          # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"
    registry_file: str = "data/communes.yaml"
    geo_attribution: str | None = None   # "© GeoBasis-DE / BKG 2016"


@dataclass(frozen=True)
class RenderedPage:
    path: str                 # site-relative directory URL, e.g. "kommunen/krefeld/"
    title: str
    description: str
    html: str

    @property
    def src_uri(self) -> str:
        """Where the page pretends to live in docs/ ("kommunen/krefeld/index.md")."""
        return f"{self.path}index.md"


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("kekiz", "templates"),
        autoescape=True,                 # registry text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(template: str, page_path: str, **context) -> str:
    return _env().get_template(template).render(link=lambda target: relative(target, page_path), **context)


def commune_page(registry: Registry, commune: Commune, site: SiteContext, *, locator_svg: str | None = None) -> RenderedPage:
    cohort_info = registry.programme.cohorts[commune.cohort]
    edit_url = view_url = None
    if site.repo_url:
        repo = site.repo_url.rstrip("/")
        edit_url = f"{repo}/edit/{site.branch}/{site.registry_file}"
        view_url = f"{repo}/blob/{site.branch}/{site.registry_file}#L{commune.line}"
    html = _render(
        "commune.html.j2", commune.path,
        c=commune,
        stand=registry.stand,
        cohort=cohort_info,
        parent=registry.parent_kreis(commune),
        towns=registry.towns_in(commune),
        all_sources=_all_sources(commune),
        explainer=EXPLAINER_PATH,
        permalink=absolute(commune.path, site.site_url),
        site_name=site.site_name,
        registry_file=site.registry_file,
        edit_url=edit_url,
        view_url=view_url,
        geo_attribution=site.geo_attribution,
        locator=Markup(locator_svg) if locator_svg else None,  # built by kekiz.maps, escapes itself
    )
    return RenderedPage(commune.path, commune.name, describe(commune), html)


def describe(commune: Commune) -> str:
    """One-sentence summary for search engines and link previews."""
    where = f", Regierungsbezirk {commune.regierungsbezirk}" if commune.regierungsbezirk else ""
    return (f"{commune.official_name} ({commune.type.label}{where}) nimmt seit {commune.cohort.value} "
            f"an „Kein Kind zurücklassen!“ teil: Angaben, Äußerungen und Quellen.")


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
    html = _render("overview.html.j2", OVERVIEW_PATH, groups=groups, total=len(registry.communes),
                   explainer=EXPLAINER_PATH, map_path=MAP_PATH)
    description = (f"Alle {len(registry.communes)} Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen, "
                   "nach Jahrgang, mit Art und Regierungsbezirk.")
    return RenderedPage(OVERVIEW_PATH, "Kommunen", description, html)


def cohorts_fragment(registry: Registry, page_path: str) -> str:
    """The two cohorts with their sources, for the programme explainer (anchors #jahrgang-…)."""
    return _render("cohorts.html.j2", page_path, groups=_groups(registry), overview=OVERVIEW_PATH)


def commune_list_fragment(registry: Registry, page_path: str) -> str:
    """All Kommunen as a linked list by cohort: the text alternative next to the map."""
    return _render("commune_list.html.j2", page_path, groups=_groups(registry))


def redirect_pages(registry: Registry, site: SiteContext) -> dict[str, str]:
    """Static redirect documents for former slugs: site-relative file path -> full HTML.

    A meta refresh and a visible link, no script; the canonical link tells search engines
    where the page lives now.
    """
    out = {}
    for old, commune in sorted(registry.redirects.items()):
        old_path = f"kommunen/{old}/"
        out[f"{old_path}index.html"] = _render(
            "redirect.html.j2", old_path, c=commune,
            target=relative(commune.path, old_path),
            permalink=absolute(commune.path, site.site_url),
        )
    return out


def _all_sources(commune: Commune) -> list[Source]:
    """Every source the page cites, once each, in order of first use."""
    seen: dict[tuple, Source] = {}
    cited = list(commune.sources)
    cited += [s for n in commune.notes for s in n.sources]
    cited += [st.source for st in commune.sorted_statements]
    for source in cited:
        seen.setdefault((source.url or "", source.title or ""), source)
    return list(seen.values())
