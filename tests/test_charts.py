"""Charts (src/kekiz/charts.py) and the programme facts they draw from (data/programme.yaml)."""

from __future__ import annotations

import colorsys
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kekiz.site.graphics.charts import participation_chart, timeline_chart
from kekiz.model.registry import Cohort, CohortInfo, Commune, CommuneType, Milestone, PartialDate, Programme, Registry, Source

ROOT = Path(__file__).resolve().parents[1]
PROGRAMME_YAML = ROOT / "data" / "programme.yaml"
PROGRAMME_SCHEMA = ROOT / "data" / "programme.schema.json"
CHARTS_CSS = ROOT / "docs" / "assets" / "stylesheets" / "kekiz.css"

SVG_NS = "http://www.w3.org/2000/svg"
NAMESPACE_URIS = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
HOSTILE = "<script>alert(1)</script>"

KFS, KAS, KR = CommuneType.KREISFREIE_STADT, CommuneType.KREISANGEHOERIGE_STADT, CommuneType.KREIS
M12, L17 = Cohort.MODELLPHASE, Cohort.LANDESINITIATIVE


# --------------------------------------------------------------------------- fixtures


def _src(url: str = "https://example.org/quelle", publisher: str = "Beispiel", **kw) -> Source:
    return Source(url=url, publisher=publisher, **kw)


def _commune(n: int, type_: CommuneType, cohort: Cohort) -> Commune:
    ags = f"05{n:03d}" if type_ is KR else f"05{n:03d}000"
    return Commune(
        slug=f"kommune-{n}", name=f"Kommune {n}", official_name=f"Stadt {n}",
        type=type_, cohort=cohort, ags=ags, sources=(_src(),),
    )


def _programme(milestones: tuple[Milestone, ...]) -> Programme:
    return Programme(
        cohorts={
            M12: CohortInfo(M12, "Kommunen in NRW beugen vor", "Modellphase.", (_src(),)),
            L17: CohortInfo(L17, "Für ganz Nordrhein-Westfalen", "Landesinitiative.", (_src(),)),
        },
        milestones=milestones,
    )


MILESTONES = (
    # deliberately not in date order, and with a bare year next to full dates of that year
    Milestone(PartialDate.parse("2017-01-11"), "Neue Kommunen vorgestellt",
              (_src("https://example.org/a?x=1&y=2", "Stadt A", date=PartialDate.parse("2017-01-12")),)),
    Milestone(PartialDate.parse("2011-11-09"), f"Start {HOSTILE}",
              (_src("https://example.org/b\"><script>alert(2)</script>", 'Verlag "<b>B</b>"', title="T & U"),
               _src("http://example.org/c", "Stadt C"))),
    Milestone(PartialDate.parse("2012-03"), "Offizieller Start", (_src("https://example.org/d", "Stadt D"),),
              note="26. oder 29. März – die Quellen widersprechen sich."),
    Milestone(PartialDate.parse("2017"), "Irgendwann 2017", (_src("https://example.org/e", "Stadt E"),)),
)


@pytest.fixture()
def registry() -> Registry:
    spec = [(M12, KFS), (M12, KFS), (M12, KFS), (M12, KAS), (M12, KR),
            (L17, KFS), (L17, KR), (L17, KR)]  # no kreisangehörige Stadt in 2017: a zero
    communes = tuple(_commune(i, t, c) for i, (c, t) in enumerate(spec, start=1))
    return Registry(communes=communes, programme=_programme(MILESTONES), stand=PartialDate(2026, 11, 21))


# --------------------------------------------------------------------------- parsing helpers


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert match, "no inline <svg>"
    return ET.fromstring(match.group(0))


def _svg_text(html: str) -> str:
    return re.search(r"<svg\b.*?</svg>", html, flags=re.DOTALL).group(0)


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _q(tag: str) -> str:
    return f"{{{SVG_NS}}}{tag}"


