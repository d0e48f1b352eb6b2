"""The "Daten" page (/daten/): every download, every field and column, the licences and how to cite.

Its downloads are the ones the file outputs name (`SiteParts.downloads`), its columns the ones the
files are written with (kekiz.site.files.records): the page cannot describe a file the build does
not write.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kekiz.site.context import RenderedPage, SiteParts
from kekiz.site.files.records import COMMUNE_COLUMNS, COMMUNE_HEADINGS, STATEMENT_COLUMNS, STATEMENT_HEADINGS, \
    attribution, publisher
from kekiz.site.paths import DATA_PATH, PRESS_PATH
from kekiz.site.templating import render
from kekiz.site.urls import absolute


def pages(site: SiteParts) -> list[RenderedPage]:
    return [data_page(site)]


def _columns_table(columns: tuple[tuple[str, str], ...], headings: dict[str, str], caption: str,
                   sheet: str) -> Markup:
    """The columns of a CSV file, with their heading in its spreadsheet variant `sheet`."""
    rows = "".join(f"<tr><th scope=\"row\"><code>{escape(n)}</code></th>\n<td>{escape(headings[n])}</td>\n"
                   f"<td>{escape(t)}</td></tr>\n" for n, t in columns)
    return Markup('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\n<table>\n'
                  f"<caption>{escape(caption)}</caption>\n"
                  '<thead><tr><th scope="col">Spalte</th>\n'
                  f'<th scope="col">Überschrift in {escape(sheet)}</th>\n<th scope="col">Bedeutung</th></tr></thead>\n'
                  f"<tbody>\n{rows}</tbody>\n</table>\n</div></div>")


def data_page(site: SiteParts) -> RenderedPage:
    registry, context = site.registry, site.context
    where = absolute(DATA_PATH, context.site_url) or f"/{DATA_PATH}"
    citation = (f"{context.site_name}: Register der Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen. "
                f"Stand der Angaben: {registry.stand.german}. {where}. Datenlizenz Deutschland – Namensnennung – Version 2.0.")
    files = {d.name: d.path for d in site.downloads}
    files.setdefault("geojson", None)  # without outlines in degrees the page says why there is no GeoJSON
    html = render("data.html.j2", DATA_PATH, stand=registry.stand, count=len(registry.communes), files=files,
                  press=PRESS_PATH, commune_columns=COMMUNE_COLUMNS, statement_columns=STATEMENT_COLUMNS,
                  commune_headings=COMMUNE_HEADINGS, statement_headings=STATEMENT_HEADINGS,
                  columns_table=_columns_table, attribution=attribution(context.site_name),
                  geo_attribution=context.geo_attribution, citation=citation, operator=publisher(context.operator),
                  site_url=context.site_url, population=site.population)
    description = ("Offene Daten zu „Kein Kind zurücklassen!“: alle Kommunen und Äußerungen als JSON, CSV und GeoJSON, "
                   "mit Einwohnerzahlen aus dem Zensus 2022, Feldbeschreibung, Lizenzen und Zitiervorschlag.")
    return RenderedPage(DATA_PATH, "Daten", description, html)
