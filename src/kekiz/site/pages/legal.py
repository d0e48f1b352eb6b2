"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`extra.operator` in mkdocs.yml) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, in words, never
with a setting's or a file's name — and never filled with a placeholder that looks like a real address.

The operator's kind (`Operator.regime`) selects the legal regime: BGG NRW / BITV NRW with the
Ombudsstelle (§ 10d BGG NRW) for a body of the Land NRW or an NRW Kommune, BGG / BITV 2.0 with the
Schlichtungsstelle (§ 16 BGG) for a federal body, a voluntary statement for a private body; and the
privacy statement's default legal basis (Art. 6 Abs. 1 lit. e DSGVO for public bodies, with § 3 DSG
NRW for NRW ones; lit. f for private ones). While the kind is unknown the pages say so.
"""

from __future__ import annotations

from typing import Any

from kekiz.model.accessibility import STATUS_WORDING, AccessibilityStatement, Limitation, Link
from kekiz.model.operator import SETTINGS, Operator, Setting
from kekiz.model.registry import Registry
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.paths import ACCESSIBILITY_PATH, IMPRESSUM_PATH, OVERVIEW_PATH, PRIVACY_PATH
from kekiz.site.templating import render


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
              "es gibt und wie Sie Barrieren melden.", operator, site, statement=statement,
              **_accessibility(statement, operator)),
    ]


# BGG NRW § 10b asks for an electronic contact form as the feedback mechanism (BITV NRW § 5 too).
_PARAGRAPH_10B = Link("§ 10b BGG NRW (Erklärung zur Barrierefreiheit, Feedback-Mechanismus)",
                      "https://justiz-nrw.wolterskluwer-online.de/browse/document/745d7270-f4b0-3f8e-85f5-3e3bc0d63a90")


def _accessibility(statement: AccessibilityStatement, operator: Operator) -> dict[str, Any]:
    """The statement's limitations and status wording as the page shows them.

    Without a contact form a public body (or an operator not known yet) lacks the feedback mechanism
    the law asks for: that is a limitation, listed first, and "vollständig" cannot stand.
    """
    limitations = list(statement.limitations)
    status = statement.status
    regime = operator.regime
    if not operator.contact_form and (regime is None or regime.public):
        nrw = regime is not None and regime.nrw
        limitations.insert(0, Limitation(
            "Kein Kontaktformular",
            ("Das BGG NRW verlangt für Hinweise auf Barrieren ein elektronisches Kontaktformular. " if nrw else "")
            + "Ein Kontaktformular für Hinweise auf Barrieren gibt es für diese Website noch nicht. Die Website "
            "selbst besteht nur aus fertigen Dateien und nimmt keine Eingaben an.",
            "Sie können uns eine E-Mail schreiben, einen Brief schicken oder anrufen (siehe „Barrieren melden“).",
            (_PARAGRAPH_10B,) if nrw else ()))
        if status == "vollständig":
            status = "teilweise"
    return {"limitations": limitations, "status_wording": STATUS_WORDING[status]}


def _page(template: str, path: str, title: str, description: str, operator: Operator,
          site: SiteContext, **context: Any) -> RenderedPage:
    html = render(template, path, op=operator, regime=operator.regime, missing=_missing_on(template, operator),
                   site=site,
                   impressum=IMPRESSUM_PATH, privacy=PRIVACY_PATH, accessibility=ACCESSIBILITY_PATH,
                   overview=OVERVIEW_PATH, **context)
    return RenderedPage(path, title, description, html, editable=False)


# Which settings each page shows: the notice at the top lists only those.
_SHOWN_ON = {
    "impressum.html.j2": ("name", "address", "represented_by", "email", "phone", "responsible"),
    "datenschutz.html.j2": ("name", "kind", "address", "email", "data_protection_officer", "hosting"),
    "barrierefreiheit.html.j2": ("kind", "email", "address", "phone"),
}


def _missing_on(template: str, operator: Operator) -> list[Setting]:
    shown = _SHOWN_ON[template]
    return [s for s in operator.missing() if s.key in shown]


assert all(key in {s.key for s in SETTINGS} for keys in _SHOWN_ON.values() for key in keys)
