"""The Glossar: terms from data/glossary.yaml, their page, and links to them on first use.

A hand-written page that asks for it (front matter `glossar: true`), every Kommune page and
every Gemeinde page gets one link per term, at the term's first appearance in running text.
Headings, links, code, quotations, source lines, citation suggestions, fact lists and figures
are left alone: a link there would be noise, alter a source's words or break the markup. Nor
is a term linked inside a place's name: "Kreis" in "der Kreis Unna" or "des
Rheinisch-Bergischen Kreises" is part of a name, not the term.
"""

from __future__ import annotations

from kekiz.model.glossary import Glossary, Term

import re
from pathlib import Path


from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.model.registry import PartialDate, Source
from kekiz.sources.yamlsource import read_yaml

GLOSSARY_FILE = Path("data/glossary.yaml")

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TERM_FIELDS = {"id", "term", "forms", "definition", "sources"}
_SOURCE_FIELDS = {"url", "publisher", "title", "date"}


# --------------------------------------------------------------------------- place names


# --------------------------------------------------------------------------- links on first use

# Text inside these elements never gets a glossary link. A <blockquote> is a source's own words;
# a <dt> is a label, like a heading.
# Nor inside elements of these classes: source references and lists, the lede under a page's
# title (name, type and cohort in a row, a second heading), citation suggestions (copied as
# they stand) and fact lists. A fact list pairs short labels with one-word values ("Art der
# Kommune: Kreis"); a link there would make the value look like a link to somewhere else, and
# the note below the list says the same terms in a sentence, where they are linked.
# Elements of these names never hold one of their own (valid HTML), so the regex finds their end
# itself; for the others `_element_end` counts.
# A comment, a whole element of the names above, or the start tag of another element whose text
# is left alone. The possessive loop (`*+`) passes over long attributes (a map's path data)
# without trying each of their letters.


# --------------------------------------------------------------------------- loading


def load_glossary(root: Path) -> Glossary:
    """Read and check data/glossary.yaml; every problem at once, as a RegistryError."""
    display = GLOSSARY_FILE.as_posix()
    doc = read_yaml(root / GLOSSARY_FILE, display)
    problems = list(doc.problems)
    if problems:
        raise RegistryError(problems)

    def error(path: tuple, subject: str, problem: str, fix: str, *, at_key: bool = False) -> None:
        line, column = doc.key_where(path) if at_key else doc.where(path)
        problems.append(Diagnostic(display, line, column, subject, _field(path), problem, fix))

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        error((), "", "die Datei braucht eine Liste „terms:“", "siehe data/glossary.schema.json")
        raise RegistryError(problems)
    terms, seen_ids, seen_forms = [], set(), {}
    for i, raw in enumerate(data["terms"]):
        path = ("terms", i)
        subject = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"Begriff {i + 1}"
        if not isinstance(raw, dict):
            error(path, subject, "der Eintrag ist keine Zuordnung", "id, term, forms, definition, sources angeben")
            continue
        for key in sorted(set(raw) - _TERM_FIELDS):
            error(path + (key,), subject, f"unbekanntes Feld „{key}“", "erlaubt: " + ", ".join(sorted(_TERM_FIELDS)),
                  at_key=True)
        tid, term, definition = raw.get("id"), raw.get("term"), raw.get("definition")
        if not isinstance(tid, str) or not _ID_RE.match(tid):
            error(path + ("id",), subject, "die Kennung fehlt oder ist ungültig",
                  "Kleinbuchstaben, Ziffern und Bindestriche, z. B. kreisfreie-stadt")
        elif tid in seen_ids:
            error(path + ("id",), subject, f"die Kennung „{tid}“ gibt es schon", "jede Kennung nur einmal vergeben")
        seen_ids.add(tid)
        for key, value in (("term", term), ("definition", definition)):
            if not isinstance(value, str) or not value.strip():
                error(path + (key,), subject, f"„{key}“ fehlt oder ist leer", "einen Text angeben")
        forms = raw.get("forms", [])
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            error(path + ("forms",), subject, "„forms“ ist keine Liste von Wörtern", 'z. B. forms: ["Kreis", "Kreise"]')
            forms = []
        if isinstance(term, str) and term not in forms:
            forms = [term, *forms]
        for f in forms:
            if f in seen_forms and seen_forms[f] != tid:
                error(path + ("forms",), subject, f"die Form „{f}“ gehört schon zu „{seen_forms[f]}“",
                      "jede Form nur einem Begriff zuordnen")
            seen_forms[f] = tid
        if "sources" not in raw:
            error(path, subject, "„sources“ fehlt", "Quellen angeben oder sources: [] für eine Erklärung der Redaktion")
        checked = [_source(s, path + ("sources", j), subject, error) for j, s in enumerate(raw.get("sources") or [])]
        sources = tuple(s for s in checked if s is not None)
        if isinstance(tid, str) and isinstance(term, str) and isinstance(definition, str):
            terms.append(Term(tid, term, tuple(forms), definition.strip(), sources))
    if problems:
        raise RegistryError(problems)
    return Glossary(tuple(terms))


def _source(raw, path: tuple, subject: str, error) -> Source | None:
    if not isinstance(raw, dict):
        error(path, subject, "die Quelle ist keine Zuordnung", "url und publisher angeben")
        return None
    for key in sorted(set(raw) - _SOURCE_FIELDS):
        error(path + (key,), subject, f"unbekanntes Feld „{key}“", "erlaubt: url, publisher, title, date", at_key=True)
    url, publisher = raw.get("url"), raw.get("publisher")
    ok = True
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        error(path + ("url",), subject, "die Adresse fehlt oder beginnt nicht mit https:// oder http://",
              "die vollständige Adresse aus dem Quellenverzeichnis eintragen")
        ok = False
    if not isinstance(publisher, str) or not publisher.strip():
        error(path + ("publisher",), subject, "„publisher“ fehlt", "angeben, wer die Quelle veröffentlicht hat")
        ok = False
    date = None
    if raw.get("date") is not None:
        try:
            date = PartialDate.parse(str(raw["date"]))
        except ValueError as exc:
            error(path + ("date",), subject, f"ungültiges Datum: {exc}", 'so genau wie die Quelle: "2017", "2017-01" oder "2017-01-11"')
            ok = False
    title = raw.get("title")
    return Source(url, publisher, title if isinstance(title, str) else None, date) if ok else None


def _field(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
