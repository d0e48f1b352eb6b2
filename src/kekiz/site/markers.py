"""The generated parts of hand-written pages: a page in docs/ writes `<!-- kekiz:NAME -->` on a
line of its own, and the build puts the part NAME there (the table of names for editors is in
CONTRIBUTING.md). An unknown name stops the build instead of leaving a gap.

Each part is a function of the page's path (its links are relative to the page): lists, maps
and charts from the registry, counts and the "Stand der Angaben" (never typed into a page), the
Glossar, and the slot for a sign-language video.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

from kekiz.sources.pages import MARKER_RE  # noqa: F401 — the marker syntax, re-exported for the site
from kekiz.model.registry import Cohort, CommuneType, PartialDate, Registry
from kekiz.site.context import SiteParts
from kekiz.site.glossary import glossary_fragment
from kekiz.site.graphics import charts
from kekiz.site.graphics.mapparts import participation_map_fragment
from kekiz.site.pages.communes import cohorts_fragment, commune_list_fragment
from kekiz.site.urls import relative
from kekiz.sources.signvideo import SignVideo


Fragment = Callable[[str], str]  # the page's site-relative path -> HTML


class UnknownMarker(ValueError):
    pass


def fragments(site: SiteParts) -> dict[str, Fragment]:
    """Every part a hand-written page may ask for, by name."""
    registry, geo, towns = site.registry, site.geo, site.towns
    return {
        "jahrgaenge": lambda path: cohorts_fragment(registry, path),
        "karte-liste": lambda path: commune_list_fragment(registry, path),
        "karte": lambda path: participation_map_fragment(registry, geo, towns, path),
        "karte-klein": lambda path: participation_map_fragment(registry, geo, towns, path, small=True),
        "diagramm-teilnahme": lambda path: charts.participation_chart(registry),
        "diagramm-zeitleiste": lambda path: charts.timeline_chart(registry.programme),
        "glossar": lambda path: glossary_fragment(site.glossary, path),
        "stand": lambda path: stand_fragment(registry.stand),
        **count_fragments(registry),
        "dgs-video": lambda path: sign_video_fragment(site.sign_video, path),
    }


def count_fragments(registry: Registry) -> dict[str, Callable[[str], str]]:
    """Counts for running text: "anzahl-kommunen" (all), "anzahl-2012", "anzahl-2017",
    and per type "anzahl-kreise" etc. Plain numbers, so a sentence reads naturally around them."""
    counts: dict[str, int] = {
        "anzahl-kommunen": len(registry.communes),
        "anzahl-2012": registry.count(cohort=Cohort.MODELLPHASE),
        "anzahl-2017": registry.count(cohort=Cohort.LANDESINITIATIVE),
        "anzahl-kreise": registry.count(type=CommuneType.KREIS),
        "anzahl-kreisfreie-staedte": registry.count(type=CommuneType.KREISFREIE_STADT),
        "anzahl-kreisangehoerige-staedte": registry.count(type=CommuneType.KREISANGEHOERIGE_STADT),
    }
    return {name: (lambda path, n=n: f'<span class="kekiz-anzahl">{n}</span>') for name, n in counts.items()}


def stand_fragment(stand: PartialDate) -> str:
    """The registry's "Stand der Angaben" as a machine-readable date."""
    return f'<time datetime="{escape(stand.iso)}">{escape(stand.german)}</time>'



def sign_video_fragment(video: SignVideo | None, page_path: str) -> str:
    """The DGS slot: the video with a download link, or an honest sentence that there is none."""
    if video is None:
        # Read on the Leichte Sprache page: short, no negation.
        return '<p class="kekiz-dgs kekiz-dgs--fehlt">Ein Video in Deutscher Gebärden-Sprache fehlt noch.</p>'
    src = escape(relative(video.file, page_path))
    track = ""
    if video.captions:
        track = (f'<track kind="captions" src="{escape(relative(video.captions, page_path))}" '
                 'srclang="de" label="Deutsch" default>')
    size = _megabytes(video.size_bytes)
    facts = f"MP4-Datei, {size}" if video.file.lower().endswith(".mp4") else size
    if video.duration:
        facts += f", Dauer {escape(video.duration)}"
    return (
        '<figure class="kekiz-dgs">\n'
        f'<video controls preload="metadata" width="640" src="{src}">{track}</video>\n'
        f"<figcaption>{escape(video.caption)} "
        f'<a href="{src}" download>Video herunterladen</a> ({escape(facts)})</figcaption>\n'
        "</figure>"
    )


def _megabytes(n: int) -> str:
    """German file size: "12,3 MB" (1 MB = 1,000,000 bytes), at least "0,1 MB"."""
    mb = max(n / 1_000_000, 0.1)
    return f"{mb:.1f} MB".replace(".", ",")
