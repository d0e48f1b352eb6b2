"""mkdocs.yml read as editors' data before MkDocs reads it: MkDocs' own YAML reader answers a
syntax error in English and keeps the last of two equal keys without a word (a second `extra:`
or `operator:` would silently replace the first). This reader gives both in German with line
and column. What the settings mean is checked by the adapter's typed config and
`kekiz.sources.operator`; MkDocs' tags (`!ENV`, `!!python/name:`) are MkDocs' business.
"""

from __future__ import annotations

import re
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


_PLACE_RE = re.compile(r"mkdocs\.yml: ((?:extra|site_url|repo_url)(?:\.[A-Za-z0-9_]+)*): ")


def with_places(lines: list[str], config_file: Path) -> list[str]:
    """"mkdocs.yml: extra.kekiz.x: …" → "mkdocs.yml:12:5: extra.kekiz.x: …": the setting's line and
    column (or its nearest written parent's), so editors land on it as with every other message."""
    if not any(_PLACE_RE.match(line) for line in lines):
        return lines
    doc = read_yaml(config_file, config_file.name)

    def placed(match: re.Match) -> str:
        line, column = doc.key_where(tuple(match.group(1).split(".")))
        return f"{config_file.name}:{line}:{column}: {match.group(1)}: "
    return [_PLACE_RE.sub(placed, line, count=1) for line in lines]


def _dotted(path: tuple) -> str:
    """("extra", "operator", "name") -> "extra.operator.name", as the settings are documented."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
