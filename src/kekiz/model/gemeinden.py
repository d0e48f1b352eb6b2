"""All 396 Gemeinden of Nordrhein-Westfalen and whether they took part: themselves, through
their Kreis, both, or neither (`Coverage`), and, for a town of a participating Kreis, what the
sources say that the Kreis's participation meant for it (`Participation`): named partner of the
Kreis's joint application, a partner that joined later, served by the Kreis as Jugendamt, covered
by a statement about all towns of the Kreis, or nothing known. Strictly as the registry records
it (`joint_application`, `all_towns` of the Kreis) — nothing is inferred.

Pure functions of the model and the boundary data; `kekiz.site.pages.gemeinden` renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from kekiz.model import nrw
from kekiz.model.geo import GeoArea, GeoData
from kekiz.model.registry import Commune, CommuneType, LaterPartner, Registry, sort_key

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slugify(name: str) -> str:
    """The Kommunen's slug rule: lower case, ä → ae, ö → oe, ü → ue, ß → ss, other runs → "-"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower().translate(_FOLD)).strip("-")


class Coverage(str, Enum):
    SELF = "selbst"          # the Gemeinde is a Kommune of the registry
    KREIS = "kreis"          # its Kreis is
    BOTH = "beide"           # both
    NONE = "keine"           # neither


class Participation(str, Enum):
    """What the sources say about one Gemeinde, in the order the checks run: a Kommune of its own
    first, then what its Kreis's registry entry says about it, then the Kreis alone. The value is
    the CSS modifier (`kekiz-teilnahme--partner`) and stable."""

    SELF = "selbst"                 # a Kommune of the registry (its Kreis did not take part)
    BOTH = "beide"                  # a Kommune of the registry, and its Kreis took part too
    PARTNER = "partner"             # named partner of the Kreis's joint application
    LATER_PARTNER = "spaeter"       # joined the Kreis's joint application later (a source says)
    YOUTH_OFFICE = "jugendamt"      # the Kreis took part as its Jugendamt (a source names it)
    ALL_TOWNS = "alle"              # a source speaks of all towns of the Kreis, naming none
    KREIS_ONLY = "kreis"            # the Kreis took part; the sources do not say what that meant here
    NONE = "keine"                  # neither the town nor its Kreis

    @property
    def label(self) -> str:
        """Short German label, as the A–Z page lists it."""
        return _PARTICIPATION_LABELS[self]

    @property
    def took_part(self) -> bool:
        """True where a source says the town took part (itself or through its Kreis): „Ja“."""
        return self in _TOOK_PART

    @property
    def through_kreis(self) -> bool:
        """The kinds that exist only because the Kreis took part."""
        return self not in (Participation.SELF, Participation.BOTH, Participation.NONE)


_PARTICIPATION_LABELS = {
    Participation.SELF: "selbst dabei",
    Participation.BOTH: "selbst dabei, der Kreis auch",
    Participation.PARTNER: "als Partner des Kreises dabei",
    Participation.LATER_PARTNER: "später als Partner des Kreises hinzugekommen",
    Participation.YOUTH_OFFICE: "über das Jugendamt des Kreises dabei",
    Participation.ALL_TOWNS: "der Kreis dabei, laut Quelle mit allen Kommunen",
    Participation.KREIS_ONLY: "nur der Kreis dabei, für die Stadt unbekannt",
    Participation.NONE: "nicht dabei",
}
_TOOK_PART = frozenset({Participation.SELF, Participation.BOTH, Participation.PARTNER,
                        Participation.LATER_PARTNER, Participation.YOUTH_OFFICE})

# Kreis names that are not "Kreis X" or "…kreis" need their own article and case.
_CASES = {
    "StädteRegion Aachen": ("die StädteRegion Aachen", "in der StädteRegion Aachen"),
    "Märkischer Kreis": ("der Märkische Kreis", "im Märkischen Kreis"),
    "Oberbergischer Kreis": ("der Oberbergische Kreis", "im Oberbergischen Kreis"),
    "Rheinisch-Bergischer Kreis": ("der Rheinisch-Bergische Kreis", "im Rheinisch-Bergischen Kreis"),
}


def kreis_nominative(name: str) -> str:
    """"der Kreis Unna", "die StädteRegion Aachen", "der Märkische Kreis"."""
    return _CASES.get(name, (f"der {name}",))[0]


def kreis_dative(name: str) -> str:
    """"im Kreis Unna", "im Rhein-Kreis Neuss", "in der StädteRegion Aachen", "im Märkischen Kreis"."""
    return _CASES.get(name, (None, f"im {name}"))[1]


@dataclass(frozen=True)
class KreisInfo:
    ags: str                 # 5 digits
    name: str                # display name, "Kreis Unna"
    kreisfrei: bool
    commune: Commune | None  # the Kreis (or kreisfreie Stadt) as a registry Kommune, if it is one

    @property
    def anchor(self) -> str:
        """Its section on the A–Z page: "kreis-olpe", "hochsauerlandkreis", "stadt-hagen"."""
        return f"stadt-{slugify(self.name)}" if self.kreisfrei else slugify(self.name)


