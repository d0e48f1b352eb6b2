"""Error messages for editors: where, what, and how to fix it — never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int          # 1-based
    column: int        # 1-based
    subject: str       # the Kommune's slug, or a description like "Eintrag 3"
    field: str         # e.g. "statements[2].date"
    problem: str       # what is wrong
    fix: str           # how to fix it

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        subject = f" {self.subject}:" if self.subject else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{subject}{field} {self.problem} — {self.fix}"

    def __str__(self) -> str:
        return self.format()


class RegistryError(Exception):
    """Raised with every problem found in one run, so editors fix them all at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [d.format() for d in self.diagnostics]
        lines.append(f"{len(self.diagnostics)} Fehler im Register gefunden; die Website wurde nicht gebaut.")
        return "\n".join(lines)
