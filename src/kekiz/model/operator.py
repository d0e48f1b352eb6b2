"""Who runs the site: the operator's details, and which settings hold them.

The settings live under `extra.operator` in mkdocs.yml; kekiz.sources.operator reads and checks
them and builds an `Operator`. The Impressum, the privacy page, the accessibility statement and
the "Angaben korrigieren" line on every Kommune page show them. An empty value means "not entered
yet": the pages say so plainly, naming what is missing in words (never a setting or a file).

`kind` says what sort of body runs the site (`KINDS`); it selects the legal regime of the legal
pages: which accessibility law and enforcement body apply and the default legal basis of the
privacy statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Kind:
    """What sort of body runs the site; the legal pages follow from it."""

    key: str          # the value of extra.operator.kind
    label: str        # for operators' messages and the docs
    public: bool      # a public body (öffentliche Stelle): bound by the accessibility laws
    nrw: bool         # a body of the Land NRW or an NRW Kommune: BGG NRW / BITV NRW, DSG NRW


KINDS = (
    Kind("land-nrw", "eine Stelle des Landes Nordrhein-Westfalen", public=True, nrw=True),
    Kind("kommune-nrw", "eine Kommune in Nordrhein-Westfalen oder eine Stelle von ihr", public=True, nrw=True),
    Kind("bund", "eine Stelle des Bundes", public=True, nrw=False),
    Kind("privat", "eine private Stelle (Stiftung, Verein, Unternehmen)", public=False, nrw=False),
)
KINDS_BY_KEY = {k.key: k for k in KINDS}


@dataclass(frozen=True)
class Setting:
    key: str        # key under extra.operator
    label: str      # what a reader of the page calls it
    needed_for: str  # which page needs it, in plain words
    example: str    # what to enter


# In the order the Impressum shows them. Optional: accessibility_contact (without it the general
# e-mail address takes feedback on barriers too), contact_form (without it the accessibility
# statement lists its absence as a limitation), legal_basis (without it the privacy statement names
# the basis that goes with `kind`) and contributor_id (only for the data catalogue).
SETTINGS = (
    Setting("name", "Name der Betreiberin oder des Betreibers", "Impressum, Datenschutzerklärung",
            "der volle Name der Stelle, z. B. einer Behörde oder eines Vereins"),
    Setting("kind", "Art der Stelle", "Datenschutzerklärung, Erklärung zur Barrierefreiheit",
            "land-nrw, kommune-nrw, bund oder privat"),
    Setting("address", "Postanschrift", "Impressum, Datenschutzerklärung",
            "Straße, Hausnummer, Postleitzahl und Ort"),
    Setting("represented_by", "Vertretungsberechtigte Person", "Impressum",
            "wer die Stelle nach außen vertritt, mit Funktion"),
    Setting("email", "E-Mail-Adresse", "Impressum, Korrekturhinweise auf jeder Kommune-Seite",
            "eine Adresse, die regelmäßig gelesen wird"),
    Setting("phone", "Telefonnummer", "Impressum", "eine Nummer mit Vorwahl"),
    Setting("responsible", "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV", "Impressum",
            "Name und Anschrift der verantwortlichen Person"),
    Setting("data_protection_officer", "Datenschutzbeauftragte oder Datenschutzbeauftragter",
            "Datenschutzerklärung", "Name oder Funktion und Kontakt"),
    Setting("hosting", "Webhoster und Server-Protokolle", "Datenschutzerklärung",
            "wer die Website ausliefert, welche Zugriffsdaten dort gespeichert werden und wie lange"),
    Setting("legal_basis", "Rechtsgrundlage der Verarbeitung", "Datenschutzerklärung",
            "die Rechtsgrundlage, von der oder dem Datenschutzbeauftragten bestätigt; ohne Eintrag gilt die "
            "zur Art der Stelle passende"),
    Setting("accessibility_contact", "Kontakt für Hinweise auf Barrieren", "Erklärung zur Barrierefreiheit",
            "eine E-Mail-Adresse; ohne Eintrag gilt die allgemeine E-Mail-Adresse"),
    Setting("contact_form", "Kontaktformular für Hinweise auf Barrieren", "Erklärung zur Barrierefreiheit",
            "die https-Adresse eines barrierefreien Kontaktformulars der Stelle"),
    Setting("contributor_id", "Contributor-ID bei GovData (DCAT-AP.de)", "Datenkatalog (DCAT)",
            "die Contributor-ID des Bereitstellers, der die Daten an GovData liefert (für NRW: Open.NRW); "
            "ohne Eintrag fehlt sie im Katalog"),
)
SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}
OPTIONAL = frozenset({"accessibility_contact", "contact_form", "legal_basis", "contributor_id"})


@dataclass(frozen=True)
class Operator:
    """The operator's details; an empty string means "not entered yet"."""

    name: str = ""
    kind: str = ""           # a key of KINDS_BY_KEY, or empty
    address: str = ""
    represented_by: str = ""
    email: str = ""
    phone: str = ""
    responsible: str = ""
    data_protection_officer: str = ""
    hosting: str = ""
    legal_basis: str = ""
    accessibility_contact: str = ""
    contact_form: str = ""
    contributor_id: str = ""

    def missing(self) -> list[Setting]:
        """Required settings that are still empty, in page order."""
        return [s for s in SETTINGS if s.key not in OPTIONAL and not getattr(self, s.key)]

    @property
    def is_complete(self) -> bool:
        return not self.missing()

    @property
    def regime(self) -> Kind | None:
        """The operator's kind, or None while it is not entered."""
        return KINDS_BY_KEY.get(self.kind)

    @property
    def feedback_email(self) -> str:
        """Where to write about barriers on the site."""
        return self.accessibility_contact or self.email

    @property
    def phone_uri(self) -> str:
        """tel: link target: only digits and a leading plus survive."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""


assert {f.name for f in fields(Operator)} == set(SETTINGS_BY_KEY), "every setting has a field and vice versa"