class _Collector(HTMLParser):
    """Tables as rows of cell texts, list items with their links, figure structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.items: list[dict] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self._li: dict | None = None
        self._li_depth = 0
        self._in_svg = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "svg":
            self._in_svg += 1
        if self._in_svg:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []
        elif tag == "li":
            self._li = {"text": [], "links": [], "time": None}
            self._li_depth += 1
        elif tag == "a" and self._li is not None:
            self._li["links"].append(a.get("href"))
        elif tag == "time" and self._li is not None:
            self._li["time"] = a.get("datetime")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg -= 1
            return
        if self._in_svg:
            return
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "li" and self._li is not None:
            self._li["text"] = "".join(self._li["text"])
            self.items.append(self._li)
            self._li = None

    def handle_data(self, data):
        if self._in_svg:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._li is not None:
            self._li["text"].append(data)


def _collect(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


# --------------------------------------------------------------------------- participation


TYPES = (KFS, KAS, KR)
COHORTS = (M12, L17)


def test_participation_table_counts_equal_registry(registry):
    rows = _collect(participation_chart(registry)).rows
    header, *body = rows
    header = [h.replace("\xad", "") for h in header]  # soft hyphens for narrow screens
    assert header == ["Jahrgang", "kreisfreie Städte", "kreisangehörige Städte", "Kreise", "zusammen"]
    table = {r[0]: [int(v) for v in r[1:]] for r in body}
    for c in COHORTS:
        assert table[str(c.value)] == [registry.count(cohort=c, type=t) for t in TYPES] + [registry.count(cohort=c)]
    assert table["Insgesamt"] == [registry.count(type=t) for t in TYPES] + [registry.count()]
    assert table["2017"][1] == 0  # the zero is shown, not dropped


def test_participation_svg_values_equal_registry(registry):
    root = _svg(participation_chart(registry))
    seen = {}
    for g in root.iter(_q("g")):
        if "bar" not in _classes(g):
            continue
        value = int(next(d.text for d in g.iter(_q("desc")) if "value" in _classes(d)))
        assert int(g.get("data-anzahl")) == value
        seen[(int(g.get("data-jahrgang")), g.get("data-art"))] = value
    assert seen == {(c.value, t.value): registry.count(cohort=c, type=t) for c in COHORTS for t in TYPES}
    # the series are the three types, in the legend's order
    legend = [t.text for g in root.iter(_q("g")) if "legend" in _classes(g) for t in g.iter(_q("text"))]
    assert legend == [t.plural for t in TYPES]
    # the numbers printed on the bars: every non-zero count, nothing else
    printed = sorted(int(t.text) for t in root.iter(_q("text")) if "value" in _classes(t))
    assert printed == sorted(v for v in seen.values() if v)


def test_participation_description_has_the_numbers(registry):
    root = _svg(participation_chart(registry))
    desc = next(d for d in root.findall(_q("desc")))
    assert "Jahrgang 2012: 3 kreisfreie Städte, 1 kreisangehörige Stadt, 1 Kreis; zusammen 5." in desc.text
    assert "Jahrgang 2017: 1 kreisfreie Stadt, 0 kreisangehörige Städte, 2 Kreise; zusammen 3." in desc.text


def test_participation_empty_registry_renders():
    html = participation_chart(Registry(communes=(), programme=_programme(()), stand=PartialDate(2026, 11, 21)))
    assert "<table" in html and "<svg" in html


# --------------------------------------------------------------------------- both charts


@pytest.fixture(params=["teilnahme", "zeitleiste"])
def chart_html(request, registry) -> str:
    if request.param == "teilnahme":
        return participation_chart(registry)
    return timeline_chart(registry.programme)


def test_no_script_and_no_external_urls(chart_html):
    svg = _svg_text(chart_html)
    assert "<script" not in chart_html.lower().replace("&lt;script", "")
    assert "javascript:" not in svg.lower()
    assert "googlefont" not in svg and "@import" not in svg and "url(" not in svg
    assert "xml-stylesheet" not in svg and "<!--" not in svg
    urls = set(re.findall(r"[a-z][a-z0-9+.-]*://[^\s\"'<>)]*", svg, flags=re.IGNORECASE))
    assert urls <= NAMESPACE_URIS, urls - NAMESPACE_URIS
    without_ns = svg
    for uri in NAMESPACE_URIS:
        without_ns = without_ns.replace(uri, "")
    assert "//" not in without_ns
    assert " style=" not in svg  # no inline style attributes (strict CSP)
    assert "href" not in svg


def test_accessible_name(chart_html):
    root = _svg(chart_html)
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert len(ids) == 2
    named = {el.get("id"): el for el in root.iter() if el.get("id")}
    title, desc = named[ids[0]], named[ids[1]]
    assert title.tag == _q("title") and title.text.strip()
    assert desc.tag == _q("desc") and desc.text.strip()
    assert root.find(_q("title")) is title  # the root's own title, first child after <defs>
    # pygal's tooltip descs are gone
    for d in root.iter(_q("desc")):
        assert not {"x", "y", "auto", "x_label", "xlink"} & _classes(d)
    c = _collect(chart_html)
    assert c.tags[0] == "figure" and "figcaption" in c.tags


def test_renders_are_byte_identical(registry):
    assert participation_chart(registry) == participation_chart(registry)
    assert timeline_chart(registry.programme) == timeline_chart(registry.programme)
    html = participation_chart(registry) + timeline_chart(registry.programme)
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", html)  # no uuid
    assert "Generated with pygal" not in html


def test_ids_follow_prefix(registry):
    html = participation_chart(registry, id_prefix="abc")
    root = _svg(html)
    assert root.get("id") == "abc-svg"
    assert root.get("aria-labelledby") == "abc-titel abc-beschreibung"
    assert 'id="abc"' in html
    assert "#abc-svg " in html  # pygal's CSS is scoped to this chart
    assert "#chart-" not in html
    with pytest.raises(ValueError):
        participation_chart(registry, id_prefix='x" onload="alert(1)')
    with pytest.raises(ValueError):
        timeline_chart(registry.programme, id_prefix="1abc")


# --------------------------------------------------------------------------- timeline


def test_timeline_escapes_hostile_text(registry):
    html = timeline_chart(registry.programme)
    assert HOSTILE not in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # in the list and in the SVG tooltip
    assert "<b>" not in html and "&lt;b&gt;B&lt;/b&gt;" in html
    assert "T &amp; U" in html
    assert 'href="https://example.org/b&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html
    svg_titles = [t.text for t in _svg(html).iter(_q("title"))]
    assert any(HOSTILE in (t or "") for t in svg_titles)  # parsed back: the text, not markup


def test_timeline_list_has_every_milestone_with_sources(registry):
    html = timeline_chart(registry.programme)
    items = _collect(html).items
    ordered = sorted(MILESTONES, key=lambda m: m.date.key)
    assert [i["time"] for i in items] == [m.date.iso for m in ordered]
    for item, m in zip(items, ordered):
        assert m.date.german in item["text"]
        assert m.label in item["text"]
        assert item["links"] == [s.url for s in m.sources]
        for s in m.sources:
            assert s.publisher in item["text"]
        approximate = m.date.day is None
        assert ("ungefähr" in item["text"]) is approximate
        if m.note:
            assert m.note in item["text"]
    assert [i["time"] for i in items] == ["2011-11-09", "2012-03", "2017", "2017-01-11"]


def test_timeline_svg_has_a_dot_per_milestone(registry):
    root = _svg(timeline_chart(registry.programme))
    ordered = sorted(MILESTONES, key=lambda m: m.date.key)
    dots = [g for g in root.iter(_q("g")) if "dots" in _classes(g)]
    assert len(dots) == len(ordered)
    xs = []
    for n, (g, m) in enumerate(zip(dots, ordered), start=1):
        circle = g.find(_q("circle"))
        assert circle.get("data-nummer") == str(n)
        assert circle.get("data-datum") == m.date.iso
        assert ("kekiz-punkt--ungefaehr" in _classes(circle)) is (m.date.day is None)
        tooltip = g.find(_q("title")).text
        assert m.label in tooltip and m.date.german in tooltip
        xs.append(float(circle.get("cx")))
    assert xs == sorted(xs)
    # a bare year sits at the start of its year, i.e. on the year's grid line
    year_x = {t.text: float(t.get("x")) for t in root.iter(_q("text")) if re.fullmatch(r"\d{4}", t.text or "")}
    assert xs[2] == pytest.approx(year_x["2017"], abs=0.01)
    labels = [t.text for t in root.iter(_q("text")) if "label" in _classes(t)]
    assert labels == [str(n) for n in range(1, len(ordered) + 1)]


def test_timeline_without_milestones():
    html = timeline_chart(_programme(()))
    assert "<svg" in html and "<ol" in html


# --------------------------------------------------------------------------- data/programme.yaml


def _programme_doc() -> dict:
    return yaml.safe_load(PROGRAMME_YAML.read_text(encoding="utf-8"))


def _schema() -> dict:
    return json.loads(PROGRAMME_SCHEMA.read_text(encoding="utf-8"))


def _validate(value, schema: dict, root: dict) -> list[str]:
    """The build's own check of the contract (kekiz.contract): paths of the values that break it."""
    from kekiz.sources.contract import Contract
    return [".".join(map(str, e.absolute_path)) for e in Contract(root).validator.iter_errors(value)]


