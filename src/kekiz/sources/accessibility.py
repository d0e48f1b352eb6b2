"""Read and check the accessibility statement's data (data/barrierefreiheit.yaml, against its schema).

The Erklärung zur Barrierefreiheit itself is rendered by kekiz.site.pages.legal.
"""

from __future__ import annotations

import json
from pathlib import Path

from kekiz.model.accessibility import AccessibilityStatement, Limitation, Link
from kekiz.model.registry import PartialDate
from kekiz.sources import messages
from kekiz.sources.contract import Contract
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.yamlsource import read_yaml

ACCESSIBILITY_FILE = Path("data/barrierefreiheit.yaml")
ACCESSIBILITY_SCHEMA = "barrierefreiheit.schema.json"  # next to the data file


def load_accessibility_statement(path: Path, display_name: str) -> AccessibilityStatement:
    """Read the statement's data file against its schema; RegistryError lists every problem."""
    doc = read_yaml(path, display_name)
    problems = list(doc.problems)
    if not problems:
        schema = json.loads((path.parent / ACCESSIBILITY_SCHEMA).read_text(encoding="utf-8"))
        problems = Contract(schema).diagnostics(doc)
    if not problems and doc.data["status"] == "vollständig" and doc.data["limitations"]:
        line, col = doc.where(("status",))
        problems = [Diagnostic(doc.file, line, col, "", *messages.STATUS_CONTRADICTS_LIMITATIONS)]
    if problems:
        raise RegistryError(problems)
    data = doc.data
    return AccessibilityStatement(
        created=PartialDate.parse(data["created"]),
        reviewed=PartialDate.parse(data["reviewed"]),
        status=data["status"],
        method=data["method"].strip(),
        limitations=tuple(
            Limitation(item["title"].strip(), item["text"].strip(), (item.get("alternative") or "").strip() or None,
                       tuple(Link(link["label"], link["url"]) for link in item.get("links", [])))
            for item in data["limitations"]),
    )
