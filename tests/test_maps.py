"""SVG maps (src/kekiz/maps.py) and their stylesheet (the "Karte" section of docs/assets/stylesheets/kekiz.css)."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kekiz.model.geo import GeoData
from kekiz.sources.geodata import load_geodata
from kekiz.site.graphics.maps import MapArea, attribution, legend_swatch, locator_base, locator_map, participation_map

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "docs" / "assets" / "stylesheets" / "kekiz.css"
NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"

# 12 Gemeinden drawn on top of their Kreis
OVERLAYS = [
    "05958004",  # Arnsberg
    "05958012",  # Brilon
    "05958032",  # Meschede
    "05958044",  # Sundern (Sauerland)
    "05570004",  # Ahlen
    "05334002",  # Aachen, inside the Städteregion
    "05334012",  # Eschweiler
    "05154036",  # Kleve
    "05562014",  # Gladbeck
    "05962024",  # Iserlohn
    "05978024",  # Lünen
    "05774032",  # Paderborn
]


@pytest.fixture(scope="module")
def geo() -> GeoData:
    return load_geodata()


def _fold(s: str) -> str:
    for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("Ä", "A"), ("Ö", "O"), ("Ü", "U"), ("ß", "ss")):
        s = s.replace(a, b)
    return s.casefold()


def _areas(geo: GeoData) -> list[MapArea]:
    """All 53 Kreise in mixed cohorts (in AGS order, not label order) plus 12 overlays."""
    areas = [
        MapArea(k.ags, f"../kommunen/k{k.ags}/", f"{k.display_name} — Landesinitiative seit {c}", c)
        for k, c in zip(geo.kreise, [2012, 2017, 2017] * 18)
    ]
    areas += [
        MapArea(a, f"../kommunen/g{a}/", f"{geo[a].name} — seit {c}", c)
        for a, c in zip(OVERLAYS, [2017, 2012] * 6)
    ]
    return areas


@pytest.fixture(scope="module")
def full_svg(geo: GeoData) -> str:
    return participation_map(
        geo, _areas(geo), title="Teilnehmende Kommunen", description="Karte der 40 Kommunen", id_prefix="karte"
    )


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


# ------------------------------------------------------------------ participation map


def _links(root: ET.Element) -> list[ET.Element]:
    return root.findall("s:g[@class='kekiz-map__areas']/s:a", NS)


def test_all_areas_present_once_each(geo: GeoData, full_svg: str) -> None:
    root = _parse(full_svg)
    links = _links(root)
    assert len(links) == 53 + len(OVERLAYS) == len(root.findall(".//s:a", NS))
    hrefs = [a.get("href") for a in links]
    assert len(set(hrefs)) == len(hrefs)
    for a in links:
        inner = a.findall("s:path", NS)
        assert len(inner) == 1 and inner[0].get("class") == "kekiz-map__area"
    # each Kreis's own outline is in the SVG exactly once (a Kreis with towns drawn on
    # their own carries their rings as holes after its own)
    for k in geo.kreise:
        assert full_svg.count(f'd="{k.d}') == 1, k.ags


def test_links_have_names_tooltips_and_keep_the_given_order(geo: GeoData, full_svg: str) -> None:
    areas = _areas(geo)
    root = _parse(full_svg)
    links = _links(root)
    for a in links:
        label = a.get("aria-label")
        assert label
        title = a.find("s:title", NS)
        assert title is not None and title.text == label
        assert a.get("tabindex") is None
    # DOM order = tab order = the order the caller gives (the order of the key beside the map)
    assert [a.get("href") for a in links] == [a.href for a in areas]


def test_towns_are_holes_in_their_kreis_so_order_does_not_hide_them(geo: GeoData, full_svg: str) -> None:
    root = _parse(full_svg)
    by_id = {a.get("id"): a.find("s:path", NS).get("d") for a in _links(root)}
    assert by_id["karte-a05334"] == geo["05334"].d + geo["05334002"].d + geo["05334012"].d
    assert by_id["karte-a05334002"] == geo["05334002"].d
    assert "kekiz-map__link--overlay" in root.find(".//s:a[@id='karte-a05334002']", NS).get("class")


def test_hovered_or_focused_area_is_drawn_on_top(geo: GeoData, full_svg: str) -> None:
    root = _parse(full_svg)
    group = root.find("s:g[@class='kekiz-map__areas']", NS)
    children = list(group)
    links, tops = children[:len(_links(root))], children[len(_links(root)):]
    assert all(c.tag == f"{S}a" for c in links) and all(c.get("class") == "kekiz-map__top" for c in tops)
    assert len(tops) == len(links)
    style = root.find("s:style", NS).text
    for a, top in zip(links, tops):
        ags = a.get("id").removeprefix("karte-a")
        uses = top.findall("s:use", NS)
        assert [u.get("href") for u in uses] == [f"#karte-s{ags}"] * 2
        assert a.find("s:path", NS).get("id") == f"karte-s{ags}"
        assert f"#karte-a{ags}:is(:hover,:focus-visible)~#karte-t{ags}{{display:inline}}" in style


def test_cohort_classes_and_pattern(geo: GeoData, full_svg: str) -> None:
    root = _parse(full_svg)
    pattern = root.find("s:defs/s:pattern", NS)
    assert pattern is not None and pattern.get("id") == "karte-hatch"
    by_cohort = {2012: 0, 2017: 0}
    for a in _links(root):
        cohort = 2012 if "kekiz-fill--2012" in a.get("class") else 2017
        assert f"kekiz-fill--{cohort}" in a.get("class")
        by_cohort[cohort] += 1
        # the hatched cohort references the pattern of this very map; the other has no fill attribute
        assert a.get("fill") == ("url(#karte-hatch)" if cohort == 2017 else None)
    assert by_cohort[2012] and by_cohort[2017]


def test_non_participants_are_grey_links(geo: GeoData) -> None:
    areas = [MapArea("05111", "../d/", "Düsseldorf", 2012), MapArea("05958004", "../a/", "Arnsberg", 2012),
             MapArea("05966", "../g/#kreis-olpe", "Kreis Olpe — nicht dabei", None)]
    svg = participation_map(geo, areas, title="T", description="D", id_prefix="m2")
    root = _parse(svg)
    olpe = root.find(".//s:a[@id='m2-a05966']", NS)
    assert "kekiz-fill--none" in olpe.get("class") and olpe.get("href") == "../g/#kreis-olpe"
    # Kreise the caller leaves out are background only, hidden from assistive technology
    base = root.find("s:g[@class='kekiz-map__base']", NS)
    assert base.get("aria-hidden") == "true" and len(base.findall("s:path", NS)) == 51
    assert len(root.findall(".//s:a", NS)) == 3
    assert "<defs>" not in svg  # no 2017 area, no pattern needed


def test_accessible_container_and_stable_ids(geo: GeoData, full_svg: str) -> None:
    root = _parse(full_svg)
    assert root.get("role") == "group"
    assert root.get("viewBox") == f"0 0 {geo.width} {geo.height}"
    title, desc = root.find("s:title", NS), root.find("s:desc", NS)
    assert root.get("aria-labelledby") == title.get("id") == "karte-title"
    assert root.get("aria-describedby") == desc.get("id") == "karte-desc"
    assert title.text == "Teilnehmende Kommunen" and desc.text == "Karte der 40 Kommunen"
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("karte-") for i in ids)
    assert "width" not in root.attrib and "height" not in root.attrib  # sized by CSS


def test_self_contained_and_small(full_svg: str) -> None:
    assert not full_svg.startswith("<?xml")
    assert "<script" not in full_svg.lower()
    assert "style=" not in full_svg
    assert re.findall(r"https?:[^\"'\s<>]*", full_svg) == ["http://www.w3.org/2000/svg"]
    for tag in ("<image", "<foreignObject", "@import", "xlink:", "url(http"):
        assert tag not in full_svg
    # the only references are to this SVG's own ids
    assert set(re.findall(r'href="#([^"]+)"', full_svg)) <= set(re.findall(r'id="([^"]+)"', full_svg))
    assert len(full_svg.encode()) <= 80_000, len(full_svg.encode())


def test_deterministic(geo: GeoData, full_svg: str) -> None:
    again = participation_map(
        geo, _areas(geo), title="Teilnehmende Kommunen", description="Karte der 40 Kommunen", id_prefix="karte",
    )
    assert again == full_svg


def test_small_size_uses_coarse_detail(geo: GeoData, full_svg: str) -> None:
    small = participation_map(geo, _areas(geo), title="T", description="D", id_prefix="klein", size="small")
    assert "kekiz-map--small" in small and geo["05958"].d_coarse in small and geo["05958"].d not in small
    assert len(small) < len(full_svg) * 0.75
    with pytest.raises(ValueError, match="size"):
        participation_map(geo, [], title="T", description="D", id_prefix="x", size="huge")


def test_escapes_text(geo: GeoData) -> None:
    area = MapArea("05111", "../a?b=1&c=2", 'Düsseldorf <"x">', 2012)
    svg = participation_map(geo, [area], title="A & B", description="<b>", id_prefix="e")
    root = _parse(svg)  # still well-formed
    a = root.find(".//s:a", NS)
    assert a.get("href") == "../a?b=1&c=2" and a.get("aria-label") == 'Düsseldorf <"x">'
    assert root.find("s:title", NS).text == "A & B"


def test_unknown_ags_names_every_one(geo: GeoData) -> None:
    areas = _areas(geo)[:3] + [
        MapArea("05999", "../x/", "X", 2012),
        MapArea("05958999", "../y/", "Y", 2017),
        MapArea("0511", "../z/", "Z", 2017),
    ]
    with pytest.raises(ValueError) as info:
        participation_map(geo, areas, title="T", description="D", id_prefix="m")
    message = str(info.value)
    for ags in ("05999", "05958999", "0511"):
        assert ags in message
    assert _areas(geo)[0].ags not in message


@pytest.mark.parametrize(
    "areas, message",
    [
        ([MapArea("05111", "../a/", "A", 2012), MapArea("05111", "../b/", "B", 2017)], "more than once"),
        ([MapArea("05111", "../a/", "A", 2020)], "cohort"),
        ([MapArea("05111", "https://example.org/", "A", 2012)], "relative"),
        ([MapArea("05111", "javascript:alert(1)", "A", 2012)], "relative"),
        ([MapArea("05111", "//example.org/", "A", 2012)], "relative"),
    ],
)
def test_rejects_bad_input(geo: GeoData, areas, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        participation_map(geo, areas, title="T", description="D", id_prefix="m")


def test_rejects_bad_id_prefix(geo: GeoData) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        participation_map(geo, [], title="T", description="D", id_prefix='x" onload="y')


def test_attribution(geo: GeoData) -> None:
    text = attribution(geo)
    assert re.fullmatch(r"© GeoBasis-DE / BKG \d{4}", text)
    assert text == geo.source.attribution


def test_legend_swatch() -> None:
    hatched = legend_swatch(2017, id_prefix="sw17")
    assert 'fill="url(#sw17-hatch)"' in hatched and 'id="sw17-hatch"' in hatched
    plain = legend_swatch(2012, id_prefix="sw12")
    assert "kekiz-fill--2012" in plain and "pattern" not in plain
    assert 'aria-hidden="true"' in plain
    ET.fromstring(hatched)
    neutral = legend_swatch(None, id_prefix="sw0")
    assert "kekiz-fill--none" in neutral and "fill=" not in neutral
    with pytest.raises(ValueError):
        legend_swatch(2020, id_prefix="x")


# ------------------------------------------------------------------ locator map


def test_locator_highlights_focus_in_context(geo: GeoData) -> None:
    label = "Lage von Ahlen im Kreis Warendorf in Nordrhein-Westfalen"
    svg = locator_map(geo, focus_ags="05570004", focus_cohort=2017, context_ags="05570", context_cohort=2012,
                      label=label, id_prefix="lage")
    root = _parse(svg)
    assert root.get("role") == "img"
    title = root.find("s:title", NS)
    assert title.text == label and root.get("aria-labelledby") == title.get("id") == "lage-title"
    # each in its cohort's colour, as on the participation map
    focus = root.find("s:path[@class='kekiz-locator__focus kekiz-fill--2017']", NS)
    assert focus.get("d") == geo["05570004"].d_coarse and focus.get("fill") == "url(#lage-hatch)"
    context = root.find("s:path[@class='kekiz-locator__context kekiz-fill--2012']", NS)
    assert context.get("d") == geo["05570"].d_coarse
    classes = [p.get("class") for p in root.iter() if p.get("class")]
    assert classes.index(context.get("class")) < classes.index(focus.get("class"))
    # the Kreise come from the shared base file, not from the page
    assert geo["05958"].d_coarse not in svg
    assert all(k.d_coarse in locator_base(geo, "hell") for k in geo.kreise)
    assert "<a" not in svg and "<script" not in svg and "style=" not in svg
    # Ahlen is small on a 1000-unit map: a ring helps to find it
    assert root.find("s:circle[@class='kekiz-locator__pin']", NS) is not None
    assert len(svg.encode()) <= 5_000


def test_locator_of_a_town_that_did_not_take_part_is_not_in_a_cohort_colour(geo: GeoData) -> None:
    svg = locator_map(geo, focus_ags="05562020", focus_cohort=None, context_ags="05562", context_cohort=2017,
                      label="Herten", id_prefix="lage")
    assert 'class="kekiz-locator__focus kekiz-fill--none"' in svg
    assert 'class="kekiz-locator__context kekiz-fill--2017" fill="url(#lage-hatch)"' in svg


def test_locator_marks_towns_on_top_of_a_kreis(geo: GeoData) -> None:
    marked = {g.ags: 2012 for g in geo.gemeinden_in("05958")}  # all 12 Gemeinden: the worst case
    svg = locator_map(geo, focus_ags="05958", focus_cohort=2017, context_ags=None, marked=marked, label="Lage",
                      id_prefix="l2")
    root = _parse(svg)
    classes = [p.get("class") for p in root.iter() if p.get("class")]
    assert classes.index("kekiz-locator__focus kekiz-fill--2017") < classes.index("kekiz-locator__marked kekiz-fill--2012")
    marks = root.findall("s:path[@class='kekiz-locator__marked kekiz-fill--2012']", NS)
    assert sorted(m.get("d") for m in marks) == sorted(geo[a].d_coarse for a in marked)
    assert root.find("s:path[@class='kekiz-locator__context']", NS) is None
    assert root.find("s:circle", NS) is None  # a large Kreis needs no ring
    assert len(svg.encode()) <= 25_000, len(svg.encode())
    assert svg == locator_map(geo, focus_ags="05958", focus_cohort=2017, context_ags=None,
                              marked=dict(reversed(marked.items())), label="Lage", id_prefix="l2")


def test_locator_base_files_are_standalone_and_coloured_per_scheme(geo: GeoData) -> None:
    light, dark = locator_base(geo, "hell"), locator_base(geo, "dunkel")
    for svg in (light, dark):
        root = _parse(svg)
        assert root.get("viewBox") == geo.viewbox  # same frame as the inline highlight
        assert "<script" not in svg and "href" not in svg and len(svg.encode()) <= 20_000
    assert light != dark and light == locator_base(geo, "hell")


def test_locator_unknown_ags(geo: GeoData) -> None:
    with pytest.raises(ValueError) as info:
        locator_map(geo, focus_ags="05999", focus_cohort=None, context_ags="05998", marked={"05958999": None},
                    label="L", id_prefix="l")
    for ags in ("05999", "05998", "05958999"):
        assert ags in str(info.value)
    with pytest.raises(ValueError, match="label"):
        locator_map(geo, focus_ags="05111", focus_cohort=None, context_ags=None, label=" ", id_prefix="l")
    with pytest.raises(ValueError, match="cohort"):
        locator_map(geo, focus_ags="05111", focus_cohort=2013, context_ags=None, label="L", id_prefix="l")


# ------------------------------------------------------------------ stylesheet


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _palettes() -> dict[str, dict[str, str]]:
    css = CSS.read_text(encoding="utf-8")
    out = {}
    for name, selector in (
        ("light", r"\.kekiz-map,\s*\.kekiz-locator\s*\{"),
        ("dark", r'\[data-md-color-scheme="slate"\] \.kekiz-map,\s*\[data-md-color-scheme="slate"\] \.kekiz-locator\s*\{'),
    ):
        m = re.search(selector + r"([^}]*)\}", css)
        assert m, f"no {name} palette block in kekiz.css"
        out[name] = dict(re.findall(r"--kekiz-map-([\w-]+):\s*(#[0-9a-fA-F]{6})", m.group(1)))
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_contrast(scheme: str) -> None:
    p = _palettes()[scheme]
    for cohort in ("2012", "2017"):
        assert _contrast(p[cohort], p["bg"]) >= 3, (scheme, cohort, "background")
        assert _contrast(p[cohort], p["neutral"]) >= 3, (scheme, cohort, "neutral")
        assert _contrast(p[cohort], p["border"]) >= 3, (scheme, cohort, "border")
    assert _contrast(p["neutral-border"], p["neutral"]) >= 3
    assert _contrast(p["2017-hatch"], p["2017"]) >= 2  # the texture is visible
    # the focus ring is the same in both schemes: ring and halo stand apart, and one of
    # them stands out against every colour of the map
    ring, halo = _palettes()["light"]["focus"], _palettes()["light"]["halo"]
    assert _contrast(ring, halo) >= 3
    for colour in (p["bg"], p["neutral"], p["2012"], p["2017"], p["2017-hatch"]):
        assert max(_contrast(ring, colour), _contrast(halo, colour)) >= 3, (scheme, colour)


def test_print_uses_light_colours_and_documented_numbers() -> None:
    pal = _palettes()
    assert pal["dark"] != pal["light"]
    css = CSS.read_text(encoding="utf-8")
    # Print keeps the light palette: the dark one applies to screens only.
    assert re.search(r'@media screen \{[^{}]*\[data-md-color-scheme="slate"\] \.kekiz-map,', css)
    assert len(re.findall(r'\[data-md-color-scheme="slate"\] \.kekiz-map,\s*\[data-md-color-scheme', css)) == 1
    # the ratios written in the comment are the ones the colours give
    for scheme in ("light", "dark"):
        p = pal[scheme]
        for cohort in ("2012", "2017"):
            expected = (
                f"{cohort} {p[cohort]}   vs background {_contrast(p[cohort], p['bg']):.2f}"
                f"   vs neutral {_contrast(p[cohort], p['neutral']):.2f}"
            )
            assert expected in css, expected


def _map_section(css: str) -> str:
    return css.split("/* == Karte == */", 1)[1].split("/* == ", 1)[0]


def test_stylesheet_covers_states() -> None:
    css = _map_section(CSS.read_text(encoding="utf-8"))
    for needle in (
        ".kekiz-map__top",
        ".kekiz-map__ring",
        ".kekiz-map__halo",
        ".kekiz-fill--none",
        ".kekiz-fill--2012",
        ".kekiz-fill--2017",
        ".kekiz-map__hatch-bg",
        ".kekiz-map__hatch-line",
        ".kekiz-map__link--overlay",
        ".kekiz-locator__focus",
        ".kekiz-locator__marked",
        "@media (forced-colors: active)",
    ):
        assert needle in css, needle
    # the only external references are the two shared locator base maps of this site
    assert "http" not in css
    assert set(re.findall(r"url\(([^)]*)\)", css)) == {'"../karte/nrw-hell.svg"', '"../karte/nrw-dunkel.svg"'}
    # the 2017 fill comes from the pattern: a CSS fill on its class would hide the hatching
    assert not re.search(r"\.kekiz-fill--2017\s*\{[^}]*\bfill\s*:", css.split("@media (forced-colors")[0])
    # the area sets no colour of its own: the ring copies in the top layer inherit theirs
    assert not re.search(r"\.kekiz-map__area\s*\{[^}]*\b(fill|stroke|stroke-width)\s*:", css)
    # the focus ring does not depend on the scheme (Material's accent colour plays no part)
    dark = css.split('[data-md-color-scheme="slate"] .kekiz-locator {')[1].split("}")[0]
    assert "--kekiz-map-focus" not in dark and "--kekiz-map-halo" not in dark


# ------------------------------------------------------------------ in a real browser

_PROBE = """
<script>
const out = {};
for (const scheme of ["default", "slate"]) {
  const box = document.querySelector(`[data-md-color-scheme="${scheme}"]`);
  const fill = (sel) => getComputedStyle(box.querySelector(sel)).fill;
  out[scheme] = {
    neutral: fill(".kekiz-fill--none .kekiz-map__area"),
    c2012: fill(".kekiz-fill--2012 .kekiz-map__area"),
    c2017: fill(".kekiz-fill--2017 .kekiz-map__area"),
    hatch: fill(".kekiz-map__hatch-bg"),
    swatch: fill(".kekiz-map--swatch .kekiz-map__area"),
    ring: getComputedStyle(box.querySelector(".kekiz-map__ring")).stroke,
  };
}
document.getElementById("out").textContent = JSON.stringify(out);
</script>
"""


@pytest.mark.browser
def test_colours_and_focus_in_chromium(geo: GeoData, chromium: Path, tmp_path: Path) -> None:
    """The stylesheet really colours the SVG (the 2017 pattern is not overridden by a CSS
    fill) and the dark scheme changes the colours."""
    areas = [MapArea("05111", "../a/", "A", 2012), MapArea("05958", "../b/", "B", 2017),
             MapArea("05966", "../c/", "C", None)]
    boxes = "".join(
        f'<div data-md-color-scheme="{scheme}">'
        f'{participation_map(geo, areas, title="T", description="D", id_prefix=f"m-{scheme}")}'
        f'<span class="kekiz-map">{legend_swatch(None, id_prefix=f"s-{scheme}")}</span></div>'
        for scheme in ("default", "slate")
    )
    page = tmp_path / "map.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><style>{CSS.read_text(encoding="utf-8")}</style>'
        f'</head><body>{boxes}<pre id="out"></pre>{_PROBE}</body></html>',
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(chromium), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    m = re.search(r'<pre id="out">(.*?)</pre>', result.stdout, re.S)
    assert m and m.group(1), result.stderr[-2000:]
    out = json.loads(m.group(1).replace("&quot;", '"'))

    def rgb(hex_colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))

    pal = _palettes()
    for scheme, colours in (("default", pal["light"]), ("slate", pal["dark"])):
        got = out[scheme]
        assert got["neutral"] == rgb(colours["neutral"]) == got["swatch"]
        assert got["c2012"] == rgb(colours["2012"])
        assert got["hatch"] == rgb(colours["2017"])
        assert got["c2017"].startswith("url(") and f"m-{scheme}-hatch" in got["c2017"]
        assert got["ring"] == "rgb(0, 0, 0)"  # the same focus ring in both schemes
    # Keyboard focus is checked with real Tab presses in tests/test_browser.py.
