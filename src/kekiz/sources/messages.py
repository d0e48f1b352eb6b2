"""German problem and fix texts for editors and operators, by kind: the place to fix a message.

Each function returns (problem, fix) or one finished line; callers only fill in the values.
Field rules that a schema states carry their texts in the schema itself (`errorMessage`,
`patternErrorMessage` in data/*.schema.json), where editors' tools show them too.
"""

from __future__ import annotations


def geodata_unusable(error: Exception) -> tuple[str, str]:
    return (f"Gebietsdaten: {error}", "die Datei mit `make geodata` neu erzeugen (siehe data/README.md)")


def build_stopped() -> str:
    return "die Website wurde nicht gebaut, site/ bleibt unverändert"


def preview_shows_errors() -> str:
    return "die Vorschau zeigt die Fehler, bis die Datei in Ordnung ist"


# Logged at INFO on purpose: a warning would fail `mkdocs build --strict` on every fresh clone.
NO_SITE_URL = ("KEKIZ_SITE_URL ist nicht gesetzt: Seiten, Feeds und Downloads nennen keine dauerhaften "
               "Adressen (nur relative). Für die Veröffentlichung KEKIZ_SITE_URL=https://… setzen.")


def unknown_marker(source_name: str, name: str, known: str) -> str:
    return f"{source_name}: unbekannter Platzhalter „kekiz:{name}“ — bekannt sind: {known}"


def setting_unknown(key: str, known: str) -> str:
    return f"mkdocs.yml: extra.kekiz.{key}: diese Einstellung gibt es nicht — bekannt sind: {known}"


def setting_not_a_section(key: str) -> str:
    return (f"mkdocs.yml: {key}: hier stehen Einstellungen als „name: wert“ untereinander — "
            "den Abschnitt so schreiben oder ganz weglassen")


def setting_wrong_kind(key: str, expected: str) -> str:
    return f"mkdocs.yml: extra.kekiz.{key}: erwartet wird {expected} — den Wert so eintragen"


def setting_missing(key: str, fix: str) -> str:
    return f"mkdocs.yml: extra.kekiz.{key}: fehlt — {fix}"
