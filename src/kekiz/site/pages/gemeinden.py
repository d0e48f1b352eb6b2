"""Pages for all Gemeinden: one page each (or, for a Gemeinde that is itself a Kommune of
the registry, a redirect to its Kommune page: no duplicate content) and the A–Z page
"Ist meine Stadt dabei?". Pure functions of the model; `kekiz.site` assembles them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from markupsafe import Markup

from kekiz.model.gemeinden import Coverage, Gemeinde, Gemeinden, kreis_dative, kreis_nominative
from kekiz.model.glossary import Glossary
from kekiz.model.registry import CohortInfo, Registry
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.glossary import link_first_uses
from kekiz.site.graphics.mapparts import gemeinde_locator
from kekiz.site.pages.communes import redirect_stub
from kekiz.site.paths import EXPLAINER_PATH, GEMEINDEN_PATH, MAP_PATH, OVERVIEW_PATH, redirect_file
from kekiz.site.templating import render


def pages(site: SiteParts) -> Iterator[RenderedPage]:
    """A page per Gemeinde that is no Kommune itself (a Kommune's own page answers for it), its
    Glossar terms linked at their first use; then the A–Z page."""
    for gemeinde in site.towns.all:
        if gemeinde.commune is None:
            page = gemeinde_page(site.registry, gemeinde, site.context, locator_svg=gemeinde_locator(site.geo, gemeinde))
            yield _linked(page, site.glossary, site.place_names)
    yield index_page(site.towns, site.context)


# A Gemeinde page is a pure function of hashable values (the Gemeinde with its Kreis's entry, the
# cohort, the settings, the locator map): under `mkdocs serve`, after an edit of the registry,
# only the pages whose values changed are rendered again. Bounded above the 396 Gemeinden.
@lru_cache(maxsize=1024)
def _linked(page: RenderedPage, glossary: Glossary, place_names: frozenset[str]) -> RenderedPage:
    return replace(page, html=link_first_uses(page.html, glossary, page.path, place_names))


def files(site: SiteParts) -> dict[str, str]:
    """A redirect stub at the address of every Gemeinde that is a Kommune itself."""
    return redirects(site.towns, site.context)


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def gemeinde_page(registry: Registry, gemeinde: Gemeinde, site: SiteContext, *, locator_svg: str | None) -> RenderedPage:
    kreis = gemeinde.kreis_commune
    return _gemeinde_page(gemeinde, registry.programme.cohorts[kreis.cohort] if kreis else None, site, locator_svg)


@lru_cache(maxsize=1024)  # see _linked
def _gemeinde_page(gemeinde: Gemeinde, kreis_cohort: CohortInfo | None, site: SiteContext,
                   locator_svg: str | None) -> RenderedPage:
    kreis = gemeinde.kreis_commune
    html = render(
        "gemeinde.html.j2", gemeinde.path,
        g=gemeinde, kc=kreis,
        kreis_cohort=kreis_cohort,
        im_kreis=kreis_dative(gemeinde.kreis.name),
        der_kreis=kreis_nominative(gemeinde.kreis.name),
        index=GEMEINDEN_PATH, overview=OVERVIEW_PATH, explainer=EXPLAINER_PATH,
        geo_attribution=site.geo_attribution,
        locator=Markup(locator_svg) if locator_svg else None,  # built by kekiz.site.graphics.maps, escapes itself
    )
    return RenderedPage(gemeinde.path, gemeinde.name, describe(gemeinde), html)


def describe(gemeinde: Gemeinde) -> str:
    where = "kreisfreie Stadt" if gemeinde.kreisfrei else f"{gemeinde.kind} {kreis_dative(gemeinde.kreis.name)}"
    answer = {
        Coverage.KREIS: "nicht selbst; ihr Kreis nahm als Kreis teil",
        Coverage.NONE: "weder selbst noch über einen Kreis",
    }.get(gemeinde.coverage, "ja")
    return f"{gemeinde.name} ({where}) bei „Kein Kind zurücklassen!“? {_capfirst(answer)}."


def index_page(gemeinden: Gemeinden, site: SiteContext) -> RenderedPage:
    counts = {c.value: gemeinden.count(c) for c in Coverage}
    html = render(
        "gemeinden_index.html.j2", GEMEINDEN_PATH,
        total=len(gemeinden.all), counts=counts, letters=gemeinden.by_letter(), kreise=gemeinden.kreise,
        gemeinden=gemeinden, overview=OVERVIEW_PATH, map_path=MAP_PATH, geo_attribution=site.geo_attribution,
        nominative=lambda name: _capfirst(kreis_nominative(name)),
    )
    description = (f"Alle {len(gemeinden.all)} Städte und Gemeinden in Nordrhein-Westfalen: ob sie selbst oder "
                   "über ihren Kreis an „Kein Kind zurücklassen!“ teilnahmen.")
    # Its Kreis sections are the only search entries named after a Kreis that did not take
    # part; boosted, a search for "Kreis Olpe" lists the Kreis before the town of Olpe.
    return RenderedPage(GEMEINDEN_PATH, "Ist meine Stadt dabei?", description, html, search_boost=2)


def redirects(gemeinden: Gemeinden, site: SiteContext) -> dict[str, str]:
    """/gemeinden/<slug>/ of a Gemeinde that is a Kommune itself leads to the Kommune page."""
    return {redirect_file(g.path): redirect_stub(g.commune, g.path, site) for g in gemeinden.all if g.commune}
