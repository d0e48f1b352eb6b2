"""`extra.kekiz` in mkdocs.yml as typed MkDocs config (mkdocs.config.base.Config with
config_options, as plugins declare theirs): a wrong or misspelt setting stops the build with a
German message instead of being ignored."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from kekiz.sources import messages
from kekiz.sources.signvideo import SignVideo, VideoSettingError, sign_video

_TRUE, _FALSE = {"true", "yes", "on", "1", "ja"}, {"false", "no", "off", "0", "nein", ""}


class _Switch(c.BaseConfigOption[bool]):
    """true or false; also as the text an !ENV tag gives ("true", "false", "ja", "nein")."""

    def __init__(self, default: bool = False):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValidationError("true oder false")


class _Text(c.BaseConfigOption[str]):
    """A text; `required` ones must be there."""

    def __init__(self, *, required: bool = False, default: str | None = None):
        super().__init__()
        self.required, self.default = required, default

    def run_validation(self, value: object) -> str | None:
        if value is None:
            if self.required:
                raise ValidationError("ein Text")
            return self.default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError("ein Text")
        return str(value)


class SignVideoConfig(Config):
    file = _Text(required=True)
    caption = _Text(required=True)
    captions = _Text()
    duration = _Text()


class KekizConfig(Config):
    require_operator = _Switch(default=False)
    branch = _Text(default="main")
    dgs_video = c.Optional(c.Type(dict))  # its fields: SignVideoConfig


def _options(config_class: type[Config]) -> list[str]:
    return sorted(name for name, value in vars(config_class).items() if isinstance(value, c.BaseConfigOption))


class SettingsProblem(ValueError):
    """A setting under extra.kekiz that cannot work; str() is the German message."""


def read_settings(extra: Mapping[str, Any] | None, config_file: Path) -> KekizConfig:
    """`extra.kekiz`, checked; SettingsProblem lists what is wrong."""
    raw = (extra or {}).get("kekiz")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise SettingsProblem(messages.setting_not_a_section("extra.kekiz"))
    config = KekizConfig(config_file_path=str(config_file))
    config.load_dict(dict(raw))
    problems = [messages.setting_wrong_kind(key, str(error)) for key, error in config.validate()[0]]
    known = _options(KekizConfig)
    problems += [messages.setting_unknown(key, ", ".join(known)) for key in raw if key not in known]
    video = raw.get("dgs_video")
    if video is not None and not isinstance(video, Mapping):
        problems.append(messages.setting_not_a_section("extra.kekiz.dgs_video"))
    elif video:
        sub = SignVideoConfig(config_file_path=str(config_file))
        sub.load_dict(dict(video))
        problems += [messages.setting_wrong_kind(f"dgs_video.{key}", str(error)) for key, error in sub.validate()[0]
                     if not (video.get(key) is None and key in ("file", "caption"))]  # sign_video says what is missing
        known = _options(SignVideoConfig)
        problems += [messages.setting_unknown(f"dgs_video.{key}", ", ".join(known)) for key in video if key not in known]
    if problems:
        raise SettingsProblem("\n".join(problems))
    return config


def video_of(extra: Mapping[str, Any] | None, docs_dir: Path) -> SignVideo | None:
    """The sign-language video named in extra.kekiz.dgs_video, its files checked."""
    raw = ((extra or {}).get("kekiz") or {})
    try:
        return sign_video(raw, docs_dir)
    except VideoSettingError as error:
        raise SettingsProblem(str(error)) from None
