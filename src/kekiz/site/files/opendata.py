"""Open-data downloads under /daten/: the registry as JSON (with its JSON Schema) and as CSV.

Columns and fields are defined once here; the "Daten" page documents them from the same lists.
CSV: UTF-8, RFC 4180 (comma, double quotes, CRLF), header row; a cell that a spreadsheet would run
as a formula gets a leading apostrophe (see kekiz.inert.csv_cell).
"""

from __future__ import annotations

import csv
import io
import json

from kekiz.site.inert import clean_json, csv_cell
from kekiz.model.registry import Commune, PlacedStatement, Registry, Source
from kekiz.site.urls import absolute

DATA_PATH = "daten/"
JSON_FILE = f"{DATA_PATH}kommunen.json"
SCHEMA_FILE = f"{DATA_PATH}kommunen.schema.json"
COMMUNES_CSV = f"{DATA_PATH}kommunen.csv"
STATEMENTS_CSV = f"{DATA_PATH}aeusserungen.csv"
GEOJSON_FILE = f"{DATA_PATH}kommunen.geojson"

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
    ("kreis_slug", "Kennung dieses Kreises, wenn er selbst teilnimmt (sonst leer)"),
    ("statements", "Zahl der belegten Äußerungen (Einzelheiten in aeusserungen.csv)"),
    ("source_urls", "Web-Adressen der Quellen zur Teilnahme, durch Leerzeichen getrennt"),
    ("path", "Adresse der Seite der Kommune, relativ zur Startseite der Website"),
    ("url", "vollständige Adresse der Seite (leer, solange die öffentliche Adresse nicht eingestellt ist)"),
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
    ("form", "quote = wörtliches Zitat; reported = sinngemäße Wiedergabe, kein Zitat"),
    ("text", "Wortlaut (quote, ohne die äußeren Anführungszeichen) oder Wiedergabe (reported)"),
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


def attribution(site_name: str) -> str:
    """Namensnennung required by the registry's licence."""
    return f"{site_name} – Register der Kommunen"


def _source(source: Source) -> dict:
    return {"url": source.url, "publisher": source.publisher, "title": source.title,
            "date": source.date.iso if source.date else None}


def _statement(item: PlacedStatement, site_url: str | None) -> dict:
    st, path = item.statement, item.target
    return {
        "id": st.id, "added": st.added.iso, "date": st.date.iso if st.date else None, "form": st.form.value,
        "text": st.text, "speaker": st.speaker, "role": st.role, "context": st.context, "note": st.note,
        "source": _source(st.source), "path": path, "url": absolute(path, site_url),
    }


def commune_record(registry: Registry, commune: Commune, site_url: str | None) -> dict:
    """Every public registry field of a Kommune plus what follows from its AGS."""
    parent = registry.parent_kreis(commune)
    kreis = None
    if commune.kreis_name:
        kreis = {"ags": commune.kreis_ags, "name": commune.kreis_name, "slug": parent.slug if parent else None}
    return {
        "slug": commune.slug, "name": commune.name, "official_name": commune.official_name,
        "type": commune.type.value, "cohort": commune.cohort.value, "ags": commune.ags,
        "regierungsbezirk": commune.regierungsbezirk, "kreis": kreis,
        "former_slugs": list(commune.former_slugs),
        "sources": [_source(s) for s in commune.sources],
        "notes": [{"kind": n.kind.value, "text": n.text, "sources": [_source(s) for s in n.sources]}
                  for n in commune.notes],
        "statements": [_statement(PlacedStatement(commune, st), site_url) for st in commune.sorted_statements],
        "path": commune.path, "url": absolute(commune.path, site_url),
    }


