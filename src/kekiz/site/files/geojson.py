"""kommunen.geojson (RFC 7946): the Kommunen's outlines in WGS84 longitude/latitude.

data/nrw-geo.json holds the map outlines in a recorded equirectangular projection on an integer
grid (1 unit ≈ 260 m, simplified with a tolerance of 0.75 units). That projection is affine, so
inverting it gives the same simplified outlines in longitude/latitude — exactly, up to the grid's
rounding of about ±130 m. Neighbours keep sharing their borders (no gaps, no overlaps).
Outer rings run counter-clockwise, holes clockwise, as RFC 7946 asks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kekiz.model.geo import GeoData, GeoDataError, parse_path
from kekiz.model.population import PopulationTable
from kekiz.model.registry import Registry
from kekiz.site.context import Download, SiteParts
from kekiz.site.files.records import COMMUNE_COLUMNS, LICENCE_GEONUTZV, commune_row, population_source
from kekiz.site.inert import clean_json
from kekiz.site.paths import GEOJSON_FILE

REF_LAT = 51.5          # the projection scales longitudes by cos(51.5°) (scripts/build_geodata.py)
DECIMALS = 5            # 1e-5° ≈ 1 m: far finer than the data
_KX = math.cos(math.radians(REF_LAT))

# Offered on the "Daten" page and described in katalog.rdf.
DOWNLOADS = (Download("geojson", GEOJSON_FILE, "gebiete", "Gebiete der Kommunen (GeoJSON, WGS84)", "GEOJSON",
                      "application/geo+json", LICENCE_GEONUTZV, population=True),)


def files(site: SiteParts) -> dict[str, str]:
    """kommunen.geojson."""
    return {GEOJSON_FILE: feature_collection(site.registry, site.geo, Projection.of(site.geo), site.context.site_url,
                                             site.population)}


@dataclass(frozen=True)
class Projection:
    lon0: float
    lat0: float
    units_per_degree: float
    margin: float

    @classmethod
    def of(cls, geo: GeoData) -> Projection:
        """The projection the boundary file was made with (read with it, not from the file again)."""
        if geo.projection is None:
            raise GeoDataError("the boundary file names no projection, so the GeoJSON export cannot compute degrees")
        return cls(*geo.projection)

    def ring(self, points: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """Longitude and latitude of every point (one loop: a call per point was most of the export's time)."""
        lon0, lat0, margin, per_degree = self.lon0, self.lat0, self.margin, self.units_per_degree
        per_lon_degree = _KX * per_degree
        return [(round(lon0 + (x - margin) / per_lon_degree, DECIMALS), round(lat0 - (y - margin) / per_degree, DECIMALS))
                for x, y in points]


def _signed_area(ring: list[tuple[float, float]]) -> float:
    """Shoelace area; positive for a counter-clockwise ring with y pointing up."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def _inside(p: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = p
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def polygons(d: str, projection: Projection) -> list[list[list[tuple[float, float]]]]:
    """An SVG path of the boundary file as GeoJSON MultiPolygon coordinates."""
    rings = []
    for pts in parse_path(d):
        ring = projection.ring(pts)
        ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
        if ring[0] == ring[-1]:
            ring.pop()
        rings.append(ring)
    depth = [sum(_inside(r[0], other) for j, other in enumerate(rings) if j != i) for i, r in enumerate(rings)]
    shells = []
    for ring, level in zip(rings, depth):
        outer = level % 2 == 0
        if (_signed_area(ring) > 0) != outer:
            ring = ring[::-1]
        if outer:
            shells.append([ring])
    for ring, level in zip(rings, depth):
        if level % 2 == 1:
            hole = ring if _signed_area(ring) < 0 else ring[::-1]
            owner = next(s for s in shells if _inside(hole[0], s[0]))
            owner.append(hole)
    # GeoJSON rings are closed: the last position repeats the first.
    return [[[list(p) for p in ring + ring[:1]] for ring in poly] for poly in shells]


def feature_collection(registry: Registry, geo: GeoData, projection: Projection, site_url: str | None,
                       population: PopulationTable) -> str:
    features = []
    names = [name for name, _ in COMMUNE_COLUMNS]
    for commune in registry.communes:
        area = geo[commune.ags]
        properties = dict(zip(names, commune_row(registry, commune, site_url, population)))
        features.append({
            "type": "Feature",
            "id": commune.slug,
            "properties": properties,
            "geometry": {"type": "MultiPolygon", "coordinates": polygons(area.d, projection)},
        })
    doc = {
        "type": "FeatureCollection",
        "attribution": geo.source.attribution,
        "license": {"geometry": geo.source.licence_title, "properties": "Datenlizenz Deutschland – Namensnennung – Version 2.0"},
        "einwohner_quelle": population_source(population),
        "features": features,
    }
    return clean_json(doc, separators=(",", ":")) + "\n"
