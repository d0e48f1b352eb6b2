"""Who runs the site: the operator's details from `extra.operator` in mkdocs.yml.

The Impressum, the privacy page, the accessibility statement and the "Angaben korrigieren"
line on every Kommune page read them. Until the operator is known the values stay empty:
the site still builds, the pages say what is missing, and `python -m kekiz check` lists it.
A value that is there but unusable (a typo in a key, an e-mail address without "@") is an
error, because it would put a wrong address on a public page.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"
SECTION = "extra.operator"

_EMAIL_RE = re.compile(r"^[^@\s<>\"'(),;:\\]+@[^@\s<>\"'(),;:\\]+\.[^@\s<>\"'(),;:\\]+$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,}$")


@dataclass(frozen=True)
class Setting:
    key: str        # key under extra.operator
    label: str      # what a reader of the page calls it
    needed_for: str  # which page needs it, in plain words
    example: str    # what to enter


# In the order the Impressum shows them. accessibility_contact is optional: without it the
# general e-mail address takes feedback on barriers too.
SETTINGS = (
    Setting("name", "Name der Betreiberin oder des Betreibers", "Impressum, Datenschutzerklärung",
            "der volle Name der Stelle, z. B. einer Behörde oder eines Vereins"),
    Setting("address", "Postanschrift", "Impressum, Datenschutzerklärung",
            "Straße, Hausnummer, Postleitzahl und Ort"),
    Setting("represented_by", "Vertretungsberechtigte Person", "Impressum",
            "wer die Stelle nach außen vertritt, mit Funktion"),
    Setting("email", "E-Mail-Adresse", "Impressum, Korrekturhinweise auf jeder Kommune-Seite",
            "eine Adresse, die regelmäßig gelesen wird"),
    Setting("phone", "Telefonnummer", "Impressum", "eine Nummer mit Vorwahl"),
    Setting("responsible", "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV", "Impressum",
            "Name und Anschrift der verantwortlichen Person"),
    Setting("data_protection_officer", "Datenschutzbeauftragte oder Datenschutzbeauftragter",
            "Datenschutzerklärung", "Name oder Funktion und Kontakt"),
    Setting("hosting", "Webhoster und Server-Protokolle", "Datenschutzerklärung",
            "wer die Website ausliefert, welche Zugriffsdaten dort gespeichert werden und wie lange"),
    Setting("legal_basis", "Rechtsgrundlage der Verarbeitung", "Datenschutzerklärung",
            "die Rechtsgrundlage, von der oder dem Datenschutzbeauftragten bestätigt"),
    Setting("accessibility_contact", "Kontakt für Hinweise auf Barrieren", "Erklärung zur Barrierefreiheit",
            "eine E-Mail-Adresse; ohne Eintrag gilt die allgemeine E-Mail-Adresse"),
)
_BY_KEY = {s.key: s for s in SETTINGS}
_OPTIONAL = {"accessibility_contact"}
_EMAIL_KEYS = {"email", "accessibility_contact"}


class SettingsError(Exception):
    """Unusable operator settings; every problem at once, one line each."""

    def __init__(self, problems: list[str], why: str = ""):
        self.problems = problems
        self.why = why
        super().__init__(self.report())

    def report(self, closing: str = "die Website wurde nicht gebaut") -> str:
        summary = f"{len(self.problems)} Fehler in den Betreiber-Angaben ({CONFIG_FILE}, {SECTION})"
        return "\n".join(self.problems + [f"{summary}{self.why}; {closing}."])


@dataclass(frozen=True)
class Operator:
    """The operator's details; an empty string means "not entered yet"."""

    name: str = ""
    address: str = ""
    represented_by: str = ""
    email: str = ""
    phone: str = ""
    responsible: str = ""
    data_protection_officer: str = ""
    hosting: str = ""
    legal_basis: str = ""
    accessibility_contact: str = ""

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any] | None) -> Operator:
        """Read `extra.operator` from MkDocs' `extra` mapping; raise SettingsError if unusable."""
        raw = (extra or {}).get("operator")
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise SettingsError([f"{CONFIG_FILE}: {SECTION}: muss eine Liste von Einstellungen sein "
                                 f"(name:, address:, …), nicht {type(raw).__name__} — siehe die Kommentare in {CONFIG_FILE}"])
        problems: list[str] = []
        values: dict[str, str] = {}
        for key, value in raw.items():
            where = f"{CONFIG_FILE}: {SECTION}.{key}"
            if key not in _BY_KEY:
                guess = difflib.get_close_matches(str(key), list(_BY_KEY), n=1, cutoff=0.6)
                hint = f"meinten Sie „{guess[0]}“?" if guess else "bekannt sind: " + ", ".join(_BY_KEY)
                problems.append(f"{where}: unbekannte Einstellung — {hint}")
                continue
            if value is None:
                continue
            if not isinstance(value, str):
                problems.append(f"{where}: muss Text sein, nicht {type(value).__name__} — "
                                f"in Anführungszeichen setzen, z. B. {key}: \"{value}\"")
                continue
            value = value.strip()
            if value and key in _EMAIL_KEYS and not _EMAIL_RE.match(value):
                problems.append(f"{where}: „{value}“ ist keine E-Mail-Adresse — "
                                f"nur die Adresse eintragen, z. B. {key}: redaktion@example.org, oder leer lassen")
                continue
            if value and key == "phone" and not _PHONE_RE.match(value):
                problems.append(f"{where}: „{value}“ ist keine Telefonnummer — "
                                "nur Ziffern, Leerzeichen, +, /, - und Klammern, z. B. phone: \"+49 211 1234-0\"")
                continue
            values[key] = value
        if problems:
            raise SettingsError(problems)
        return cls(**values)

    def missing(self) -> list[Setting]:
        """Required settings that are still empty, in page order."""
        return [s for s in SETTINGS if s.key not in _OPTIONAL and not getattr(self, s.key)]

    @property
    def is_complete(self) -> bool:
        return not self.missing()

    @property
    def feedback_email(self) -> str:
        """Where to write about barriers on the site."""
        return self.accessibility_contact or self.email

    @property
    def phone_uri(self) -> str:
        """tel: link target: only digits and a leading plus survive."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""


def missing_notices(operator: Operator) -> list[str]:
    """One line per missing setting, for the build log and `make check`."""
    return [f"HINWEIS: {CONFIG_FILE}: {SECTION}.{s.key} ist leer ({s.label}; gebraucht für: {s.needed_for}) — "
            f"eintragen: {s.example}" for s in operator.missing()]


def read_operator(extra: Mapping[str, Any] | None) -> tuple[Operator, list[str]]:
    """The operator and one notice per missing setting.

    Missing settings are notices, not errors: a fresh clone must build. The publishing
    workflow sets KEKIZ_REQUIRE_OPERATOR=1 (extra.kekiz.require_operator), which makes them
    errors, so the public site never goes out without an Impressum.
    """
    operator = Operator.from_extra(extra)
    notices = missing_notices(operator)
    options = (extra or {}).get("kekiz") or {}
    if notices and isinstance(options, Mapping) and options.get("require_operator"):
        raise SettingsError([n.removeprefix("HINWEIS: ") for n in notices],
                            why=" — KEKIZ_REQUIRE_OPERATOR ist gesetzt: für die Veröffentlichung müssen sie eingetragen sein")
    return operator, notices


# --- reading mkdocs.yml without MkDocs (for `python -m kekiz check`) -------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs would for `extra`: !ENV resolved, other tags ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # MkDocs' !ENV: a variable name, or a list of names whose last item is the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None  # e.g. !!python/name: in markdown_extensions; not needed for `extra`


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _other_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def load_operator(root: Path) -> tuple[Operator, list[str]]:
    """The operator settings of the project at `root` and their notices; SettingsError if unusable."""
    path = root / CONFIG_FILE
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except FileNotFoundError:
        raise SettingsError([f"{CONFIG_FILE}: die Datei fehlt — im Projektordner aufrufen oder --root angeben"]) from None
    except yaml.YAMLError as error:
        raise SettingsError([f"{CONFIG_FILE}: YAML-Fehler: {error}"]) from None
    extra = config.get("extra") if isinstance(config, dict) else None
    return read_operator(extra if isinstance(extra, Mapping) else None)


assert {f.name for f in fields(Operator)} == set(_BY_KEY), "every setting has a field and vice versa"
