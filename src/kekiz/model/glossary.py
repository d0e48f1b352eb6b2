"""The Glossar's terms (data/glossary.yaml, read by kekiz.sources.glossary; its page and the links
on first use are kekiz.site.glossary's)."""

from __future__ import annotations

from dataclasses import dataclass

from kekiz.model.registry import Source


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

    def by_form(self) -> dict[str, Term]:
        """Term by form, keyed with single spaces: a form written with a no-break space („SGB\u00a0II“,
        common in German typography) is found in any spacing, as the linker matches it."""
        return {" ".join(f.split()): t for t in self.terms for f in _with_capital(t.forms)}


def _with_capital(forms: tuple[str, ...]) -> list[str]:
    """A lower-case form also matches at the start of a sentence ("kreisfreie" → "Kreisfreie")."""
    out = []
    for form in forms:
        out.append(form)
        if form[:1].islower():
            out.append(form[:1].upper() + form[1:])
    return out
