"""What the downloads share: one record per Kommune and per statement (kommunen.json, the two
CSV files and the GeoJSON properties), their columns as the "Daten" page documents them, and the
licences, attribution and publisher every download names. A Kommune's record carries its population
(Zensus 2022, kekiz.model.population), whose source and attribution travel with it. The file outputs and the "Daten" page
read them from here, not from each other.
"""

from __future__ import annotations

from dataclasses import replace

from kekiz.model.operator import Operator
from kekiz.model.population import PopulationTable
from kekiz.model.registry import Commune, PlacedStatement, Registry, Source
from kekiz.site.paths import statement_target
from kekiz.site.urls import absolute

LICENCE_DL_BY = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"        # the registry: Datenlizenz Deutschland
LICENCE_GEONUTZV = "http://dcat-ap.de/def/licenses/geonutz/20130319"  # the outlines: GeoNutzV
OPERATOR_PLACEHOLDER = "BETREIBER NOCH NICHT EINGETRAGEN"  # a public file names no setting and no file of the repository


def attribution(site_name: str) -> str:
    """Namensnennung required by the registry's licence."""
    return f"{site_name} – Register der Kommunen"


def publisher(operator: Operator) -> Operator:
    """The operator as publisher and contact of the data: a missing name leaves a placeholder
    nobody can miss."""
    return replace(operator, name=operator.name or OPERATOR_PLACEHOLDER)


# (column, meaning) — the CSV header and the documentation on the "Daten" page.
COMMUNE_COLUMNS = (
    ("slug", "Kennung der Kommune; Teil der Adresse ihrer Seite, ändert sich nie"),
    ("name", "Kurzname, z. B. „Kreis Unna“"),
    ("official_name", "amtlicher Name"),
    ("type", "Art: kreisfreie-stadt, kreis oder kreisangehoerige-stadt"),
    ("cohort", "Jahr des Einstiegs: 2012 (Modellphase) oder 2017 (Landesinitiative)"),
    ("ags", "Amtlicher Gemeindeschlüssel: 8 Ziffern für eine Stadt, 5 (Kreisschlüssel) für einen Kreis"),
    ("regierungsbezirk", "Regierungsbezirk, abgeleitet aus dem AGS"),
    ("kreis_ags", "Kreisschlüssel des Kreises, in dem eine Stadt liegt (leer bei Kreisen und kreisfreien Städten)"),
    ("kreis_name", "Name dieses Kreises (leer wie kreis_ags)"),
    ("kreis_slug", "Kennung dieses Kreises, wenn er selbst teilnahm (sonst leer)"),
    ("statements", "Zahl der belegten Äußerungen (Einzelheiten in aeusserungen.csv)"),
    ("source_urls", "Web-Adressen der Quellen zur Teilnahme, durch Leerzeichen getrennt"),
    ("path", "Adresse der Seite der Kommune, relativ zur Startseite der Website"),
    ("url", "vollständige Adresse der Seite (leer, solange die öffentliche Adresse nicht eingestellt ist)"),
    ("einwohner", "Einwohnerinnen und Einwohner am 15. Mai 2022 (Zensus 2022): bei einer Stadt die Stadt, bei einem "
                  "Kreis die Summe seiner Gemeinden, also das ganze Kreisgebiet; Quelle und Lizenz im Abschnitt "
                  "„Einwohnerzahlen“"),
    ("einwohner_stichtag", "Stichtag der Einwohnerzahl (JJJJ-MM-TT), der Tag des Zensus 2022"),
)
STATEMENT_COLUMNS = (
    ("scope", "kommune = Äußerung zu einer Kommune; programm = Äußerung zum Programm insgesamt"),
    ("commune_slug", "Kennung der Kommune (slug in kommunen.csv; leer bei scope programm)"),
    ("commune_name", "Kurzname der Kommune (leer bei scope programm)"),
    ("commune_ags", "AGS der Kommune (leer bei scope programm)"),
    ("id", "Kennung der Äußerung, fest innerhalb der Kommune bzw. des Programms (Anker aeusserung-<id> auf der "
           "Seite der Kommune, programm-aeusserung-<id> auf der Presseseite zum Programm)"),
    ("date", "Datum der Äußerung, so genau wie die Quelle: JJJJ, JJJJ-MM oder JJJJ-MM-TT (leer: unbekannt)"),
    ("added", "Tag, an dem die Redaktion die Äußerung aufgenommen hat (JJJJ-MM-TT)"),
    ("form", "quote = wörtliches Zitat; unquoted = Wortlaut, in der Quelle ohne Anführungszeichen; "
              "reported = sinngemäße Wiedergabe, kein Wortlaut"),
    ("text", "Wortlaut (quote, unquoted; ohne die äußeren Anführungszeichen) oder Wiedergabe (reported)"),
    ("speaker", "Person (leer: in der Quelle nicht genannt)"),
    ("role", "Funktion der Person laut Quelle (leer: nicht genannt)"),
    ("context", "Anlass laut Quelle (leer: nicht genannt)"),
    ("note", "Hinweis der Redaktion (leer: keiner)"),
    ("source_url", "Web-Adresse der Quelle"),
    ("source_publisher", "Herausgeber der Quelle"),
    ("source_title", "Titel der Quelle (leer: ohne Titel)"),
    ("source_date", "Datum der Quelle, so genau wie bekannt (leer: unbekannt)"),
    ("path", "Adresse der Äußerung (Seite der Kommune oder Presseseite zum Programm), relativ zur Startseite"),
    ("url", "vollständige Adresse der Äußerung (leer, solange die öffentliche Adresse nicht eingestellt ist)"),
)

