"""Read and check the Glossar's terms (data/glossary.yaml) into the model's Glossary.

The page and the links on a term's first use are made by kekiz.site.glossary.
"""

from __future__ import annotations

import json
from pathlib import Path

from kekiz.model.glossary import Glossary, Term
from kekiz.model.registry import PartialDate, Source
from kekiz.sources import messages
from kekiz.sources.contract import Contract
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.yamlsource import read_yaml

GLOSSARY_FILE = Path("data/glossary.yaml")
GLOSSARY_SCHEMA = "glossary.schema.json"  # next to the data file


def load_glossary(root: Path) -> Glossary:
    """Read data/glossary.yaml against its schema, then the rules a schema cannot say (each
    id and each form belongs to one term); every problem at once, as a RegistryError."""
    path = root / GLOSSARY_FILE
    doc = read_yaml(path, GLOSSARY_FILE.as_posix())
    if doc.problems:
        raise RegistryError(doc.problems)
    contract = Contract(json.loads((path.parent / GLOSSARY_SCHEMA).read_text(encoding="utf-8")))
    problems = contract.diagnostics(doc) + _taken(doc, contract)
    if problems:
        raise RegistryError(problems)
    return Glossary(tuple(_term(raw) for raw in doc.data["terms"]))


def _term(raw: dict) -> Term:
    forms = list(raw.get("forms", []))
    if raw["term"] not in forms:
        forms.insert(0, raw["term"])
    sources = tuple(Source(s["url"], s["publisher"], s.get("title"),
                           PartialDate.parse(s["date"]) if s.get("date") else None)
                    for s in raw["sources"])
    return Term(raw["id"], raw["term"], tuple(forms), raw["definition"].strip(), sources)


def _taken(doc, contract: Contract) -> list[Diagnostic]:
    """An id or a form that an earlier term already has, named at the later one (also while
    the schema finds other problems, so editors see all at once)."""
    terms = doc.data.get("terms") if isinstance(doc.data, dict) else None
    problems, ids, forms = [], set(), {}
    for index, raw in enumerate(terms if isinstance(terms, list) else []):
        tid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(tid, str):
            continue

        def error(field: str, message: tuple[str, str]) -> None:
            path = ("terms", index, field)
            line, column = doc.where(path)
            problems.append(Diagnostic(doc.file, line, column, "", contract.words(path), *message))
        if tid in ids:
            error("id", messages.glossary_id_taken(tid))
        ids.add(tid)
        named = [raw.get("term"), *(raw.get("forms") if isinstance(raw.get("forms"), list) else [])]
        for form in dict.fromkeys(f for f in named if isinstance(f, str)):
            owner = forms.setdefault(form, tid)
            if owner != tid:
                error("forms" if form != raw.get("term") else "term", messages.glossary_form_taken(form, owner))
    return problems
