"""The validated domain model: every page, map, chart, feed and export is rendered from it.

Objects are frozen and built only by `kekiz.registry` after validation, so code that
receives a `Registry` can trust every field without re-checking.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property

from kekiz.model import nrw
from kekiz.model.german import Case, kreis_phrase, place_phrase

GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)


class CommuneType(str, Enum):
    KREISFREIE_STADT = "kreisfreie-stadt"
    KREIS = "kreis"
    KREISANGEHOERIGE_STADT = "kreisangehoerige-stadt"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self][0]

    @property
    def plural(self) -> str:
        return _TYPE_LABELS[self][1]

    def counted(self, n: int) -> str:
        """"1 Kreis", "3 Kreise"."""
        return f"{n} {self.label if n == 1 else self.plural}"

    @property
    def ags_length(self) -> int:
        """A Kreis is identified by its 5-digit Kreisschlüssel, a city by its 8-digit AGS."""
        return 5 if self is CommuneType.KREIS else 8


_TYPE_LABELS = {
    CommuneType.KREISFREIE_STADT: ("kreisfreie Stadt", "kreisfreie Städte"),
    CommuneType.KREIS: ("Kreis", "Kreise"),
    CommuneType.KREISANGEHOERIGE_STADT: ("kreisangehörige Stadt", "kreisangehörige Städte"),
}


class Cohort(IntEnum):
    MODELLPHASE = 2012
    LANDESINITIATIVE = 2017

    @property
    def label(self) -> str:
        """Short label, e.g. for map links: "Landesinitiative ab 2017". "ab", not "seit": the sources
        date the start, none says that a Kommune still takes part today."""
        return "Modellkommune ab 2012" if self is Cohort.MODELLPHASE else "Landesinitiative ab 2017"

    @property
    def plural_label(self) -> str:
        """For legends and headings over several Kommunen: "Modellkommunen ab 2012"."""
        return "Modellkommunen ab 2012" if self is Cohort.MODELLPHASE else "Landesinitiative ab 2017"

    @property
    def anchor(self) -> str:
        return f"jahrgang-{self.value}"


class StatementForm(str, Enum):
    QUOTE = "quote"        # verbatim, in quotation marks in the source
    UNQUOTED = "unquoted"  # verbatim too, but the source prints it without quotation marks
    REPORTED = "reported"  # paraphrase: reported speech, never inside quotation marks

    @property
    def verbatim(self) -> bool:
        return self is not StatementForm.REPORTED


class NoteKind(str, Enum):
    HINWEIS = "hinweis"
    WIDERSPRUCH = "widerspruch"


@dataclass(frozen=True)
class PartialDate:
    """A date exactly as precise as its source: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError with a German reason."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError("kein Datum der Form JJJJ, JJJJ-MM oder JJJJ-MM-TT")
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError("kein Datum der Form JJJJ, JJJJ-MM oder JJJJ-MM-TT")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"den Monat {month:02d} gibt es nicht")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"den {day}. {GERMAN_MONTHS[month - 1]} {year} gibt es nicht")
        return cls(year, month, day)

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: a year-only date sorts before the months of that year."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    @property
    def german(self) -> str:
        if self.month is None:
            return str(self.year)
        month = GERMAN_MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day}. {month} {self.year}"

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Source:
    url: str | None
    publisher: str | None
    title: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class Statement:
    id: str                  # stable within its Kommune: the page anchor and the feed entry id
    added: PartialDate       # the day the editors added it to the registry (a full date)
    text: str
    form: StatementForm
    speaker: str | None
    role: str | None
    date: PartialDate | None
    source: Source
    context: str | None = None
    note: str | None = None

    @property
    def is_quote(self) -> bool:
        return self.form is StatementForm.QUOTE

    @property
    def anchor(self) -> str:
        """Fragment id on the Kommune page; never changes when other statements come or go."""
        return f"aeusserung-{self.id}"


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LaterPartner:
    """A town that joined a Kreis's joint application later (Werne, in the Kreis Unna)."""

    name: str                    # as in the boundary data (VG250), e.g. "Werne"
    joined: PartialDate | None   # when, as precise as the source; None: the sources do not say


