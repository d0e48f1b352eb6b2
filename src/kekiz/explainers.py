"""Generated parts of the hand-written explainer pages: counts and the "Stand der Angaben"
from the registry (never typed into a page), and the slot for a sign-language video.

Each fragment is a function of the page path, like every other `<!-- kekiz:NAME -->` fragment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from .model import Cohort, CommuneType, PartialDate, Registry
from .urls import relative


class VideoSettingError(ValueError):
    """A setting in mkdocs.yml `extra: kekiz:` that cannot work; the message says how to fix it."""


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


@dataclass(frozen=True)
class SignVideo:
    """A self-hosted video in Deutscher Gebärdensprache (DGS), from mkdocs.yml."""

    file: str                 # path inside docs/, e.g. "assets/dgs/leichte-sprache.mp4"
    caption: str              # what the video explains (the figure caption)
    captions: str | None      # optional WebVTT subtitles inside docs/
    duration: str | None      # e.g. "3 Minuten 20 Sekunden" (BITV 2.0 Anlage 2 asks for it)
    size_bytes: int


def sign_video(settings: Mapping, docs_dir: Path) -> SignVideo | None:
    """Read `extra: kekiz: dgs_video:`; None when no video is configured.

    A configured file that does not exist is an error, not a silent gap: the page would
    otherwise promise a video that is not there.
    """
    raw = settings.get("dgs_video") if settings else None
    if not raw:
        return None
    if not isinstance(raw, Mapping) or not raw.get("file"):
        raise VideoSettingError("mkdocs.yml: extra.kekiz.dgs_video: „file“ fehlt — den Pfad der Videodatei "
                            "in docs/ angeben (z. B. assets/dgs/erklaerung.mp4) oder dgs_video ganz weglassen")
    file = str(raw["file"]).lstrip("/")
    caption = raw.get("caption")
    if not caption:
        raise VideoSettingError("mkdocs.yml: extra.kekiz.dgs_video: „caption“ fehlt — in einem Satz sagen, "
                            "was das Video erklärt")
    path = docs_dir / file
    if "://" in file or not path.is_file():
        raise VideoSettingError(f"mkdocs.yml: extra.kekiz.dgs_video.file: die Datei docs/{file} gibt es nicht — "
                            "das Video in docs/ ablegen (keine Adresse im Netz: die Website lädt nichts von anderen Servern)")
    captions = raw.get("captions")
    if captions:
        captions = str(captions).lstrip("/")
        if "://" in captions or not (docs_dir / captions).is_file():
            raise VideoSettingError(f"mkdocs.yml: extra.kekiz.dgs_video.captions: die Datei docs/{captions} gibt es nicht — "
                                "eine WebVTT-Datei in docs/ ablegen oder captions weglassen")
    duration = raw.get("duration")
    return SignVideo(file, str(caption), captions or None, str(duration) if duration else None, path.stat().st_size)


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
