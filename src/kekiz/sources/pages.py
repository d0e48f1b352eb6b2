"""The hand-written pages in docs/ as an input: the `<!-- kekiz:NAME -->` markers they use must
name parts the site makes. Checked before anything is written, by the build and `make check` alike."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from kekiz.sources import messages
from kekiz.sources.diagnostics import Diagnostic

# Hand-written pages embed generated parts with a marker line: <!-- kekiz:NAME -->
MARKER_RE = re.compile(r"<!--\s*kekiz:([a-z0-9-]+)\s*-->")


def marker_problems(docs_dir: Path, root: Path, known: Collection[str]) -> list[Diagnostic]:
    """Every marker in docs/ that names no known part, with its file, line and column."""
    names = ", ".join(sorted(known))
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports an unreadable page itself
        shown = page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page)
        problems += [Diagnostic(shown, text.count("\n", 0, m.start()) + 1, m.start() - text.rfind("\n", 0, m.start()),
                                "", "", *messages.unknown_marker_parts(m.group(1), names))
                     for m in MARKER_RE.finditer(text) if m.group(1) not in known]
    return problems
