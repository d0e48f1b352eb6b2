"""Small pieces of German grammar and typography the pages need.

Kreis names carry their article and inflect: "der Kreis Unna", "im Rhein-Kreis Neuss",
"des Rheinisch-Bergischen Kreises", "in der StädteRegion Aachen". City names take no article.
"""

from __future__ import annotations

import re
from enum import Enum


class Case(str, Enum):
    NOMINATIVE = "nom"   # der Kreis Unna
    DATIVE = "dat"       # dem Kreis Unna
    GENITIVE = "gen"     # des Kreises Unna
    ACCUSATIVE = "acc"   # den Kreis Unna (über den Kreis Unna)
    LOCATIVE = "in"      # im Kreis Unna (in + dative, contracted)


# "Rheinisch-Bergischer Kreis", "Märkischer Kreis": an adjective before "Kreis" inflects (weak after the article).
_ADJECTIVE_KREIS = re.compile(r"^(?P<adj>\S+)er Kreis$")
# "Rhein-Kreis Neuss", "Hochsauerlandkreis", "Ennepe-Ruhr-Kreis": a compound noun ending in -kreis/-Kreis.
_COMPOUND_KREIS = re.compile(r"^(?P<head>\S*[kK]reis)(?P<rest>(?: .+)?)$")
_ARTICLES = {
    Case.NOMINATIVE: ("der", "die"),
    Case.DATIVE: ("dem", "der"),
    Case.GENITIVE: ("des", "der"),
    Case.ACCUSATIVE: ("den", "die"),
    Case.LOCATIVE: ("im", "in der"),
}


def is_kreis_name(name: str) -> bool:
    """True for names of Kreise and of the StädteRegion, which need an article."""
    return (name.startswith(("Kreis ", "StädteRegion ")) or bool(_ADJECTIVE_KREIS.match(name))
            or bool(_COMPOUND_KREIS.match(name)))


def kreis_phrase(name: str, case: Case = Case.NOMINATIVE) -> str:
    """A Kreis name with its article in the given case: kreis_phrase("Märkischer Kreis", Case.LOCATIVE)
    == "im Märkischen Kreis". Names that are no Kreis names are returned unchanged."""
    masculine, feminine = _ARTICLES[case]
    if name.startswith("StädteRegion "):
        return f"{feminine} {name}"
    if name.startswith("Kreis "):
        noun = "Kreises" if case is Case.GENITIVE else "Kreis"
        return f"{masculine} {noun}{name[len('Kreis'):]}"
    if m := _ADJECTIVE_KREIS.match(name):
        ending = "e" if case is Case.NOMINATIVE else "en"
        noun = "Kreises" if case is Case.GENITIVE else "Kreis"
        return f"{masculine} {m['adj']}{ending} {noun}"
    if m := _COMPOUND_KREIS.match(name):
        head = m["head"] + ("es" if case is Case.GENITIVE else "")
        return f"{masculine} {head}{m['rest']}"
    return name


def place_phrase(name: str, case: Case = Case.NOMINATIVE) -> str:
    """Any Kommune's name as it stands in a sentence: Kreise with article, cities bare ("in Krefeld")."""
    if is_kreis_name(name):
        return kreis_phrase(name, case)
    return f"in {name}" if case is Case.LOCATIVE else name


def zu(phrase: str) -> str:
    """"zu" before a dative phrase, contracted as German writes it: "zum Kreis Unna", "zur StädteRegion
    Aachen", "zu Krefeld"."""
    for article, contracted in (("dem ", "zum "), ("der ", "zur ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article):]
    return "zu " + phrase


def capfirst(text: str) -> str:
    """Sentence start: "der Kreis Unna …" -> "Der Kreis Unna …"."""
    return text[:1].upper() + text[1:]


# A straight single quote opens where a word begins (start, space, bracket or dash before it, a
# character after it) and closes where one ends (a character before it, the end, a space or a
# punctuation mark after it). Anything else is an apostrophe ("geht's", "Hans'") and stays.
_OPENS = re.compile(r"(?:^|(?<=[\s(\[–—/-]))'(?=\S)")
_CLOSES = re.compile(r"(?<=\S)'(?=$|[\s.,;:!?)\]–—/-])")
# ’ (U+2019) where it closes a ‚ … : German closes with ‘ (U+2018); elsewhere ’ is an apostrophe.
_RIGHT_CLOSES = re.compile(r"(?<=\S)’(?=$|[\s.,;:!?)\]–—/-])")


def nest_quotes(text: str) -> str:
    """Quotation marks inside a German quotation become single ones: „a „b“ c“ -> „a ‚b‘ c“.

    Call it on the text that will stand between „ and “. Straight double quotes are paired in
    order of appearance; straight single quotes 'b' become ‚b‘ where one opens a word and a
    later one closes a word; a ’ that closes a ‚ becomes ‘ („‚Reparaturkosten’“ -> ‚…‘).
    Apostrophes and unpaired marks stay as they are. Only the marks change, never a letter.
    """
    text = text.replace("„", "‚").replace("“", "‘").replace("”", "’")
    parts = text.split('"')
    if len(parts) % 2 == 1:  # pairs only; an odd, unpaired straight quote stays as it is
        text = "".join(p + ("‚" if i % 2 == 0 else "‘") for i, p in enumerate(parts[:-1])) + parts[-1]
    return _close_singles(_pair_straight_singles(text))


def _pair_straight_singles(text: str) -> str:
    opens = {m.start() for m in _OPENS.finditer(text)}
    closes = {m.start() for m in _CLOSES.finditer(text)}
    out, pending = list(text), None
    for i in sorted(opens | closes):
        if pending is None and i in opens:
            pending = i
        elif pending is not None and i in closes:
            out[pending], out[i], pending = "‚", "‘", None
    return "".join(out)


def _close_singles(text: str) -> str:
    """A ’ that ends a word after an open ‚ closes it: ‘."""
    out, open_at = list(text), None
    for i, ch in enumerate(text):
        if ch == "‚":
            open_at = i
        elif ch == "‘":
            open_at = None
        elif ch == "’" and open_at is not None and _RIGHT_CLOSES.match(text, i):
            out[i], open_at = "‘", None
    return "".join(out)


def join_and(items) -> str:
    """"A, B und C"."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
