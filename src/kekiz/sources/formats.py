"""The formats the data schemas name (kekiz-datum, kekiz-web-adresse) and the schema regex rule,
shared by the contract (kekiz.sources.contract) and jsonschema's walk (kekiz.sources.schemarules);
and the one rule for addresses a visitor opens (site, repository, contact form)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from kekiz.sources import messages

_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


# -- formats: what a pattern cannot say ---------------------------------------------------------
def check_date(value: str) -> str | None:
    """German reason why `value` (already of the right shape) is no calendar date, or None."""
    match = _DATE_RE.match(value)
    if not match or not match.group(3):
        return None  # the pattern reports the shape
    year, month, day = (int(g) for g in match.groups())
    if 1 <= month <= 12 and day > calendar.monthrange(year, month)[1]:
        return messages.no_such_day(day, month, year)
    return None


def explain_date(value: str) -> str | None:
    """A more precise reason for a date the pattern rejected ("den Monat 13 gibt es nicht")."""
    parts = value.split("-")
    if any(ch.isdigit() and not ch.isascii() for ch in value):
        return messages.DIGITS_NOT_ASCII
    if 2 <= len(parts) <= 3 and all(p.isascii() and p.isdigit() for p in parts) and len(parts[0]) == 4 \
            and all(len(p) == 2 for p in parts[1:]):
        if not 1 <= int(parts[1]) <= 12:
            return messages.no_such_month(parts[1])
        if len(parts) == 3 and not 1 <= int(parts[2]) <= 31:
            return messages.no_such_day_number(parts[2])
    return None


_GERMAN_DATE_RE = re.compile(r"(?:([0-9]{1,2})\.)?([0-9]{1,2})\.([0-9]{4})\Z")


def iso_of_german_date(value: str) -> str | None:
    """"02.03.2012" → "2012-03-02", "3.2012" → "2012-03": a date written the German way, in the
    form the registry needs; None if it is no such date."""
    match = _GERMAN_DATE_RE.match(value.strip())
    if not match:
        return None
    day, month, year = match.groups()
    if not 1 <= int(month) <= 12:
        return None
    iso = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    if day and (int(day) < 1 or check_date(iso)):
        return None
    return iso


# -- patterns as editors read them ----------------------------------------------------------------
@lru_cache(maxsize=256)
def schema_regex(pattern: str) -> re.Pattern:
    """A schema's pattern with ECMAScript's `$` (end of text), as editors' tools read it."""
    return re.compile(re.sub(r"(?<!\\)\$\Z", r"\\Z", pattern))


# One rule for the addresses a visitor opens: the site's, the repository's, a contact form's.
_HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
# Never unencoded in an address (RFC 3986): they would break out of an HTML attribute or a log line.
_NOT_IN_ADDRESSES = frozenset('"<>\\^`{|}')


_ASCII_SPACE_OR_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")
_ASCII_FORBIDDEN_RE = re.compile('["<>\\\\^`{|}]')


@lru_cache(maxsize=4096)  # a registry names the same few hundred sources again and again
def web_address_problem(value: str) -> str | None:
    """Why `value` is no address a visitor can open (http or https, a real host), or None."""
    if value.isascii():  # nearly every address: two regex scans instead of a loop per character
        if _ASCII_SPACE_OR_CONTROL_RE.search(value):
            return messages.URL_SPACE
        if _ASCII_FORBIDDEN_RE.search(value):
            return messages.URL_FORBIDDEN_CHARACTER
    else:
        if any(ch.isspace() or ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):
            return messages.URL_SPACE
        if any(ch in _NOT_IN_ADDRESSES or unicodedata.category(ch) == "Cf" for ch in value):
            return messages.URL_FORBIDDEN_CHARACTER
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 — raises ValueError for a port out of range
    except ValueError as error:  # its text is English: say in German what it means
        return messages.URL_PORT_WRONG if "Port" in str(error) else messages.URL_BROKEN
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return messages.URL_NOT_HTTP
    if "@" in parts.netloc:
        return messages.URL_USERINFO
    return _host_problem(parts.hostname or "")


def _host_problem(host: str) -> str | None:
    host = host.rstrip(".")
    if not host.isascii():  # an internationalised name (münchen.de) as the DNS knows it
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return messages.URL_NO_REAL_HOST
    return None if _HOST_RE.match(host.lower()) else messages.URL_NO_REAL_HOST


_MAILBOX_RE = re.compile(r"[A-Za-z0-9._'+-]+")


# The formats the schemas name; kekiz-web-adresse is the one address rule (web_address_problem).
FORMATS = {"kekiz-datum": check_date, "kekiz-web-adresse": web_address_problem}


def is_email_address(value: str) -> bool:
    """A mailbox a mailto: link can name: plain characters before the @, a real host after it
    (no spaces, controls, invisible characters, no ?subject= or second @)."""
    mailbox, at, host = value.partition("@")
    return bool(at) and bool(_MAILBOX_RE.fullmatch(mailbox)) and not mailbox.startswith(".") \
        and "@" not in host and _host_problem(host) is None


def base_address_problem(value: str) -> str | None:
    """Why `value` cannot be the site's public address, which every permalink starts with, or None."""
    problem = web_address_problem(value)
    if problem is None and ("?" in value or "#" in value):
        return messages.URL_NOT_A_BASE
    return problem
