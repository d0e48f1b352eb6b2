"""Read ``data/nrw-geo.json`` (boundary data for the maps) into the model's GeoData, checking every
area and path (the file and its path grammar: kekiz.model.geo)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

from kekiz.model.geo import (ATTRIBUTION_RE, GEMEINDE_AGS_RE, KREIS_AGS_RE, PATH_RE, GeoArea, GeoData, GeoDataError,
                             GeoSource)
from kekiz.sources import messages
from kekiz.sources.diagnostics import shown

DEFAULT_GEO_PATH = Path(__file__).resolve().parents[3] / "data" / "nrw-geo.json"


class GeoDataUnusable(GeoDataError):
    """The boundary data file cannot be used, in German: `problem` says what is wrong, the
    exception's text adds how to fix it (kekiz.sources.messages)."""

    def __init__(self, problem: str):
        super().__init__(messages.geodata_with_fix(problem))
        self.problem = problem


def _str(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise GeoDataUnusable(messages.geo_not_text(where, key))
    return value


def _area(obj: Any, where: str, ags_re: re.Pattern[str]) -> GeoArea:
    if not isinstance(obj, dict):
        raise GeoDataUnusable(messages.geo_not_an_object(where))
    ags = _str(obj, "ags", where)
    where = f"{where} ({ags})"
    if not ags_re.fullmatch(ags):
        raise GeoDataUnusable(messages.geo_ags_wrong(where, ags_re.pattern))
    paths = {}
    for key in ("d", "d_coarse"):
        d = _str(obj, key, where)
        if not PATH_RE.fullmatch(d):
            raise GeoDataUnusable(messages.geo_not_a_path(where, key))
        paths[key] = d
    return GeoArea(ags=ags, name=_str(obj, "name", where), kind=_str(obj, "kind", where), **paths)


def _parse(raw: Any, where: str) -> GeoData:
    if not isinstance(raw, dict) or raw.get("format") != 1:
        raise GeoDataUnusable(messages.geo_not_format_1(where))
    src = raw.get("source")
    if not isinstance(src, dict):
        raise GeoDataUnusable(messages.geo_no_section(where, "source"))
    year = src.get("data_year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise GeoDataUnusable(messages.geo_year_not_integer(where))
    source = GeoSource(
        **{k: _str(src, k, f"{where}: source") for k in (
            "package", "version", "dataset", "publisher", "publisher_url", "licence",
            "licence_title", "licence_url", "data_year_basis", "attribution",
        )},
        data_year=year,
    )
    if not ATTRIBUTION_RE.fullmatch(source.attribution) or str(year) not in source.attribution:
        raise GeoDataUnusable(messages.geo_attribution_wrong(where, shown(source.attribution)))
    vb = raw.get("viewbox")
    if not isinstance(vb, dict) or not all(isinstance(vb.get(k), int) and vb[k] > 0 for k in ("width", "height")):
        raise GeoDataUnusable(messages.geo_viewbox_wrong(where))
    land = _area(raw.get("land"), f"{where}: land", re.compile(r"05"))
    kreise, gemeinden = raw.get("kreise"), raw.get("gemeinden")
    if not isinstance(kreise, list) or not isinstance(gemeinden, list):
        raise GeoDataUnusable(messages.geo_not_lists(where))
    k = tuple(sorted(
        (_area(a, f"{where}: kreise[{i}]", KREIS_AGS_RE) for i, a in enumerate(kreise)), key=lambda a: a.ags
    ))
    g = tuple(sorted(
        (_area(a, f"{where}: gemeinden[{i}]", GEMEINDE_AGS_RE) for i, a in enumerate(gemeinden)), key=lambda a: a.ags
    ))
    for label, areas in (("Kreis", k), ("Gemeinde", g)):
        seen: set[str] = set()
        for a in areas:
            if a.ags in seen:
                raise GeoDataUnusable(messages.geo_area_twice(where, label, a.ags))
            seen.add(a.ags)
    kreis_ags = {a.ags for a in k}
    orphans = sorted(a.ags for a in g if a.ags[:5] not in kreis_ags)
    if orphans:
        raise GeoDataUnusable(messages.geo_gemeinden_without_kreis(where, ", ".join(orphans)))
    return GeoData(source=source, width=vb["width"], height=vb["height"], land=land, kreise=k, gemeinden=g,
                   projection=_projection(raw.get("projection"), where))


def _projection(raw: Any, where: str) -> tuple[float, float, float, float] | None:
    if raw is None:
        return None
    keys = ("lon0", "lat0", "units_per_degree", "margin")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), (int, float)) and not isinstance(raw.get(k), bool)
                                            for k in keys):
        raise GeoDataUnusable(messages.geo_projection_wrong(where, ", ".join(keys)))
    return tuple(float(raw[k]) for k in keys)


def load_geodata(path: str | Path | None = None) -> GeoData:
    """Load and check the boundary file (default: the repository's ``data/nrw-geo.json``).

    Raises :class:`GeoDataUnusable` (a ``GeoDataError``, a ``ValueError``) naming the file, the
    problem and the fix if it is missing, unreadable, not JSON or not in the expected shape.
    """
    p = Path(path) if path is not None else DEFAULT_GEO_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeoDataUnusable(messages.geo_file_missing(str(p))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoDataUnusable(messages.geo_file_unreadable(str(p), shown(str(exc)))) from exc
    return _parse(read_json(text, str(p)), str(p))


def read_json(text: str, where: str) -> Any:
    """JSON from an untrusted file; every way it can fail is a German GeoDataUnusable."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoDataUnusable(messages.geo_file_not_json(where, messages.json_syntax(exc.msg, exc.lineno, exc.colno))) from None
    except RecursionError:
        raise GeoDataUnusable(messages.geo_file_not_json(where, messages.JSON_TOO_DEEP)) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise GeoDataUnusable(messages.geo_file_not_json(where, messages.JSON_NUMBER_TOO_LONG)) from None
