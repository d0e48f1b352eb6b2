"""Maps as page parts: which areas the registry puts on the map, the legend, the source
note and each Kommune's locator map. Drawing itself is `kekiz.site.graphics.maps`' job."""

from __future__ import annotations

from html import escape

from kekiz.model.gemeinden import Gemeinde, Gemeinden
from kekiz.model.geo import GeoData
from kekiz.model.registry import Cohort, Commune, CommuneType, Registry
from kekiz.site.context import SiteParts
from kekiz.site.graphics import maps
from kekiz.site.paths import GEMEINDEN_PATH, MAP_PATH, locator_base_file
from kekiz.site.urls import relative

NOT_TAKING_PART = "nicht unter den teilnehmenden Kommunen"


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
    names without hovering, and a target a finger can hit where the map's areas are small.
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
    groups = [(cohort.value, f"{cohort.label} ({registry.count(cohort=cohort)})") for cohort in Cohort]
    groups.append((None, f"nicht teilgenommen ({sum(a.cohort is None for a in areas)})"))
    key = []
    for value, heading in groups:
        swatch = maps.legend_swatch(value, id_prefix=f"{prefix}-legende-{value or 'keine'}")
        links = "".join(f'<li><a href="{escape(a.href)}">{escape(_area_name(a.label))}</a></li>'
                        for a in areas if a.cohort == value)
        key.append(f'<li class="kekiz-map-key__group">{swatch} {escape(heading)}'
                   f'<ul class="kekiz-map-key__areas">{links}</ul></li>')
    key_html = f'<ul class="kekiz-map-key" aria-label="Legende und alle Gebiete der Karte">{"".join(key)}</ul>'
    if small:
        key_html = f'<details class="kekiz-map-key__details"><summary>Legende und alle Gebiete als Liste</summary>{key_html}</details>'
    source = geo.source
    note = (f'Gebietsgrenzen: {escape(source.dataset)}, <a href="{escape(source.publisher_url)}" rel="external noopener">'
            f'{escape(maps.attribution(geo))}</a>, Lizenz: <a href="{escape(source.licence_url)}" '
            f'rel="external noopener">{escape(source.licence)}</a>; vereinfacht.')
    more = (f'<p><a href="{escape(relative(MAP_PATH, page_path))}">Zur großen Karte mit Liste aller Kommunen</a> · '
            f'<a href="{escape(relative(GEMEINDEN_PATH, page_path))}">Ist meine Stadt dabei? Alle 396 Städte und Gemeinden</a></p>'
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
        label = f"Lage von {commune.name} in Nordrhein-Westfalen"
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
                            label=f"Lage von {commune.name} in Nordrhein-Westfalen", id_prefix="lage")


def gemeinde_locator(geo: GeoData, gemeinde: Gemeinde) -> str:
    """Small map on a Gemeinde page: the Gemeinde, and its Kreis in the Kreis's colour."""
    if gemeinde.kreisfrei:
        label = f"Lage von {gemeinde.name} in Nordrhein-Westfalen"
        return maps.locator_map(geo, focus_ags=gemeinde.ags, focus_cohort=_cohort(gemeinde.commune),
                                context_ags=None, label=label, id_prefix="lage")
    label = f"Lage von {gemeinde.name} ({gemeinde.kreis.name}) in Nordrhein-Westfalen"
    return maps.locator_map(geo, focus_ags=gemeinde.ags, focus_cohort=_cohort(gemeinde.commune),
                            context_ags=gemeinde.kreis.ags, context_cohort=_cohort(gemeinde.kreis_commune),
                            label=label, id_prefix="lage")


def files(site: SiteParts) -> dict[str, str]:
    """The shared base of every locator map, one file per colour scheme (see kekiz.css)."""
    return {locator_base_file(scheme): maps.locator_base(site.geo, scheme) for scheme in maps.LOCATOR_BASE_COLOURS}
