"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`kekiz.operator_settings`) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, with the
setting's name — never filled with a placeholder that looks like a real address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contract import Contract
from .diagnostics import Diagnostic, RegistryError
from .model import PartialDate, Registry
from .operator_settings import CONFIG_FILE, SECTION, SETTINGS, Operator, Setting
from .pages import OVERVIEW_PATH, RenderedPage, SiteContext
from .templating import render
from .yamlsource import read_yaml

IMPRESSUM_PATH = "impressum/"
PRIVACY_PATH = "datenschutz/"
ACCESSIBILITY_PATH = "barrierefreiheit/"
ACCESSIBILITY_FILE = Path("data/barrierefreiheit.yaml")
ACCESSIBILITY_SCHEMA = "barrierefreiheit.schema.json"  # next to the data file

STATUS_WORDING = {
    "vollständig": "vollständig vereinbar",
    "teilweise": "teilweise vereinbar",
    "nicht": "nicht vereinbar",
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Limitation:
    title: str
    text: str
    alternative: str | None
    links: tuple[Link, ...]


@dataclass(frozen=True)
class AccessibilityStatement:
    created: PartialDate
    reviewed: PartialDate
    status: str          # a key of STATUS_WORDING
    method: str
    limitations: tuple[Limitation, ...]

    @property
    def status_wording(self) -> str:
        return STATUS_WORDING[self.status]


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


def legal_pages(registry: Registry, site: SiteContext, statement: AccessibilityStatement) -> list[RenderedPage]:
    """The three pages; each says which operator settings it still lacks."""
    operator = site.operator
    return [
        _page("impressum.html.j2", IMPRESSUM_PATH, "Impressum",
              f"Impressum: wer die Website {site.site_name} betreibt und wie Sie uns erreichen.",
              operator, site, stand=registry.stand),
        _page("datenschutz.html.j2", PRIVACY_PATH, "Datenschutzerklärung",
              "Datenschutzerklärung: keine Cookies, kein Tracking, keine Inhalte von anderen Servern; "
              "was beim Aufruf der Seiten verarbeitet wird.", operator, site),
        _page("barrierefreiheit.html.j2", ACCESSIBILITY_PATH, "Erklärung zur Barrierefreiheit",
              "Erklärung zur Barrierefreiheit: wie barrierefrei diese Website ist, welche Einschränkungen "
              "es gibt und wie Sie Barrieren melden.", operator, site, statement=statement),
    ]


def _page(template: str, path: str, title: str, description: str, operator: Operator,
          site: SiteContext, **context: Any) -> RenderedPage:
    html = render(template, path, op=operator, missing=_missing_on(template, operator),
                   section=SECTION, config_file=CONFIG_FILE, site=site,
                   impressum=IMPRESSUM_PATH, privacy=PRIVACY_PATH, accessibility=ACCESSIBILITY_PATH,
                   overview=OVERVIEW_PATH, **context)
    return RenderedPage(path, title, description, html, editable=False)


# Which settings each page shows: the notice at the top lists only those.
_SHOWN_ON = {
    "impressum.html.j2": ("name", "address", "represented_by", "email", "phone", "responsible"),
    "datenschutz.html.j2": ("name", "address", "email", "data_protection_officer", "hosting", "legal_basis"),
    "barrierefreiheit.html.j2": ("email", "address", "phone"),
}


def _missing_on(template: str, operator: Operator) -> list[Setting]:
    shown = _SHOWN_ON[template]
    return [s for s in operator.missing() if s.key in shown]


assert all(key in {s.key for s in SETTINGS} for keys in _SHOWN_ON.values() for key in keys)
