"""Pages for all Gemeinden: one page each (or, for a Gemeinde that is itself a Kommune of
the registry, a redirect to its Kommune page: no duplicate content) and the A–Z page
"War meine Stadt dabei?". Pure functions of the model; `kekiz.site` assembles them.

Every Gemeinde page opens with its plain answer (`answer`): one sentence, in the past tense,
exactly as far as the sources go (`kekiz.model.gemeinden.Participation`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from markupsafe import Markup

from kekiz.model.gemeinden import Gemeinde, Gemeinden, Participation, kreis_dative, kreis_nominative
from kekiz.model.german import Case, capfirst, kreis_phrase
from kekiz.model.glossary import Glossary
from kekiz.model.registry import CohortInfo, Registry
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.glossary import link_first_uses
from kekiz.site.graphics.mapparts import gemeinde_locator
from kekiz.site.pages.communes import PopulationFact, population_fact, redirect_stub
from kekiz.site.paths import EXPLAINER_PATH, GEMEINDEN_PATH, MAP_PATH, OVERVIEW_PATH, redirect_file
from kekiz.site.templating import render

PROGRAMME = "„Kein Kind zurücklassen!“"
INDEX_TITLE = "War meine Stadt dabei?"


def pages(site: SiteParts) -> Iterator[RenderedPage]:
    """A page per Gemeinde that is no Kommune itself (a Kommune's own page answers for it), its
    Glossar terms linked at their first use; then the A–Z page."""
    population = site.population
    for gemeinde in site.towns.all:
        if gemeinde.commune is None:
            page = gemeinde_page(site.registry, gemeinde, site.context, locator_svg=gemeinde_locator(site.geo, gemeinde),
                                 population=population_fact(population, gemeinde.ags))
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


def gemeinde_page(registry: Registry, gemeinde: Gemeinde, site: SiteContext, *, locator_svg: str | None,
                  population: PopulationFact | None = None) -> RenderedPage:
    kreis = gemeinde.kreis_commune
    return _gemeinde_page(gemeinde, registry.programme.cohorts[kreis.cohort] if kreis else None, site, locator_svg,
                          population)


@lru_cache(maxsize=1024)  # see _linked
def _gemeinde_page(gemeinde: Gemeinde, kreis_cohort: CohortInfo | None, site: SiteContext,
                   locator_svg: str | None, population: PopulationFact | None) -> RenderedPage:
    kreis = gemeinde.kreis_commune
    html = render(
        "gemeinde.html.j2", gemeinde.path,
        g=gemeinde, kc=kreis, p=gemeinde.participation, P=Participation,
        answer=answer(gemeinde),
        kreis_cohort=kreis_cohort,
        im_kreis=kreis_dative(gemeinde.kreis.name),
        der_kreis=kreis_nominative(gemeinde.kreis.name),
        index=GEMEINDEN_PATH, overview=OVERVIEW_PATH, explainer=EXPLAINER_PATH,
        geo_attribution=site.geo_attribution,
        population=population,
        locator=Markup(locator_svg) if locator_svg else None,  # built by kekiz.site.graphics.maps, escapes itself
    )
    return RenderedPage(gemeinde.path, gemeinde.name, describe(gemeinde), html)


def answer(gemeinde: Gemeinde) -> str:
    """The plain answer, one or two short sentences in the past tense, for a reader who asks
    "was my town part of it?". Says no more than `gemeinde.participation` knows."""
    name, p = gemeinde.name, gemeinde.participation
    if p in (Participation.SELF, Participation.BOTH):
        commune = gemeinde.commune
        text = f"Ja. {name} nahm ab {commune.cohort.value} an {PROGRAMME} teil."
        if p is Participation.BOTH:
            text += (f" {capfirst(kreis_phrase(gemeinde.kreis.name))} nahm ebenfalls teil, "
                     f"ab {gemeinde.kreis_commune.cohort.value}.")
        return text
    if p is Participation.NONE:
        if gemeinde.kreisfrei:
            return f"Nein. {name} nahm nach unseren Quellen nicht an {PROGRAMME} teil."
        return (f"Nein. Weder {name} noch {kreis_phrase(gemeinde.kreis.name)} nahmen nach unseren Quellen "
                f"an {PROGRAMME} teil.")
    kreis = gemeinde.kreis_commune
    year = kreis.cohort.value
    den_kreis = kreis_phrase(kreis.name, Case.ACCUSATIVE)
    des_kreises = kreis_phrase(kreis.name, Case.GENITIVE)
    der_kreis = capfirst(kreis_phrase(kreis.name))
    if p is Participation.PARTNER:
        return (f"Ja, über {den_kreis}: {name} war Partner der gemeinsamen Bewerbung {des_kreises} "
                f"und nahm so ab {year} teil.")
    if p is Participation.LATER_PARTNER:
        joined = gemeinde.later_partner.joined
        if joined is None:
            return (f"Ja, über {den_kreis}: {der_kreis} nahm ab {year} teil, und {name} kam später als Partner "
                    "hinzu; wann genau, sagen unsere Quellen nicht.")
        when = joined.german if joined.month is None else ("im " if joined.day is None else "am ") + joined.german
        return f"Ja, über {den_kreis}: {der_kreis} nahm ab {year} teil, und {name} kam {when} als Partner hinzu."
    if p is Participation.YOUTH_OFFICE:
        return f"Ja, über {den_kreis}: {der_kreis} nahm ab {year} teil, auch als Jugendamt für {name}."
    if p is Participation.ALL_TOWNS:
        return (f"Über {den_kreis}: {der_kreis} nahm ab {year} teil, nach unseren Quellen gemeinsam mit allen "
                f"seinen Städten und Gemeinden. {name} gehört dazu, wird in unseren Quellen aber nicht einzeln genannt.")
    return f"{der_kreis} nahm ab {year} teil. Was das für {name} bedeutete, sagen unsere Quellen nicht."


def describe(gemeinde: Gemeinde) -> str:
    """Meta description: where the town lies, and its plain answer."""
    where = "kreisfreie Stadt" if gemeinde.kreisfrei else f"{gemeinde.kind} {kreis_dative(gemeinde.kreis.name)}"
    return f"{gemeinde.name} ({where}), „Kein Kind zurücklassen!“: {answer(gemeinde)}"


def index_page(gemeinden: Gemeinden, site: SiteContext) -> RenderedPage:
    kinds = [(p, gemeinden.count(p)) for p in Participation]
    html = render(
        "gemeinden_index.html.j2", GEMEINDEN_PATH,
        total=len(gemeinden.all), kinds=kinds, P=Participation,
        letters=gemeinden.by_letter(), kreise=gemeinden.kreise,
        gemeinden=gemeinden, overview=OVERVIEW_PATH, map_path=MAP_PATH, geo_attribution=site.geo_attribution,
        title=INDEX_TITLE,
        nominative=lambda name: capfirst(kreis_nominative(name)),
    )
    description = (f"Alle {len(gemeinden.all)} Städte und Gemeinden in Nordrhein-Westfalen: ob sie selbst oder "
                   "über ihren Kreis an „Kein Kind zurücklassen!“ teilnahmen, und was die Quellen dazu sagen.")
    # Its Kreis sections are the only search entries named after a Kreis that did not take
    # part; boosted, a search for "Kreis Olpe" lists the Kreis before the town of Olpe.
    return RenderedPage(GEMEINDEN_PATH, INDEX_TITLE, description, html, search_boost=2)


def redirects(gemeinden: Gemeinden, site: SiteContext) -> dict[str, str]:
    """/gemeinden/<slug>/ of a Gemeinde that is a Kommune itself leads to the Kommune page."""
    return {redirect_file(g.path): redirect_stub(g.commune, g.path, site) for g in gemeinden.all if g.commune}
