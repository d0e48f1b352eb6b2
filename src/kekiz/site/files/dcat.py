"""DCAT-AP.de catalogue (RDF/XML) of the open-data downloads, for portals such as GovData.

Licences by their DCAT-AP.de URIs; publisher and contact from the operator settings in
mkdocs.yml (`extra.operator`). Without a public site address every IRI is relative and resolves
against the catalogue's own address, as RDF/XML allows — never a local address.
"""

from __future__ import annotations

from dataclasses import dataclass

from kekiz.site.files.opendata import COMMUNES_CSV, DATA_PATH, GEOJSON_FILE, JSON_FILE, SCHEMA_FILE, STATEMENTS_CSV, attribution
from kekiz.site.inert import xml_text
from kekiz.model.registry import Registry
from kekiz.sources.operator import Operator as OperatorSettings
from kekiz.site.templating import render
from kekiz.site.urls import absolute, relative

CATALOG_FILE = f"{DATA_PATH}katalog.rdf"
LICENCE_DL_BY = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
LICENCE_GEONUTZV = "http://dcat-ap.de/def/licenses/geonutz/20130319"
OPERATOR_PLACEHOLDER = "BETREIBER NICHT EINGETRAGEN (mkdocs.yml: extra.operator)"


@dataclass(frozen=True)
class Operator:
    """Publisher and contact of the catalogue, as the operator settings give them."""

    name: str
    email: str | None = None

    @classmethod
    def from_settings(cls, settings: OperatorSettings | None) -> Operator:
        """A missing name leaves a placeholder nobody can miss."""
        if settings is None:
            return cls(OPERATOR_PLACEHOLDER)
        return cls(settings.name or OPERATOR_PLACEHOLDER, settings.email or None)


@dataclass(frozen=True)
class Distribution:
    path: str
    title: str
    format: str       # EU file-type authority code
    media_type: str
    licence: str
    attribution: str


def distributions(site_name: str, has_geojson: bool, geo_attribution: str | None) -> dict[str, list[Distribution]]:
    registry_attribution = attribution(site_name)
    registry = [
        Distribution(JSON_FILE, "Kommunen mit Quellen und Äußerungen (JSON)", "JSON", "application/json",
                     LICENCE_DL_BY, registry_attribution),
        Distribution(SCHEMA_FILE, "JSON Schema zu kommunen.json", "JSON", "application/schema+json",
                     LICENCE_DL_BY, registry_attribution),
        Distribution(COMMUNES_CSV, "Kommunen (CSV)", "CSV", "text/csv", LICENCE_DL_BY, registry_attribution),
        Distribution(STATEMENTS_CSV, "Äußerungen (CSV)", "CSV", "text/csv", LICENCE_DL_BY, registry_attribution),
    ]
    out = {"register": registry}
    if has_geojson:
        out["gebiete"] = [Distribution(GEOJSON_FILE, "Gebiete der Kommunen (GeoJSON, WGS84)",
                                       "GEOJSON", "application/geo+json", LICENCE_GEONUTZV,
                                       geo_attribution or "© GeoBasis-DE / BKG")]
    return out


def catalogue(registry: Registry, site_name: str, site_url: str | None, operator: Operator,
              has_geojson: bool, geo_attribution: str | None) -> str:
    def iri(target: str) -> str:
        return absolute(target, site_url) or relative(target, DATA_PATH)
    return render(
        "katalog.rdf.j2", DATA_PATH,
        iri=iri, x=xml_text,
        site_name=site_name,
        stand=registry.stand,
        operator=operator,
        datasets=distributions(site_name, has_geojson, geo_attribution),
        count=len(registry.communes),
    )
