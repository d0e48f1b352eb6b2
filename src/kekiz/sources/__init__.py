"""Every input the build reads, turned into the model — or into German diagnostics.

`load_inputs` is the one door for a build: the registry and programme, the boundary data, the
census table (population), the Glossar and the accessibility statement's data. It reads them all,
so an editor sees every problem at once, and raises `RegistryError` before anything is rendered or
written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.geo import GeoData, GeoDataError
from kekiz.model.glossary import Glossary
from kekiz.model.population import PopulationTable
from kekiz.model.registry import Registry
from kekiz.sources import messages
from kekiz.sources.accessibility import ACCESSIBILITY_FILE, load_accessibility_statement
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.geodata import GeoDataUnusable, load_geodata
from kekiz.sources.glossary import load_glossary
from kekiz.sources.population import load_population
from kekiz.sources.registry import load_project

GEODATA_FILE = Path("data/nrw-geo.json")


@dataclass(frozen=True)
class Inputs:
    """Everything a build renders from, validated."""

    registry: Registry
    geo: GeoData
    glossary: Glossary
    accessibility: AccessibilityStatement
    population: PopulationTable


def load_inputs(root: Path) -> Inputs:
    """Read every data file of the project at `root`; RegistryError lists the problems of all of them."""
    problems: list[Diagnostic] = []

    def attempt(load):
        try:
            return load()
        except RegistryError as error:
            problems.extend(error.diagnostics)
        except GeoDataError as error:  # the fix, which a GeoDataUnusable's text carries too, is added here
            problem = error.problem if isinstance(error, GeoDataUnusable) else error
            problems.append(Diagnostic(GEODATA_FILE.as_posix(), 1, 1, "", "", *messages.geodata_unusable(problem)))
        return None

    geo = attempt(lambda: load_geodata(root / GEODATA_FILE))
    registry = attempt(lambda: load_project(root, geo))  # its AGS rules read the same boundary data
    population = attempt(lambda: load_population(root, {g.ags for g in geo.gemeinden} if geo else None))
    glossary = attempt(lambda: load_glossary(root))
    accessibility = attempt(lambda: load_accessibility_statement(root / ACCESSIBILITY_FILE,
                                                                 ACCESSIBILITY_FILE.as_posix()))
    if problems:
        raise RegistryError(problems)
    return Inputs(registry, geo, glossary, accessibility, population)