def test_programme_yaml_matches_schema():
    first_line = PROGRAMME_YAML.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./programme.schema.json"
    schema = _schema()
    # the shared shapes are the same as in the registry's schema
    communes_schema = json.loads((ROOT / "data" / "communes.schema.json").read_text(encoding="utf-8"))
    for name in ("partialDate", "httpUrl", "source"):
        ours, theirs = dict(schema["definitions"][name]), dict(communes_schema["definitions"][name])
        ours.pop("description", None), theirs.pop("description", None)
        if name == "source":
            for d in (ours, theirs):
                d["properties"] = {k: {kk: vv for kk, vv in v.items() if kk != "description"}
                                   for k, v in d["properties"].items()}
        assert ours == theirs, name
    assert _validate(_programme_doc(), schema, schema) == []


def test_schema_check_rejects_bad_entries():
    schema = _schema()
    doc = _programme_doc()
    doc["milestones"][0]["date"] = "9.11.2011"
    doc["milestones"][1]["sources"] = []
    doc["milestones"][2]["sources"][0]["url"] = "www.example.org"
    doc["milestones"][3]["extra"] = "x"
    doc["cohorts"][0]["cohort"] = 2013
    errors = _validate(doc, schema, schema)
    assert {"milestones.0.date", "milestones.1.sources", "milestones.2.sources.0.url", "milestones.3",
            "cohorts.0.cohort"} <= set(errors), errors