@dataclass(frozen=True)
class Gemeinde:
    area: GeoArea
    slug: str
    kreis: KreisInfo
    commune: Commune | None       # the Gemeinde itself as a registry Kommune
    kreis_commune: Commune | None  # its Kreis as a participating registry Kreis (never for kreisfreie Städte)

    @property
    def name(self) -> str:
        return self.area.name

    @property
    def ags(self) -> str:
        return self.area.ags

    @property
    def path(self) -> str:
        return f"gemeinden/{self.slug}/"

    @property
    def kreisfrei(self) -> bool:
        return self.kreis.kreisfrei

    @property
    def kind(self) -> str:
        """"kreisfreie Stadt", "Stadt" or "Gemeinde" (VG250's BEZ for the rest)."""
        return "kreisfreie Stadt" if self.kreisfrei else self.area.kind

    @property
    def regierungsbezirk(self) -> str | None:
        return nrw.regierungsbezirk(self.ags)

    @property
    def coverage(self) -> Coverage:
        if self.commune and self.kreis_commune:
            return Coverage.BOTH
        if self.commune:
            return Coverage.SELF
        if self.kreis_commune:
            return Coverage.KREIS
        return Coverage.NONE

    @property
    def participation(self) -> Participation:
        """What the sources say about this town (see `Participation`); registry names are VG250 names."""
        if self.commune:
            return Participation.BOTH if self.kreis_commune else Participation.SELF
        kreis = self.kreis_commune
        if kreis is None:
            return Participation.NONE
        joint = kreis.joint_application
        if joint and self.name in joint.partners:
            return Participation.PARTNER
        if joint and self.later_partner is not None:
            return Participation.LATER_PARTNER
        if joint and self.name in joint.youth_office_for:
            return Participation.YOUTH_OFFICE
        if kreis.all_towns is not None:
            return Participation.ALL_TOWNS
        return Participation.KREIS_ONLY

    @property
    def later_partner(self) -> LaterPartner | None:
        """Its entry under the Kreis's joint_application.later_partners, if it has one."""
        joint = self.kreis_commune.joint_application if self.kreis_commune else None
        return next((p for p in joint.later_partners if p.name == self.name), None) if joint else None

    @property
    def named_partner(self) -> bool:
        """Named as a partner in its Kreis's joint application (registry: joint_application.partners)."""
        return self.participation is Participation.PARTNER

    @property
    def target(self) -> str:
        """Where links to this Gemeinde lead: its Kommune page if it is one (no duplicate page)."""
        return self.commune.path if self.commune else self.path


@dataclass(frozen=True)
class Gemeinden:
    all: tuple[Gemeinde, ...]       # alphabetically (German order)
    kreise: tuple[KreisInfo, ...]   # the 53 Kreise and kreisfreie Städte, alphabetically by their own name

    def in_kreis(self, kreis: KreisInfo) -> tuple[Gemeinde, ...]:
        return tuple(g for g in self.all if g.kreis.ags == kreis.ags)

    def by_letter(self) -> list[tuple[str, tuple[Gemeinde, ...]]]:
        letters: dict[str, list[Gemeinde]] = {}
        for g in self.all:
            letters.setdefault(sort_key(g.name)[0].upper(), []).append(g)
        return [(letter, tuple(members)) for letter, members in letters.items()]

    def count(self, coverage: Coverage | Participation) -> int:
        if isinstance(coverage, Participation):
            return sum(1 for g in self.all if g.participation is coverage)
        return sum(1 for g in self.all if g.coverage is coverage)

    def of_kreis(self, commune: Commune) -> tuple[Gemeinde, ...]:
        """All Gemeinden of a registry Kreis, alphabetically; () for a city."""
        if commune.type is not CommuneType.KREIS:
            return ()
        return tuple(g for g in self.all if g.kreis.ags == commune.ags)

    def get(self, ags: str) -> Gemeinde | None:
        return next((g for g in self.all if g.ags == ags), None)


def build(registry: Registry, geo: GeoData) -> Gemeinden:
    """Every Gemeinde of the boundary data with its Kreis and its registry entries."""
    by_ags = registry.by_ags
    kreise = {}
    for area in geo.kreise:
        kreisfrei = nrw.KREISE.get(area.ags, (None, False))[1]
        commune = by_ags.get(area.ags) or (by_ags.get(f"{area.ags}000") if kreisfrei else None)
        kreise[area.ags] = KreisInfo(area.ags, area.display_name, kreisfrei, commune)
    gemeinden = []
    for area in geo.gemeinden:
        kreis = kreise[area.kreis_ags]
        commune = by_ags.get(area.ags)
        if commune is not None and commune.type is CommuneType.KREIS:
            commune = None  # cannot happen (a Kreis has 5 digits), but never count a Kreis as a town
        kreis_commune = None
        if not kreis.kreisfrei and kreis.commune is not None and kreis.commune.type is CommuneType.KREIS:
            kreis_commune = kreis.commune
        gemeinden.append(Gemeinde(area, slugify(area.name), kreis, commune, kreis_commune))
    gemeinden.sort(key=lambda g: (sort_key(g.name), g.ags))
    slugs = [g.slug for g in gemeinden]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise ValueError(f"Gemeinden mit gleichem Slug: {', '.join(duplicates)}")
    # Kreise by their own name: "Kreis Olpe" under O, "Hochsauerlandkreis" under H (VG250's short name)
    by_name = sorted(kreise.values(), key=lambda k: (sort_key(geo[k.ags].name), k.ags))
    return Gemeinden(tuple(gemeinden), tuple(by_name))
