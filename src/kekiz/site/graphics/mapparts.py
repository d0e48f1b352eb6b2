"""Maps as page parts: which areas the registry puts on the map, the legend, the source
note and each Kommune's locator map. Drawing itself is `kekiz.site.graphics.maps`' job."""

from __future__ import annotations

from html import escape

from kekiz.model.gemeinden import Gemeinde, Gemeinden
from kekiz.model.german import Case, is_kreis_name, kreis_phrase
from kekiz.model.geo import GeoData
from kekiz.model.registry import Cohort, Commune, CommuneType, Registry
from kekiz.site.context import UNSEARCHED_END, UNSEARCHED_START, SiteParts
from kekiz.site.graphics import maps
from kekiz.site.paths import GEMEINDEN_PATH, MAP_PATH, locator_base_file
from kekiz.site.urls import relative

NOT_TAKING_PART = "nicht unter den teilnehmenden Kommunen"
# Said beside every map: 25 of its 65 areas are smaller than a fingertip on a phone (WCAG 2.5.8).
SMALL_AREAS_NOTE = ("Kleine Gebiete sind auf dem Handy schwer zu treffen. "
                    "Die Liste unter der Karte führt zu jedem Gebiet.")


def lage(name: str) -> str:
    """The accessible name of a locator map: "Lage des Kreises Unna", "Lage der StädteRegion Aachen",
    "Lage von Krefeld"."""
    return f"Lage {kreis_phrase(name, Case.GENITIVE)}" if is_kreis_name(name) else f"Lage von {name}"


def map_ags(commune: Commune) -> str:
    """The shape a Kommune is drawn with: its own outline for a town inside a Kreis,
    otherwise the Kreis-level area (kreisfreie Städte use their 5-digit Kreisschlüssel)."""
    return commune.ags if commune.is_town_in_kreis else commune.kreis_ags


def map_areas(registry: Registry, gemeinden: Gemeinden, page_path: str) -> list[maps.MapArea]:
    """Every area of the map, in the order of its key (and so of the Tab key): the
    participants by cohort and name, then every other Kreis and kreisfreie Stadt by name,
    linked to its Gemeinde page or to its Gemeinden on the A–Z page."""
    areas = [
        maps.MapArea(ags=map_ags(c), href=relative(c.path, page_path),
                     label=f"{c.name} — {c.cohort.label}", cohort=c.cohort.value)
        for cohort in Cohort for c in registry.in_cohort(cohort)
    ]
    drawn = {a.ags for a in areas}
    for kreis in gemeinden.kreise:
        if kreis.ags in drawn:
            continue
        if kreis.kreisfrei:
            target = gemeinden.in_kreis(kreis)[0].target
        else:
            target = f"{GEMEINDEN_PATH}#{kreis.anchor}"
        areas.append(maps.MapArea(ags=kreis.ags, href=relative(target, page_path),
                                  label=f"{kreis.name} — {NOT_TAKING_PART}", cohort=None))
    return areas


def _area_name(label: str) -> str:
    return label.split(" — ", 1)[0]


