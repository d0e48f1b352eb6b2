"""The sign-language video setting (`extra.kekiz.dgs_video` in mkdocs.yml, typed by the adapter's
config): the files it names must exist in docs/, or the page would promise a video that is not there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path




class VideoSettingError(ValueError):
    """A setting in mkdocs.yml `extra: kekiz:` that cannot work; the message says how to fix it."""






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




