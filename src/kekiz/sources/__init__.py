"""Every input the build reads, turned into the model — or into German diagnostics.

`load_inputs` is the one door for a build: the registry and programme, the boundary data, the
Glossar and the accessibility statement's data. It reads them all, so an editor sees every
problem at once, and raises `RegistryError` before anything is rendered or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.geo import GeoData, GeoDataError, map_ags
from kekiz.model.glossary import Glossary
from kekiz.model.registry import Registry
from kekiz.sources import messages
from kekiz.sources.accessibility import ACCESSIBILITY_FILE, load_accessibility_statement
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.geodata import GeoDataUnusable, load_geodata
from kekiz.sources.glossary import load_glossary
from kekiz.sources.registry import display_path, load_project, project_registry_path

GEODATA_FILE = Path("data/nrw-geo.json")


@dataclass(frozen=True)
class Inputs:
    """Everything a build renders from, validated."""

    registry: Registry
    geo: GeoData
    glossary: Glossary
    accessibility: AccessibilityStatement


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

    registry = attempt(lambda: load_project(root))
    geo = attempt(lambda: load_geodata(root / GEODATA_FILE))
    glossary = attempt(lambda: load_glossary(root))
    accessibility = attempt(lambda: load_accessibility_statement(root / ACCESSIBILITY_FILE,
                                                                 ACCESSIBILITY_FILE.as_posix()))
    if registry is not None and geo is not None:
        problems += _communes_without_outline(registry, geo, root)
    if problems:
        raise RegistryError(problems)
    return Inputs(registry, geo, glossary, accessibility)


def _communes_without_outline(registry: Registry, geo: GeoData, root: Path) -> list[Diagnostic]:
    """Every Kommune must have an outline in the boundary data, or the maps would lack it."""
    shown = display_path(project_registry_path(root), root)
    return [Diagnostic(shown, c.line, 5, c.slug, "ags", *messages.no_outline(c.ags))
            for c in registry.communes if map_ags(c) not in geo]
