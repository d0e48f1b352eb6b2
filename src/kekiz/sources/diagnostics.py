"""Error messages for editors: where, what, and how to fix it — never a traceback.

Every message is one line: values from the registry are shown with control characters
escaped and long values shortened, so a stray newline cannot split or forge a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kekiz.sources import messages

# Control and line-separator characters, and the invisible ones that reorder or hide text (bidi
# controls such as U+202E, zero-width characters): shown as escapes, so no message can be forged.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SHOWN_MAX = 60
SHOWN_FIELD_MAX = 120  # a field in words: "3. Äußerung, Quelle, Adresse"


def one_line(text: str) -> str:
    """`text` with every control, line-separator or invisible formatting character written as an escape."""
    return _CONTROL_RE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A registry value as it may appear inside a message: one line, at most `limit` characters."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]  # escaping a megabyte only to cut it would waste time
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int          # 1-based
    column: int        # 1-based, in characters
    subject: str       # the Kommune's slug, or a description like "Eintrag 3"
    field: str         # in words, e.g. "2. Äußerung, Datum"
    problem: str       # what is wrong
    fix: str           # how to fix it

    def format(self) -> str:
        where = f"{one_line(self.file)}:{self.line}:{self.column}"
        # a hostile slug or key of a megabyte is named, not printed (it repeats in every message)
        subject = f" {shown(self.subject)}:" if self.subject else ""
        field = f" {shown(self.field, SHOWN_FIELD_MAX)}:" if self.field else ""
        return f"{where}:{subject}{field} {one_line(self.problem)} — {one_line(self.fix)}"

    def __str__(self) -> str:
        return self.format()


class RegistryError(Exception):
    """Raised with every problem found in one run, so editors fix them all at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(self.report())

    @property
    def files(self) -> list[str]:
        return sorted({d.file for d in self.diagnostics})

    def summary(self) -> str:
        return messages.errors_in(len(self.diagnostics), self.files)

    def report(self, closing: str = messages.NOT_BUILT) -> str:
        """Every message, one per line, then one line saying how many and what that means."""
        lines = [d.format() for d in self.diagnostics]
        lines.append(messages.errors_found(len(self.diagnostics), self.files, closing))
        return "\n".join(lines)
