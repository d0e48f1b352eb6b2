"""Maps as page parts: which areas the registry puts on the map, the legend, the source
note and each Kommune's locator map. Drawing itself is `kekiz.maps`' job."""

from __future__ import annotations

from html import escape

from . import maps
from .diagnostics import Diagnostic, RegistryError
from .geo import GeoData
from .model import Cohort, Commune, CommuneType, Registry
from .pages import MAP_PATH
from .urls import relative


def map_ags(commune: Commune) -> str:
    """The shape a Kommune is drawn with: its own outline for a town inside a Kreis,
    otherwise the Kreis-level area (kreisfreie Städte use their 5-digit Kreisschlüssel)."""
    return commune.ags if commune.is_town_in_kreis else commune.kreis_ags


def check_shapes(registry: Registry, geo: GeoData, registry_file: str) -> None:
    """Every Kommune must have an outline; otherwise say which entry and how to fix it."""
    problems = [
        Diagnostic(registry_file, c.line, 5, c.slug, "ags",
                   f"für den AGS „{c.ags}“ gibt es keine Gebietsform in data/nrw-geo.json",
                   "den AGS im Gemeindeverzeichnis prüfen; ist er richtig, die Gebietsdaten mit "
                   "`make geodata` neu erzeugen")
        for c in registry.communes if map_ags(c) not in geo
    ]
    if problems:
        raise RegistryError(problems)


def _areas(registry: Registry, page_path: str) -> list[maps.MapArea]:
    return [
        maps.MapArea(ags=map_ags(c), href=relative(c.path, page_path),
                     label=f"{c.name} — {c.cohort.label}", cohort=c.cohort.value)
        for c in registry.communes
    ]


def participation_map_fragment(registry: Registry, geo: GeoData, page_path: str, *, small: bool = False) -> str:
    """The map with its legend and source note; the small one links to the full map page."""
    prefix = "karte-klein" if small else "karte"
    svg = maps.participation_map(
        geo, _areas(registry, page_path),
        title="Karte der Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen",
        description=("Alle Kreise und kreisfreien Städte in Nordrhein-Westfalen. Teilnehmende Kommunen sind "
                     "nach Jahrgang eingefärbt und führen zu ihrer Seite; teilnehmende Städte innerhalb eines "
                     "Kreises sind mit ihrer eigenen Grenze eingezeichnet."),
        id_prefix=prefix, size="small" if small else "large",
    )
    legend = "".join(
        f'<li>{maps.legend_swatch(cohort.value, id_prefix=f"{prefix}-legende-{cohort.value}")} '
        f"{escape(cohort.label)} ({registry.count(cohort=cohort)})</li>"
        for cohort in Cohort
    )
    legend += f'<li>{maps.legend_swatch(None, id_prefix=f"{prefix}-legende-keine")} nimmt nicht teil</li>'
    source = geo.source
    note = (f'Gebietsgrenzen: {escape(source.dataset)}, <a href="{escape(source.publisher_url)}" rel="external noopener">'
            f'{escape(maps.attribution(geo))}</a>, Lizenz: <a href="{escape(source.licence_url)}" '
            f'rel="external noopener">{escape(source.licence)}</a>; vereinfacht.')
    more = (f'<p><a href="{escape(relative(MAP_PATH, page_path))}">Zur großen Karte mit Liste aller Kommunen</a></p>'
            if small else
            '<p class="kekiz-small">Ohne Karte: <a href="#alle-kommunen-als-liste">dieselben Angaben als Liste</a>.</p>')
    return (f'<figure class="kekiz-map-figure kekiz-map-figure--{"small" if small else "large"}">{svg}'
            f'<figcaption><ul class="kekiz-map-legend" aria-label="Legende">{legend}</ul>'
            f'<p class="kekiz-small">{note}</p></figcaption></figure>{more}')


def locator_fragment(registry: Registry, geo: GeoData, commune: Commune) -> str:
    """Small map on a Kommune page: the Kommune highlighted, its Kreis or its towns shown."""
    if commune.type is CommuneType.KREIS:
        towns = registry.towns_in(commune)
        label = f"Lage von {commune.name} in Nordrhein-Westfalen"
        if towns:
            label += "; eingezeichnet: " + ", ".join(t.name for t in towns)
        return maps.locator_map(geo, focus_ags=commune.ags, context_ags=None,
                                marked_ags=[t.ags for t in towns], label=label, id_prefix="lage")
    if commune.is_town_in_kreis:
        return maps.locator_map(geo, focus_ags=commune.ags, context_ags=commune.kreis_ags, marked_ags=[],
                                label=f"Lage von {commune.name} ({commune.kreis_name}) in Nordrhein-Westfalen",
                                id_prefix="lage")
    return maps.locator_map(geo, focus_ags=commune.kreis_ags, context_ags=None, marked_ags=[],
                            label=f"Lage von {commune.name} in Nordrhein-Westfalen", id_prefix="lage")