@dataclass(frozen=True)
class JointApplication:
    """An entry that applied together with other Kommunen (Kreis Unna with five towns in 2012).

    For a Kreis, every town name is one of its Gemeinden as the boundary data (VG250) spells it:
    the validation checks that, so `kekiz.model.gemeinden` can match them."""

    text: str                   # what the sources say, in one or two sentences
    partners: tuple[str, ...]   # the Kommunen named as partners; empty when the source names none
    sources: tuple[Source, ...]
    later_partners: tuple[LaterPartner, ...] = ()  # towns that joined later, as a source says
    youth_office_for: tuple[str, ...] = ()         # towns for which the Kreis took part as their Jugendamt


@dataclass(frozen=True)
class AllTowns:
    """What a source says about all Städte und Gemeinden of a Kreis together, naming none of them
    ("im Verbund mit den kreisangehörigen Kommunen", Kreis Coesfeld)."""

    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Commune:
    slug: str
    name: str
    official_name: str
    type: CommuneType
    cohort: Cohort
    ags: str
    sources: tuple[Source, ...]
    statements: tuple[Statement, ...] = ()
    former_slugs: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    joint_application: JointApplication | None = None
    all_towns: AllTowns | None = None   # a Kreis only: what a source says about all its towns
    line: int = field(default=0, compare=False)  # where the entry starts in the registry file

    @property
    def path(self) -> str:
        """Site-relative URL path of the Kommune page; stable, press officers link to it."""
        return f"kommunen/{self.slug}/"

    @property
    def kreis_ags(self) -> str:
        return self.ags[:5]

    @property
    def regierungsbezirk(self) -> str | None:
        return nrw.regierungsbezirk(self.ags)

    @property
    def is_town_in_kreis(self) -> bool:
        """True for a city whose AGS lies inside a Kreis (kreisangehörige Städte, and Aachen)."""
        kreis = nrw.KREISE.get(self.kreis_ags)
        return self.type is not CommuneType.KREIS and kreis is not None and not kreis[1]

    @property
    def kreis_name(self) -> str | None:
        """Name of the Kreis a city lies in (None for Kreise and kreisfreie Städte outside one)."""
        return nrw.kreis_name(self.kreis_ags) if self.is_town_in_kreis else None

    def called(self, case: Case = Case.NOMINATIVE) -> str:
        """The name as it stands in a sentence: "der Kreis Unna", "im Rheinisch-Bergischen Kreis", "Krefeld"."""
        if self.type is CommuneType.KREIS:
            return kreis_phrase(self.name, case)
        return place_phrase(self.name, case) if case is Case.LOCATIVE else self.name

    def kreis_called(self, case: Case = Case.NOMINATIVE) -> str | None:
        """The Kreis a town lies in, with article: "im Rhein-Kreis Neuss"."""
        return kreis_phrase(self.kreis_name, case) if self.kreis_name else None

    @property
    def sorted_statements(self) -> tuple[Statement, ...]:
        """Oldest first; undated statements last, in registry order."""
        dated = sorted((s for s in self.statements if s.date), key=lambda s: s.date.key)
        return tuple(dated) + tuple(s for s in self.statements if not s.date)


@dataclass(frozen=True)
class Milestone:
    """A dated event of the programme, with its sources (data/programme.yaml)."""

    date: PartialDate
    label: str
    sources: tuple[Source, ...]
    note: str | None = None
    sequel: bool = False   # told on every Kommune page under "Wie es weiterging"


