"""How long the registry check takes on hostile 1 MB files (goal: each under 5 s, growing linearly).

Run: .venv/bin/python bench/hostile_registry.py [size in bytes, default 1_000_000]

Each file is built to provoke one kind of work: many structural problems, many unknown
fields, deep nesting, long values, many aliases, bad characters, many entries. The check must
answer each with exit code 1 (or a valid result) — never a traceback, crash or hang.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

try:  # the layout of issue 18; the flat one before it
    from kekiz.sources.diagnostics import RegistryError
    from kekiz.sources.registry import load
except ModuleNotFoundError:
    from kekiz.diagnostics import RegistryError
    from kekiz.registry import load

ENTRY = """  - slug: ort-{i}
    name: Ort {i}
    official_name: Stadt Ort {i}
    type: kreisangehoerige-stadt
    cohort: 2017
    ags: "05570004"
    sources:
      - url: https://example.org/{i}
        publisher: Beispiel
    statements: []
"""


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def cases(size: int) -> dict[str, str]:
    head = 'stand: "2026-11-21"\ncommunes:\n'
    return {
        "valid entries (all duplicates of one AGS)": head + "".join(ENTRY.format(i=i) for i in range(size // len(ENTRY))),
        "structural problems (bad type, unknown field, missing fields)": head + _repeat(
            "  - slug: 5\n    nmae: [1]\n    cohort: '2017'\n", size),
        "duplicate keys": head + "  - slug: a\n" + "".join(f"    name: x{i}\n" for i in range(size // 14)),
        "aliases": head + "  - &a {slug: a}\n" + _repeat("  - *a\n", size),
        "deep flow nesting": "stand: " + "[" * (size // 2) + "]" * (size // 2) + "\n",
        "deep block nesting": "".join(" " * i + f"k{i}:\n" for i in range(1400)),
        "one long value": head + "  - slug: " + "a" * size + "\n",
        "one long text with quotes": head + '  - name: "' + "„x“ " * (size // 8) + '"\n',
        "many long wrong dates": head + "  - slug: a\n    statements:\n" + _repeat(
            '      - {date: "' + "2" * 200 + '"}\n', size),
        "control characters": head + _repeat("  - slug: a\x01\n", size),
        # Text patterns once backtracked quadratically here (20 kB: seconds, 1 MB: never finished).
        "one long text with a control character at its end": head + '  - name: "Ort"\n    official_name: "'
        + "Stadt " * (size // 6) + '\\u0001"\n',
        "one long text with a right-to-left override at its end": head + '  - name: "'
        + "Ort " * (size // 4) + '\\u202e"\n',
        "invalid utf-8 at the end": head + _repeat("  - slug: a\n", size),
        "huge numbers": head + _repeat("  - cohort: " + "9" * 4000 + "\n", size),
        "many unknown top-level keys": "".join(f"k{i}: 1\n" for i in range(size // 10)),
    }


def main() -> int:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    programme = ROOT / "data" / "programme.yaml"
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases(size).items():
            path = Path(tmp) / "communes.yaml"
            data = text.encode("utf-8") + (b"\xff" if "utf-8" in name else b"")
            path.write_bytes(data)
            start = time.perf_counter()
            try:
                registry = load(path, programme)
                outcome = f"valid, {len(registry.communes)} Kommunen"
            except RegistryError as error:
                outcome = f"{len(error.diagnostics)} Meldungen"
            seconds = time.perf_counter() - start
            worst = max(worst, seconds)
            print(f"{seconds:6.2f} s  {len(data) / 1e6:5.2f} MB  {name}: {outcome}")
    print(f"slowest: {worst:.2f} s (goal: under 5 s)")
    return 0 if worst < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