def test_programme_yaml_with_jsonschema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema()
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(_programme_doc(), schema, cls=jsonschema.Draft7Validator)


def test_programme_yaml_rules():
    doc = _programme_doc()
    pattern = re.compile(_schema()["definitions"]["partialDate"]["pattern"])
    assert sorted(c["cohort"] for c in doc["cohorts"]) == [2012, 2017]
    months = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    for c in doc["cohorts"]:
        assert c["sources"]
        # no counts of Kommunen: those come from the registry (dates like "11. Januar 2017" are fine)
        text = re.sub(rf"\b\d{{1,2}}\. (?:{months})\b", "", c["summary"])
        assert not re.search(r"\b\d{1,3}\b", text), c["summary"]
    milestones = doc["milestones"]
    assert 8 <= len(milestones) <= 14
    keys = []
    for m in milestones:
        assert isinstance(m["date"], str) and pattern.match(m["date"]), m
        d = PartialDate.parse(m["date"])
        assert 2011 <= d.year <= 2020
        keys.append(d.key)
        assert m["sources"], m
        for s in m["sources"]:
            assert re.match(r"^https?://\S+$", s["url"]), s
            assert s["publisher"].strip()
            if s.get("date"):
                PartialDate.parse(s["date"])
    assert keys == sorted(keys), "milestones must be oldest first"


def test_real_programme_renders():
    """data/programme.yaml through the timeline: every label and every source link appears."""
    doc = _programme_doc()

    def source(raw: dict) -> Source:
        date = PartialDate.parse(raw["date"]) if raw.get("date") else None
        return Source(url=raw["url"], publisher=raw["publisher"], title=raw.get("title"), date=date)

    programme = Programme(
        cohorts={},
        milestones=tuple(
            Milestone(PartialDate.parse(m["date"]), m["label"], tuple(map(source, m["sources"])), m.get("note"))
            for m in doc["milestones"]
        ),
    )
    html = timeline_chart(programme)
    items = _collect(html).items
    assert len(items) == len(doc["milestones"])
    for item, m in zip(items, doc["milestones"]):
        assert m["label"] in item["text"]
        assert item["links"] == [s["url"] for s in m["sources"]]


