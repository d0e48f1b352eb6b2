"""Open-data downloads under /daten/: the registry as JSON (with its JSON Schema) and as CSV.

The records and their columns are defined once (kekiz.site.files.records); the "Daten" page
documents them from the same lists. CSV: UTF-8, RFC 4180 (comma, double quotes, CRLF), header
row; a cell that a spreadsheet would run as a formula gets a leading apostrophe (see
kekiz.site.inert.csv_cell). Each CSV file has a spreadsheet variant with the same rows and cells, as
German Excel and LibreOffice open it with a double-click: UTF-8 with a byte order mark, semicolons,
CRLF, German column headings (records.COMMUNE_HEADINGS, STATEMENT_HEADINGS).
"""

from __future__ import annotations

import csv
import io
import json

from kekiz.model.population import PopulationTable
from kekiz.model.registry import PlacedStatement, Registry, StatementForm
from kekiz.site.context import Download, SiteParts
from kekiz.site.files.records import COMMUNE_COLUMNS, COMMUNE_HEADINGS, LICENCE_DL_BY, STATEMENT_COLUMNS, \
    STATEMENT_HEADINGS, commune_record, commune_row, oldest_first, population_source, statement_record, statement_row
from kekiz.site.inert import clean_json, csv_cell
from kekiz.site.paths import COMMUNES_CSV_FILE, COMMUNES_SHEET_FILE, JSON_FILE, SCHEMA_FILE, STATEMENTS_CSV_FILE, \
    STATEMENTS_SHEET_FILE

# Offered on the "Daten" page and described in katalog.rdf, in this order.
DOWNLOADS = (
    Download("json", JSON_FILE, "register", "Kommunen mit Quellen und Äußerungen (JSON)", "JSON", "application/json",
             LICENCE_DL_BY, population=True),
    Download("schema", SCHEMA_FILE, "register", "JSON Schema zu kommunen.json", "JSON", "application/schema+json",
             LICENCE_DL_BY),
    Download("communes_csv", COMMUNES_CSV_FILE, "register", "Kommunen (CSV)", "CSV", "text/csv", LICENCE_DL_BY,
             population=True),
    Download("communes_sheet", COMMUNES_SHEET_FILE, "register", "Kommunen (CSV für Tabellenprogramme)", "CSV",
             "text/csv", LICENCE_DL_BY, population=True),
    Download("statements_csv", STATEMENTS_CSV_FILE, "register", "Äußerungen (CSV)", "CSV", "text/csv", LICENCE_DL_BY),
    Download("statements_sheet", STATEMENTS_SHEET_FILE, "register", "Äußerungen (CSV für Tabellenprogramme)", "CSV",
             "text/csv", LICENCE_DL_BY),
)


def registry_json(registry: Registry, site_url: str | None, population: PopulationTable) -> str:
    data = {
        "$schema": "kommunen.schema.json",
        "title": "Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen",
        "stand": registry.stand.iso,
        "license": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "license_url": "https://www.govdata.de/dl-de/by-2-0",
        "einwohner_quelle": population_source(population),
        "communes": [commune_record(registry, c, site_url, population) for c in registry.communes],
        "programme_statements": [statement_record(PlacedStatement(None, st), site_url)
                                 for st in oldest_first(registry.programme.statements)],
    }
    # No control characters: some JSON readers reject them even escaped.
    return clean_json(data, write=_json_by_line)


