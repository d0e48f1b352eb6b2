"""Make untrusted registry text inert for each output format that is not HTML.

HTML is escaped by Jinja's autoescape; these cover the rest: XML (Atom, RDF), JSON inside a
<script> element (JSON-LD) and spreadsheet cells (CSV).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

# Characters XML 1.0 forbids, plus the C1 controls and DEL it merely discourages.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def xml_text(text: str) -> str:
    """Text with every character XML cannot carry removed (escaping is the serializer's job)."""
    return _NOT_XML_RE.sub("", text)


def csv_cell(value: object) -> str:
    """One CSV cell: None is empty; text a spreadsheet would run as a formula gets a leading
    apostrophe, which spreadsheets show as text and do not display."""
    if value is None:
        return ""
    text = xml_text(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


# What a JSON text shows of a string with a character _NOT_XML_RE removes: json escapes the C0
# controls (\\u0001, \\b, \\f) and passes the rest through. May also match harmless text
# (a literal backslash before "b"): that only costs the slow path.
_UNCLEAN_JSON_RE = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_json(data: object, write: Callable[[object], str] | None = None, **options) -> str:
    """JSON text of `data` (by `write`, else json.dumps(data, ensure_ascii=False, **options)) with
    control characters removed from every string. Registry text never has any (the contract
    rejects them), so the data is walked only when the finished text shows one: walking it
    every time cost more than the writing."""
    if write is None:
        def write(value: object) -> str:
            return json.dumps(value, ensure_ascii=False, **options)
    text = write(data)
    if _UNCLEAN_JSON_RE.search(text):
        text = write(clean_strings(data))
    return text


def script_json(data: object) -> str:
    """JSON for a <script type="application/ld+json"> element: compact, and no sequence in it
    can close the element or open a comment (<, >, & are written as \\u escapes)."""
    text = clean_json(data, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def clean_strings(data: object) -> object:
    """The same data with control characters removed from every string."""
    if isinstance(data, str):
        return xml_text(data)
    if isinstance(data, dict):
        return {clean_strings(k): clean_strings(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [clean_strings(v) for v in data]
    return data