def participation_map_fragment(registry: Registry, geo: GeoData, gemeinden: Gemeinden, page_path: str, *,
                               small: bool = False) -> str:
    """The map, its key and its source note; the small one links to the full map page.

    The key lists every area of the map as a link under its colour, in the map's order:
    names without hovering, and a target a finger can hit where the map's areas are small (the
    map says so). The colours are shown first, on their own; beside the small map the list of
    areas is folded away.
    """
    prefix = "karte-klein" if small else "karte"
    areas = map_areas(registry, gemeinden, page_path)
    svg = maps.participation_map(
        geo, areas,
        title="Karte der Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen",
        description=("Alle Kreise und kreisfreien Städte in Nordrhein-Westfalen. Teilnehmende Kommunen sind "
                     "nach Jahrgang eingefärbt; teilnehmende Städte innerhalb eines Kreises sind mit ihrer "
                     "eigenen Grenze eingezeichnet. Jede Fläche ist ein Link: zur Seite der Kommune, sonst zu "
                     "den Städten und Gemeinden des Gebiets."),
        id_prefix=prefix, size="small" if small else "large",
    )
    groups = [(cohort.value, f"{cohort.plural_label} ({registry.count(cohort=cohort)})") for cohort in Cohort]
    groups.append((None, f"nicht teilgenommen ({sum(a.cohort is None for a in areas)})"))
    swatches = {value: maps.legend_swatch(value, id_prefix=f"{prefix}-legende-{value or 'keine'}")
                for value, _ in groups}

    def group(value: int | None, heading: str) -> str:
        links = "".join(f'<li><a href="{escape(a.href)}">{escape(_area_name(a.label))}</a></li>'
                        for a in areas if a.cohort == value)
        return f'<li class="kekiz-map-key__group">{escape(heading)}<ul class="kekiz-map-key__areas">{links}</ul></li>'

    # Under the map: its colours, and where a phone reaches its small areas. Then the key, every area
    # under its group; its 65 links stay out of the site search (a result's snippet would be the whole
    # list). Beside the small map on the home page the key is folded away.
    legend = "".join(f"<li>{swatches[value]} {escape(heading)}</li>" for value, heading in groups)
    key = "".join(group(value, heading) for value, heading in groups)
    key_html = (f'<ul class="kekiz-map-legend" aria-label="Legende">{legend}</ul>'
                f'<p class="kekiz-small kekiz-map-hint">{escape(SMALL_AREAS_NOTE)}</p>{UNSEARCHED_START}')
    if small:
        key_html += (f'<details class="kekiz-map-key__details"><summary>Alle Gebiete als Liste</summary>'
                     f'<ul class="kekiz-map-key" aria-label="Alle Gebiete der Karte">{key}</ul></details>')
    else:
        key_html += f'<ul class="kekiz-map-key" aria-label="Alle Gebiete der Karte">{key}</ul>'
    key_html += UNSEARCHED_END
    source = geo.source
    note = (f'Gebietsgrenzen: {escape(source.dataset)}, <a href="{escape(source.publisher_url)}" rel="external noopener">'
            f'{escape(maps.attribution(geo))}</a>, Lizenz: <a href="{escape(source.licence_url)}" '
            f'rel="external noopener">{escape(source.licence)}</a>; vereinfacht.')
    more = (f'<p><a href="{escape(relative(MAP_PATH, page_path))}">Zur großen Karte mit Liste aller Kommunen</a> · '
            f'<a href="{escape(relative(GEMEINDEN_PATH, page_path))}">War meine Stadt dabei? Alle 396 Städte und Gemeinden</a></p>'
            if small else
            '<p class="kekiz-small">Ohne Karte: <a href="#alle-kommunen-als-liste">dieselben Angaben als Liste</a>.</p>')
    return (f'<figure class="kekiz-map-figure kekiz-map-figure--{"small" if small else "large"}">{svg}'
            f'<figcaption>{key_html}<p class="kekiz-small">{note}</p></figcaption></figure>{more}')


def _cohort(commune: Commune | None) -> int | None:
    return commune.cohort.value if commune else None


def locator_fragment(registry: Registry, geo: GeoData, commune: Commune) -> str:
    """Small map on a Kommune page: the Kommune in its cohort's colour, its Kreis or its towns too."""
    if commune.type is CommuneType.KREIS:
        towns = registry.towns_in(commune)
        label = f"{lage(commune.name)} in Nordrhein-Westfalen"
        if towns:
            label += "; eingezeichnet: " + ", ".join(t.name for t in towns)
        return maps.locator_map(geo, focus_ags=commune.ags, focus_cohort=_cohort(commune), context_ags=None,
                                marked={t.ags: _cohort(t) for t in towns}, label=label, id_prefix="lage")
    if commune.is_town_in_kreis:
        return maps.locator_map(geo, focus_ags=commune.ags, focus_cohort=_cohort(commune),
                                context_ags=commune.kreis_ags, context_cohort=_cohort(registry.parent_kreis(commune)),
                                label=f"Lage von {commune.name} ({commune.kreis_name}) in Nordrhein-Westfalen",
                                id_prefix="lage")
    return maps.locator_map(geo, focus_ags=commune.kreis_ags, focus_cohort=_cohort(commune), context_ags=None,
                            label=f"{lage(commune.name)} in Nordrhein-Westfalen", id_prefix="lage")


def gemeinde_locator(geo: GeoData, gemeinde: Gemeinde) -> str:
    """Small map on a Gemeinde page: the Gemeinde, and its Kreis in the Kreis's colour."""
    if gemeinde.kreisfrei:
        label = f"{lage(gemeinde.name)} in Nordrhein-Westfalen"
        return maps.locator_map(geo, focus_ags=gemeinde.ags, focus_cohort=_cohort(gemeinde.commune),
                                context_ags=None, label=label, id_prefix="lage")
    label = f"Lage von {gemeinde.name} ({gemeinde.kreis.name}) in Nordrhein-Westfalen"
    return maps.locator_map(geo, focus_ags=gemeinde.ags, focus_cohort=_cohort(gemeinde.commune),
                            context_ags=gemeinde.kreis.ags, context_cohort=_cohort(gemeinde.kreis_commune),
                            label=label, id_prefix="lage")


def files(site: SiteParts) -> dict[str, str]:
    """The shared base of every locator map, one file per colour scheme (see kekiz.css)."""
    return {locator_base_file(scheme): maps.locator_base(site.geo, scheme) for scheme in maps.LOCATOR_BASE_COLOURS}
