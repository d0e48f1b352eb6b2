"""The population of every Gemeinde in Nordrhein-Westfalen on one census day, with its source and licence.

One table, read from `data/zensus2022-einwohner.csv` and its provenance `data/zensus2022-einwohner.yaml`
by kekiz.sources.population. A Kreis's figure is the sum of its Gemeinden: the table itself has no Kreise.
A figure says how many people lived in an area on the census day, nothing about what a Kommune of the
programme did there; the pages say which area a figure covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kekiz.model.registry import PartialDate


@dataclass(frozen=True)
class PopulationSource:
    """Where the figures come from and how to cite them: the same for every figure of the table
    (hashable, so pages cached by their inputs can carry it)."""

    census_day: PartialDate     # 15 May 2022 for the Zensus 2022
    title: str                  # „Zensus 2022, Tabelle 1000A-0000 „Bevölkerung kompakt““
    url: str                    # the table in the Zensus database
    attribution: str            # the source note the licence requires, word for word
    licence_url: str            # https://www.govdata.de/dl-de/by-2-0
    publisher: str = ""         # „Statistische Ämter des Bundes und der Länder“
    licence: str = ""           # „Datenlizenz Deutschland – Namensnennung – Version 2.0“


@dataclass(frozen=True)
class PopulationTable:
    """Persons per Gemeinde (8-digit AGS) on the census day, and how to cite the figures."""

    counts: Mapping[str, int]   # 8-digit AGS → persons on the census day, sorted by AGS
    source: PopulationSource
    _kreise: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts = dict(sorted(self.counts.items()))
        kreise: dict[str, int] = {}
        for ags, persons in counts.items():
            kreise[ags[:5]] = kreise.get(ags[:5], 0) + persons
        object.__setattr__(self, "counts", MappingProxyType(counts))
        object.__setattr__(self, "_kreise", MappingProxyType(kreise))

    def of_gemeinde(self, ags: str) -> int | None:
        """The persons of one Gemeinde (8-digit AGS), or None if the table has none."""
        return self.counts.get(ags) if len(ags) == 8 else None

    def of_kreis(self, kreis_ags: str) -> int | None:
        """The sum over the Gemeinden of a Kreis or kreisfreie Stadt (5-digit AGS), or None."""
        return self._kreise.get(kreis_ags) if len(kreis_ags) == 5 else None

    def of_commune(self, ags: str) -> int | None:
        """A Kommune's figure by its AGS: 8 digits → the Gemeinde, 5 digits → the sum of the Kreis."""
        if len(ags) == 8:
            return self.of_gemeinde(ags)
        if len(ags) == 5:
            return self.of_kreis(ags)
        return None

    @property
    def total(self) -> int:
        """All persons of the table (for NRW: the Land)."""
        return sum(self.counts.values())
