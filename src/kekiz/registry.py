"""Load and validate the registry (data/communes.yaml) and programme facts (data/programme.yaml).

The only way to get a `Registry`: every rule is checked, every problem is reported at
once with file, line, Kommune, field, what is wrong and how to fix it.
The field names here are the contract published in data/communes.schema.json; a test
keeps the two in step.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import nrw
from .diagnostics import Diagnostic, RegistryError
from .model import (
    Cohort,
    CohortInfo,
    Commune,
    CommuneType,
    JointApplication,
    Milestone,
    Note,
    NoteKind,
    PartialDate,
    Programme,
    Registry,
    Source,
    Statement,
    StatementForm,
)
from .yamlsource import Document, Path_, format_path, read_yaml

REGISTRY_ENV = "KEKIZ_REGISTRY"
REGISTRY_FILE = Path("data/communes.yaml")
PROGRAMME_FILE = Path("data/programme.yaml")

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
NAME_RE = re.compile(r"^[^\W_][\w .()/’-]*$")  # letters first; no < > & " ' or control characters

# Required (True) and optional (False) fields of each object: the registry contract.
COMMUNE_FIELDS = {
    "slug": True, "name": True, "official_name": True, "type": True, "cohort": True,
    "ags": True, "sources": True, "statements": True, "former_slugs": False, "notes": False,
    "joint_application": False,
}
JOINT_APPLICATION_FIELDS = {"text": True, "partners": True, "sources": True}
SOURCE_FIELDS = {"url": True, "publisher": True, "title": False, "date": False}
STATEMENT_SOURCE_FIELDS = {"url": True, "publisher": True, "title": True, "date": False}
STATEMENT_FIELDS = {
    "id": True, "added": True, "text": True, "form": True, "speaker": True, "role": True, "date": True, "source": True,
    "context": False, "note": False,
}
NOTE_FIELDS = {"kind": True, "text": True, "sources": True}
PROGRAMME_FIELDS = {"cohorts": True, "milestones": True}
COHORT_FIELDS = {"cohort": True, "programme": True, "summary": True, "sources": True}
MILESTONE_FIELDS = {"date": True, "label": True, "sources": True, "note": False}

_OPENING_QUOTES = "„“\"«»"
_CLOSING_QUOTES = "“”\"»«"


def project_registry_path(root: Path) -> Path:
    """The registry file: $KEKIZ_REGISTRY if set (tests use it), else data/communes.yaml."""
    override = os.environ.get(REGISTRY_ENV)
    return Path(override) if override else root / REGISTRY_FILE


def load_project(root: Path) -> Registry:
    """Load the registry and programme facts of the project at `root`."""
    return load(project_registry_path(root), root / PROGRAMME_FILE, display_root=root)


def load(registry_file: Path, programme_file: Path, *, display_root: Path | None = None) -> Registry:
    """Read, validate and build the model; raise RegistryError listing every problem."""
    reg_doc = read_yaml(registry_file, _display(registry_file, display_root))
    prog_doc = read_yaml(programme_file, _display(programme_file, display_root))
    problems = reg_doc.problems + prog_doc.problems
    registry_validator = _Validator(reg_doc, problems)
    communes = registry_validator.communes()
    programme = _Validator(prog_doc, problems).programme()
    if problems or communes is None or programme is None or registry_validator.stand is None:
        raise RegistryError(problems)
    return Registry(communes=communes, programme=programme, stand=registry_validator.stand)


def _display(path: Path, root: Path | None) -> str:
    """Show paths relative to the project (or the working directory) when possible."""
    path = path.absolute()
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return path.relative_to(base.absolute()).as_posix()
            except ValueError:
                pass
    return str(path)


class _Validator:
    def __init__(self, doc: Document, problems: list[Diagnostic]):
        self.doc = doc
        self.problems = problems
        self.subject = ""
        self.stand: PartialDate | None = None  # "Stand der Angaben", a day

    # -- reporting -----------------------------------------------------------------
    def structural_problems(self) -> None:
        """Report what the YAML reader found (duplicate keys, tags, aliases) like any other error."""
        data = self.doc.data
        for path, line, col, problem, fix in self.doc.structural:
            entry = data.get(path[0]) if isinstance(data, dict) and path else None
            if isinstance(entry, list) and len(path) >= 2 and isinstance(path[1], int) and path[1] < len(entry):
                self.subject = _subject(entry[path[1]], path[1])
            self.problems.append(Diagnostic(self.doc.file, line, col, self.subject, _field(path), problem, fix))
            self.subject = ""

    def error(self, path: Path_, problem: str, fix: str, *, at_key: bool = False) -> None:
        if self.doc.is_broken(path):
            return  # already reported by the YAML reader
        line, col = self.doc.key_where(path) if at_key else self.doc.where(path)
        self.problems.append(Diagnostic(self.doc.file, line, col, self.subject, _field(path), problem, fix))

    # -- top level -----------------------------------------------------------------
    def communes(self) -> tuple[Commune, ...] | None:
        self.structural_problems()
        if self.doc.data is None:
            return None
        top = self.mapping(self.doc.data, (), {"stand": True, "communes": True}, "die Datei")
        if top is None or "communes" not in top:
            return None
        self.stand = self.full_date(top, "stand", ())
        entries = self.list_of(top, "communes", ("communes",), min_items=1)
        if entries is None:
            return None
        result = []
        for index, raw in enumerate(entries):
            path: Path_ = ("communes", index)
            self.subject = _subject(raw, index)
            commune = self.commune(raw, path)
            if commune is not None:
                result.append(commune)
        self.subject = ""
        self.cross_checks(entries, result)
        return tuple(result)

    def programme(self) -> Programme | None:
        self.structural_problems()
        if self.doc.data is None:
            return None
        top = self.mapping(self.doc.data, (), PROGRAMME_FIELDS, "die Datei")
        if top is None:
            return None
        cohorts: dict[Cohort, CohortInfo] = {}
        for index, raw in enumerate(self.list_of(top, "cohorts", ("cohorts",), min_items=1) or []):
            path = ("cohorts", index)
            self.subject = f"Jahrgang {raw.get('cohort')}" if isinstance(raw, dict) else f"Eintrag {index + 1}"
            m = self.mapping(raw, path, COHORT_FIELDS, "ein Jahrgang")
            if m is None:
                continue
            cohort = self.enum(m, "cohort", path, Cohort, "2012 oder 2017")
            info = (cohort, self.text(m, "programme", path), self.text(m, "summary", path),
                    self.sources(m, "sources", path))
            if cohort in cohorts:
                self.error(path + ("cohort",), f"der Jahrgang {cohort.value} ist doppelt beschrieben",
                           "einen der beiden Einträge löschen")
            elif None not in info:
                cohorts[cohort] = CohortInfo(*info)
        self.subject = ""
        missing = [c for c in Cohort if c not in cohorts]
        if missing and top.get("cohorts"):
            self.error(("cohorts",), "es fehlt eine Beschreibung für " + ", ".join(str(c.value) for c in missing),
                       "für jeden Jahrgang (2012 und 2017) einen Eintrag anlegen")
        milestones = []
        for index, raw in enumerate(self.list_of(top, "milestones", ("milestones",)) or []):
            path = ("milestones", index)
            self.subject = f"Meilenstein {index + 1}"
            m = self.mapping(raw, path, MILESTONE_FIELDS, "ein Meilenstein")
            if m is None:
                continue
            parts = (self.date(m, "date", path), self.text(m, "label", path), self.sources(m, "sources", path))
            note = self.text(m, "note", path, required=False)
            if None not in parts:
                milestones.append(Milestone(*parts, note=note))
        self.subject = ""
        if missing or len(milestones) != len(top.get("milestones") or []):
            return None
        return Programme(cohorts=cohorts, milestones=tuple(sorted(milestones, key=lambda m: m.date.key)))

    # -- one Kommune -----------------------------------------------------------------
    def commune(self, raw: Any, path: Path_) -> Commune | None:
        m = self.mapping(raw, path, COMMUNE_FIELDS, "ein Eintrag einer Kommune")
        if m is None:
            return None
        slug = self.slug(m, "slug", path)
        name = self.name(m, "name", path)
        official = self.name(m, "official_name", path)
        ctype = self.enum(m, "type", path, CommuneType, "kreisfreie-stadt, kreis oder kreisangehoerige-stadt")
        cohort = self.enum(m, "cohort", path, Cohort,
                           "2012 (Modellphase) oder 2017 (Landesinitiative), ohne Anführungszeichen")
        ags = self.ags(m, path, ctype)
        sources = self.sources(m, "sources", path)
        statements = self.items(m, "statements", path, self.statement)
        former = self.items(m, "former_slugs", path, self.former_slug, required=False)
        notes = self.items(m, "notes", path, self.note, required=False)
        joint = self.joint_application(m["joint_application"], path + ("joint_application",)) \
            if "joint_application" in m else None
        required = (slug, name, official, ctype, cohort, ags, sources, statements)
        if None in required or former is None or notes is None or ("joint_application" in m and joint is None):
            return None
        return Commune(slug=slug, name=name, official_name=official, type=ctype, cohort=cohort, ags=ags,
                       sources=sources, statements=statements, former_slugs=former, notes=notes,
                       joint_application=joint, line=self.doc.where(path)[0])

    def joint_application(self, raw: Any, path: Path_) -> JointApplication | None:
        m = self.mapping(raw, path, JOINT_APPLICATION_FIELDS, "eine gemeinsame Bewerbung")
        if m is None:
            return None
        text = self.text(m, "text", path)
        partners = self.items(m, "partners", path, self.partner)
        sources = self.sources(m, "sources", path)
        if None in (text, partners, sources):
            return None
        return JointApplication(text=text, partners=partners, sources=sources)

    def ags(self, m: dict, path: Path_, ctype: CommuneType | None) -> str | None:
        if "ags" not in m:
            return None  # reported as missing by mapping()
        value, where = m["ags"], path + ("ags",)
        if isinstance(value, int) and not isinstance(value, bool):
            self.error(where, "der AGS steht ohne Anführungszeichen und wird so als Zahl gelesen "
                              "(führende Null geht verloren)",
                       'den AGS in Anführungszeichen setzen, z. B. ags: "05114000"')
            return None
        if not isinstance(value, str):
            self.error(where, f"der AGS muss Text sein, gefunden: {_kind(value)}",
                       'den AGS in Anführungszeichen angeben, z. B. ags: "05114000"')
            return None
        if not value.isdigit() or not value.isascii():
            self.error(where, f"„{value}“ ist kein AGS: er besteht nur aus Ziffern",
                       'den Amtlichen Gemeindeschlüssel eintragen, z. B. "05114000"')
            return None
        if not value.startswith("05"):
            self.error(where, f"„{value}“ liegt nicht in Nordrhein-Westfalen (NRW-Schlüssel beginnen mit 05)",
                       "den AGS im Gemeindeverzeichnis nachschlagen")
            return None
        if ctype is None:
            return value
        expected = ctype.ags_length
        if len(value) != expected:
            what = "einen 5-stelligen Kreisschlüssel" if expected == 5 else "einen 8-stelligen Gemeindeschlüssel"
            self.error(where, f"„{value}“ hat {len(value)} Ziffern, ein Eintrag vom Typ {ctype.value} hat {what}",
                       "den AGS oder den Typ (type) berichtigen")
            return None
        kreis = nrw.KREISE.get(value[:5])
        if kreis is None:
            self.error(where, f"„{value[:5]}“ ist kein Kreis und keine kreisfreie Stadt in NRW",
                       "den AGS im Gemeindeverzeichnis nachschlagen")
            return None
        kreis_name, kreisfrei = kreis
        if ctype is CommuneType.KREIS and kreisfrei:
            self.error(where, f"„{value}“ ist der Schlüssel der kreisfreien Stadt {kreis_name}, nicht eines Kreises",
                       "den Typ auf kreisfreie-stadt ändern und den 8-stelligen AGS eintragen")
            return None
        if ctype is CommuneType.KREISANGEHOERIGE_STADT and kreisfrei:
            self.error(where, f"„{value}“ gehört zur kreisfreien Stadt {kreis_name}, nicht zu einem Kreis",
                       "den Typ (type) oder den AGS berichtigen")
            return None
        return value

    def statement(self, raw: Any, path: Path_) -> Statement | None:
        m = self.mapping(raw, path, STATEMENT_FIELDS, "eine Äußerung")
        if m is None:
            return None
        statement_id = self.slug(m, "id", path)
        added = self.full_date(m, "added", path)
        text = self.text(m, "text", path)
        form = self.enum(m, "form", path, StatementForm,
                         "quote (wörtliches Zitat) oder reported (sinngemäße Wiedergabe)")
        speaker = self.text(m, "speaker", path, nullable=True)
        role = self.text(m, "role", path, nullable=True)
        date = self.date(m, "date", path, nullable=True)
        source = self.source(m.get("source"), path + ("source",), statement=True) if "source" in m else None
        context = self.text(m, "context", path, required=False)
        note = self.text(m, "note", path, required=False)
        if text is not None and form is not None:
            stripped = text.strip()
            if stripped[:1] in _OPENING_QUOTES and stripped[-1:] in _CLOSING_QUOTES:
                fix = ("die äußeren Anführungszeichen löschen; die Website setzt sie selbst"
                       if form is StatementForm.QUOTE else
                       "eine Wiedergabe steht nie in Anführungszeichen: Zeichen löschen, "
                       "oder form: quote, wenn die Quelle wörtlich zitiert")
                self.error(path + ("text",), "der Text steht in Anführungszeichen", fix)
                return None
        if None in (statement_id, added, text, form, source) or any(
                k not in m for k in ("speaker", "role", "date")) or _failed(m, ("speaker", "role", "date"), (speaker, role, date)):
            return None
        return Statement(id=statement_id, added=added, text=text, form=form, speaker=speaker, role=role, date=date, source=source,
                         context=context, note=note)

    def note(self, raw: Any, path: Path_) -> Note | None:
        m = self.mapping(raw, path, NOTE_FIELDS, "ein Hinweis")
        if m is None:
            return None
        kind = self.enum(m, "kind", path, NoteKind, "hinweis oder widerspruch")
        text = self.text(m, "text", path)
        sources = self.sources(m, "sources", path)
        if None in (kind, text, sources):
            return None
        return Note(kind=kind, text=text, sources=sources)

    def partner(self, raw: Any, path: Path_) -> str | None:
        """One partner of a joint application: a name as the source writes it."""
        if not isinstance(raw, str) or not raw.strip():
            self.error(path, f"hier wird der Name einer Kommune erwartet, gefunden: {_kind(raw)}",
                       'den Namen so eintragen, wie die Quelle ihn nennt, z. B. "Lünen"')
            return None
        return raw.strip()

    def former_slug(self, raw: Any, path: Path_) -> str | None:
        return self.slug({"former_slug": raw}, "former_slug", path, where=path)

    # -- sources -----------------------------------------------------------------------
    def sources(self, m: dict, key: str, path: Path_) -> tuple[Source, ...] | None:
        return self.items(m, key, path, lambda raw, p: self.source(raw, p), min_items=1)

    def source(self, raw: Any, path: Path_, *, statement: bool = False) -> Source | None:
        fields = STATEMENT_SOURCE_FIELDS if statement else SOURCE_FIELDS
        m = self.mapping(raw, path, fields, "eine Quelle")
        if m is None:
            return None
        url = self.url(m, "url", path, nullable=statement)
        publisher = self.text(m, "publisher", path, nullable=statement)
        title = self.text(m, "title", path, nullable=True, required=statement)
        date = self.date(m, "date", path, nullable=True, required=False)
        if _failed(m, ("url", "publisher", "title", "date"), (url, publisher, title, date)) \
                or any(k not in m for k, req in fields.items() if req):
            return None
        if url is None and title is None:
            self.error(path, "die Quelle hat weder Web-Adresse (url) noch Titel (title)",
                       "mindestens eines von beiden angeben, damit Leser die Quelle finden")
            return None
        return Source(url=url, publisher=publisher, title=title, date=date)

    # -- primitives --------------------------------------------------------------------
    def mapping(self, raw: Any, path: Path_, fields: dict[str, bool], what: str) -> dict | None:
        if not isinstance(raw, dict):
            if raw is not None or path:
                self.error(path, f"hier wird {what} mit Feldern erwartet, gefunden: {_kind(raw)}",
                           "Einrückung prüfen: Felder stehen als „name: wert“ untereinander")
            return None
        for key in raw:
            if key not in fields:
                guess = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                fix = f"meinten Sie „{guess[0]}“?" if guess else "erlaubt sind: " + ", ".join(fields)
                self.error(path + (key,), f"unbekanntes Feld „{key}“", fix, at_key=True)
        for key, required in fields.items():
            if required and key not in raw:
                self.error(path, f"das Pflichtfeld „{key}“ fehlt",
                           f"„{key}:“ ergänzen" + (" (unbekannt: null)" if key in ("speaker", "role", "date", "title") else ""))
        return raw

    def items(self, m: dict, key: str, path: Path_, parse: Callable[[Any, Path_], Any], *,
              required: bool = True, min_items: int = 0) -> tuple | None:
        if key not in m:
            return None if required else ()
        raw_list = self.list_of(m, key, path + (key,), min_items=min_items)
        if raw_list is None:
            return None
        parsed = [parse(raw, path + (key, i)) for i, raw in enumerate(raw_list)]
        return None if any(p is None for p in parsed) else tuple(parsed)

    def list_of(self, m: dict, key: str, path: Path_, *, min_items: int = 0) -> list | None:
        value = m.get(key)
        if value is None and key in m and min_items == 0:
            return []
        if not isinstance(value, list):
            self.error(path, f"hier wird eine Liste erwartet, gefunden: {_kind(value)}",
                       "jeden Listeneintrag in eine eigene Zeile mit „- “ schreiben (leer: [])")
            return None
        if len(value) < min_items:
            self.error(path, "die Liste ist leer", "mindestens einen Eintrag angeben")
            return None
        return value

    def text(self, m: dict, key: str, path: Path_, *, nullable: bool = False,
             required: bool = True) -> str | None:
        if key not in m:
            return None
        value = m[key]
        if value is None:
            if not nullable:
                self.error(path + (key,), "der Wert ist leer", "einen Text eintragen")
            return None
        if not isinstance(value, str):
            self.error(path + (key,), f"hier wird Text erwartet, gefunden: {_kind(value)}",
                       "den Wert in Anführungszeichen setzen")
            return None
        if not value.strip():
            self.error(path + (key,), "der Text ist leer", "Text eintragen" + (" oder null" if nullable else ""))
            return None
        return value.strip()

    def name(self, m: dict, key: str, path: Path_) -> str | None:
        """A Kommune's name: plain words only, since themes print page titles without escaping."""
        value = self.text(m, key, path)
        if value is not None and not NAME_RE.match(value):
            bad = sorted({ch for ch in value if not NAME_RE.match(ch) and ch != " "})
            self.error(path + (key,), "der Name enthält nicht erlaubte Zeichen: " + " ".join(repr(c)[1:-1] for c in bad),
                       "nur Buchstaben, Ziffern, Leerzeichen und . - ( ) / verwenden")
            return None
        return value

    def enum(self, m: dict, key: str, path: Path_, enum: type, allowed: str):
        if key not in m:
            return None
        try:
            return enum(m[key])
        except (ValueError, TypeError):
            self.error(path + (key,), f"„{m[key]}“ ist kein erlaubter Wert", f"erlaubt sind: {allowed}")
            return None

    def date(self, m: dict, key: str, path: Path_, *, nullable: bool = False,
             required: bool = True) -> PartialDate | None:
        if key not in m:
            return None
        value = m[key]
        if value is None:
            if not nullable:
                self.error(path + (key,), "das Datum fehlt", 'ein Datum wie "2017-01-11" eintragen')
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            self.error(path + (key,), "das Datum steht ohne Anführungszeichen und wird so als Zahl gelesen",
                       f'das Datum in Anführungszeichen setzen: "{value}"')
            return None
        if not isinstance(value, str):
            self.error(path + (key,), f"hier wird ein Datum erwartet, gefunden: {_kind(value)}",
                       'ein Datum wie "2017", "2017-01" oder "2017-01-11" eintragen')
            return None
        try:
            return PartialDate.parse(value.strip())
        except ValueError as exc:
            self.error(path + (key,), f"„{value}“: {exc}",
                       'so genau wie die Quelle schreiben: "2017", "2017-01" oder "2017-01-11"')
            return None

    def full_date(self, m: dict, key: str, path: Path_) -> PartialDate | None:
        """A day, not a partial date: registry bookkeeping (Stand, when a statement was added)."""
        date = self.date(m, key, path)
        if date is not None and date.day is None:
            self.error(path + (key,), f"„{date.iso}“ ist kein vollständiges Datum",
                       'den Tag angeben, z. B. "2026-12-01"')
            return None
        return date

    def url(self, m: dict, key: str, path: Path_, *, nullable: bool = False) -> str | None:
        value = self.text(m, key, path, nullable=nullable)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            self.error(path + (key,), f"„{_short(value)}“ ist keine Web-Adresse mit http:// oder https://",
                       "die vollständige Adresse aus der Adresszeile des Browsers kopieren")
            return None
        if any(ch.isspace() or ord(ch) < 32 for ch in value):
            self.error(path + (key,), "die Web-Adresse enthält Leerzeichen oder Steuerzeichen",
                       "die Adresse ohne Leerzeichen eintragen")
            return None
        return value

    def slug(self, m: dict, key: str, path: Path_, *, where: Path_ | None = None) -> str | None:
        where = where or path + (key,)
        if key not in m:
            return None
        value = m[key]
        if not isinstance(value, str):
            self.error(where, f"der Slug muss Text sein, gefunden: {_kind(value)}",
                       "nur Kleinbuchstaben a–z, Ziffern und Bindestriche verwenden")
            return None
        if len(value) > SLUG_MAX or not SLUG_RE.match(value):
            self.error(where, f"„{_short(value)}“ ist kein gültiger Slug",
                       "nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. muelheim-an-der-ruhr "
                       "(ä → ae, ö → oe, ü → ue, ß → ss)")
            return None
        return value

    # -- rules across entries ------------------------------------------------------------
    def cross_checks(self, raw_entries: list, communes: list[Commune]) -> None:
        seen_slug: dict[str, int] = {}
        seen_ags: dict[str, str] = {}
        for index, raw in enumerate(raw_entries):
            if not isinstance(raw, dict):
                continue
            self.subject = _subject(raw, index)
            path = ("communes", index)
            slug, ags = raw.get("slug"), raw.get("ags")
            if isinstance(slug, str):
                if slug in seen_slug:
                    self.error(path + ("slug",), f"der Slug „{slug}“ ist schon vergeben (Zeile {seen_slug[slug]})",
                               "jeder Kommune einen eigenen Slug geben")
                else:
                    seen_slug[slug] = self.doc.where(path + ("slug",))[0]
            if isinstance(ags, str) and ags:
                if ags in seen_ags:
                    self.error(path + ("ags",), f"der AGS „{ags}“ gehört schon zu „{seen_ags[ags]}“",
                               "den AGS prüfen: jede Kommune steht nur einmal im Register")
                else:
                    seen_ags[ags] = slug if isinstance(slug, str) else f"Eintrag {index + 1}"
        for index, raw in enumerate(raw_entries):
            statements = raw.get("statements") if isinstance(raw, dict) else None
            if not isinstance(statements, list):
                continue
            self.subject = _subject(raw, index)
            seen_id: dict[str, int] = {}
            for i, statement in enumerate(statements):
                sid = statement.get("id") if isinstance(statement, dict) else None
                if not isinstance(sid, str):
                    continue
                where = ("communes", index, "statements", i, "id")
                if sid in seen_id:
                    self.error(where, f"die Kennung „{sid}“ hat schon die {seen_id[sid] + 1}. Äußerung dieser Kommune",
                               "eine eigene Kennung wählen, z. B. mit angehängtem -2; vorhandene Kennungen nie ändern")
                else:
                    seen_id[sid] = i
        claimed: dict[str, str] = {}
        for index, raw in enumerate(raw_entries):
            former = raw.get("former_slugs") if isinstance(raw, dict) else None
            if not isinstance(former, list):
                continue
            self.subject = _subject(raw, index)
            for i, old in enumerate(former):
                where = ("communes", index, "former_slugs", i)
                if not isinstance(old, str):
                    continue
                if old in seen_slug:
                    self.error(where, f"der frühere Slug „{old}“ ist der aktuelle Slug einer Kommune",
                               "den Eintrag aus former_slugs löschen; eine Adresse kann nur auf eine Seite führen")
                elif old in claimed and claimed[old] != self.subject:
                    self.error(where, f"der frühere Slug „{old}“ steht auch bei „{claimed[old]}“",
                               "ihn nur bei der Kommune lassen, zu der die alte Adresse gehörte")
                else:
                    claimed[old] = self.subject
        self.subject = ""


def _field(path: Path_) -> str:
    """Inside a list entry the field is named relative to the entry: "statements[2].date"."""
    return format_path(path[2:] if len(path) >= 2 and isinstance(path[1], int) else path)


def _failed(m: dict, keys: tuple[str, ...], values: tuple) -> bool:
    """True if a present key produced no value although it was not null (i.e. it was invalid)."""
    return any(k in m and m[k] is not None and v is None for k, v in zip(keys, values))


def _subject(raw: Any, index: int) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    if isinstance(slug, str) and SLUG_RE.match(slug):  # an invalid slug is no name to show
        return slug
    return f"Eintrag {index + 1}"


def _kind(value: Any) -> str:
    if value is None:
        return "nichts (leer)"
    if isinstance(value, bool):
        return f"Wahrheitswert ({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        return f"Zahl ({value})"
    if isinstance(value, str):
        return f"Text („{_short(value)}“)"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "Felder (name: wert)"
    return type(value).__name__


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
