"""The accessibility statement's data as the model holds it: its status, limitations and links
(read by kekiz.sources.accessibility, printed by kekiz.site.pages.legal)."""

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
