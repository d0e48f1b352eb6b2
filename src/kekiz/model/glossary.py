"""The Glossar: terms from data/glossary.yaml, their page, and links to them on first use.

A hand-written page that asks for it (front matter `glossar: true`), every Kommune page and
every Gemeinde page gets one link per term, at the term's first appearance in running text.
Headings, links, code, quotations, source lines, citation suggestions, fact lists and figures
are left alone: a link there would be noise, alter a source's words or break the markup. Nor
is a term linked inside a place's name: "Kreis" in "der Kreis Unna" or "des
Rheinisch-Bergischen Kreises" is part of a name, not the term.
"""

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
        """Term by form, keyed with single spaces (see `_normal`)."""
        return {f: t for t in self.terms for f in _with_capital(t.forms)}


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


def _with_capital(forms: tuple[str, ...]) -> list[str]:
    """A lower-case form also matches at the start of a sentence ("kreisfreie" → "Kreisfreie")."""
    out = []
    for form in forms:
        out.append(form)
        if form[:1].islower():
            out.append(form[:1].upper() + form[1:])
    return out
