"""Copy-friendly citation lines, shared by the Kommune pages, the press pages and the data page."""

from __future__ import annotations

from kekiz.model.german import nest_quotes
from kekiz.model.registry import Commune, PartialDate, PlacedStatement, Source, Statement, StatementForm
from kekiz.site.paths import statement_target
from kekiz.site.urls import absolute


def where(target: str, site_url: str | None) -> str:
    """The permanent address with a public site address; else the site-relative path, which is
    never mistaken for a permanent one (no host)."""
    return absolute(target, site_url) or f"/{target}"


def statement_citation(commune: Commune, statement: Statement, *, site_name: str, site_url: str | None,
                       stand: PartialDate) -> str:
    """One statement of a Kommune, naming its original source first."""
    return placed_citation(PlacedStatement(commune, statement), site_name=site_name, site_url=site_url, stand=stand)


# How each form is named. FORM_BADGE: in front of the words, as the pages print it (_macros.html.j2,
# form_badge) and the feeds write it; a quote needs none, it stands in quotation marks, the other
# two never do. FORM_CITED: the same inside a citation line's brackets.
FORM_BADGE = {
    StatementForm.UNQUOTED: "Wortlaut der Quelle, dort ohne Anführungszeichen",
    StatementForm.REPORTED: "Sinngemäß wiedergegeben (indirekte Rede)",
}
FORM_CITED = {
    StatementForm.QUOTE: "Zitat",
    StatementForm.UNQUOTED: "Wortlaut der Quelle, dort ohne Anführungszeichen",
    StatementForm.REPORTED: "sinngemäß wiedergegeben, indirekte Rede",
}


SPEAKER_UNKNOWN = "Person in der Quelle nicht genannt"  # also the pages' (a template global)


def speaker_named(statement: Statement) -> str:
    """Who spoke, with their role: „Frank Meyer, Oberbürgermeister“; that the source names nobody, if so."""
    who = statement.speaker or SPEAKER_UNKNOWN
    return f"{who}, {statement.role}" if statement.role else who


def placed_citation(item: PlacedStatement, *, site_name: str, site_url: str | None, stand: PartialDate) -> str:
    """One statement (a Kommune's or the programme's), naming its original source first.

    Says plainly what is known and nothing more: the speaker (or that the source names none),
    the day of the statement as precisely as the source gives it; for an undated one the source's
    own date if known, else that the date is unknown, then its occasion (context) and the day this
    site recorded it."""
    statement = item.statement
    who = speaker_named(statement)
    when = when_said(statement)
    if not statement.date and statement.context:  # the occasion is what a reader can place it by
        when += f"; {statement.context}"
    source = source_named(statement.source) + ("" if statement.source.url else ", keine Web-Adresse bekannt")
    return (f"{who} ({when}; {FORM_CITED[statement.form]}), nach {source}. "
            f"Zitiert nach: {site_name}, {item.place_name}, {where(statement_target(item), site_url)} "
            f"({'' if statement.date else recorded(statement) + '; '}Stand der Angaben: {stand.german})")


def when_said(statement: Statement) -> str:
    """The statement's date as precise as its source; without one, what is known instead."""
    if statement.date:
        return statement.date.german
    if statement.source.date:
        return f"Datum der Äußerung nicht genannt, Quelle {dated(statement.source.date)}"
    return "Datum nicht bekannt"


def dated(date: PartialDate) -> str:
    """"vom 11. Januar 2017", "vom Januar 2017", "von 2016"."""
    return f"von {date.german}" if date.month is None else f"vom {date.german}"


def recorded(statement: Statement) -> str:
    """The day this site recorded the statement (a full date by contract)."""
    return f"auf dieser Website erfasst am {statement.added.german}"


def source_named(source: Source) -> str:
    """The source as a citation names it: publisher and title; a missing publisher is said."""
    if source.publisher:
        named = source.publisher + (f": „{nest_quotes(source.title)}“" if source.title else "")
    elif source.title:
        named = f"„{nest_quotes(source.title)}“ (Herausgeber nicht bekannt)"
    else:
        named = "einer Quelle ohne bekannten Herausgeber und Titel"
    return named


def commune_facts(commune: Commune, programme: str, kreis_name: str | None) -> str:
    """The Kommune in one sentence of facts: name, type, cohort, since when, AGS."""
    kind = commune.type.label + (f" ({kreis_name})" if kreis_name else "")
    rb = f", Regierungsbezirk {commune.regierungsbezirk}" if commune.regierungsbezirk else ""
    # "nahm … teil", not "bei … ab 2017": a copied sentence must not read as if it still ran
    return (f"{commune.name} ({commune.official_name}): {kind}{rb}; nahm ab {commune.cohort.value} an "
            f"„Kein Kind zurücklassen!“ teil („{programme}“); AGS {commune.ags}.")
