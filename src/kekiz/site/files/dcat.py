"""DCAT-AP.de catalogue (RDF/XML) of the open-data downloads, for portals such as GovData.

It describes what the file outputs offer (`SiteParts.downloads`, each with its dataset, format
and licence), so a new download appears here by naming its `Download` in its own module.
Licences by their DCAT-AP.de URIs; publisher and contact from the operator settings in
mkdocs.yml (`extra.operator`), and with `contributor_id` the dataset's `dcatde:contributorID`,
which GovData needs (Konvention 12/13). Without a public site address every IRI is relative and
resolves against the catalogue's own address, as RDF/XML allows — never a local address; the
datasets' `dct:identifier` (their IRI, for GovData's duplicate check) then stays out, since a
literal does not resolve.

Valid against the official DCAT-AP.de 2.0 SHACL shapes, profile "Spezifikation + Konventionen"
(tests/test_dcat_shacl.py, with the shapes in tests/data/dcat-ap-de-shacl/). The dates are the
registry's "Stand", never the day of the build: `dct:issued` too, as the registry records no
other day its data was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from kekiz.site.context import Download, SiteParts
from kekiz.site.files.records import LICENCE_DL_BY, LICENCE_GEONUTZV, attribution, publisher
from kekiz.site.inert import xml_text
from kekiz.site.paths import CATALOG_FILE, DATA_PATH
from kekiz.site.templating import render
from kekiz.site.urls import absolute, relative

# Offered on the "Daten" page; the catalogue is no dataset of its own.
DOWNLOADS = (Download("catalog", CATALOG_FILE),)

# Every dataset covers Nordrhein-Westfalen: the Land's key (05) in the DCAT-AP.de geocoding
# vocabularies, at the level "state" (Konvention 08 asks for both).
STATE_KEY = "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
STATE_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
POPULATION_CREDIT = "Einwohnerzahlen"  # before the census figures' source note in a file's attribution


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
    each with the attribution its licence asks for. A file with the census figures (`Download.population`)
    adds theirs: the figures keep their own licence (DL-DE-BY 2.0) and source note."""
    credit = {LICENCE_DL_BY: attribution(site.context.site_name),
              LICENCE_GEONUTZV: site.context.geo_attribution or "© GeoBasis-DE / BKG"}
    out: dict[str, list[Distribution]] = {}
    for d in site.downloads:
        if d.dataset:
            text = credit[d.licence]
            if d.population:
                text = f"{text}; {POPULATION_CREDIT}: {site.population.source.attribution}"
            out.setdefault(d.dataset, []).append(
                Distribution(d.path, d.title, d.format, d.media_type, d.licence, text))
    return out


def contributor_iri(contributor_id: str) -> str:
    """The operator's GovData contributor ID as the IRI DCAT-AP.de names it by: an ID ("openNRW")
    or its IRI as entered (http://dcat-ap.de/def/contributors/openNRW); empty if none is set."""
    value = contributor_id.strip()
    if not value:
        return ""
    _, found, local = value.rpartition("/def/contributors/")
    return CONTRIBUTORS + quote(local if found else value, safe="")


def catalogue(site: SiteParts) -> str:
    def iri(target: str) -> str:
        return absolute(target, site.context.site_url) or relative(target, DATA_PATH)
    return render(
        "katalog.rdf.j2", DATA_PATH,
        iri=iri, x=xml_text,
        catalog_file=CATALOG_FILE,
        data_page=DATA_PATH,
        site_name=site.context.site_name,
        site_url=site.context.site_url,
        stand=site.registry.stand,
        operator=publisher(site.context.operator),
        contributor=contributor_iri(site.context.operator.contributor_id),
        state_key=STATE_KEY,
        state_level=STATE_LEVEL,
        datasets=distributions(site),
        count=len(site.registry.communes),
        population=site.population,
    )