# The German column headings of the spreadsheet variants (kommunen-tabelle.csv,
# aeusserungen-tabelle.csv), by column; the cells are the same as in the RFC 4180 files.
COMMUNE_HEADINGS = {
    "slug": "Kennung", "name": "Name", "official_name": "Amtlicher Name", "type": "Art", "cohort": "Jahrgang",
    "ags": "AGS", "regierungsbezirk": "Regierungsbezirk", "kreis_ags": "AGS des Kreises", "kreis_name": "Kreis",
    "kreis_slug": "Kennung des Kreises", "statements": "Zahl der Äußerungen", "source_urls": "Quellen",
    "path": "Seite (relativ)", "url": "Seite", "einwohner": "Einwohnerzahl (Zensus 2022)",
    "einwohner_stichtag": "Stichtag der Einwohnerzahl",
}
STATEMENT_HEADINGS = {
    "scope": "Bezug", "commune_slug": "Kennung der Kommune", "commune_name": "Kommune", "commune_ags": "AGS der Kommune",
    "id": "Kennung der Äußerung", "date": "Datum", "added": "Aufgenommen am", "form": "Form", "text": "Text",
    "speaker": "Person", "role": "Funktion", "context": "Anlass", "note": "Hinweis der Redaktion",
    "source_url": "Quelle: Adresse", "source_publisher": "Quelle: Herausgeber", "source_title": "Quelle: Titel",
    "source_date": "Quelle: Datum", "path": "Adresse (relativ)", "url": "Adresse",
}
assert list(COMMUNE_HEADINGS) == [name for name, _ in COMMUNE_COLUMNS], "a heading for every column, in order"
assert list(STATEMENT_HEADINGS) == [name for name, _ in STATEMENT_COLUMNS], "a heading for every column, in order"


def population_source(population: PopulationTable) -> dict:
    """Where the figures in `einwohner` come from and how to credit them (kommunen.json, the GeoJSON)."""
    source = population.source
    return {"title": source.title, "url": source.url, "publisher": source.publisher,
            "stichtag": source.census_day.iso, "license": source.licence,
            "license_url": source.licence_url, "attribution": source.attribution}


def source_record(source: Source) -> dict:
    """A source as kommunen.json gives it."""
    return {"url": source.url, "publisher": source.publisher, "title": source.title,
            "date": source.date.iso if source.date else None}


def statement_record(item: PlacedStatement, site_url: str | None) -> dict:
    """A statement for kommunen.json, as its columns in aeusserungen.csv (without the Kommune's)."""
    st, path = item.statement, statement_target(item)
    return {
        "id": st.id, "added": st.added.iso, "date": st.date.iso if st.date else None, "form": st.form.value,
        "text": st.text, "speaker": st.speaker, "role": st.role, "context": st.context, "note": st.note,
        "source": source_record(st.source), "path": path, "url": absolute(path, site_url),
    }


def commune_record(registry: Registry, commune: Commune, site_url: str | None, population: PopulationTable) -> dict:
    """Every public registry field of a Kommune plus what follows from its AGS (with its population)."""
    parent = registry.parent_kreis(commune)
    kreis = None
    if commune.kreis_name:
        kreis = {"ags": commune.kreis_ags, "name": commune.kreis_name, "slug": parent.slug if parent else None}
    return {
        "slug": commune.slug, "name": commune.name, "official_name": commune.official_name,
        "type": commune.type.value, "cohort": commune.cohort.value, "ags": commune.ags,
        "regierungsbezirk": commune.regierungsbezirk, "kreis": kreis,
        "former_slugs": list(commune.former_slugs),
        "sources": [source_record(s) for s in commune.sources],
        "notes": [{"kind": n.kind.value, "text": n.text, "sources": [source_record(s) for s in n.sources]}
                  for n in commune.notes],
        "statements": [statement_record(PlacedStatement(commune, st), site_url) for st in commune.sorted_statements],
        "path": commune.path, "url": absolute(commune.path, site_url),
        "einwohner": population.of_commune(commune.ags), "einwohner_stichtag": population.source.census_day.iso,
    }


def commune_row(registry: Registry, c: Commune, site_url: str | None, population: PopulationTable) -> list:
    """One Kommune in the order of COMMUNE_COLUMNS (kommunen.csv and the GeoJSON properties)."""
    parent = registry.parent_kreis(c)
    return [c.slug, c.name, c.official_name, c.type.value, c.cohort.value, c.ags, c.regierungsbezirk,
            c.kreis_ags if c.kreis_name else None, c.kreis_name, parent.slug if parent else None,
            len(c.statements), " ".join(s.url for s in c.sources if s.url),
            c.path, absolute(c.path, site_url), population.of_commune(c.ags), population.source.census_day.iso]


def statement_row(item: PlacedStatement, site_url: str | None) -> list:
    """One statement in the order of STATEMENT_COLUMNS (aeusserungen.csv)."""
    c, st, path = item.commune, item.statement, statement_target(item)
    src = st.source
    return ["programm" if c is None else "kommune", c and c.slug, c and c.name, c and c.ags, st.id,
            st.date.iso if st.date else None, st.added.iso, st.form.value,
            st.text, st.speaker, st.role, st.context, st.note, src.url, src.publisher, src.title,
            src.date.iso if src.date else None, path, absolute(path, site_url)]


def oldest_first(statements) -> tuple:
    """As Commune.sorted_statements: dated oldest first, undated last in file order."""
    dated = sorted((s for s in statements if s.date), key=lambda s: s.date.key)
    return tuple(dated) + tuple(s for s in statements if not s.date)
