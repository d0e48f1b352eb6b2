"""DCAT-AP.de catalogue (RDF/XML) of the open-data downloads, for portals such as GovData.

It describes what the file outputs offer (`SiteParts.downloads`, each with its dataset, format
and licence), so a new download appears here by naming its `Download` in its own module.
Licences by their DCAT-AP.de URIs; publisher and contact from the operator settings in
mkdocs.yml (`extra.operator`). Without a public site address every IRI is relative and resolves
against the catalogue's own address, as RDF/XML allows — never a local address.
"""

from __future__ import annotations

from dataclasses import dataclass

from kekiz.site.context import Download, SiteParts
from kekiz.site.files.records import LICENCE_DL_BY, LICENCE_GEONUTZV, attribution, publisher
from kekiz.site.inert import xml_text
from kekiz.site.paths import CATALOG_FILE, DATA_PATH
from kekiz.site.templating import render
from kekiz.site.urls import absolute, relative

# Offered on the "Daten" page; the catalogue is no dataset of its own.
DOWNLOADS = (Download("catalog", CATALOG_FILE),)


@dataclass(frozen=True)
class Distribution:
    path: str
    title: str
    format: str       # EU file-type authority code
    media_type: str
    licence: str
    attribution: str


def files(site: SiteParts) -> dict[str, str]:
    """katalog.rdf."""
    return {CATALOG_FILE: catalogue(site)}


def distributions(site: SiteParts) -> dict[str, list[Distribution]]:
    """The downloads that belong to a dataset, by dataset, in the order the outputs name them;
    each with the attribution its licence asks for."""
    credit = {LICENCE_DL_BY: attribution(site.context.site_name),
              LICENCE_GEONUTZV: site.context.geo_attribution or "© GeoBasis-DE / BKG"}
    out: dict[str, list[Distribution]] = {}
    for d in site.downloads:
        if d.dataset:
            out.setdefault(d.dataset, []).append(
                Distribution(d.path, d.title, d.format, d.media_type, d.licence, credit[d.licence]))
    return out


def catalogue(site: SiteParts) -> str:
    def iri(target: str) -> str:
        return absolute(target, site.context.site_url) or relative(target, DATA_PATH)
    return render(
        "katalog.rdf.j2", DATA_PATH,
        iri=iri, x=xml_text,
        catalog_file=CATALOG_FILE,
        data_page=DATA_PATH,
        site_name=site.context.site_name,
        stand=site.registry.stand,
        operator=publisher(site.context.operator),
        datasets=distributions(site),
        count=len(site.registry.communes),
    )
