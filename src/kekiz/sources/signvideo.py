"""The sign-language video setting (`extra.kekiz.dgs_video` in mkdocs.yml, typed by the adapter's
config): the files it names must exist in docs/, or the page would promise a video that is not there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kekiz.sources import messages
from kekiz.sources.diagnostics import shown
from kekiz.sources.settingsfile import SettingProblem

_VIDEO = "extra.kekiz.dgs_video"


class VideoSettingError(ValueError):
    """A setting in mkdocs.yml `extra: kekiz:` that cannot work; `setting` says which and how to fix it."""

    def __init__(self, key: str, message: tuple[str, str]):
        self.setting = SettingProblem(key, *message)
        super().__init__(str(self.setting))


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
        raise VideoSettingError(_VIDEO, messages.VIDEO_FILE_MISSING)
    file = str(raw["file"]).lstrip("/")
    caption = raw.get("caption")
    if not caption:
        raise VideoSettingError(_VIDEO, messages.VIDEO_CAPTION_MISSING)
    path = docs_dir / file
    if "://" in file or not path.is_file():
        raise VideoSettingError(f"{_VIDEO}.file", messages.video_not_found(shown(file)))
    if not _inside(path, docs_dir):  # "../" or a link out of docs/: the published site would not hold it
        raise VideoSettingError(f"{_VIDEO}.file", messages.video_outside_docs(shown(file)))
    captions = raw.get("captions")
    if captions:
        captions = str(captions).lstrip("/")
        if "://" in captions or not (docs_dir / captions).is_file():
            raise VideoSettingError(f"{_VIDEO}.captions", messages.video_captions_not_found(shown(captions)))
        if not _inside(docs_dir / captions, docs_dir):
            raise VideoSettingError(f"{_VIDEO}.captions", messages.video_outside_docs(shown(captions)))
    duration = raw.get("duration")
    return SignVideo(file, str(caption), captions or None, str(duration) if duration else None, path.stat().st_size)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
