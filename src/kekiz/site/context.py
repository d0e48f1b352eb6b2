"""What every output family is handed and what it hands back: `SiteParts` (the validated inputs
and the site's settings, one object per build), `SiteContext` (the settings), `RenderedPage` and
`Download`. No MkDocs import, so a move to another generator keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kekiz.model.accessibility import AccessibilityStatement
from kekiz.model.gemeinden import Gemeinden
from kekiz.model.geo import GeoData
from kekiz.model.glossary import Glossary
from kekiz.model.operator import Operator
from kekiz.model.population import PopulationTable
from kekiz.model.registry import Registry
from kekiz.sources.signvideo import SignVideo


# Around parts of a generated page that repeat what other pages hold (source lists, citation
# suggestions, the cohort's summary): printed on the page, kept out of the site search (the
# adapter hands the search only the rest). They do not nest.
UNSEARCHED_START, UNSEARCHED_END = "<!--kekiz:unsearched-->", "<!--/kekiz:unsearched-->"


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site they are part of."""

    site_name: str
    site_url: str | None = None          # absolute public URL, for permalinks
    repo_url: str | None = None          # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"
    registry_file: str = "data/communes.yaml"
    geo_attribution: str | None = None   # "© GeoBasis-DE / BKG 2016"
    operator: Operator = Operator()      # who runs the site (mkdocs.yml extra.operator); empty = not known yet


@dataclass(frozen=True)
class RenderedPage:
    path: str                 # site-relative directory URL, e.g. "kommunen/krefeld/"
    title: str
    description: str
    html: str
    editable: bool = True     # its facts come from the registry ("edit" leads there)
    search_boost: float | None = None  # weight of its entries in the site search (Material's `search.boost`)
    search_exclude: bool = False       # kept out of the site search (it repeats another page's text)

    @property
    def src_uri(self) -> str:
        """Where the page pretends to live in docs/ ("kommunen/krefeld/index.md")."""
        return f"{self.path}index.md"


@dataclass(frozen=True)
class Download:
    """A file the "Daten" page offers; with a `dataset`, also a distribution in katalog.rdf.
    Each file output names its own (kekiz.site.outputs), so the page and the catalogue follow them."""

    name: str                   # how data.html.j2 asks for it ("json", "geojson", "feed", …)
    path: str                   # site-relative, from kekiz.site.paths
    dataset: str | None = None  # the DCAT dataset it belongs to ("register", "gebiete"); None: not in katalog.rdf
    title: str = ""             # DCAT title
    format: str = ""            # EU file-type authority code
    media_type: str = ""
    licence: str = ""           # DCAT-AP.de licence URI
    population: bool = False    # carries the census figures: their attribution joins the file's (katalog.rdf)


@dataclass(frozen=True)
class SiteParts:
    """Everything an output family reads, in one object that `kekiz.site.build_site` makes once
    per build: every family is a function of it (kekiz.site.outputs)."""

    registry: Registry
    context: SiteContext
    geo: GeoData
    towns: Gemeinden                    # every Gemeinde and how the registry covers it
    glossary: Glossary
    accessibility: AccessibilityStatement
    population: PopulationTable         # Zensus 2022: persons per Gemeinde, with source and licence
    place_names: frozenset[str] = frozenset()  # no Glossar link inside these (kekiz.site.glossary.protected_names)
    sign_video: SignVideo | None = None        # the DGS video of the Leichte Sprache page, if there is one
    downloads: tuple[Download, ...] = ()       # what the file outputs offer, in the order of OUTPUTS