def registry_json(registry: Registry, site_url: str | None) -> str:
    data = {
        "$schema": "kommunen.schema.json",
        "title": "Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen",
        "stand": registry.stand.iso,
        "license": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "license_url": "https://www.govdata.de/dl-de/by-2-0",
        "communes": [commune_record(registry, c, site_url) for c in registry.communes],
        "programme_statements": [_statement(PlacedStatement(None, st), site_url) for st in _oldest_first(registry.programme.statements)],
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


def _csv(header: tuple, rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([name for name, _ in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def commune_csv_row(registry: Registry, c: Commune, site_url: str | None) -> list:
    """One Kommune in the order of COMMUNE_COLUMNS (kommunen.csv and the GeoJSON properties)."""
    parent = registry.parent_kreis(c)
    return [c.slug, c.name, c.official_name, c.type.value, c.cohort.value, c.ags, c.regierungsbezirk,
            c.kreis_ags if c.kreis_name else None, c.kreis_name, parent.slug if parent else None,
            len(c.statements), " ".join(s.url for s in c.sources if s.url),
            c.path, absolute(c.path, site_url)]


def communes_csv(registry: Registry, site_url: str | None) -> str:
    return _csv(COMMUNE_COLUMNS, [commune_csv_row(registry, c, site_url) for c in registry.communes])


def _oldest_first(statements) -> tuple:
    """As Commune.sorted_statements: dated oldest first, undated last in file order."""
    dated = sorted((s for s in statements if s.date), key=lambda s: s.date.key)
    return tuple(dated) + tuple(s for s in statements if not s.date)


def statements_csv(registry: Registry, site_url: str | None) -> str:
    """The programme's statements first, then each Kommune's, oldest first within each."""
    items = [PlacedStatement(None, st) for st in _oldest_first(registry.programme.statements)]
    items += [PlacedStatement(c, st) for c in registry.communes for st in c.sorted_statements]
    rows = []
    for item in items:
        c, st, path = item.commune, item.statement, item.target
        src = st.source
        rows.append(["programm" if c is None else "kommune", c and c.slug, c and c.name, c and c.ags, st.id,
                     st.date.iso if st.date else None, st.added.iso, st.form.value,
                     st.text, st.speaker, st.role, st.context, st.note, src.url, src.publisher, src.title,
                     src.date.iso if src.date else None, path, absolute(path, site_url)])
    return _csv(STATEMENT_COLUMNS, rows)


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
    props["form"] |= {"enum": ["quote", "reported"]}
    props["text"] |= {"type": "string", "minLength": 1}
    for name in ("speaker", "role", "context", "note", "url"):
        props[name] |= _nullable("string")
    props["path"] |= {"type": "string"}
    described = dict(COMMUNE_COLUMNS)
    commune = {
        "type": "object", "additionalProperties": False,
        "required": ["slug", "name", "official_name", "type", "cohort", "ags", "regierungsbezirk", "kreis",
                     "former_slugs", "sources", "notes", "statements", "path", "url"],
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
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kommunen von „Kein Kind zurücklassen!“ (kommunen.json)",
        "type": "object", "additionalProperties": False,
        "required": ["$schema", "title", "stand", "license", "license_url", "communes", "programme_statements"],
        "properties": {
            "$schema": {"type": "string"}, "title": {"type": "string"},
            "stand": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                      "description": "Stand der Angaben: Tag der letzten Prüfung des Registers gegen die Quellen"},
            "license": {"type": "string"}, "license_url": {"type": "string"},
            "communes": {"type": "array", "items": commune},
            "programme_statements": {"type": "array", "items": statement,
                                     "description": "belegte Äußerungen zum Programm insgesamt, älteste zuerst"},
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def export_files(registry: Registry, site_url: str | None) -> dict[str, str]:
    return {
        JSON_FILE: registry_json(registry, site_url),
        SCHEMA_FILE: json_schema(),
        COMMUNES_CSV: communes_csv(registry, site_url),
        STATEMENTS_CSV: statements_csv(registry, site_url),
    }


def data_page(registry: Registry, site_name: str, site_url: str | None, operator, *, has_geojson: bool,
              geo_attribution: str | None, catalog_file: str, feed_file: str, press_path: str):
    """The "Daten" page: downloads, every field and column, licences, how to cite."""
    from markupsafe import Markup, escape

    from kekiz.site.context import RenderedPage
    from kekiz.site.templating import render

    def columns_table(columns, caption) -> Markup:
        rows = "".join(f"<tr><th scope=\"row\"><code>{escape(n)}</code></th>\n<td>{escape(t)}</td></tr>\n" for n, t in columns)
        return Markup('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\n<table>\n'
                      f"<caption>{escape(caption)}</caption>\n"
                      '<thead><tr><th scope="col">Spalte</th>\n<th scope="col">Bedeutung</th></tr></thead>\n'
                      f"<tbody>\n{rows}</tbody>\n</table>\n</div></div>")

    where = absolute(DATA_PATH, site_url) or f"/{DATA_PATH}"
    citation = (f"{site_name}: Register der Kommunen von „Kein Kind zurücklassen!“ in Nordrhein-Westfalen. "
                f"Stand der Angaben: {registry.stand.german}. {where}. Datenlizenz Deutschland – Namensnennung – Version 2.0.")
    files = {"json": JSON_FILE, "schema": SCHEMA_FILE, "communes_csv": COMMUNES_CSV, "statements_csv": STATEMENTS_CSV,
             "geojson": GEOJSON_FILE if has_geojson else None, "catalog": catalog_file, "feed": feed_file}
    html = render("data.html.j2", DATA_PATH, stand=registry.stand, count=len(registry.communes), files=files,
                  press=press_path, commune_columns=COMMUNE_COLUMNS, statement_columns=STATEMENT_COLUMNS,
                  columns_table=columns_table, attribution=attribution(site_name),
                  geo_attribution=geo_attribution, citation=citation, operator=operator, site_url=site_url)
    description = ("Offene Daten zu „Kein Kind zurücklassen!“: alle Kommunen und Äußerungen als JSON, CSV und GeoJSON, "
                   "mit Feldbeschreibung, Lizenzen und Zitiervorschlag.")
    return RenderedPage(DATA_PATH, "Daten", description, html)
