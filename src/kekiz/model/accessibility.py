"""The pages a German public site must have: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit.

They are rendered from the operator settings (`kekiz.operator_settings`) and the accessibility
statement's data file. A missing setting is shown on the page as missing — plainly, with the
setting's name — never filled with a placeholder that looks like a real address.
"""

from __future__ import annotations

from dataclasses import dataclass

from kekiz.model.registry import PartialDate


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


# Which settings each page shows: the notice at the top lists only those.
