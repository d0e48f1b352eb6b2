"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`kekiz.operator_settings`) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, with the
setting's name — never filled with a placeholder that looks like a real address.
"""

from __future__ import annotations

from kekiz.model.accessibility import AccessibilityStatement, Limitation, Link

import json
from pathlib import Path

from kekiz.sources.contract import Contract
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.model.registry import PartialDate
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
        problems = [Diagnostic(doc.file, line, col, "", "Vereinbarkeit",
                               "„vollständig“ passt nicht zu einer Liste von Einschränkungen",
                               "status: teilweise eintragen oder die behobenen Einschränkungen streichen")]
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


# Which settings each page shows: the notice at the top lists only those.
