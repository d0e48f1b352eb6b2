"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`kekiz.operator_settings`) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, with the
setting's name — never filled with a placeholder that looks like a real address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, RegistryError
from .model import PartialDate, Registry
from .operator_settings import CONFIG_FILE, SECTION, SETTINGS, Operator, Setting
from .pages import OVERVIEW_PATH, RenderedPage, SiteContext, _render
from .yamlsource import format_path, read_yaml

IMPRESSUM_PATH = "impressum/"
PRIVACY_PATH = "datenschutz/"
ACCESSIBILITY_PATH = "barrierefreiheit/"
ACCESSIBILITY_FILE = Path("data/barrierefreiheit.yaml")

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
    """Read the statement's data file; RegistryError lists every problem with file:line:col."""
    doc = read_yaml(path, display_name)
    problems = list(doc.problems)

    def error(at: tuple, problem: str, fix: str) -> None:
        line, col = doc.where(at)
        problems.append(Diagnostic(doc.file, line, col, "", format_path(at), problem, fix))

    def text(m: dict, key: str, at: tuple, *, required: bool = True) -> str | None:
        value = m.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                error(at + (key,), "der Eintrag fehlt", f"„{key}:“ mit einem Text eintragen")
            return None
        if not isinstance(value, str):
            error(at + (key,), "hier wird Text erwartet", "den Wert in Anführungszeichen setzen")
            return None
        return value.strip()

    def day(m: dict, key: str) -> PartialDate | None:
        value = text(m, key, ())
        if value is None:
            return None
        try:
            date = PartialDate.parse(value)
        except ValueError as exc:
            error((key,), f"„{value}“: {exc}", 'ein Datum wie "2026-12-01" eintragen')
            return None
        if date.day is None:
            error((key,), f"„{value}“ ist kein vollständiges Datum", 'den Tag angeben, z. B. "2026-12-01"')
            return None
        return date

    def links(m: dict, at: tuple) -> tuple[Link, ...]:
        raw = m.get("links") or []
        if not isinstance(raw, list):
            error(at + ("links",), "hier wird eine Liste erwartet", "jeden Link als „- label: … url: …“ eintragen")
            return ()
        out = []
        for i, item in enumerate(raw):
            where = at + ("links", i)
            if not isinstance(item, dict):
                error(where, "hier wird „label:“ und „url:“ erwartet", "den Link wie die anderen eintragen")
                continue
            label, url = text(item, "label", where), text(item, "url", where)
            if url and (urlsplit(url).scheme != "https" or not urlsplit(url).netloc or " " in url):
                error(where + ("url",), f"„{url}“ ist keine https-Adresse", "die vollständige https-Adresse eintragen")
                url = None
            if label and url:
                out.append(Link(label, url))
        return tuple(out)

    data: Any = doc.data
    if not problems and not isinstance(data, dict):
        error((), "die Datei muss Einträge wie „created:“, „status:“ und „limitations:“ enthalten",
              "den Aufbau aus der Vorlage im Projekt übernehmen")
    if problems:
        raise RegistryError(problems)
    known = {"created", "reviewed", "status", "method", "limitations"}
    for key in data:
        if key not in known:
            error((key,), f"unbekannter Eintrag „{key}“", "bekannt sind: " + ", ".join(sorted(known)))
    created, reviewed = day(data, "created"), day(data, "reviewed")
    status = text(data, "status", ())
    if status is not None and status not in STATUS_WORDING:
        error(("status",), f"„{status}“ ist kein erlaubter Stand", "vollständig, teilweise oder nicht eintragen")
    method = text(data, "method", ())
    limitations = []
    raw_limits = data.get("limitations") or []
    if not isinstance(raw_limits, list):
        error(("limitations",), "hier wird eine Liste erwartet", "jede Einschränkung als „- title: …“ eintragen")
        raw_limits = []
    for i, item in enumerate(raw_limits):
        at = ("limitations", i)
        if not isinstance(item, dict):
            error(at, "hier wird „title:“ und „text:“ erwartet", "die Einschränkung wie die anderen eintragen")
            continue
        for key in item:
            if key not in {"title", "text", "alternative", "links"}:
                error(at + (key,), f"unbekannter Eintrag „{key}“", "bekannt sind: title, text, alternative, links")
        title, body = text(item, "title", at), text(item, "text", at)
        alternative = text(item, "alternative", at, required=False)
        item_links = links(item, at)
        if title and body:
            limitations.append(Limitation(title, body, alternative, item_links))
    if problems:
        raise RegistryError(problems)
    if status == "vollständig" and limitations:
        raise RegistryError([Diagnostic(doc.file, *doc.where(("status",)), "", "status",
                                        "„vollständig“ passt nicht zu einer Liste von Einschränkungen",
                                        "„teilweise“ eintragen oder die behobenen Einschränkungen streichen")])
    return AccessibilityStatement(created, reviewed, status, method, tuple(limitations))


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
    html = _render(template, path, op=operator, missing=_missing_on(template, operator),
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
