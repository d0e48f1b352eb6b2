"""Everything the site is built from, in one object: pages, page fragments and extra files.

The MkDocs hook only asks this object for its parts; another generator could do the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kekiz.site.graphics import charts, mapparts as mappages
from kekiz.site.files import dcat, opendata as exports, feeds, geojson as geoexport
from kekiz.site.pages import explainers, gemeinden as gemeindepages, legal, communes as pages, press
from kekiz.model import gemeinden
from kekiz.site import head as social
from kekiz.model.gemeinden import Gemeinden
from kekiz.model.glossary import Glossary
from kekiz.site.glossary import glossary_fragment, link_first_uses, protected_names
from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.geo import GeoData
from kekiz.sources import Inputs, messages
from kekiz.sources.signvideo import SignVideo
from kekiz.model.registry import Registry
from kekiz.site.context import RenderedPage, SiteContext

# Hand-written pages embed generated parts with a marker line: <!-- kekiz:NAME -->
MARKER_RE = re.compile(r"<!--\s*kekiz:([a-z0-9-]+)\s*-->")


class UnknownMarker(ValueError):
    pass


@dataclass
class SiteBuild:
    registry: Registry
    context: SiteContext
    pages: dict[str, RenderedPage] = field(default_factory=dict)       # by src_uri
    files: dict[str, str | bytes] = field(default_factory=dict)        # extra output files by path
    fragments: dict[str, Callable[[str], str]] = field(default_factory=dict)  # name -> f(page_path)
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    place_names: frozenset[str] = frozenset()  # no glossary link inside these (see kekiz.glossary)

    def head(self, page_path: str, title: str, description: str) -> str:
        """Tags for the page's head: link previews, feed links, JSON-LD."""
        return social.head_tags(self.registry, self.context, page_path, title, description)

    def fill_markers(self, html: str, page_path: str, source_name: str) -> str:
        """Replace every marker in a hand-written page; an unknown name is an error, not a gap."""
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.fragments:
                known = ", ".join(sorted(self.fragments))
                raise UnknownMarker(messages.unknown_marker(source_name, name, known))
            return self.fragments[name](page_path)
        return MARKER_RE.sub(replace, html)

    def link_glossary(self, html: str, page_path: str) -> str:
        """Link Glossar terms at their first use on a page."""
        return link_first_uses(html, self.glossary, page_path, self.place_names)


def build_site(inputs: Inputs, context: SiteContext, *, sign_video: SignVideo | None = None) -> SiteBuild:
    """Render every page, page fragment and file from validated inputs. Raises RegistryError if a
    Kommune has no outline in the boundary data."""
    registry, geo = inputs.registry, inputs.geo
    mappages.check_shapes(registry, geo, context.registry_file)
    context = replace(context, geo_attribution=geo.source.attribution)
    site = SiteBuild(registry, context)
    towns = _add_pages(site, geo, inputs.accessibility)
    site.glossary = inputs.glossary
    site.place_names = protected_names(registry, geo)
    _link_glossary_terms(site, [c.path for c in registry.communes] + [g.path for g in towns.all if g.commune is None])
    press_pages, files = _press_and_open_data(registry, context, geo)
    for page in press_pages:
        site.pages[page.src_uri] = page
    site.files.update(files)
    _add_fragments(site, geo, towns, sign_video)
    return site


def _add_pages(site: SiteBuild, geo: GeoData, statement: AccessibilityStatement) -> Gemeinden:
    """The Kommune and Gemeinde pages, the A–Z list, the overview and the legal pages."""
    registry, context = site.registry, site.context
    for commune in registry.communes:
        locator = mappages.locator_fragment(registry, geo, commune)
        page = pages.commune_page(registry, commune, context, locator_svg=locator,
                                  press_page=press.commune_path(commune) if commune.statements else None,
                                  feed=feeds.commune_feed(commune) if feeds.has_feed(commune) else None)
        site.pages[page.src_uri] = page
    towns = gemeinden.build(registry, geo)
    for gemeinde in towns.all:
        if gemeinde.commune is None:  # a Kommune's own page answers for it
            page = gemeindepages.gemeinde_page(registry, gemeinde, context,
                                               locator_svg=mappages.gemeinde_locator(geo, gemeinde))
            site.pages[page.src_uri] = page
    index = gemeindepages.index_page(towns, context)
    site.pages[index.src_uri] = index
    site.files.update(gemeindepages.redirects(towns, context))
    site.files.update(mappages.locator_base_files(geo))
    overview = pages.overview_page(registry, context)
    site.pages[overview.src_uri] = overview
    site.files.update(pages.redirect_pages(registry, context))
    for page in legal.legal_pages(registry, context, statement):
        site.pages[page.src_uri] = page
    return towns


def _add_fragments(site: SiteBuild, geo: GeoData, towns: Gemeinden, video: SignVideo | None) -> None:
    """The generated parts of hand-written pages."""
    registry = site.registry
    site.fragments["jahrgaenge"] = lambda path: pages.cohorts_fragment(registry, path)
    site.fragments["karte-liste"] = lambda path: pages.commune_list_fragment(registry, path)
    site.fragments["karte"] = lambda path: mappages.participation_map_fragment(registry, geo, towns, path)
    site.fragments["karte-klein"] = lambda path: mappages.participation_map_fragment(registry, geo, towns, path, small=True)
    site.fragments["diagramm-teilnahme"] = lambda path: charts.participation_chart(registry)
    site.fragments["diagramm-zeitleiste"] = lambda path: charts.timeline_chart(registry.programme)
    site.fragments["glossar"] = lambda path: glossary_fragment(site.glossary, path)
    site.fragments["stand"] = lambda path: explainers.stand_fragment(registry.stand)
    site.fragments.update(explainers.count_fragments(registry))
    site.fragments["dgs-video"] = lambda path: explainers.sign_video_fragment(video, path)


def _link_glossary_terms(site: SiteBuild, paths: list[str]) -> None:
    """Kommune and Gemeinde pages link the Glossar at a term's first use, as the explainers do."""
    for path in paths:
        page = site.pages[f"{path}index.md"]
        site.pages[page.src_uri] = replace(page, html=site.link_glossary(page.html, page.path))


def _press_and_open_data(registry: Registry, context: SiteContext, geo: GeoData) -> tuple[list[RenderedPage], dict[str, str | bytes]]:
    """Press pages, feeds, downloads, their catalogue and the link-preview images."""
    files: dict[str, str | bytes] = {
        exports.GEOJSON_FILE: geoexport.feature_collection(registry, geo, geoexport.Projection.of(geo), context.site_url)}
    pages = list(press.press_pages(registry, context))
    files.update(feeds.build_feeds(registry, context.site_name, context.site_url))
    files.update(exports.export_files(registry, context.site_url))
    operator = dcat.Operator.from_settings(context.operator)
    geo_attribution = geo.source.attribution
    files[dcat.CATALOG_FILE] = dcat.catalogue(registry, context.site_name, context.site_url, operator,
                                              has_geojson=True, geo_attribution=geo_attribution)
    pages.append(exports.data_page(registry, context.site_name, context.site_url, operator, has_geojson=True,
                                   geo_attribution=geo_attribution, catalog_file=dcat.CATALOG_FILE,
                                   feed_file=feeds.SITE_FEED, press_path=press.PRESS_PATH))
    # og:image must be an absolute address: without a public one no page names the images, so none
    # are drawn (they are the costliest part of a build and every `mkdocs serve` reload).
    if context.site_url:
        from kekiz.site.files import previews  # Pillow is loaded only for the builds that draw
        files.update(previews.preview_images(registry.communes, context.site_name))
    return pages, files
