"""How long the check takes on hostile 1 MB versions of every input the build reads (issue 19).

Run: .venv/bin/python bench/hostile_inputs.py [size in bytes, default 1_000_000] [--settings]

For each data file, each kind of hostile content replaces that one file in a copy of `data/`, and the
whole door (`kekiz.sources.load_inputs`) reads the project: the answer must be German messages (or a
valid result) within 5 s, never a traceback, crash or hang. The registry's own kinds are those of
`hostile_registry.py`. With `--settings`, hostile `mkdocs.yml` files are built with `mkdocs build`
(MkDocs itself parses that file, so the time includes its start and its YAML reader).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from hostile_registry import cases as registry_cases  # noqa: E402
from kekiz.sources import load_inputs  # noqa: E402
from kekiz.sources.diagnostics import RegistryError  # noqa: E402

GOAL_SECONDS = 5.0


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def yaml_cases(size: int, top: str) -> dict[str, bytes]:
    """Hostile YAML for any of our YAML files; `top` is the file's first required key."""
    long_text = "Text " * (size // 5)
    return {
        "long text, control character at its end": f'{top}:\n  - a: "{long_text}\\u0001"\n'.encode(),
        "long text, right-to-left override at its end": f'{top}:\n  - a: "{long_text}\\u202e"\n'.encode(),
        "duplicate keys": (f"{top}:\n  - a: 1\n" + _repeat("    b: 1\n", size)).encode(),
        "aliases": (f"{top}:\n  - &x {{a: 1}}\n" + _repeat("  - *x\n", size)).encode(),
        "deep flow nesting": (f"{top}: " + "[" * (size // 2) + "]" * (size // 2) + "\n").encode(),
        "many unknown keys": "".join(f"k{i}: 1\n" for i in range(size // 10)).encode(),
        "control characters": _repeat("a: \x01\n", size).encode(),
        "unclosed quote at the start": (f"{top}: '" + long_text + "\n").encode(),
        "line separators in a quoted text": (f'{top}: "' + _repeat("x\u2028", size // 4) + '"\nb: [\n').encode(),
        "huge numbers": _repeat("a: " + "9" * 4000 + "\n", size).encode(),
        "utf-16 without byte order mark": _repeat(f"{top}: Düren\n", size // 2).encode("utf-16-le"),
        "invalid utf-8 at the end": _repeat(f"{top}: a\n", size).encode() + b"\xff",
    }


def json_cases(size: int) -> dict[str, bytes]:
    return {
        "deep nesting": ("[" * (size // 2) + "]" * (size // 2)).encode(),
        "one long string": ('{"a": "' + "x" * size + '"}').encode(),
        "huge number": ('{"a": ' + "9" * size + "}").encode(),
        "many keys": ("{" + ",".join(f'"k{i}": 1' for i in range(size // 12)) + "}").encode(),
        "invalid utf-8": b'{"a": "' + b"\xff" * size + b'"}',
        "not json": _repeat("kekiz ", size).encode(),
    }


def csv_cases(size: int, header: str) -> dict[str, bytes]:
    row = "05111000,051110000000,\"Düsseldorf, Stadt\",611258,2022-05-15\n"
    return {
        "the same row a megabyte long": (header + _repeat(row, size)).encode(),
        "one long field": (header + '05111000,051110000000,"' + "x" * size + '",1,2022-05-15\n').encode(),
        "unclosed quote": (header + '05111000,051110000000,"' + _repeat("Ort, Stadt\n", size)).encode(),
        "many columns": (header + ",".join(["1"] * (size // 2)) + "\n").encode(),
        "semicolons": (header.replace(",", ";") + _repeat(row.replace(",", ";"), size)).encode(),
        "nul bytes": (header + _repeat("\x00", size)).encode(),
        "invalid utf-8": header.encode() + b"\xff" * size,
    }


def _data_cases(size: int, data: Path) -> list[tuple[str, str, bytes]]:
    out: list[tuple[str, str, bytes]] = []
    for kind, text in registry_cases(size).items():
        out.append(("communes.yaml", kind, text.encode("utf-8") + (b"\xff" if "utf-8" in kind else b"")))
    for name, top in (("programme.yaml", "cohorts"), ("glossary.yaml", "terms"),
                      ("barrierefreiheit.yaml", "limitations")):
        out += [(name, kind, content) for kind, content in yaml_cases(size, top).items()]
    for name in ("nrw-geo.json", "special-cases.json"):
        out += [(name, kind, content) for kind, content in json_cases(size).items()]
    census = sorted(data.glob("zensus*.csv"))
    if census:
        header = census[0].read_text(encoding="utf-8").splitlines()[0] + "\n"
        out += [(census[0].name, kind, content) for kind, content in csv_cases(size, header).items()]
    return out


def _settings_cases(size: int) -> dict[str, str]:
    long_text = "Text " * (size // 5)
    operator = "  operator:\n    name: Beispiel\n"
    return {
        "duplicate keys under extra.operator": "extra:\n" + operator + _repeat("    name: Beispiel\n", size),
        "long name with a control character": f'extra:\n  operator:\n    name: "{long_text}\\u0001"\n',
        "extra.kekiz as a long list": "extra:\n  kekiz:\n" + _repeat("    - x\n", size),
        "unclosed quote": "extra:\n  operator:\n    name: '" + long_text + "\n",
    }


def run_data(size: int) -> float:
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "data", root / "data")
        for name, kind, content in _data_cases(size, root / "data"):
            target = root / "data" / name
            original = target.read_bytes()
            target.write_bytes(content)
            start = time.perf_counter()
            try:
                load_inputs(root)
                outcome = "valid"
            except RegistryError as error:
                outcome = f"{len(error.diagnostics)} Meldungen"
            except Exception as exc:  # noqa: BLE001 — the bench reports what must not happen
                outcome = f"FEHLER: {type(exc).__name__}: {str(exc)[:80]}"
                worst = float("inf")
            seconds = time.perf_counter() - start
            target.write_bytes(original)
            worst = max(worst, seconds)
            print(f"{seconds:6.2f} s  {len(content) / 1e6:5.2f} MB  {name}: {kind}: {outcome}", flush=True)
    return worst


def run_settings(size: int) -> float:
    """mkdocs.yml with hostile `extra` settings appended, built with `mkdocs build`."""
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".git", "site", ".site-new", "test-results", "__pycache__", ".cache"))
        config = project / "mkdocs.yml"
        original = config.read_text(encoding="utf-8")
        base = "\n".join(line for line in original.splitlines() if not line.startswith("extra:"))
        for kind, hostile in _settings_cases(size).items():
            config.write_text(original.split("\nextra:")[0] + "\n" + hostile if "\nextra:" in original
                              else base + "\n" + hostile, encoding="utf-8")
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "out")],
                                    cwd=project, capture_output=True, text=True,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
            seconds = time.perf_counter() - start
            crashed = "Traceback" in result.stderr
            outcome = ("TRACEBACK" if crashed else f"exit {result.returncode}")
            worst = max(worst, float("inf") if crashed else seconds)
            print(f"{seconds:6.2f} s  {len(hostile) / 1e6:5.2f} MB  mkdocs.yml: {kind}: {outcome}", flush=True)
    return worst


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    size = int(args[0]) if args else 1_000_000
    worst = run_data(size)
    if "--settings" in sys.argv:
        worst = max(worst, run_settings(size))
    print(f"slowest: {worst:.2f} s (goal: under {GOAL_SECONDS:.0f} s)")
    return 0 if worst < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
