"""Inline SVG maps of Nordrhein-Westfalen (pure functions, no I/O).

* :func:`participation_map` — all 53 Kreise and kreisfreie Städte, each a link,
  participants coloured by cohort, participating Gemeinden with their own outline.
* :func:`locator_map` — a small NRW outline with one area highlighted.
* :func:`attribution` — the source note the licence (GeoNutzV) requires.
* :func:`legend_swatch` — a small SVG swatch matching a cohort's fill, for a legend.

The SVGs carry no colours of their own: the "Karte" section of ``docs/assets/stylesheets/kekiz.css`` styles
them through the class names (light, dark "slate" scheme, print, forced colours).
They contain no script, no external reference, and no random ids: ids are built from
``id_prefix``, so the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from kekiz.model.geo import GeoArea, GeoData, parse_path
from kekiz.site.graphics.svg import check_id_prefix as _check_prefix
from kekiz.site.graphics.svg import esc as _e

__all__ = ["COHORTS", "MapArea", "attribution", "legend_swatch", "locator_base", "locator_map", "participation_map"]

SVG_NS = "http://www.w3.org/2000/svg"
COHORTS = (2012, 2017)
HATCHED_COHORT = 2017  # drawn with a pattern as well as a colour (greyscale print, colour blindness)
_SCHEME_RE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")
_SIZES = {"large": ("full", 8), "small": ("coarse", 16)}  # detail level, pattern size (viewBox units)
_PIN_BELOW = 60  # locator: a focus area smaller than this (viewBox units) gets a ring around it
_PIN_RADIUS = 22


@dataclass(frozen=True)
class MapArea:
    ags: str  # 5 digits = Kreis/kreisfreie Stadt, 8 digits = Gemeinde drawn inside its Kreis
    href: str  # link target, already relative to the page it is shown on
    label: str  # accessible name and tooltip, e.g. "Krefeld — Landesinitiative seit 2017"
    cohort: int | None  # 2012 or 2017; None for an area that did not take part


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


def _fill_attr(p: str, cohort: int | None) -> str:
    # The pattern is referenced by id, which CSS cannot know; its colours come from CSS.
    return f' fill="url(#{p}-hatch)"' if cohort == HATCHED_COHORT else ""


def fill_class(cohort: int | None) -> str:
    """The one class that colours a shape by cohort, on maps, locators and legends alike."""
    return f"kekiz-fill--{'none' if cohort is None else cohort}"


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

    Every area in *areas* is one link, in the order given (DOM order = tab order, so
    the caller makes it the order of the list beside the map). Kreise not in *areas* are
    drawn as plain background. A Gemeinde (8-digit AGS) is cut out of its Kreis, so no
    shape hides another whatever the order. A hovered or focused area gets a ring drawn
    on top of all areas: a top layer of ``<use>`` copies, shown by a small style sheet in
    the SVG (one rule per area; CSS cannot pair a link with its copy otherwise).

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
    dupes = sorted(ags for ags, n in Counter(a.ags for a in areas).items() if n > 1)
    if dupes:
        raise ValueError(f"AGS listed more than once: {', '.join(dupes)}")
    bad_cohorts = sorted({f"{a.ags}: {a.cohort!r}" for a in areas if a.cohort not in (*COHORTS, None)})
    if bad_cohorts:
        raise ValueError(f"cohort must be one of {COHORTS} or None: {', '.join(bad_cohorts)}")
    for a in areas:
        _check_href(a.href, a.label)

    listed = {a.ags for a in areas}
    cut_outs: dict[str, str] = {}  # Kreis AGS -> the rings of its Gemeinden drawn on their own
    for a in areas:
        if len(a.ags) == 8:
            cut_outs[a.ags[:5]] = cut_outs.get(a.ags[:5], "") + geo[a.ags].path(detail)

    def shape(ags: str) -> str:
        return geo[ags].path(detail) + (cut_outs.get(ags, "") if len(ags) == 5 else "")

    out = [
        f'<svg xmlns="{SVG_NS}" class="kekiz-map kekiz-map--{size}" viewBox="{geo.viewbox}" '
        f'role="group" aria-labelledby="{p}-title" aria-describedby="{p}-desc">',
        f'<title id="{p}-title">{_e(title)}</title>',
        f'<desc id="{p}-desc">{_e(description)}</desc>',
    ]
    if any(a.cohort == HATCHED_COHORT for a in areas):
        out.append(f"<defs>{_pattern(p, pattern_size)}</defs>")
    background = [k for k in geo.kreise if k.ags not in listed]
    if background:
        out.append('<g class="kekiz-map__base" aria-hidden="true">')
        out.extend(f'<path class="kekiz-map__area {fill_class(None)}" d="{shape(k.ags)}"/>' for k in background)
        out.append("</g>")
    out.append('<g class="kekiz-map__areas">')
    for a in areas:
        cls = f"kekiz-map__link {fill_class(a.cohort)}"
        if len(a.ags) == 8:
            cls += " kekiz-map__link--overlay"
        out.append(
            f'<a id="{p}-a{a.ags}" class="{cls}"{_fill_attr(p, a.cohort)} href="{_e(a.href)}" '
            f'aria-label="{_e(a.label)}"><title>{_e(a.label)}</title>'
            f'<path id="{p}-s{a.ags}" class="kekiz-map__area" d="{shape(a.ags)}"/></a>'
        )
    # The top layer: later siblings of the links, so `link:hover ~ copy` can show a copy.
    out.extend(
        f'<g id="{p}-t{a.ags}" class="kekiz-map__top"><use class="kekiz-map__halo" href="#{p}-s{a.ags}"/>'
        f'<use class="kekiz-map__ring" href="#{p}-s{a.ags}"/></g>'
        for a in areas
    )
    out.append("</g>")
    if areas:
        rules = "".join(f"#{p}-a{a.ags}:is(:hover,:focus-visible)~#{p}-t{a.ags}{{display:inline}}" for a in areas)
        out.append(f"<style>{rules}</style>")
    out.append("</svg>")
    return "".join(out)


def _bbox(d: str) -> tuple[int, int, int, int]:
    pts = [q for ring in parse_path(d) for q in ring]
    xs, ys = [q[0] for q in pts], [q[1] for q in pts]
    return min(xs), min(ys), max(xs), max(ys)


# Colours of the shared locator base map, one file per colour scheme: an image file
# cannot see the page's scheme switch, so the page's CSS picks the file.
LOCATOR_BASE_COLOURS = {
    "hell": {"area": "#eceef1", "border": "#b4b9c2", "land": "#5f6571"},
    "dunkel": {"area": "#343945", "border": "#59606f", "land": "#aab1bf"},
}


def locator_base(geo: GeoData, scheme: str) -> str:
    """The part every locator map shares, as a standalone SVG file: all Kreise and the
    outline of the Land. Pages reference one cached copy (CSS background of the locator)
    and inline only their highlight."""
    c = LOCATOR_BASE_COLOURS[scheme]
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="{geo.viewbox}" width="{geo.width}" height="{geo.height}">'
        f'<path fill="{c["area"]}" stroke="{c["border"]}" stroke-width="1" stroke-linejoin="round" '
        f'd="{"".join(k.d_coarse for k in geo.kreise)}"/>'
        f'<path fill="none" stroke="{c["land"]}" stroke-width="2" stroke-linejoin="round" d="{geo.land.d_coarse}"/>'
        "</svg>\n"
    )


def locator_map(
    geo: GeoData,
    *,
    focus_ags: str,
    focus_cohort: int | None,
    context_ags: str | None,
    context_cohort: int | None = None,
    marked: Mapping[str, int | None] | None = None,
    label: str,
    id_prefix: str,
) -> str:
    """A small NRW map (``role="img"``, named by *label*) locating one area.

    Only the highlight is inline: *context_ags* (e.g. the Kreis of a town), *focus_ags*
    and the *marked* areas (e.g. participating towns in a Kreis, with their cohorts),
    each in its cohort's colour as on the participation map (``None``: did not take part).
    The Kreise and the Land's outline come from the shared base file (:func:`locator_base`),
    set as background by the stylesheet. A small focus area also gets a ring so it can be
    found. No links. Raises ``ValueError`` listing unknown AGS.
    """
    p = _check_prefix(id_prefix)
    if not label.strip():
        raise ValueError("locator_map needs a label (its accessible name)")
    marked = dict(marked or {})
    wanted = [focus_ags, *([context_ags] if context_ags else []), *marked]
    missing = _missing(geo, wanted)
    if missing:
        raise _no_shape_error(missing)
    cohorts = [focus_cohort, context_cohort, *marked.values()]
    bad = sorted({repr(c) for c in cohorts if c not in (*COHORTS, None)})
    if bad:
        raise ValueError(f"cohort must be one of {COHORTS} or None, got {', '.join(bad)}")
    focus = geo[focus_ags]

    def shape(kind: str, cohort: int | None, d: str) -> str:
        return (f'<path class="kekiz-locator__{kind} {fill_class(cohort)}"'
                f'{_fill_attr(p, cohort)} d="{d}"/>')

    out = [
        f'<svg xmlns="{SVG_NS}" class="kekiz-locator" viewBox="{geo.viewbox}" '
        f'role="img" aria-labelledby="{p}-title">',
        f'<title id="{p}-title">{_e(label)}</title>',
    ]
    if HATCHED_COHORT in cohorts:
        out.append(f"<defs>{_pattern(p, 12)}</defs>")
    if context_ags and context_ags != focus_ags:
        out.append(shape("context", context_cohort, geo[context_ags].d_coarse))
    out.append(shape("focus", focus_cohort, focus.d_coarse))
    for ags in sorted(a for a in marked if a != focus_ags):
        out.append(shape("marked", marked[ags], geo[ags].d_coarse))
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
    defs = f"<defs>{_pattern(p, 8)}</defs>" if cohort == HATCHED_COHORT else ""
    fill = _fill_attr(p, cohort) if cohort is not None else ""
    return (
        f'<svg xmlns="{SVG_NS}" class="kekiz-map kekiz-map--swatch" viewBox="0 0 36 24" aria-hidden="true" '
        f'focusable="false">{defs}<path class="kekiz-map__area {fill_class(cohort)}"{fill} d="M1 1h34v22H1z"/>'
        "</svg>"
    )
