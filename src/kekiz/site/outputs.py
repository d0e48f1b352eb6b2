"""The output families of a build, in one list: OUTPUTS. `kekiz.site.build_site` runs them in
this order and nothing else.

Every family is a function of one `SiteParts` (registry, settings, boundary data, Gemeinden,
Glossar, accessibility statement): `pages(site)` gives its pages, `files(site)` its files by
site-relative path, and `downloads` names the files the "Daten" page offers and katalog.rdf
describes. A new output is a module under site/pages/ or site/files/, its addresses in
kekiz.site.paths and one line here.

The order of the pages is the order of the sitemap and the search index: keep it, or the built
site changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kekiz.site.context import Download, RenderedPage, SiteParts
from kekiz.site.files import dcat, feeds, geojson, opendata
from kekiz.site.graphics import mapparts
from kekiz.site.pages import communes, data, gemeinden, legal, press

PageMaker = Callable[[SiteParts], Iterable[RenderedPage]]
FileMaker = Callable[[SiteParts], Mapping[str, str | bytes]]


def _no_pages(site: SiteParts) -> tuple[RenderedPage, ...]:
    return ()


def _no_files(site: SiteParts) -> dict[str, str | bytes]:
    return {}


@dataclass(frozen=True)
class Output:
    """One output family: its pages, its files, and which of its files are downloads."""

    name: str
    pages: PageMaker = _no_pages
    files: FileMaker = _no_files
    downloads: tuple[Download, ...] = ()


def _preview_images(site: SiteParts) -> dict[str, bytes]:
    # og:image must be an absolute address: without a public one no page names the images, so none
    # are drawn (they are the costliest part of a build and every `mkdocs serve` reload).
    if not site.context.site_url:
        return {}
    from kekiz.site.files import previews  # Pillow is loaded only for the builds that draw
    return previews.files(site)


OUTPUTS: tuple[Output, ...] = (
    Output("Kommune pages", pages=communes.pages, files=communes.redirects),
    Output("Gemeinde pages and the A–Z page", pages=gemeinden.pages, files=gemeinden.files),
    Output("overview of the Kommunen", pages=communes.overview),
    Output("Impressum, Datenschutz, Barrierefreiheit", pages=legal.pages),
    Output("press pages", pages=press.pages),
    Output("Daten page", pages=data.pages),
    Output("open data: JSON, JSON Schema, CSV", files=opendata.files, downloads=opendata.DOWNLOADS),
    Output("GeoJSON", files=geojson.files, downloads=geojson.DOWNLOADS),
    Output("Atom feeds", files=feeds.files, downloads=feeds.DOWNLOADS),
    Output("DCAT catalogue", files=dcat.files, downloads=dcat.DOWNLOADS),
    Output("link-preview images", files=_preview_images),
    Output("locator base maps", files=mapparts.files),
)
