"""Read and check the Glossar's terms (data/glossary.yaml) into the model's Glossary.

The page and the links on a term's first use are made by kekiz.site.glossary.
"""

from __future__ import annotations

import re
from pathlib import Path

from kekiz.model.glossary import Glossary, Term
from kekiz.model.registry import PartialDate, Source
from kekiz.sources import messages
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.yamlsource import read_yaml

GLOSSARY_FILE = Path("data/glossary.yaml")

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TERM_FIELDS = {"id", "term", "forms", "definition", "sources"}
_SOURCE_FIELDS_IN_ORDER = ("url", "publisher", "title", "date")
_SOURCE_FIELDS = set(_SOURCE_FIELDS_IN_ORDER)


def load_glossary(root: Path) -> Glossary:
    """Read and check data/glossary.yaml; every problem at once, as a RegistryError."""
    display = GLOSSARY_FILE.as_posix()
    doc = read_yaml(root / GLOSSARY_FILE, display)
    problems = list(doc.problems)
    if problems:
        raise RegistryError(problems)

    def error(path: tuple, subject: str, message: tuple[str, str], *, at_key: bool = False) -> None:
        line, column = doc.key_where(path) if at_key else doc.where(path)
        problems.append(Diagnostic(display, line, column, subject, _field(path), *message))

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        error((), "", messages.GLOSSARY_NO_TERMS)
        raise RegistryError(problems)
    terms, seen_ids, seen_forms = [], set(), {}
    for i, raw in enumerate(data["terms"]):
        path = ("terms", i)
        subject = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else messages.glossary_term(i + 1)
        if not isinstance(raw, dict):
            error(path, subject, messages.GLOSSARY_ENTRY_NOT_A_MAPPING)
            continue
        for key in sorted(set(raw) - _TERM_FIELDS):
            error(path + (key,), subject, messages.glossary_unknown_field(key, sorted(_TERM_FIELDS)), at_key=True)
        tid, term, definition = raw.get("id"), raw.get("term"), raw.get("definition")
        if not isinstance(tid, str) or not _ID_RE.match(tid):
            error(path + ("id",), subject, messages.GLOSSARY_ID_INVALID)
        elif tid in seen_ids:
            error(path + ("id",), subject, messages.glossary_id_taken(tid))
        seen_ids.add(tid)
        for key, value in (("term", term), ("definition", definition)):
            if not isinstance(value, str) or not value.strip():
                error(path + (key,), subject, messages.glossary_text_missing(key))
        forms = raw.get("forms", [])
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            error(path + ("forms",), subject, messages.GLOSSARY_FORMS_INVALID)
            forms = []
        if isinstance(term, str) and term not in forms:
            forms = [term, *forms]
        for f in forms:
            if f in seen_forms and seen_forms[f] != tid:
                error(path + ("forms",), subject, messages.glossary_form_taken(f, seen_forms[f]))
            seen_forms[f] = tid
        if "sources" not in raw:
            error(path, subject, messages.GLOSSARY_SOURCES_MISSING)
        checked = [_source(s, path + ("sources", j), subject, error) for j, s in enumerate(raw.get("sources") or [])]
        sources = tuple(s for s in checked if s is not None)
        if isinstance(tid, str) and isinstance(term, str) and isinstance(definition, str):
            terms.append(Term(tid, term, tuple(forms), definition.strip(), sources))
    if problems:
        raise RegistryError(problems)
    return Glossary(tuple(terms))


def _source(raw, path: tuple, subject: str, error) -> Source | None:
    if not isinstance(raw, dict):
        error(path, subject, messages.GLOSSARY_SOURCE_NOT_A_MAPPING)
        return None
    for key in sorted(set(raw) - _SOURCE_FIELDS):
        error(path + (key,), subject, messages.glossary_unknown_field(key, _SOURCE_FIELDS_IN_ORDER), at_key=True)
    url, publisher = raw.get("url"), raw.get("publisher")
    ok = True
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        error(path + ("url",), subject, messages.GLOSSARY_SOURCE_URL_INVALID)
        ok = False
    if not isinstance(publisher, str) or not publisher.strip():
        error(path + ("publisher",), subject, messages.GLOSSARY_SOURCE_PUBLISHER_MISSING)
        ok = False
    date = None
    if raw.get("date") is not None:
        try:
            date = PartialDate.parse(str(raw["date"]))
        except ValueError as exc:
            error(path + ("date",), subject, messages.glossary_date_invalid(exc))
            ok = False
    title = raw.get("title")
    return Source(url, publisher, title if isinstance(title, str) else None, date) if ok else None


def _field(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
