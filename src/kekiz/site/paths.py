"""Every public address of the site, defined here and nowhere else in `kekiz.site`.

Pages are site-relative directory URLs ("kommunen/"), files site-relative file paths
("daten/kommunen.json"); neither has a leading slash (`kekiz.site.urls` makes links relative to
the page). These addresses are public: press officers, data portals and feed readers keep them,
so an address here changes only on purpose, with a redirect stub for the old one.

Two addresses stay with the model because half the package asks for them: a Kommune's page is
`Commune.path` ("kommunen/<slug>/", kekiz.model.registry) and a Gemeinde's page `Gemeinde.path`
("gemeinden/<slug>/", kekiz.model.gemeinden); their folders are OVERVIEW_PATH and GEMEINDEN_PATH.
"""

from __future__ import annotations

from kekiz.model.registry import Cohort, Commune, PlacedStatement

# --------------------------------------------------------------------------- pages

OVERVIEW_PATH = "kommunen/"                     # all Kommunen by cohort; each Kommune page below it
GEMEINDEN_PATH = "gemeinden/"                   # "War meine Stadt dabei?": all Gemeinden A–Z; their pages below it
PRESS_PATH = "presse/"                          # every statement, newest first
PROGRAMME_STATEMENTS_PATH = "presse/programm/"  # the statements about the programme as a whole: their permalink
EXPLAINER_PATH = "programm/"                    # the programme explained (hand-written, docs/programm/)
TIMELINE_PATH = "programm/zeitleiste/"          # the programme's timeline (hand-written)
TODAY_EXPLAINED = f"{EXPLAINER_PATH}#heute"      # „Machen die Kommunen heute noch mit?“ (docs/programm/index.md)
MAP_PATH = "karte/"                             # the large map with every Kommune (hand-written)
GLOSSARY_PATH = "glossar/"                      # the Glossar (hand-written; its terms come from data/glossary.yaml)
IMPRESSUM_PATH = "impressum/"                   # Impressum
PRIVACY_PATH = "datenschutz/"                   # Datenschutzerklärung
ACCESSIBILITY_PATH = "barrierefreiheit/"        # Erklärung zur Barrierefreiheit
DATA_PATH = "daten/"                            # the "Daten" page: every download, its fields and licences

# --------------------------------------------------------------------------- downloads and feeds

JSON_FILE = f"{DATA_PATH}kommunen.json"               # the registry as JSON
SCHEMA_FILE = f"{DATA_PATH}kommunen.schema.json"      # the JSON Schema of kommunen.json
COMMUNES_CSV_FILE = f"{DATA_PATH}kommunen.csv"        # one row per Kommune
STATEMENTS_CSV_FILE = f"{DATA_PATH}aeusserungen.csv"  # one row per statement
COMMUNES_SHEET_FILE = f"{DATA_PATH}kommunen-tabelle.csv"        # kommunen.csv for spreadsheets (BOM, ";", German headings)
STATEMENTS_SHEET_FILE = f"{DATA_PATH}aeusserungen-tabelle.csv"  # aeusserungen.csv for spreadsheets
GEOJSON_FILE = f"{DATA_PATH}kommunen.geojson"         # the Kommunen's outlines with the rows of kommunen.csv
CATALOG_FILE = f"{DATA_PATH}katalog.rdf"              # DCAT-AP.de catalogue of the downloads, for data portals
SITE_FEED_FILE = "feeds/aeusserungen.xml"             # Atom feed of every statement
FEEDS_EXPLAINED = f"{DATA_PATH}#feeds"                # what a feed is, on the "Daten" page
SITE_PREVIEW_FILE = "vorschau.png"                    # the link-preview image of every page without its own


# --------------------------------------------------------------------------- patterns

def press_cohort_path(cohort: Cohort) -> str:
    """The press page of one cohort's Kommunen: "presse/jahrgang-2012/"."""
    return f"{PRESS_PATH}{cohort.anchor}/"


def press_commune_path(commune: Commune) -> str:
    """The press page of one Kommune (only for a Kommune with statements): "presse/kommunen/<slug>/"."""
    return f"{PRESS_PATH}kommunen/{commune.slug}/"


def statement_target(item: PlacedStatement) -> str:
    """A statement's permalink: on its Kommune's page, or on the programme's press page."""
    home = item.commune.path if item.commune else PROGRAMME_STATEMENTS_PATH
    return f"{home}#{item.anchor}"


def commune_feed_file(commune: Commune) -> str:
    """Atom feed of one Kommune (only for a Kommune with statements): "feeds/kommunen/<slug>.xml"."""
    return f"feeds/kommunen/{commune.slug}.xml"


def preview_file(commune: Commune) -> str:
    """The link-preview image beside a Kommune page: "kommunen/<slug>/vorschau.png"."""
    return f"{commune.path}vorschau.png"


def former_commune_path(slug: str) -> str:
    """The address a former slug of a Kommune had; a redirect stub stands there."""
    return f"{OVERVIEW_PATH}{slug}/"


def redirect_file(page_path: str) -> str:
    """The file of a redirect stub at a page address: "kommunen/<old slug>/index.html"."""
    return f"{page_path}index.html"


def locator_base_file(scheme: str) -> str:
    """The base map every locator map shares, one per colour scheme: "assets/karte/nrw-hell.svg"."""
    return f"assets/karte/nrw-{scheme}.svg"
