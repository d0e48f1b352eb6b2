"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`extra.operator` in mkdocs.yml) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, with the
setting's name — never filled with a placeholder that looks like a real address.
"""

from __future__ import annotations

from typing import Any

from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.operator import SETTINGS, Operator, Setting
from kekiz.model.registry import Registry
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.paths import ACCESSIBILITY_PATH, IMPRESSUM_PATH, OVERVIEW_PATH, PRIVACY_PATH
from kekiz.site.templating import render
from kekiz.sources.operator import CONFIG_FILE, SECTION


def pages(site: SiteParts) -> list[RenderedPage]:
    return legal_pages(site.registry, site.context, site.accessibility)


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
