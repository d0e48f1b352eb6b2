"""The Glossar: terms from data/glossary.yaml, their page, and links to them on first use.

A hand-written page that asks for it (front matter `glossar: true`) gets one link per term,
at the term's first appearance in running text. Headings, links, code, source lines and
figures are left alone: a link there would be noise or break the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from .diagnostics import Diagnostic, RegistryError
from .model import PartialDate, Source, sort_key
from .urls import relative
from .yamlsource import read_yaml

GLOSSARY_FILE = Path("data/glossary.yaml")
GLOSSARY_PATH = "glossar/"

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TERM_FIELDS = {"id", "term", "forms", "definition", "sources"}
_SOURCE_FIELDS = {"url", "publisher", "title", "date"}

# Text inside these elements never gets a glossary link.
_SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "script", "style",
                   "svg", "title", "button", "label", "select", "option", "textarea", "figure", "time"})
_TAG_RE = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_QUOTE_RE = re.compile(r"([„“])")
_NAME_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass(frozen=True)
class Term:
    id: str                      # anchor on the Glossar page
    term: str                    # the headword
    forms: tuple[str, ...]       # spellings in running text that link here
    definition: str
    sources: tuple[Source, ...]  # empty: a general explanation by the editors, said so on the page


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    def pattern(self) -> re.Pattern | None:
        """One regex for every form, longest first; whole words only (a hyphen counts as part
        of a word, so "Kreis" does not match inside "Rhein-Kreis")."""
        forms = sorted({f for t in self.terms for f in _with_capital(t.forms)}, key=lambda f: (-len(f), f))
        if not forms:
            return None
        # A line break in the Markdown source may stand where the form has a space.
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in f.split(" ")) for f in forms)
        return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])")

    def by_form(self) -> dict[str, Term]:
        """Term by form, keyed with single spaces (see `_normal`)."""
        return {f: t for t in self.terms for f in _with_capital(t.forms)}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _with_capital(forms: tuple[str, ...]) -> list[str]:
    """A lower-case form also matches at the start of a sentence ("kreisfreie" → "Kreisfreie")."""
    out = []
    for form in forms:
        out.append(form)
        if form[:1].islower():
            out.append(form[:1].upper() + form[1:])
    return out


def link_first_uses(html: str, glossary: Glossary, page_path: str) -> str:
    """Link each term at its first use in running text; every later use stays plain."""
    pattern = glossary.pattern()
    if pattern is None:
        return html
    by_form = glossary.by_form()
    done: set[str] = set()
    skip_depth = quote_depth = 0
    out = []
    for part in _TAG_RE.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            skip_depth = _track(part, skip_depth)
            continue
        if skip_depth:
            out.append(part)
            continue

        def link(match: re.Match) -> str:
            term = by_form[_normal(match.group(1))]
            if term.id in done:
                return match.group(0)
            done.add(term.id)
            href = escape(relative(f"{GLOSSARY_PATH}#{term.id}", page_path))
            return f'<a class="kekiz-glossar-link" href="{href}">{match.group(0)}</a>'
        # A quotation keeps the source's words as they are: no links inside „…“.
        for piece in _QUOTE_RE.split(part):
            if piece == "„":
                quote_depth += 1
            elif piece == "“":
                quote_depth = max(quote_depth - 1, 0)
            elif piece and not quote_depth:
                piece = pattern.sub(link, piece)
            out.append(piece)
    return "".join(out)


def _track(tag: str, depth: int) -> int:
    """Depth inside elements whose text is left alone (and inside source lines)."""
    if tag.startswith("<!--"):
        return depth
    match = _NAME_RE.match(tag)
    if not match:
        return depth
    closing, name = match.group(1) == "/", match.group(2).lower()
    skipped = name in _SKIP or (not closing and "kekiz-sources" in tag)
    if depth and not closing and name not in _VOID and not tag.endswith("/>"):
        return depth + 1  # any element inside a skipped one
    if depth and closing:
        return depth - 1
    if skipped and not closing and name not in _VOID and not tag.endswith("/>"):
        return 1
    return depth


def glossary_fragment(glossary: Glossary, page_path: str) -> str:
    """The Glossar page: one section per term, in German alphabetical order, with its sources."""
    parts = []
    for term in sorted(glossary.terms, key=lambda t: sort_key(t.term)):
        parts.append(f'<h2 id="{escape(term.id)}">{escape(term.term)}</h2>')
        parts.append(f"<p>{escape(term.definition)}</p>")
        if term.sources:
            label = "Quelle" if len(term.sources) == 1 else "Quellen"
            links = "; ".join(_source_html(s) for s in term.sources)
            parts.append(f'<p class="kekiz-sources">{label}: {links}</p>')
        else:
            parts.append('<p class="kekiz-sources">Allgemeine Erklärung der Redaktion; '
                         "sie stützt sich auf keine der Quellen dieser Website.</p>")
    return "\n".join(parts)


def _source_html(s: Source) -> str:
    text = escape(s.publisher or "Quelle")
    if s.title:
        text += escape(f": „{s.title}“")
    if s.date:
        text += escape(f" ({s.date.german})")
    return f'<a href="{escape(s.url)}">{text}</a>' if s.url else str(text)


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
