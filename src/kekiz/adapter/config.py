"""`extra.kekiz` in mkdocs.yml as typed MkDocs config (mkdocs.config.base.Config with
config_options, as plugins declare theirs): a wrong or misspelt setting stops the build with a
German message instead of being ignored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from kekiz.sources import messages
from kekiz.site.urls import public_site_url
from kekiz.sources.diagnostics import Diagnostic, shown
from kekiz.sources.formats import base_address_problem, web_address_problem
from kekiz.sources.settingsfile import SettingProblem, placed
from kekiz.sources.signvideo import SignVideo, VideoSettingError, sign_video

# The texts an !ENV tag may give (sources.operator.switched_on reads the same ones as true).
_TRUE, _FALSE = {"true", "yes", "on", "1", "ja"}, {"false", "no", "off", "0", "nein", ""}


class _Switch(c.BaseConfigOption[bool]):
    """true or false; also as the text an !ENV tag gives ("true", "false", "ja", "nein")."""

    def __init__(self, default: bool = False):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None:
            return self.default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValidationError(messages.EXPECTED_SWITCH)


class _Text(c.BaseConfigOption[str]):
    """A text; `needed` ones must be there. (Not `required`: class-based configs set that on
    every option.)"""

    def __init__(self, *, needed: bool = False, default: str | None = None):
        super().__init__()
        self.needed, self.default = needed, default

    def run_validation(self, value: object) -> str | None:
        if value is None:
            if self.needed:
                raise ValidationError(messages.EXPECTED_TEXT)
            return self.default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError(messages.EXPECTED_TEXT)
        return str(value)


class _Section(c.BaseConfigOption[dict]):
    """Settings of their own below a name, or nothing."""

    def run_validation(self, value: object) -> dict | None:
        if value is None or isinstance(value, Mapping):
            return value
        raise ValidationError(messages.EXPECTED_SECTION)


class SignVideoConfig(Config):
    file = _Text(needed=True)
    caption = _Text(needed=True)
    captions = _Text()
    duration = _Text()


class KekizConfig(Config):
    require_operator = _Switch(default=False)
    preview = _Switch(default=False)  # KEKIZ_PREVIEW: overrides/main.html marks each page as a preview
    branch = _Text(default="main")
    dgs_video = _Section()  # its fields: SignVideoConfig


def _options(config_class: type[Config]) -> list[str]:
    return sorted(name for name, value in vars(config_class).items() if isinstance(value, c.BaseConfigOption))


class SettingsProblem(ValueError):
    """Settings under extra.kekiz that cannot work, each at its line in mkdocs.yml; str() is the
    German message, a line per problem."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


def read_settings(extra: Mapping[str, Any] | None, config_file: Path) -> KekizConfig:
    """`extra.kekiz`, checked; SettingsProblem lists what is wrong."""
    raw = (extra or {}).get("kekiz")
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise SettingsProblem(placed([SettingProblem(_KEKIZ, *messages.SETTING_NOT_A_SECTION)], config_file))
    problems = _wrong_values(KekizConfig, raw, _KEKIZ)
    problems += _unknown(KekizConfig, raw, _KEKIZ)
    video = raw.get("dgs_video")
    if isinstance(video, Mapping) and video:
        # a missing file or caption: sign_video (video_of) says what to enter
        problems += _wrong_values(SignVideoConfig, video, f"{_KEKIZ}.dgs_video", missing=False)
        problems += _unknown(SignVideoConfig, video, f"{_KEKIZ}.dgs_video")
    if problems:
        raise SettingsProblem(placed(problems, config_file))
    config = KekizConfig(config_file_path=str(config_file))
    config.load_dict(dict(raw))
    config.validate()  # all values checked above: this only fills in the defaults
    return config


_KEKIZ = "extra.kekiz"


def _wrong_values(config_class: type[Config], raw: Mapping[str, Any], section: str, *,
                  missing: bool = True) -> list[SettingProblem]:
    """Every wrong value at once (MkDocs' Config.validate stops at the first); `missing`: also
    the settings that are needed and not there."""
    problems = []
    for name in _options(config_class):
        try:
            vars(config_class)[name].validate(raw.get(name))
        except ValidationError as error:
            if raw.get(name) is not None:
                problems.append(SettingProblem(f"{section}.{name}", *messages.setting_wrong_kind(str(error))))
            elif missing:
                problems.append(SettingProblem(f"{section}.{name}", *messages.setting_missing(str(error))))
    return problems


def _unknown(config_class: type[Config], raw: Mapping[str, Any], section: str) -> list[SettingProblem]:
    known = _options(config_class)
    return [SettingProblem(f"{section}.{key}", *messages.setting_unknown(", ".join(known)))
            for key in raw if key not in known]


def video_of(extra: Mapping[str, Any] | None, docs_dir: Path, config_file: Path) -> SignVideo | None:
    """The sign-language video named in extra.kekiz.dgs_video, its files checked."""
    raw = ((extra or {}).get("kekiz") or {})
    if not isinstance(raw, Mapping):  # read_settings names that; there is no video to check
        return None
    try:
        return sign_video(raw, docs_dir)
    except VideoSettingError as error:
        raise SettingsProblem(placed([error.setting], config_file)) from None


@dataclass(frozen=True)
class CheckedSettings:
    problems: list[str]            # German lines, one per problem; empty when all is well
    settings: KekizConfig | None   # None if extra.kekiz is wrong
    video: SignVideo | None        # None if there is none or its setting is wrong


def check_settings(config, config_file: Path) -> CheckedSettings:
    """What the build and `make check` need of mkdocs.yml once MkDocs has read it: the addresses,
    extra.kekiz and the video, every problem at once (a wrong setting and a missing video file
    are reported together)."""
    problems = [p.format() for p in address_problems(config.site_url, config.repo_url, config_file)]
    settings = video = None
    try:
        settings = read_settings(config.extra, config_file)
    except SettingsProblem as problem:
        problems += str(problem).splitlines()
    try:
        video = video_of(config.extra, Path(config.docs_dir), config_file)
    except SettingsProblem as problem:
        problems += str(problem).splitlines()
    return CheckedSettings(problems, settings, video)


def address_problems(site_url: str | None, repo_url: str | None, config_file: Path) -> list[Diagnostic]:
    """The public address (site_url, KEKIZ_SITE_URL) and the repository's (repo_url, KEKIZ_REPO_URL):
    both end up in every page's head and links, so both follow the one address rule. A local address
    (`mkdocs serve` sets one) is no public address and is not checked here."""
    problems = []
    if site_url and public_site_url(site_url) and (reason := base_address_problem(site_url)):
        problems.append(SettingProblem("site_url", *messages.address_setting_problem(
            "KEKIZ_SITE_URL", shown(site_url), reason), shown_as="site_url (KEKIZ_SITE_URL)"))
    if repo_url and (reason := web_address_problem(repo_url)):
        problems.append(SettingProblem("repo_url", *messages.address_setting_problem(
            "KEKIZ_REPO_URL", shown(repo_url), reason), shown_as="repo_url (KEKIZ_REPO_URL)"))
    return placed(problems, config_file)
