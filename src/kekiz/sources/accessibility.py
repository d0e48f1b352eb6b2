"""Read and check the accessibility statement's data (data/barrierefreiheit.yaml, against its schema).

The Erklärung zur Barrierefreiheit itself is rendered by kekiz.site.pages.legal. `review_notice`
reminds `make check` of the yearly review; the build never reads the clock.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kekiz.model.accessibility import AccessibilityStatement, Limitation, Link
from kekiz.model.operator import Operator
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


def review_notice(statement: AccessibilityStatement, operator: Operator, today: date,
                  where: str = ACCESSIBILITY_FILE.as_posix()) -> str | None:
    """A HINWEIS line when the statement's last review lies more than a year before `today`, else None.

    BITV NRW § 4: the statement is reviewed at least once a year, and each new version goes to the
    Überwachungsstelle NRW; the line says so for NRW bodies (and, conditionally, while the kind is unknown).
    """
    reviewed = statement.reviewed
    last = date(reviewed.year, reviewed.month or 1, reviewed.day or 1)
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = date(today.year - 1, 2, 28)
    if last >= year_ago:
        return None
    regime = operator.regime
    return messages.statement_review_due(where, reviewed.german, (today - last).days,
                                         regime.nrw if regime else None)
