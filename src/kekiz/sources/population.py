"""Read the census table (``data/zensus2022-einwohner.csv``) and its provenance
(``data/zensus2022-einwohner.yaml``, against its schema) into the model's PopulationTable.

The CSV stays exactly as published (columns ``ags,ars,name,einwohner,stichtag``); where it comes from,
its title, address, licence and the source note the licence requires live in the YAML file beside it,
so "every fact shows its source" reads from data, and a new table is a change of two data files.

Every problem is a Diagnostic with file and line; a hostile file (huge, binary, another separator,
a byte order mark) gives messages, never a traceback: the file is read only up to `MAX_BYTES`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection
from pathlib import Path

from kekiz.model.population import PopulationSource, PopulationTable
from kekiz.model.registry import PartialDate
from kekiz.sources import messages
from kekiz.sources.contract import Contract
from kekiz.sources.diagnostics import Diagnostic, RegistryError, shown
from kekiz.sources.yamlsource import read_text, read_yaml

POPULATION_FILE = Path("data/zensus2022-einwohner.csv")
POPULATION_META_FILE = Path("data/zensus2022-einwohner.yaml")
POPULATION_SCHEMA = "zensus2022-einwohner.schema.json"  # next to the YAML file

HEADER = ("ags", "ars", "name", "einwohner", "stichtag")
MAX_BYTES = 2 * 1024 * 1024   # the table is about 25 KB
MAX_MESSAGES = 25             # per file, then one line saying more were not shown
MAX_DIGITS = 9                # more persons than a billion in one Gemeinde is a typo

_AGS_RE = re.compile(r"05[0-9]{6}")
_ARS_RE = re.compile(r"[0-9]{12}")
_COUNT_RE = re.compile(r"[1-9][0-9]*")
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def load_population(root: Path, gemeinden: Collection[str] | None = None) -> PopulationTable:
    """The table of the project at `root`; `gemeinden`: the AGS of the boundary data, which the table
    must cover exactly (None when the boundary data are unusable: then that check is left out).
    Raises RegistryError with every problem of both files."""
    problems: list[Diagnostic] = []
    meta = _read_meta(root / POPULATION_META_FILE, POPULATION_META_FILE.as_posix(), problems)
    read = _read_counts(root / POPULATION_FILE, POPULATION_FILE.as_posix(), gemeinden, problems)
    if problems or meta is None or read is None:
        raise RegistryError(problems)
    counts, day = read
    return PopulationTable(counts, PopulationSource(day, meta["title"], meta["url"], meta["attribution"],
                                                    meta["licence_url"], meta["publisher"], meta["licence"]))


def _read_meta(path: Path, name: str, problems: list[Diagnostic]) -> dict | None:
    doc = read_yaml(path, name)
    if doc.problems:
        problems.extend(doc.problems)
        return None
    schema = json.loads((path.parent / POPULATION_SCHEMA).read_text(encoding="utf-8"))
    found = Contract(schema).diagnostics(doc)
    if found:
        problems.extend(found)
        return None
    data = doc.data
    for word in (data["publisher"], data["licence"]):
        if word not in data["attribution"]:
            line, col = doc.where(("attribution",))
            problems.append(Diagnostic(name, line, col, "", "attribution",
                                       *messages.population_attribution_incomplete(shown(word))))
    return data


def _read_counts(path: Path, name: str, gemeinden: Collection[str] | None,
                 problems: list[Diagnostic]) -> tuple[dict[str, int], PartialDate] | None:
    found: list[Diagnostic] = []

    def problem(line: int, field: str, message: tuple[str, str], subject: str = "") -> None:
        found.append(Diagnostic(name, line, 1, subject, field, *message))

    text, unreadable = read_text(path, name, max_bytes=MAX_BYTES,
                                 too_big=messages.population_file_too_big(MAX_BYTES // (1024 * 1024)))
    if text is None:
        problems.extend(unreadable)
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    counts: dict[str, int] = {}
    first_line: dict[str, int] = {}
    day: tuple[str, int] | None = None  # (the census day as written, its line)
    header_seen = complete = False
    line = 1
    while len(found) <= MAX_MESSAGES:
        try:
            row = next(reader)
        except StopIteration:
            complete = header_seen
            break
        except csv.Error as exc:
            problem(line, "", messages.population_csv_error("field larger than field limit" in str(exc)))
            break
        start, line = line, reader.line_num + 1  # `start`: the row's first line
        if not row:
            continue  # an empty line
        if not header_seen:
            header_seen = True
            if tuple(row) != HEADER:
                raw = ",".join(row)
                problem(start, "", messages.population_header_wrong(shown(raw), ",".join(HEADER), ";" in raw))
                break
            continue
        if len(row) != len(HEADER):
            problem(start, "", messages.population_row_width(len(row), len(HEADER)))
            continue
        ags, ars, gemeinde, persons, stichtag = row
        if not _AGS_RE.fullmatch(ags):
            problem(start, "ags", messages.population_ags_wrong(shown(ags)))
            continue
        if not _ARS_RE.fullmatch(ars) or ars[:5] + ars[-3:] != ags:
            problem(start, "ars", messages.population_ars_wrong(shown(ars), ags), ags)
        if not gemeinde.strip():
            problem(start, "name", messages.POPULATION_NAME_MISSING, ags)
        if ags in first_line:
            problem(start, "ags", messages.population_ags_twice(ags, first_line[ags]), ags)
            continue
        first_line[ags] = start
        if not _COUNT_RE.fullmatch(persons) or len(persons) > MAX_DIGITS:
            problem(start, "einwohner", messages.population_count_wrong(shown(persons)), ags)
        else:
            counts[ags] = int(persons)
        if gemeinden is not None and ags not in gemeinden:
            problem(start, "ags", messages.population_not_in_geodata(ags), ags)
        reason = None if _DAY_RE.fullmatch(stichtag) else "JJJJ-MM-TT"
        if reason is None:
            try:
                PartialDate.parse(stichtag)
            except ValueError as exc:
                reason = str(exc)
        if reason is not None:
            problem(start, "stichtag", messages.population_day_wrong(shown(stichtag), reason), ags)
        elif day is None:
            day = (stichtag, start)
        elif stichtag != day[0]:
            problem(start, "stichtag", messages.population_day_differs(shown(stichtag), day[0], day[1]), ags)
    if len(found) > MAX_MESSAGES:
        del found[MAX_MESSAGES:]
        found.append(Diagnostic(name, line, 1, "", "", *messages.more_not_shown(MAX_MESSAGES)))
    elif not header_seen:
        found.append(Diagnostic(name, 1, 1, "", "", *messages.FILE_EMPTY))
    elif gemeinden is not None and complete:  # every row was read
        missing = sorted(set(gemeinden) - first_line.keys())
        if missing:
            found.append(Diagnostic(name, line, 1, "", "", *messages.population_missing(missing)))
    if not found and day is None:  # a header and nothing else
        found.append(Diagnostic(name, 1, 1, "", "", *messages.FILE_EMPTY))
    problems.extend(found)
    if found:
        return None
    return counts, PartialDate.parse(day[0])
