"""Copy-friendly citation lines, shared by the Kommune pages, the press pages and the data page."""

from __future__ import annotations

from kekiz.model.german import nest_quotes
from kekiz.model.registry import Commune, PartialDate, PlacedStatement, Statement
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


def placed_citation(item: PlacedStatement, *, site_name: str, site_url: str | None, stand: PartialDate) -> str:
    """One statement (a Kommune's or the programme's), naming its original source first."""
    statement = item.statement
    who = statement.speaker or "Person in der Quelle nicht genannt"
    when = statement.date.german if statement.date else "Datum unbekannt"
    form = "Zitat" if statement.is_quote else "sinngemäße Wiedergabe"
    source = statement.source.publisher or "Herausgeber nicht genannt"
    if statement.source.title:
        source += f": „{nest_quotes(statement.source.title)}“"
    return (f"{who} ({when}, {form}), nach {source}. Zitiert nach: {site_name}, {item.place_name}, "
            f"{where(statement_target(item), site_url)} (Stand der Angaben: {stand.german})")


def commune_facts(commune: Commune, programme: str, kreis_name: str | None) -> str:
    """The Kommune in one sentence of facts: name, type, cohort, since when, AGS."""
    kind = commune.type.label + (f" ({kreis_name})" if kreis_name else "")
    rb = f", Regierungsbezirk {commune.regierungsbezirk}" if commune.regierungsbezirk else ""
    return (f"{commune.name} ({commune.official_name}): {kind}{rb}; bei „Kein Kind zurücklassen!“ ab "
            f"{commune.cohort.value} („{programme}“); AGS {commune.ags}.")