def _json_by_line(data: dict) -> str:
    """Readable and diff-friendly: a field per line, and a list's items one per line, so a change
    to one Kommune changes one line (written by json's fast encoder, which cannot indent)."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"  {dump(item)}" for item in value)
            fields.append(f" {dump(key)}: [\n{items}\n ]")
        else:
            fields.append(f" {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _csv(header: list[str], rows: list[list], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def _sheet(header: list[str], rows: list[list]) -> str:
    """The spreadsheet variant: the same cells (formulas made inert by the same rule), ";" as
    German spreadsheets expect, and a byte order mark, without which Excel reads UTF-8 as Windows-1252."""
    return "\ufeff" + _csv(header, rows, delimiter=";")


def _commune_rows(registry: Registry, site_url: str | None, population: PopulationTable) -> list[list]:
    return [commune_row(registry, c, site_url, population) for c in registry.communes]


def _statement_rows(registry: Registry, site_url: str | None) -> list[list]:
    """The programme's statements first, then each Kommune's, oldest first within each."""
    items = [PlacedStatement(None, st) for st in oldest_first(registry.programme.statements)]
    items += [PlacedStatement(c, st) for c in registry.communes for st in c.sorted_statements]
    return [statement_row(item, site_url) for item in items]


def communes_csv(registry: Registry, site_url: str | None, population: PopulationTable) -> str:
    return _csv([name for name, _ in COMMUNE_COLUMNS], _commune_rows(registry, site_url, population))


def statements_csv(registry: Registry, site_url: str | None) -> str:
    return _csv([name for name, _ in STATEMENT_COLUMNS], _statement_rows(registry, site_url))


def _nullable(kind: str) -> dict:
    return {"type": [kind, "null"]}


_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_SOURCE = {
    "type": "object", "additionalProperties": False, "required": ["url", "publisher", "title", "date"],
    "properties": {"url": _nullable("string"), "publisher": _nullable("string"), "title": _nullable("string"),
                   "date": {"anyOf": [_DATE, {"type": "null"}]}},
}


def json_schema() -> str:
    """JSON Schema (2020-12) of kommunen.json."""
    statement = {
        "type": "object", "additionalProperties": False,
        "required": ["id", "added", "date", "form", "text", "speaker", "role", "context", "note", "source", "path", "url"],
        "properties": {
            **{name: {"description": text} for name, text in STATEMENT_COLUMNS if name in
               ("id", "added", "date", "form", "text", "speaker", "role", "context", "note", "path", "url")},
            "source": _SOURCE,
        },
    }
    props = statement["properties"]
    props["id"] |= {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
    props["added"] |= {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    props["date"] |= {"anyOf": [_DATE, {"type": "null"}]}
    props["form"] |= {"enum": [form.value for form in StatementForm]}
    props["text"] |= {"type": "string", "minLength": 1}
    for name in ("speaker", "role", "context", "note", "url"):
        props[name] |= _nullable("string")
    props["path"] |= {"type": "string"}
    described = dict(COMMUNE_COLUMNS)
    commune = {
        "type": "object", "additionalProperties": False,
        "required": ["slug", "name", "official_name", "type", "cohort", "ags", "regierungsbezirk", "kreis",
                     "former_slugs", "sources", "notes", "statements", "path", "url", "einwohner",
                     "einwohner_stichtag"],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": described["slug"]},
            "name": {"type": "string", "description": described["name"]},
            "official_name": {"type": "string", "description": described["official_name"]},
            "type": {"enum": ["kreisfreie-stadt", "kreis", "kreisangehoerige-stadt"], "description": described["type"]},
            "cohort": {"enum": [2012, 2017], "description": described["cohort"]},
            "ags": {"type": "string", "pattern": r"^05(\d{3}|\d{6})$", "description": described["ags"]},
            "regierungsbezirk": _nullable("string") | {"description": described["regierungsbezirk"]},
            "kreis": {"description": "Kreis, in dem eine Stadt liegt (null bei Kreisen und kreisfreien Städten)",
                      "anyOf": [{"type": "null"}, {
                          "type": "object", "additionalProperties": False, "required": ["ags", "name", "slug"],
                          "properties": {"ags": {"type": "string", "pattern": r"^05\d{3}$"}, "name": {"type": "string"},
                                         "slug": _nullable("string")}}]},
            "former_slugs": {"type": "array", "items": {"type": "string"},
                             "description": "frühere Kennungen; ihre Adressen leiten auf die Seite weiter"},
            "sources": {"type": "array", "items": _SOURCE, "description": "Quellen zur Teilnahme"},
            "notes": {"type": "array", "description": "Besonderheiten (hinweis) und Widersprüche der Quellen (widerspruch)",
                      "items": {"type": "object", "additionalProperties": False, "required": ["kind", "text", "sources"],
                                "properties": {"kind": {"enum": ["hinweis", "widerspruch"]}, "text": {"type": "string"},
                                               "sources": {"type": "array", "items": _SOURCE}}}},
            "statements": {"type": "array", "items": statement, "description": "belegte Äußerungen, älteste zuerst"},
            "path": {"type": "string", "description": described["path"]},
            "url": _nullable("string") | {"description": described["url"]},
            "einwohner": {"type": ["integer", "null"], "minimum": 1, "description": described["einwohner"]},
            "einwohner_stichtag": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                                   "description": described["einwohner_stichtag"]},
        },
    }
    text = {"type": "string", "minLength": 1}
    population_source = {
        "type": "object", "additionalProperties": False,
        "description": "Quelle der Einwohnerzahlen (Spalte einwohner) mit ihrer Lizenz und dem Quellenvermerk, "
                       "den diese verlangt",
        "required": ["title", "url", "publisher", "stichtag", "license", "license_url", "attribution"],
        "properties": {"title": text, "url": text, "publisher": text, "license": text, "license_url": text,
                       "attribution": text, "stichtag": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}},
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kommunen von „Kein Kind zurücklassen!“ (kommunen.json)",
        "type": "object", "additionalProperties": False,
        "required": ["$schema", "title", "stand", "license", "license_url", "einwohner_quelle", "communes",
                     "programme_statements"],
        "properties": {
            "$schema": {"type": "string"}, "title": {"type": "string"},
            "stand": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                      "description": "Stand der Angaben: Tag der letzten Prüfung des Registers gegen die Quellen"},
            "license": {"type": "string"}, "license_url": {"type": "string"},
            "einwohner_quelle": population_source,
            "communes": {"type": "array", "items": commune},
            "programme_statements": {"type": "array", "items": statement,
                                     "description": "belegte Äußerungen zum Programm insgesamt, älteste zuerst"},
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def files(site: SiteParts) -> dict[str, str]:
    """kommunen.json, its JSON Schema, the two CSV files and their spreadsheet variants."""
    registry, site_url = site.registry, site.context.site_url
    communes = _commune_rows(registry, site_url, site.population)
    statements = _statement_rows(registry, site_url)
    return {
        JSON_FILE: registry_json(registry, site_url, site.population),
        SCHEMA_FILE: json_schema(),
        COMMUNES_CSV_FILE: _csv([name for name, _ in COMMUNE_COLUMNS], communes),
        COMMUNES_SHEET_FILE: _sheet(list(COMMUNE_HEADINGS.values()), communes),
        STATEMENTS_CSV_FILE: _csv([name for name, _ in STATEMENT_COLUMNS], statements),
        STATEMENTS_SHEET_FILE: _sheet(list(STATEMENT_HEADINGS.values()), statements),
    }
