"""Read and check who runs the site: `extra.operator` in mkdocs.yml → kekiz.model.operator.Operator.

The Impressum, the privacy page, the accessibility statement and the "Angaben korrigieren"
line on every Kommune page show the operator's details. Until the operator is known the values
stay empty: the site still builds, the pages say what is missing, and `python -m kekiz check`
lists it. A value that is there but unusable (a typo in a key, an e-mail address without "@")
is an error, because it would put a wrong address on a public page.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kekiz.model.operator import KINDS_BY_KEY, SETTINGS_BY_KEY, Operator
from kekiz.sources import messages
from kekiz.sources.formats import is_email_address, web_address_problem
from kekiz.sources.diagnostics import Diagnostic, RegistryError, shown
from kekiz.sources.settingsfile import settings_file_problems

CONFIG_FILE = "mkdocs.yml"
SECTION = "extra.operator"

# Never in a setting: controls other than a line break or tab (a multi-line address), separators,
# invisible characters that reorder or hide text (U+202E).
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e"
                           "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,}$")
_EMAIL_KEYS = {"email", "accessibility_contact"}
_URL_KEYS = {"contact_form"}
# A host name on the Internet: labels of letters, digits and hyphens, at least one dot, and a
# top-level domain of letters (or an IDN's xn--); no IP address, no "localhost".


class SettingsError(RegistryError):
    """Unusable operator settings: every problem at once, as file:line:col messages."""


Position = tuple[int, int]


def _diagnostics(findings: list[tuple[str | None, str, str]], config_file: Path | None) -> list[Diagnostic]:
    """(key, problem, fix) under extra.operator -> messages that point at the key in mkdocs.yml."""
    positions = _key_positions(config_file) if config_file is not None else {}
    return [Diagnostic(CONFIG_FILE, *positions.get(key, positions.get(None, (1, 1))), "",
                       f"{SECTION}.{key}" if key else SECTION, problem, fix) for key, problem, fix in findings]


def operator_from_extra(extra: Mapping[str, Any] | None, config_file: Path | None = None) -> Operator:
    """Read `extra.operator` from MkDocs' `extra` mapping; raise SettingsError if unusable.

    `config_file` (mkdocs.yml) is read only to say on which line a problem is.
    """
    raw = (extra or {}).get("operator")
    if raw is None:
        return Operator()
    if not isinstance(raw, Mapping):
        raise SettingsError(_diagnostics([(None, *messages.operator_not_a_section(CONFIG_FILE))], config_file))
    findings: list[tuple[str | None, str, str]] = []
    values: dict[str, str] = {}
    for key, value in raw.items():
        if key not in SETTINGS_BY_KEY:
            guess = difflib.get_close_matches(str(key), list(SETTINGS_BY_KEY), n=1, cutoff=0.6)
            hint = messages.did_you_mean(guess[0]) if guess else messages.known_settings(SETTINGS_BY_KEY)
            findings.append((str(key), messages.UNKNOWN_SETTING, hint))
            continue
        if value is None:
            continue
        if not isinstance(value, str):
            findings.append((key, *messages.setting_not_text(key, shown(value))))
            continue
        value = value.strip()
        hidden = _INVISIBLE_RE.search(value)
        if hidden:
            findings.append((key, *messages.invisible_in_setting(ord(hidden.group()), hidden.start() + 1)))
            continue
        if value and key in _EMAIL_KEYS and not is_email_address(value):
            findings.append((key, *messages.not_an_email_address(key, shown(value))))
            continue
        if value and key == "phone" and not _PHONE_RE.fullmatch(value):
            findings.append((key, *messages.not_a_phone_number(shown(value))))
            continue
        if value and key == "kind" and value not in KINDS_BY_KEY:
            guess = difflib.get_close_matches(value.lower(), list(KINDS_BY_KEY), n=1, cutoff=0.5)
            findings.append((key, *messages.operator_kind_unknown(shown(value), KINDS_BY_KEY,
                                                                  guess[0] if guess else None)))
            continue
        reason = web_address_problem(value) if value and key in _URL_KEYS else None
        if reason:
            findings.append((key, *messages.not_a_web_address(key, shown(value), reason)))
            continue
        values[key] = value
    if findings:
        raise SettingsError(_diagnostics(findings, config_file))
    return Operator(**values)




def missing_notices(operator: Operator, config_file: Path | None = None) -> list[str]:
    """One line per missing setting, for the build log and `make check`."""
    positions = _key_positions(config_file) if config_file is not None and not operator.is_complete else {}
    lines = []
    for s in operator.missing():
        where = ":".join(map(str, positions[s.key])) if s.key in positions else ""
        lines.append(messages.setting_empty(CONFIG_FILE + (":" + where if where else ""), f"{SECTION}.{s.key}",
                                            s.label, s.needed_for, s.example))
    return lines


def read_operator(extra: Mapping[str, Any] | None, config_file: Path | None = None, *,
                  required: bool | None = None) -> tuple[Operator, list[str]]:
    """The operator and one notice per missing setting.

    Missing settings are notices, not errors: a fresh clone must build. KEKIZ_REQUIRE_OPERATOR=true
    (extra.kekiz.require_operator) makes them errors; the publishing workflow
    (.github/workflows/pages.yml) sets it, so the public site never goes out without the
    operator's details.
    """
    operator = operator_from_extra(extra, config_file)
    if required is None:  # not handed over by the build's typed settings: read it as they do
        options = (extra or {}).get("kekiz") or {}
        required = isinstance(options, Mapping) and switched_on(options.get("require_operator"))
    if operator.missing() and required:
        raise SettingsError(_diagnostics(
            [(s.key, *messages.setting_required(s.label, s.example)) for s in operator.missing()], config_file))
    return operator, missing_notices(operator, config_file)


def switched_on(value: Any) -> bool:
    """true, or the text an !ENV tag gives for it ("true", "ja", …); "false" and "nein" are off."""
    return value is True or (isinstance(value, str) and value.strip().lower() in {"true", "yes", "on", "1", "ja"})


# --- reading mkdocs.yml without MkDocs (for `python -m kekiz check`) -------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs would for `extra`: !ENV resolved, other tags ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # MkDocs' !ENV: a variable name, or a list of names whose last item is the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None  # e.g. !!python/name: in markdown_extensions; not needed for `extra`


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _other_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def _key_positions(config_file: Path) -> dict[str | None, Position]:
    """Line and column of extra.operator (key None) and of each key under it; {} if unreadable."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    for name in ("extra", "operator"):
        if not isinstance(node, yaml.MappingNode):
            return {}
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
        if found is None:
            return {}
        key_node, node = found
    positions: dict[str | None, Position] = {None: (key_node.start_mark.line + 1, key_node.start_mark.column + 1)}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                positions.setdefault(key.value, (key.start_mark.line + 1, key.start_mark.column + 1))
    return positions


def load_operator(root: Path) -> tuple[Operator, list[str]]:
    """The operator settings of the project at `root` and their notices; SettingsError if unusable."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise SettingsError([Diagnostic(CONFIG_FILE, 1, 1, "", "", *messages.CONFIG_FILE_MISSING)])
    problems = settings_file_problems(path, CONFIG_FILE)  # German, with keys written twice
    if problems:
        raise SettingsError(problems)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError:  # read above without a problem; MkDocs' tags are the only difference
        raise SettingsError([Diagnostic(CONFIG_FILE, 1, 1, "", "", *messages.YAML_SYNTAX_OTHER)]) from None
    extra = config.get("extra") if isinstance(config, dict) else None
    return read_operator(extra if isinstance(extra, Mapping) else None, path)

