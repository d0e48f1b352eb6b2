"""mkdocs.yml read as editors' data before MkDocs reads it: MkDocs' own YAML reader answers a
syntax error in English and keeps the last of two equal keys without a word (a second `extra:`
or `operator:` would silently replace the first). This reader gives both in German with line
and column. What the settings mean is checked by the adapter's typed config and
`kekiz.sources.operator`; MkDocs' tags (`!ENV`, `!!python/name:`) are MkDocs' business.
"""

from __future__ import annotations

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


def _dotted(path: tuple) -> str:
    """("extra", "operator", "name") -> "extra.operator.name", as the settings are documented."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
