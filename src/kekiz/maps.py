"""Inline SVG maps of Nordrhein-Westfalen (pure functions, no I/O).

* :func:`participation_map` — all 53 Kreise and kreisfreie Städte, participants
  coloured by cohort and linked, kreisangehörige Städte drawn on top of their Kreis.
* :func:`locator_map` — a small NRW outline with one area highlighted.
* :func:`attribution` — the source note the licence (GeoNutzV) requires.
* :func:`legend_swatch` — a small SVG swatch matching a cohort's fill, for a legend.

The SVGs carry no colours of their own: ``docs/assets/stylesheets/map.css`` styles
them through the class names (light, dark "slate" scheme, print, forced colours).
They contain no script, no external reference, and no random ids: ids are built from
``id_prefix``, so the same input gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .geo import GeoArea, GeoData, parse_path
from .model import sort_key
from .svgmarkup import check_id_prefix as _check_prefix
from .svgmarkup import esc as _e

__all__ = ["COHORTS", "MapArea", "attribution", "legend_swatch", "locator_map", "participation_map"]

SVG_NS = "http://www.w3.org/2000/svg"
COHORTS = (2012, 2017)
HATCHED_COHORT = 2017  # drawn with a pattern as well as a colour (greyscale print, colour blindness)
_SCHEME_RE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")
_SIZES = {"large": ("full", 8), "small": ("coarse", 16)}  # detail level, pattern size (viewBox units)
_PIN_BELOW = 60  # locator: a focus area smaller than this (viewBox units) gets a ring around it
_PIN_RADIUS = 22


@dataclass(frozen=True)
class MapArea:
    ags: str  # 5 digits = Kreis/kreisfreie Stadt, 8 digits = Gemeinde overlay
    href: str  # link target, already relative to the page it is shown on
    label: str  # accessible name and tooltip, e.g. "Krefeld — Landesinitiative seit 2017"
    cohort: int  # 2012 or 2017





def _label_key(area: MapArea) -> tuple[str, str, str]:
    return (sort_key(area.label), area.label, area.ags)


def _shape(geo: GeoData, ags: str) -> GeoArea | None:
    if len(ags) not in (5, 8):
        return None
    return geo.get(ags)


def _missing(geo: GeoData, ags_list: Sequence[str]) -> list[str]:
    return sorted({a for a in ags_list if _shape(geo, a) is None})


def _no_shape_error(missing: Sequence[str]) -> ValueError:
    return ValueError(
        f"no map shape for AGS {', '.join(missing)} "
        "(expected a 5-digit Kreis or an 8-digit Gemeinde of Nordrhein-Westfalen)"
    )


def _check_href(href: str, label: str) -> str:
    if not href or _SCHEME_RE.match(href) or href.lstrip().startswith("//"):
        raise ValueError(f"href for {label!r} must be a relative link within the site, got {href!r}")
    return href


def attribution(geo: GeoData) -> str:
    """Plain-text source note, e.g. "© GeoBasis-DE / BKG 2016" (the caller escapes and links it)."""
    return geo.source.attribution


def _pattern(p: str, size: int) -> str:
    half = size // 2
    return (
        f'<pattern id="{p}-hatch" class="kekiz-map__hatch" width="{size}" height="{size}" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect class="kekiz-map__hatch-bg" width="{size}" height="{size}"/>'
        f'<rect class="kekiz-map__hatch-line" width="{max(1, half - size // 8)}" height="{size}"/>'
        f"</pattern>"
    )


def _fill_attr(p: str, cohort: int) -> str:
    # The pattern is referenced by id, which CSS cannot know; its colours come from CSS.
    return f' fill="url(#{p}-hatch)"' if cohort == HATCHED_COHORT else ""


def _linked(p: str, area: MapArea, d: str, overlay: bool) -> str:
    cls = f"kekiz-map__area kekiz-map__area--{area.cohort}"
    if overlay:
        cls += " kekiz-map__area--overlay"
    return (
        f'<a class="kekiz-map__link" href="{_e(area.href)}" aria-label="{_e(area.label)}">'
        f"<title>{_e(area.label)}</title>"
        f'<path class="{cls}"{_fill_attr(p, area.cohort)} d="{d}"/></a>'
    )


def participation_map(
    geo: GeoData,
    areas: Sequence[MapArea],
    *,
    title: str,
    description: str,
    id_prefix: str,
    size: str = "large",
) -> str:
    """The participation map as an inline ``<svg>`` string.

    Draws all 53 Kreise/kreisfreie Städte (participants in their cohort's colour, one
    cohort also hatched), then the Gemeinde overlays (8-digit AGS) on top. Each
    participating area is one link; DOM order = tab order: Kreis-level areas by label,
    then overlays by label (umlauts folded). Non-participating areas are not links.

    Raises ``ValueError`` listing every AGS without a shape, and for duplicate AGS,
    unknown cohorts, absolute hrefs, a bad ``id_prefix`` or ``size``.
    """
    p = _check_prefix(id_prefix)
    if size not in _SIZES:
        raise ValueError(f"size must be one of {sorted(_SIZES)}, got {size!r}")
    detail, pattern_size = _SIZES[size]
    missing = _missing(geo, [a.ags for a in areas])
    if missing:
        raise _no_shape_error(missing)
    dupes = sorted({a.ags for a in areas if sum(b.ags == a.ags for b in areas) > 1})
    if dupes:
        raise ValueError(f"AGS listed more than once: {', '.join(dupes)}")
    bad_cohorts = sorted({f"{a.ags}: {a.cohort!r}" for a in areas if a.cohort not in COHORTS})
    if bad_cohorts:
        raise ValueError(f"cohort must be one of {COHORTS}: {', '.join(bad_cohorts)}")
    for a in areas:
        _check_href(a.href, a.label)

    by_ags = {a.ags: a for a in areas}
    kreis_areas = sorted((a for a in areas if len(a.ags) == 5), key=_label_key)
    overlays = sorted((a for a in areas if len(a.ags) == 8), key=_label_key)

    out = [
        f'<svg xmlns="{SVG_NS}" class="kekiz-map kekiz-map--{size}" viewBox="{geo.viewbox}" '
        f'role="group" aria-labelledby="{p}-title" aria-describedby="{p}-desc">',
        f'<title id="{p}-title">{_e(title)}</title>',
        f'<desc id="{p}-desc">{_e(description)}</desc>',
    ]
    if any(a.cohort == HATCHED_COHORT for a in areas):
        out.append(f"<defs>{_pattern(p, pattern_size)}</defs>")
    # Non-participants: context only, hidden from assistive technology (the tooltip stays).
    out.append('<g class="kekiz-map__base" aria-hidden="true">')
    for k in geo.kreise:
        if k.ags not in by_ags:
            out.append(
                f'<path class="kekiz-map__area kekiz-map__area--none" d="{k.path(detail)}">'
                f"<title>{_e(k.display_name)}</title></path>"
            )
    out.append("</g>")
    if kreis_areas:
        out.append('<g class="kekiz-map__participants">')
        out.extend(_linked(p, a, geo[a.ags].path(detail), overlay=False) for a in kreis_areas)
        out.append("</g>")
    if overlays:
        out.append('<g class="kekiz-map__overlays">')
        out.extend(_linked(p, a, geo[a.ags].path(detail), overlay=True) for a in overlays)
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _bbox(d: str) -> tuple[int, int, int, int]:
    pts = [q for ring in parse_path(d) for q in ring]
    xs, ys = [q[0] for q in pts], [q[1] for q in pts]
    return min(xs), min(ys), max(xs), max(ys)


def locator_map(
    geo: GeoData,
    *,
    focus_ags: str,
    context_ags: str | None,
    marked_ags: Sequence[str],
    label: str,
    id_prefix: str,
) -> str:
    """A small NRW map (``role="img"``, named by *label*) locating one area.

    All Kreise faintly (coarse detail), *context_ags* (e.g. the Kreis of a
    kreisangehörige Stadt) lightly, *focus_ags* strongly, *marked_ags* (e.g. the
    participating towns in a Kreis) outlined on top; a small focus area also gets a
    ring so it can be found. No links. Raises ``ValueError`` listing unknown AGS.
    """
    p = _check_prefix(id_prefix)
    if not label.strip():
        raise ValueError("locator_map needs a label (its accessible name)")
    wanted = [focus_ags, *([context_ags] if context_ags else []), *marked_ags]
    missing = _missing(geo, wanted)
    if missing:
        raise _no_shape_error(missing)
    focus = geo[focus_ags]
    marked = sorted({a for a in marked_ags if a != focus_ags})

    out = [
        f'<svg xmlns="{SVG_NS}" class="kekiz-locator" viewBox="{geo.viewbox}" '
        f'role="img" aria-labelledby="{p}-title">',
        f'<title id="{p}-title">{_e(label)}</title>',
        # one path for all Kreise: they never overlap, and it keeps the SVG small
        f'<path class="kekiz-locator__kreise" d="{"".join(k.d_coarse for k in geo.kreise)}"/>',
    ]
    if context_ags and context_ags != focus_ags:
        out.append(f'<path class="kekiz-locator__context" d="{geo[context_ags].d_coarse}"/>')
    out.append(f'<path class="kekiz-locator__land" d="{geo.land.d_coarse}"/>')
    out.append(f'<path class="kekiz-locator__focus" d="{focus.d_coarse}"/>')
    if marked:
        out.append(f'<path class="kekiz-locator__marked" d="{"".join(geo[a].d_coarse for a in marked)}"/>')
    x0, y0, x1, y1 = _bbox(focus.d_coarse)
    if max(x1 - x0, y1 - y0) < _PIN_BELOW:
        r = max(_PIN_RADIUS, (max(x1 - x0, y1 - y0) + 1) // 2 + 14)
        out.append(f'<circle class="kekiz-locator__pin" cx="{(x0 + x1) // 2}" cy="{(y0 + y1) // 2}" r="{r}"/>')
    out.append("</svg>")
    return "".join(out)


def legend_swatch(cohort: int | None, *, id_prefix: str) -> str:
    """A small decorative SVG (``aria-hidden``) filled like *cohort* on the map, for a legend;
    ``None`` gives the neutral fill of non-participating areas.

    Use a different ``id_prefix`` per swatch on a page (the hatched one defines a pattern).
    """
    p = _check_prefix(id_prefix)
    if cohort is not None and cohort not in COHORTS:
        raise ValueError(f"cohort must be one of {COHORTS} or None, got {cohort!r}")
    modifier = "none" if cohort is None else str(cohort)
    defs = f"<defs>{_pattern(p, 8)}</defs>" if cohort == HATCHED_COHORT else ""
    fill = _fill_attr(p, cohort) if cohort is not None else ""
    return (
        f'<svg xmlns="{SVG_NS}" class="kekiz-map kekiz-map--swatch" viewBox="0 0 36 24" aria-hidden="true" '
        f'focusable="false">{defs}<path class="kekiz-map__area kekiz-map__area--{modifier}"{fill} d="M1 1h34v22H1z"/>'
        "</svg>"
    )