# --------------------------------------------------------------------------- charts.css


def _rgb(value: str, over: tuple[float, float, float] | None = None) -> tuple[float, float, float]:
    """#hex, rgba() or hsla() as sRGB 0..1, alpha-blended over `over`."""
    value = value.strip()
    alpha = 1.0
    if value.startswith("#"):
        h = value[1:]
        if len(h) in (3, 4):
            h = "".join(ch * 2 for ch in h)
        rgb = tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
        if len(h) == 8:
            alpha = int(h[6:8], 16) / 255
    else:
        fn, args = re.match(r"(\w+)\((.*)\)", value).groups()
        parts = [p.strip() for p in args.split(",")]
        if fn.startswith("rgb"):
            rgb = tuple(float(p) / 255 for p in parts[:3])
        else:
            hue, sat, light = float(parts[0].rstrip("deg")), float(parts[1].rstrip("%")), float(parts[2].rstrip("%"))
            rgb = colorsys.hls_to_rgb(hue / 360, light / 100, sat / 100)
        if len(parts) > 3:
            alpha = float(parts[3])
    if alpha < 1:
        assert over is not None
        rgb = tuple(alpha * c + (1 - alpha) * o for c, o in zip(rgb, over))
    return rgb


def _contrast(a, b) -> float:
    def lum(rgb):
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _palette(css: str, selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"\s*\{(.*?)\}", css, flags=re.DOTALL).group(1)
    props = dict(re.findall(r"--kekiz-chart-([\w-]+):\s*([^;]+);", block))
    # var(--md-…, fallback): take the fallback, i.e. Material's value for that scheme
    return {k: re.sub(r"^var\(--[\w-]+,\s*(.*)\)$", r"\1", v.strip()) for k, v in props.items()}


@pytest.mark.parametrize("selector", [".kekiz-chart {", '[data-md-color-scheme="slate"] .kekiz-chart {'])
def test_css_palette_contrast(selector):
    css = CHARTS_CSS.read_text(encoding="utf-8")
    pal = _palette(css, selector.rstrip(" {"))
    bg = _rgb(pal["bg"])
    assert _contrast(_rgb(pal["fg"], bg), bg) >= 4.5
    for n in ("1", "2", "3"):
        bar = _rgb(pal[n])
        assert _contrast(bar, bg) >= 3, f"bar {n} against the background"
        assert _contrast(_rgb(pal[f"on-{n}"]), bar) >= 4.5, f"number on bar {n}"


def test_css_covers_print_and_uses_no_fonts():
    css = CHARTS_CSS.read_text(encoding="utf-8")
    css = css[css.index("/* == charts"):]  # the charts section of the one project stylesheet
    assert "@media print" in css
    print_block = css[css.index("@media print"):]
    assert "--kekiz-chart-bg: #ffffff" in print_block and "--kekiz-chart-fg: #000000" in print_block
    assert "@import" not in css and "@font-face" not in css and "url(" not in css
    assert "width: 100%" in css and "height: auto" in css


def test_type_colours_are_not_cohort_colours(registry):
    """One colour language: blue and orange mean the cohorts (maps, legends); the chart of
    types uses neither, in the light, the dark and the print palette."""
    css = CHARTS_CSS.read_text(encoding="utf-8")
    cohort = {c.lower() for c in re.findall(r"--kekiz-map-20(?:12|17):\s*(#[0-9a-fA-F]{6})", css)}
    types = {c.lower() for c in re.findall(r"--kekiz-chart-[123]:\s*(#[0-9a-fA-F]{6})", css)}
    assert len(cohort) >= 4 and len(types) >= 6, (cohort, types)
    assert not cohort & types, cohort & types
    svg = participation_chart(registry)
    assert not any(c in svg.lower() for c in cohort), "the SVG's fallback colours"
