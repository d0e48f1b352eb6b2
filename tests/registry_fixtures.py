"""A small valid registry that tests change one line at a time."""

from __future__ import annotations

# A small valid registry; the cases below break one thing each. Line numbers are 1-based.
BASE = """\
communes:
  - slug: kreis-warendorf
    name: Kreis Warendorf
    official_name: Kreis Warendorf
    type: kreis
    cohort: 2012
    ags: "05570"
    sources:
      - url: https://example.org/warendorf
        publisher: Beispiel
    statements: []
  - slug: ahlen
    name: Ahlen
    official_name: Stadt Ahlen
    type: kreisangehoerige-stadt
    cohort: 2017
    ags: "05570004"
    sources:
      - url: https://example.org/ahlen
        publisher: Beispiel
        title: Ahlen ist dabei
        date: "2017-01-11"
    statements:
      - text: Wir freuen uns.
        form: quote
        speaker: Erika Beispiel
        role: Bürgermeisterin
        date: "2017-01"
        source:
          url: https://example.org/ahlen
          publisher: Beispiel
          title: null
        id: beispiel-2017-01
        added: "2026-11-21"
    former_slugs: [ahlen-alt]
stand: "2026-11-21"
"""


def replace_line(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"
