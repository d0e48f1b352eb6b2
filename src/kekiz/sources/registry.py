"""Load and validate the registry (data/communes.yaml) and programme facts (data/programme.yaml).

The only way to get a `Registry`. The JSON Schemas in data/ are the one statement of the
structure — editors' tools check the same files while typing — and `kekiz.contract` turns
their findings into German messages. This module adds only what a schema cannot say:
uniqueness across entries, the AGS against its type and the real Kreise and Gemeinden,
quotation marks around texts and colliding former slugs. Then it builds the model.
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from kekiz.model import nrw
from kekiz.model.geo import GeoData, GeoDataError
from kekiz.model.german import Case, kreis_phrase, place_phrase
from kekiz.model.registry import (AllTowns, Cohort, CohortInfo, Commune, CommuneType, JointApplication, LaterPartner,
                                   Milestone, Note, NoteKind, PartialDate, Programme, Registry, Source, Statement,
                                   StatementForm)
from kekiz.sources import messages
from kekiz.sources.contract import MAX_MESSAGES, Contract, subject_of
from kekiz.sources.diagnostics import Diagnostic, RegistryError, shown
from kekiz.sources.geodata import load_geodata
from kekiz.sources.yamlsource import Document, Path_, read_yaml

REGISTRY_ENV = "KEKIZ_REGISTRY"
REGISTRY_FILE = Path("data/communes.yaml")
PROGRAMME_FILE = Path("data/programme.yaml")
DATA_DIR = Path(__file__).resolve().parents[3] / "data"
REGISTRY_SCHEMA = "communes.schema.json"
PROGRAMME_SCHEMA = "programme.schema.json"
GEODATA = "nrw-geo.json"
SPECIAL_CASES = "special-cases.json"
SPECIAL_CASES_SCHEMA = "special-cases.schema.json"

_OPENING_QUOTES = "„“\"«»‚‘'"
_CLOSING_QUOTES = "“”\"»«‘’'"


def project_registry_path(root: Path) -> Path:
    """The registry file: $KEKIZ_REGISTRY if set (tests use it), else data/communes.yaml."""
    override = os.environ.get(REGISTRY_ENV)
    return Path(override) if override else root / REGISTRY_FILE


def load_project(root: Path, geo: GeoData | None = None) -> Registry:
    """Load the registry and programme facts of the project at `root`; `geo`: its boundary data,
    if the caller has read them already (kekiz.sources.load_inputs), so they are read once."""
    return load(project_registry_path(root), root / PROGRAMME_FILE, display_root=root, data_dir=root / "data",
                geo=geo)


def load(registry_file: Path, programme_file: Path, *, display_root: Path | None = None,
         data_dir: Path = DATA_DIR, geo: GeoData | None = None) -> Registry:
    """Read, validate and build the model; raise RegistryError listing every problem."""
    reg_doc = read_yaml(registry_file, display_path(registry_file, display_root))
    prog_doc = read_yaml(programme_file, display_path(programme_file, display_root))
    problems: list[Diagnostic] = reg_doc.problems + prog_doc.problems
    registry_ok = _check(reg_doc, data_dir / REGISTRY_SCHEMA, problems, _registry_rules(data_dir, geo, display_root))
    programme_ok = _check(prog_doc, data_dir / PROGRAMME_SCHEMA, problems, _programme_rules)
    if problems or not registry_ok or not programme_ok:
        raise RegistryError(problems or [Diagnostic(reg_doc.file, 1, 1, "", "", *messages.REGISTRY_EMPTY)])
    return Registry(communes=tuple(_commune(reg_doc, i, raw) for i, raw in enumerate(reg_doc.data["communes"])),
                    programme=_programme(prog_doc.data), stand=PartialDate.parse(reg_doc.data["stand"]))


def _check(doc: Document, schema_file: Path, problems: list[Diagnostic], rules) -> bool:
    """Schema, then the rules a schema cannot state. True if the file was read at all."""
    if doc.problems:
        return False
    try:
        contract = _contract(schema_file)
    except (OSError, ValueError) as exc:  # a project file, not the editors' input (an invalid schema too)
        problems.append(Diagnostic(schema_file.as_posix(), 1, 1, "", "", *messages.schema_unreadable(shown(str(exc)))))
        return False
    before = len(problems)
    problems.extend(contract.diagnostics(doc))
    if rules is not None and len(problems) == before:
        problems.extend(rules(doc, contract))
    return doc.data is not None


@lru_cache(maxsize=8)
def _cached_contract(schema_file: Path, mtime: float) -> Contract:
    return Contract(json.loads(schema_file.read_text(encoding="utf-8")))


def _contract(schema_file: Path) -> Contract:
    return _cached_contract(schema_file, schema_file.stat().st_mtime)


def display_path(path: Path, root: Path | None) -> str:
    """Show paths relative to the project (or the working directory) when possible."""
    path = path.absolute()
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return path.relative_to(base.absolute()).as_posix()
            except ValueError:
                pass
    return str(path)


# -- rules a schema cannot state ------------------------------------------------------------
class _Areas:
    """The Kreise and Gemeinden of NRW (the boundary data) and the named exceptions."""

    def __init__(self, geo: GeoData, special: dict):
        self.kreise = {k.ags: k.name for k in geo.kreise}
        self.gemeinden = {g.ags: g.name for g in geo.gemeinden}
        self.towns_of: dict[str, dict[str, str]] = {}   # Kreis AGS -> {Gemeinde name: AGS}
        for ags, name in self.gemeinden.items():
            self.towns_of.setdefault(ags[:5], {})[name] = ags
        # Cities filed under a Kreis that keep the status of a kreisfreie Stadt (Aachen).
        self.kreisfrei_in_kreis = {e["ags"]: e for e in special["kreisfreie_staedte_in_kreisen"]}


def _registry_rules(data_dir: Path, geo: GeoData | None, display_root: Path | None):
    def rules(doc: Document, contract: Contract) -> list[Diagnostic]:
        special = read_special_cases(data_dir / SPECIAL_CASES, display_path(data_dir / SPECIAL_CASES, display_root))
        if isinstance(special, list):
            return special
        areas_geo = geo
        if areas_geo is None:  # called on its own (tests, bench): read the boundary data here
            try:
                areas_geo = load_geodata(data_dir / GEODATA)
            except GeoDataError as error:
                return [Diagnostic(f"{data_dir.name}/{GEODATA}", 1, 1, "", "",
                                   *messages.geodata_areas_unreadable(shown(str(error))))]
        return _Rules(doc, _Areas(areas_geo, special), contract).run()
    return rules


def read_special_cases(path: Path, display_name: str) -> dict | list[Diagnostic]:
    """data/special-cases.json against its schema: the exceptions, or the problems."""
    doc = read_yaml(path, display_name)  # JSON is YAML: the same reader, with lines and columns
    if doc.problems:
        return doc.problems
    schema_file = path.with_name(SPECIAL_CASES_SCHEMA)
    try:
        contract = _contract(schema_file)
    except (OSError, ValueError) as exc:  # a project file, not the editors' input
        return [Diagnostic(schema_file.as_posix(), 1, 1, "", "", *messages.schema_unreadable(shown(str(exc))))]
    return contract.diagnostics(doc) or doc.data


class _Rules:
    """Runs on schema-valid data only, so every field has its declared shape."""

    def __init__(self, doc: Document, areas: _Areas, contract: Contract):
        self.doc, self.areas, self.contract = doc, areas, contract
        self.problems: list[Diagnostic] = []
        self.entries: list[dict] = doc.data["communes"]

    def error(self, path: Path_, message: tuple[str, str]) -> None:
        line, col = self.doc.where(path)
        if len(self.problems) >= MAX_MESSAGES:
            if len(self.problems) == MAX_MESSAGES:
                self.problems.append(Diagnostic(self.doc.file, line, col, "", "", *messages.more_not_shown(MAX_MESSAGES)))
            return
        subject, field = subject_of(self.doc.data, path, self.contract)
        self.problems.append(Diagnostic(self.doc.file, line, col, subject, field, *message))

    def run(self) -> list[Diagnostic]:
        slugs: dict[str, int] = {}
        ags_seen: dict[str, str] = {}
        for index, entry in enumerate(self.entries):
            path = ("communes", index)
            slug, ags = entry["slug"], entry["ags"]
            if slug in slugs:
                self.error(path + ("slug",), messages.slug_taken(slug, slugs[slug]))
            else:
                slugs[slug] = self.doc.where(path + ("slug",))[0]
            if ags in ags_seen:
                self.error(path + ("ags",), messages.ags_taken(ags, ags_seen[ags]))
            else:
                ags_seen[ags] = slug
            self.ags(path, CommuneType(entry["type"]), ags)
            self.towns(path, entry)
            ids: dict[str, int] = {}
            for i, statement in enumerate(entry["statements"]):
                sid = statement["id"]
                if sid in ids:
                    self.error(path + ("statements", i, "id"), messages.statement_id_taken(sid, ids[sid] + 1))
                else:
                    ids[sid] = i
                self.quotes(path + ("statements", i), statement)
        claimed: dict[str, str] = {}
        for index, entry in enumerate(self.entries):
            for i, old in enumerate(entry.get("former_slugs", [])):
                where = ("communes", index, "former_slugs", i)
                if old in slugs:
                    self.error(where, messages.former_slug_is_current(old))
                elif old in claimed and claimed[old] != entry["slug"]:
                    self.error(where, messages.former_slug_elsewhere(old, claimed[old]))
                else:
                    claimed[old] = entry["slug"]
        return self.problems

    def ags(self, path: Path_, ctype: CommuneType, ags: str) -> None:
        """The schema knows the shape (05…, 5 or 8 digits by type); here: does the area exist, and its status."""
        where = path + ("ags",)
        kreis_ags = ags[:5]
        if kreis_ags not in self.areas.kreise:
            self.error(where, messages.no_such_kreis(kreis_ags))
            return
        kreis = nrw.KREISE.get(kreis_ags, (self.areas.kreise[kreis_ags], False))
        kreis_name, kreisfrei = kreis
        in_kreis = place_phrase(kreis_name, Case.LOCATIVE) if kreisfrei else kreis_phrase(kreis_name, Case.LOCATIVE)
        if ctype is CommuneType.KREIS:
            if kreisfrei:
                self.error(where, messages.kreisfrei_not_kreis(ags, kreis_name))
            return
        if ags not in self.areas.gemeinden:
            self.error(where, messages.no_such_gemeinde(ags, in_kreis))
            return
        exception = self.areas.kreisfrei_in_kreis.get(ags)
        if ctype is CommuneType.KREISFREIE_STADT and not kreisfrei and exception is None:
            self.error(where, messages.not_kreisfrei(ags, self.areas.gemeinden[ags], in_kreis))
        elif ctype is CommuneType.KREISANGEHOERIGE_STADT and (kreisfrei or exception is not None):
            self.error(where, messages.kreisfrei_not_kreisangehoerig(ags, self.areas.gemeinden[ags],
                                                                     bool(exception)))

    def quotes(self, path: Path_, statement: dict) -> None:
        _quote_marks(path, statement, self.error)

    # the lists of a Kreis's towns: each name one of its Gemeinden (VG250 spelling), each town in one list
    _TOWN_LISTS = (("partners", None), ("later_partners", "name"), ("youth_office_for", None))

    def towns(self, path: Path_, entry: dict) -> None:
        """Town names under joint_application (a Kreis) and all_towns (only a Kreis has one)."""
        is_kreis = entry["type"] == CommuneType.KREIS.value
        if "all_towns" in entry and not is_kreis:
            self.error(path + ("all_towns",), messages.all_towns_not_a_kreis(CommuneType(entry["type"]).label))
        joint = entry.get("joint_application")
        if joint is None:
            return
        if not is_kreis:
            for key, _ in self._TOWN_LISTS[1:]:
                if joint.get(key):
                    self.error(path + ("joint_application", key), messages.town_list_not_a_kreis(key))
            return
        kreis_ags = entry["ags"]
        own = self.areas.towns_of.get(kreis_ags)
        if own is None:  # no such Kreis: reported at the AGS
            return
        kreis_name = nrw.KREISE.get(kreis_ags, (self.areas.kreise.get(kreis_ags, kreis_ags), False))[0]
        in_kreis = kreis_phrase(kreis_name, Case.LOCATIVE)
        listed: dict[str, str] = {}
        for key, field in self._TOWN_LISTS:
            for i, item in enumerate(joint.get(key, ())):
                where = path + ("joint_application", key, i) + ((field,) if field else ())
                name = (item[field] if field else item).strip()
                if name not in own:
                    elsewhere = sorted(nrw.KREISE.get(a[:5], (self.areas.kreise.get(a[:5], a[:5]), False))
                                       for a, n in self.areas.gemeinden.items() if n == name)
                    self.error(where, messages.town_not_in_kreis(
                        name, in_kreis, _closest(name, own),
                        [None if kreisfrei else kreis_phrase(k, Case.LOCATIVE) for k, kreisfrei in elsewhere]))
                elif name in listed and listed[name] != key:
                    self.error(where, messages.town_in_two_lists(name, listed[name]))
                else:
                    listed.setdefault(name, key)


def _closest(name: str, names) -> str | None:
    """The Gemeinde an editor probably meant: "Fröndenberg" -> "Fröndenberg/Ruhr", "Lünnen" -> "Lünen"."""
    folded = {n.casefold(): n for n in names}
    starts = sorted(n for f, n in folded.items() if f.startswith(name.casefold()) or name.casefold().startswith(f))
    if starts and name.strip():
        return starts[0]
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def _programme_rules(doc: Document, contract: Contract) -> list[Diagnostic]:
    """Programme statements: unique ids, no outer quotation marks (as for the Kommunen's)."""
    problems: list[Diagnostic] = []

    def error(path: Path_, message: tuple[str, str]) -> None:
        line, col = doc.where(path)
        subject, field = subject_of(doc.data, path, contract)
        problems.append(Diagnostic(doc.file, line, col, subject, field, *message))

    ids: dict[str, int] = {}
    for i, statement in enumerate(doc.data.get("statements", ())):
        sid = statement["id"]
        if sid in ids:
            error(("statements", i, "id"), messages.programme_statement_id_taken(sid, ids[sid] + 1))
        else:
            ids[sid] = i
        _quote_marks(("statements", i), statement, error)
    return problems[:MAX_MESSAGES]


def _quote_marks(path: Path_, statement: dict, error) -> None:
    stripped = statement["text"].strip()
    if stripped[:1] in _OPENING_QUOTES and stripped[-1:] in _CLOSING_QUOTES:
        error(path + ("text",), messages.text_in_quotation_marks(statement["form"] == StatementForm.QUOTE.value))


# -- the model, from valid data ----------------------------------------------------------------
def _date(value: str | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def _text(value: str | None) -> str | None:
    return None if value is None else value.strip()


def _source(raw: dict) -> Source:
    return Source(url=raw["url"], publisher=_text(raw["publisher"]), title=_text(raw.get("title")),
                  date=_date(raw.get("date")))


def _sources(raw: list) -> tuple[Source, ...]:
    return tuple(_source(s) for s in raw)


def _statement(raw: dict) -> Statement:
    return Statement(id=raw["id"], added=PartialDate.parse(raw["added"]), text=raw["text"].strip(),
                     form=StatementForm(raw["form"]), speaker=_text(raw["speaker"]), role=_text(raw["role"]),
                     date=_date(raw["date"]), source=_source(raw["source"]),
                     context=_text(raw.get("context")), note=_text(raw.get("note")))


def _joint_application(raw: dict | None) -> JointApplication | None:
    if raw is None:
        return None
    return JointApplication(text=raw["text"].strip(), partners=tuple(p.strip() for p in raw["partners"]),
                            sources=_sources(raw["sources"]),
                            later_partners=tuple(LaterPartner(p["name"].strip(), _date(p["joined"]))
                                                 for p in raw.get("later_partners", ())),
                            youth_office_for=tuple(t.strip() for t in raw.get("youth_office_for", ())))


def _all_towns(raw: dict | None) -> AllTowns | None:
    return None if raw is None else AllTowns(text=raw["text"].strip(), sources=_sources(raw["sources"]))


def _commune(doc: Document, index: int, raw: dict) -> Commune:
    return Commune(
        slug=raw["slug"], name=raw["name"].strip(), official_name=raw["official_name"].strip(),
        type=CommuneType(raw["type"]), cohort=Cohort(raw["cohort"]), ags=raw["ags"],
        sources=_sources(raw["sources"]), statements=tuple(_statement(s) for s in raw["statements"]),
        former_slugs=tuple(raw.get("former_slugs", ())),
        notes=tuple(Note(kind=NoteKind(n["kind"]), text=n["text"].strip(), sources=_sources(n["sources"]))
                    for n in raw.get("notes", ())),
        joint_application=_joint_application(raw.get("joint_application")),
        all_towns=_all_towns(raw.get("all_towns")),
        line=doc.where(("communes", index))[0],
    )


def _programme(data: dict[str, Any]) -> Programme:
    cohorts = {Cohort(c["cohort"]): CohortInfo(Cohort(c["cohort"]), c["programme"].strip(), c["summary"].strip(),
                                               _sources(c["sources"])) for c in data["cohorts"]}
    milestones = [Milestone(PartialDate.parse(m["date"]), m["label"].strip(), _sources(m["sources"]),
                            note=_text(m.get("note")), sequel=m.get("sequel", False)) for m in data["milestones"]]
    return Programme(cohorts=cohorts, milestones=tuple(sorted(milestones, key=lambda m: m.date.key)),
                     statements=tuple(_statement(s) for s in data.get("statements", ())))
