"""mkdocs.yml read as editors' data before MkDocs reads it: MkDocs' own YAML reader answers a
syntax error in English and keeps the last of two equal keys without a word (a second `extra:`
or `operator:` would silently replace the first). This reader gives both in German with line
and column. What the settings mean is checked by the adapter's typed config and
`kekiz.sources.operator`; MkDocs' tags (`!ENV`, `!!python/name:`) are MkDocs' business.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kekiz.sources.diagnostics import Diagnostic
from kekiz.sources.yamlsource import read_yaml


def settings_file_problems(path: Path, display_name: str = "mkdocs.yml") -> list[Diagnostic]:
    """German diagnostics for a settings file that cannot be read or has keys written twice."""
    doc = read_yaml(path, display_name)
    if doc.problems:
        return doc.problems
    return [Diagnostic(doc.file, line, column, "", _dotted(key_path), problem, fix)
            for key_path, line, column, problem, fix in doc.structural if key_path in doc.duplicates]


@dataclass(frozen=True)
class SettingProblem:
    """A setting in mkdocs.yml that cannot work: which one (its dotted key, as documented) and
    what to do; `placed` adds the line and column."""
    key: str           # "extra.kekiz.dgs_video.file"
    problem: str
    fix: str
    shown_as: str = ""  # the name in the message, when it says more than the key: "site_url (KEKIZ_SITE_URL)"

    def __str__(self) -> str:
        return f"{self.shown_as or self.key}: {self.problem} — {self.fix}"


def placed(problems: list[SettingProblem], config_file: Path) -> list[Diagnostic]:
    """Each problem at the line and column of its setting (or of its nearest written parent), so
    editors land on it as with every other message."""
    if not problems:
        return []
    doc = read_yaml(config_file, config_file.name)
    return [Diagnostic(config_file.name, *doc.key_where(tuple(p.key.split("."))), "", p.shown_as or p.key,
                       p.problem, p.fix) for p in problems]


def _dotted(path: tuple) -> str:
    """("extra", "operator", "name") -> "extra.operator.name", as the settings are documented."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