@dataclass(frozen=True)
class CohortInfo:
    """What a cohort was, in one sentence, with the sources that say so (data/programme.yaml)."""

    cohort: Cohort
    programme: str
    summary: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Programme:
    cohorts: dict[Cohort, CohortInfo]
    milestones: tuple[Milestone, ...]
    statements: tuple[Statement, ...] = ()   # about the programme as a whole, not one Kommune

    @property
    def sequel(self) -> tuple[Milestone, ...]:
        """What became of the programme, as every Kommune page tells it (milestones with `sequel`)."""
        return tuple(m for m in self.milestones if m.sequel)


PROGRAMME_LABEL = "Programm"


@dataclass(frozen=True)
class PlacedStatement:
    """A statement with the place it belongs to: a Kommune, or the programme as a whole (commune None)."""

    commune: Commune | None
    statement: Statement

    @property
    def is_programme(self) -> bool:
        return self.commune is None

    @property
    def place_name(self) -> str:
        return self.commune.name if self.commune else PROGRAMME_LABEL

    @property
    def anchor(self) -> str:
        """Fragment id of the statement at its home: the Kommune page, or the programme press page
        (its address: kekiz.site.paths.statement_target)."""
        return self.statement.anchor if self.commune else f"programm-{self.statement.anchor}"

    @property
    def dom_id(self) -> str:
        """Unique on press pages, where statements of several Kommunen and the programme meet."""
        return f"{self.commune.slug}-{self.statement.anchor}" if self.commune else self.anchor

    @property
    def key(self) -> str:
        """Never changes: the name of the statement's feed entry id."""
        return f"kommunen/{self.commune.slug}/{self.statement.id}" if self.commune else f"programm/{self.statement.id}"


def sort_key(name: str) -> str:
    """German alphabetical order (DIN 5007-1): umlauts and accents sort like their base
    letters, ß as ss, case folded."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss").replace("ẞ", "SS"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Registry:
    communes: tuple[Commune, ...]
    programme: Programme
    stand: PartialDate       # "Stand der Angaben": the day editors last checked the registry against its sources

    @cached_property
    def by_slug(self) -> dict[str, Commune]:
        return {c.slug: c for c in self.communes}

    @cached_property
    def by_ags(self) -> dict[str, Commune]:
        return {c.ags: c for c in self.communes}

    def in_cohort(self, cohort: Cohort) -> tuple[Commune, ...]:
        return tuple(sorted((c for c in self.communes if c.cohort is cohort), key=lambda c: sort_key(c.name)))

    def parent_kreis(self, commune: Commune) -> Commune | None:
        """The participating Kreis a town lies in, if that Kreis takes part itself."""
        if not commune.is_town_in_kreis:
            return None
        return self.by_ags.get(commune.kreis_ags)

    def towns_in(self, kreis: Commune) -> tuple[Commune, ...]:
        """Participating towns inside a Kreis (any cohort), alphabetically."""
        if kreis.type is not CommuneType.KREIS:
            return ()
        towns = (c for c in self.communes if c.is_town_in_kreis and c.kreis_ags == kreis.ags)
        return tuple(sorted(towns, key=lambda c: sort_key(c.name)))

    @cached_property
    def _counts(self) -> Counter:
        return Counter((c.cohort, c.type) for c in self.communes)

    def count(self, cohort: Cohort | None = None, type: CommuneType | None = None) -> int:
        """Kommunen of a cohort and/or type (asked once per page: counted once per build)."""
        return sum(n for (c, t), n in self._counts.items()
                   if (cohort is None or c is cohort) and (type is None or t is type))

    @property
    def placed_statements(self) -> tuple[PlacedStatement, ...]:
        """Every statement: the programme's first, then each Kommune's, in registry order."""
        return (tuple(PlacedStatement(None, s) for s in self.programme.statements)
                + tuple(PlacedStatement(c, s) for c in self.communes for s in c.statements))

    @property
    def redirects(self) -> dict[str, Commune]:
        """Former slug -> the Kommune it now belongs to."""
        return {old: c for c in self.communes for old in c.former_slugs}
