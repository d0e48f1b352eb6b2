"""Charts for the site: inline pygal SVG plus an equivalent text alternative.

Each public function returns one HTML string, a ``<figure class="kekiz-chart">`` with

* the chart as inline SVG (``role="img"``, named by its own ``<title>`` and ``<desc>``),
* a ``<figcaption>``,
* the same information as text: a table (participation) or an ordered list (timeline).

The SVG is made safe and reproducible here, not in the page:

* no script: ``js=[]`` and an XML filter that removes every ``<script>`` element
  (pygal adds an inline config script even with ``js=[]``);
* no external URL: no web fonts, pygal's URL comments removed; the only URLs left are
  the SVG namespace URIs;
* byte-identical output for identical input: fixed element ids derived from ``id_prefix``
  instead of pygal's random uuid, and pygal's comment with the generation date removed;
* colours come from CSS custom properties (``--kekiz-chart-*``) that
  ``docs/assets/stylesheets/kekiz.css`` (section "charts") sets for Material's light and dark scheme and for
  print; the fallbacks in the SVG are the light values.

All text that comes from data is HTML-escaped.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

import pygal
from pygal.etree import etree as _pygal_etree
from pygal.style import Style

from kekiz.model.registry import Cohort, CommuneType, Milestone, PartialDate, Programme, Registry, Source
from kekiz.site.graphics.svg import check_id_prefix as _check_prefix
from kekiz.site.graphics.svg import esc as _e

# pygal builds its tree with lxml when lxml is installed (another package may bring it); this module edits
# that tree with xml.etree, so pin pygal to xml.etree: same tree type, same bytes either way.
_pygal_etree.to_etree()

__all__ = ["participation_chart", "timeline_chart"]

#: Order of the stacked segments and of the table columns.
TYPE_ORDER = (CommuneType.KREISFREIE_STADT, CommuneType.KREISANGEHOERIGE_STADT, CommuneType.KREIS)
COHORT_ORDER = (Cohort.MODELLPHASE, Cohort.LANDESINITIATIVE)

#: Width of the SVG coordinate system (see _style for why it is small).
CHART_WIDTH = 400

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", '
    "Helvetica, Arial, sans-serif"
)

# Light-scheme fallbacks; kekiz.css overrides the custom properties per scheme.
_FG = "var(--kekiz-chart-fg, rgba(0, 0, 0, .87))"
_GRID = "var(--kekiz-chart-grid, rgba(0, 0, 0, .32))"
_SERIES = (
    ("var(--kekiz-chart-1, #00695c)", "var(--kekiz-chart-on-1, #fff)"),  # teal
    ("var(--kekiz-chart-2, #a1467e)", "var(--kekiz-chart-on-2, #fff)"),  # reddish purple
    ("var(--kekiz-chart-3, #8a8a8a)", "var(--kekiz-chart-on-3, #000)"),  # grey
)

# pygal prefixes its CSS with "#chart-<uuid> "; we set the uuid to this sentinel and then
# rewrite the prefix to the fixed id of the root <svg>.
_UUID_SENTINEL = "kekiz-fixed-id"
# pygal's tooltip helpers (read only by pygal.js, which we do not ship). The bar chart
# keeps <desc class="value"> (the plain count); the timeline's would read "2011: 4".
_NOISY_DESC = frozenset({"x", "y", "auto", "x_label", "xlink", "label"})


# --------------------------------------------------------------------------- helpers


def _style(series: Iterable[tuple[str, str]], **extra: object) -> Style:
    series = tuple(series)
    options: dict[str, object] = {
        "font_family": FONT_STACK,
        "background": "transparent",
        "plot_background": "transparent",
        "foreground": _FG,
        "foreground_strong": _FG,
        "foreground_subtle": _GRID,
        "guide_stroke_color": _GRID,
        "major_guide_stroke_color": _GRID,
        "colors": tuple(c for c, _ in series),
        # explicit, so pygal never tries to parse a var() colour
        "value_colors": tuple(v for _, v in series),
        "opacity": "1",
        "opacity_hover": "1",
        "stroke_opacity": "1",
        "stroke_opacity_hover": "1",
        "stroke_width": "1",
        "stroke_width_hover": "1",
        "transition": "none",
        # The charts are drawn 400 units wide, so that on a 320 px phone (288 px of chart,
        # scale 0.72) 18-unit text is still 13 px; CSS caps the width on large screens.
        "title_font_size": 20,
        "legend_font_size": 18,
        "label_font_size": 18,
        "major_label_font_size": 18,
        "value_font_size": 18,
        "value_label_font_size": 18,
        "tooltip_font_size": 18,
        "no_data_font_size": 24,
    }
    options.update(extra)
    return Style(**options)


# Rules that must beat pygal's own (which are scoped by the chart id): appended after
# pygal's CSS with the same id prefix. Colours only through the custom properties.
_EXTRA_CSS = """
{id} .bar rect{{stroke:var(--kekiz-chart-bg,#fff);stroke-width:2px}}
{id} .legends rect{{stroke:none}}
{id} .axis .guide.line,{id} .axis .major.guide.line{{stroke-dasharray:none}}
{id} .dot.kekiz-punkt{{stroke:var(--kekiz-chart-1,#00695c);stroke-width:2px}}
{id} .dot.kekiz-punkt--ungefaehr{{fill:var(--kekiz-chart-bg,#fff);stroke-width:3px}}
{id} .text-overlay text.label{{font-weight:bold}}
{id} .text-overlay text.value{{font-weight:bold}}
"""


def _config(title: str, style: Style, **extra: object) -> dict[str, object]:
    config: dict[str, object] = {
        "title": title,
        "style": style,
        "js": [],  # no pygal.js from the CDN (the inline config <script> is filtered out)
        "css": [
            "file://style.css",
            "file://graph.css",
            "inline:" + _EXTRA_CSS.format(id=f"#chart-{_UUID_SENTINEL}"),
        ],
        "disable_xml_declaration": True,
        "no_prefix": False,  # keep the CSS scoped to this chart; the id is fixed in the filter
        "explicit_size": False,
        "pretty_print": False,
        "show_legend": True,
        "legend_at_bottom": True,
        "no_data_text": "Keine Daten",
    }
    config.update(extra)
    return config


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _is_noise(parent: ET.Element, child: ET.Element, noisy_desc: frozenset[str]) -> bool:
    """True for what the filter drops from pygal's output."""
    if child.tag is ET.Comment or child.tag is ET.ProcessingInstruction:
        return True
    name, cls = _local(child.tag), _classes(child)
    return (
        name == "script"
        or (name == "desc" and bool(noisy_desc & cls))
        or (name == "g" and "tooltip-overlay" in cls)
        or (name == "title" and "guides" in _classes(parent))
        # e.g. the printed label of a zero bar (print_zeroes=False leaves an empty <text>)
        or (name == "text" and not (child.text or "").strip() and not len(child))
    )


def _svg_filter(
    id_prefix: str,
    title_text: str,
    desc_text: str,
    *,
    noisy_desc: frozenset[str],
    annotate: Callable[[ET.Element], None] | None = None,
) -> Callable[[ET.Element], ET.Element]:
    """Build the XML filter: strip scripts, comments and noise; add ids and ARIA."""
    svg_id = f"{id_prefix}-svg"
    title_id = f"{id_prefix}-titel"
    desc_id = f"{id_prefix}-beschreibung"

    def flt(root: ET.Element) -> ET.Element:
        # 1. no <script> (pygal's inline config), no comments (date stamp, pygal URLs), no
        #    pygal.js tooltip scaffolding (inline style="opacity: 0") and no tooltip descs;
        #    axis guides lose their <title> (it repeats the label, or shows an index).
        for parent in list(root.iter()):
            for child in list(parent):
                if _is_noise(parent, child, noisy_desc):
                    parent.remove(child)
        if annotate is not None:
            annotate(root)
        # 2. fixed id instead of "chart-<uuid>", and the CSS scoped to it
        root.set("id", svg_id)
        for style in root.iter():
            if _local(style.tag) == "style" and style.text:
                style.text = style.text.replace(f"#chart-{_UUID_SENTINEL}", f"#{svg_id}")
        # 3. accessible name: our own <title> and <desc>, referenced from the root
        title = next((c for c in root if _local(c.tag) == "title"), None)
        if title is None:
            title = ET.SubElement(root, "title")
        title.text = title_text
        title.set("id", title_id)
        desc = ET.Element("desc", {"id": desc_id})
        desc.text = desc_text
        root.insert(list(root).index(title) + 1, desc)
        root.set("role", "img")
        root.set("aria-labelledby", f"{title_id} {desc_id}")
        root.set("class", (root.get("class") or "pygal-chart") + " kekiz-chart__svg")
        return root

    return flt


def _render(chart: pygal.graph.graph.Graph, xml_filter: Callable[[ET.Element], ET.Element]) -> str:
    chart.uuid = _UUID_SENTINEL
    chart.add_xml_filter(xml_filter)
    svg = chart.render()
    if isinstance(svg, bytes):  # pragma: no cover - disable_xml_declaration gives str
        svg = svg.decode("utf-8")
    return svg


# --------------------------------------------------------------------------- participation


def _hyphenate(html: str) -> str:
    """Soft hyphens in the long type names, so the table fits a 320 px screen (browsers do
    not hyphenate German by themselves everywhere)."""
    return html.replace("kreisfreie", "kreis&shy;freie").replace("kreisangehörige", "kreis&shy;angehörige")


def participation_chart(registry: Registry, *, id_prefix: str = "chart-teilnahme") -> str:
    """Stacked bars: Kommunen per cohort, stacked by type, counted from the registry."""
    p = _check_prefix(id_prefix)
    counts = {(c, t): registry.count(cohort=c, type=t) for c in COHORT_ORDER for t in TYPE_ORDER}
    row_totals = {c: registry.count(cohort=c) for c in COHORT_ORDER}
    col_totals = {t: registry.count(type=t) for t in TYPE_ORDER}
    total = registry.count()

    title = "Die Kommunen des Programms nach Jahrgang und Art"
    parts = []
    for c in COHORT_ORDER:
        per_type = ", ".join(t.counted(counts[c, t]) for t in TYPE_ORDER)
        parts.append(f"Jahrgang {c.value}: {per_type}; zusammen {row_totals[c]}.")
    desc = "Gestapelte Balken je Jahrgang. " + " ".join(parts) + f" Insgesamt {total} Kommunen."

    top = max(row_totals.values(), default=0)
    step = 1 if top <= 10 else 2 if top <= 20 else 5 if top <= 50 else 10
    upper = max(step, -(-top // step) * step)

    chart = pygal.HorizontalStackedBar(
        **_config(
            title,
            _style(_SERIES),
            width=CHART_WIDTH,
            height=380,
            x_title="Anzahl der Kommunen",
            print_values=True,
            print_zeroes=False,
            legend_at_bottom_columns=1,
            legend_box_size=16,
            range=(0, upper),
            y_labels=list(range(0, upper + 1, step)),  # value axis (horizontal: drawn as x)
            show_y_guides=True,
            margin=24,
            spacing=16,
        )
    )
    # A horizontal bar chart draws its first category at the bottom; feed the cohorts in
    # reverse so that 2012 is on top, as in the table.
    bar_cohorts = tuple(reversed(COHORT_ORDER))
    chart.x_labels = [str(c.value) for c in bar_cohorts]
    for t in TYPE_ORDER:
        chart.add(
            t.plural,
            [
                {"value": counts[c, t], "tooltip": f"Jahrgang {c.value}: {t.counted(counts[c, t])}"}
                for c in bar_cohorts
            ],
        )

    def annotate(root: ET.Element) -> None:
        """Mark each bar with its cohort, type and count (pygal's StackedBar ignores "node")."""
        for el in root.iter():
            cls = _classes(el)
            if _local(el.tag) != "g" or "series" not in cls or "plot" in cls:
                continue
            index = next((int(c[6:]) for c in cls if c.startswith("serie-")), None)
            bars = [b for g in el if "bars" in _classes(g) for b in g if "bar" in _classes(b)]
            if index is None or not bars:
                continue
            t = TYPE_ORDER[index]
            for c, bar in zip(bar_cohorts, bars, strict=True):
                bar.set("data-jahrgang", str(c.value))
                bar.set("data-art", t.value)
                bar.set("data-anzahl", str(counts[c, t]))

    svg = _render(chart, _svg_filter(p, title, desc, noisy_desc=_NOISY_DESC, annotate=annotate))

    head = "".join(f'<th scope="col">{_hyphenate(_e(t.plural))}</th>' for t in TYPE_ORDER)
    body = "".join(
        f'<tr><th scope="row">{c.value}</th>'
        + "".join(f'<td data-art="{_e(t.value)}">{counts[c, t]}</td>' for t in TYPE_ORDER)
        + f'<td data-art="gesamt">{row_totals[c]}</td></tr>'
        for c in COHORT_ORDER
    )
    foot = (
        '<tr><th scope="row">Insgesamt</th>'
        + "".join(f'<td data-art="{_e(t.value)}">{col_totals[t]}</td>' for t in TYPE_ORDER)
        + f'<td data-art="gesamt">{total}</td></tr>'
    )
    table = (
        f'<table id="{p}-tabelle">'
        f"<caption>{_e(title)} (Anzahl)</caption>"
        f'<thead><tr><th scope="col">Jahr&shy;gang</th>{head}<th scope="col">zu&shy;sammen</th></tr></thead>'
        f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>"
    )
    caption = (
        f"{_e(title)}. Die Zahlen sind aus dem Register der Kommunen gezählt; "
        "die Tabelle enthält dieselben Angaben."
    )
    return (
        f'<figure class="kekiz-chart kekiz-chart--teilnahme" id="{p}">\n'
        f'<div class="kekiz-chart__grafik">{svg}</div>\n'
        f'<div class="kekiz-chart__text">{table}</div>\n'
        f"<figcaption>{caption}</figcaption>\n"  # first or last child of a figure, never between
        "</figure>"
    )


# --------------------------------------------------------------------------- timeline


def _position(d: PartialDate) -> float:
    """Place a date on a year axis; partial dates at the start of their month or year."""
    month = d.month or 1
    day = d.day or 1
    year_days = 366 if calendar.isleap(d.year) else 365
    day_of_year = sum(calendar.monthrange(d.year, m)[1] for m in range(1, month)) + day - 1
    return round(d.year + day_of_year / year_days, 4)


def _approximate_note(d: PartialDate) -> str | None:
    if d.month is None:
        return "ungefähr: nur das Jahr ist bekannt"
    if d.day is None:
        return "ungefähr: nur der Monat ist bekannt"
    return None


def _source_html(s: Source) -> str:
    name = s.publisher or "Quelle"
    text = _e(name)
    if s.title:
        text += f": „{_e(s.title)}“"
    if s.date:
        text += f" ({_e(s.date.german)})"
    if s.url:
        return f'<a href="{_e(s.url)}">{text}</a>'
    return text


def _milestone_html(i: int, m: Milestone, p: str) -> str:
    approx = _approximate_note(m.date)
    when = f'<time datetime="{_e(m.date.iso)}">{_e(m.date.german)}</time>'
    if approx:
        when += f' <span class="kekiz-zeitleiste__ungefaehr">({_e(approx)})</span>'
    out = f'<li id="{p}-{i}"><span class="kekiz-zeitleiste__datum">{when}</span>: {_e(m.label)}'
    if m.note:
        out += f'<p class="kekiz-zeitleiste__hinweis"><strong>Hinweis:</strong> {_e(m.note)}</p>'
    label = "Quelle" if len(m.sources) == 1 else "Quellen"
    links = "; ".join(_source_html(s) for s in m.sources)
    out += f'<p class="kekiz-zeitleiste__quellen kekiz-sources">{label}: {links}</p>'
    return out + "</li>"


def timeline_chart(programme: Programme, *, id_prefix: str = "chart-zeitleiste") -> str:
    """The programme's milestones as numbered dots on a year axis, plus the same as a list."""
    p = _check_prefix(id_prefix)
    # PartialDate.key, not PartialDate's own ordering (a bare year vs. a full date fails)
    milestones = sorted(programme.milestones, key=lambda m: m.date.key)

    title = "Zeitleiste: wichtige Schritte des Programms"
    if milestones:
        first, last = milestones[0].date.year, milestones[-1].date.year
        desc = (
            f"{len(milestones)} Ereignisse von {first} bis {last} als nummerierte Punkte auf einer Zeitachse; "
            "die Nummern entsprechen der Liste unter der Grafik. "
            "Hohle Punkte: nur Monat oder Jahr bekannt, an den Anfang gesetzt."
        )
        years = list(range(first, last + 2))
    else:
        desc = "Keine Ereignisse."
        years = []

    levels = 4  # stagger the dots so that close events do not overlap
    chart = pygal.XY(
        **_config(
            title,
            _style([("var(--kekiz-chart-1, #00695c)", _FG)]),
            width=CHART_WIDTH,
            height=360,
            stroke=False,
            dots_size=7,
            show_legend=False,
            print_labels=True,
            show_y_labels=False,
            show_y_guides=False,
            show_x_guides=True,
            x_labels=years[::2] if len(years) > 6 else years,  # room for each year label
            x_value_formatter=lambda x: str(int(x)),
            xrange=(years[0], years[-1]) if years else None,
            range=(0.4, levels + 0.6),
            margin=24,
        )
    )
    points = []
    for i, m in enumerate(milestones, start=1):
        approx = _approximate_note(m.date)
        tooltip = f"{i}. {m.date.german}" + (f" ({approx})" if approx else "") + f": {m.label}"
        points.append(
            {
                "value": (_position(m.date), levels - (i - 1) % levels),
                "label": str(i),
                "tooltip": tooltip,
                "node": {
                    "class": "dot reactive kekiz-punkt" + (" kekiz-punkt--ungefaehr" if approx else ""),
                    "data-nummer": str(i),
                    "data-datum": m.date.iso,
                },
            }
        )
    chart.add("Ereignisse", points)
    svg = _render(chart, _svg_filter(p, title, desc, noisy_desc=_NOISY_DESC | {"value"}))

    items = "".join(_milestone_html(i, m, p) for i, m in enumerate(milestones, start=1))
    caption = (
        f"{_e(title)}. Die Nummern in der Grafik entsprechen der Liste; "
        "Daten, die nur auf Monat oder Jahr genau bekannt sind, sind als ungefähr markiert."
    )
    return (
        f'<figure class="kekiz-chart kekiz-chart--zeitleiste" id="{p}">\n'
        f'<div class="kekiz-chart__grafik">{svg}</div>\n'
        f'<div class="kekiz-chart__text"><ol class="kekiz-zeitleiste" id="{p}-liste">{items}</ol></div>\n'
        f"<figcaption>{caption}</figcaption>\n"
        "</figure>"
    )
