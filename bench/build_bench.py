"""Build-time benchmark: synthetic registries of 40, 400 and 4,000 Kommunen against a bare
Material build with the same number of plain pages.

    make bench                      # or: .venv/bin/python bench/build_bench.py [--sizes 40 400] [--runs 1]

Targets (issue 2): ≤ 1.3× bare at 40; t(4000)/t(400) ≤ 12; 4,000 in ≤ 60 s on 2 cores.
Each synthetic Kommune is a kreisangehörige Stadt with three sources and three statements;
its outline is a copy of a real Gemeinde of its Kreis, so every page carries a real locator map.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kekiz import nrw  # noqa: E402

STATEMENT = {
    "text": "Wir wollen allen Kindern gute Chancen geben, unabhängig von ihrer Herkunft.",
    "form": "quote", "speaker": "Erika Beispiel", "role": "Bürgermeisterin", "date": "2017-01",
    "source": {"url": "https://example.org/presse", "publisher": "Beispielstadt", "title": None},
    "added": "2026-11-21",
}


class _QuotedStrings(yaml.SafeDumper):
    """Text in quotation marks, as the registry writes it: YAML 1.2 (editors, the build) reads a
    bare 05162996 as a number, where PyYAML's YAML 1.1 would leave it unquoted."""


_QuotedStrings.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def synthetic_project(n: int, where: Path) -> Path:
    """A copy of the project whose registry and boundary file hold `n` synthetic towns."""
    project = where / f"kekiz-{n}"
    for part in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # Every data file (schemas, programme, legal pages' data) except the two replaced below.
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("communes.yaml", "nrw-geo.json"))

    geo = json.loads((ROOT / "data" / "nrw-geo.json").read_text(encoding="utf-8"))
    kreise = [ags for ags, (_, kreisfrei) in sorted(nrw.KREISE.items()) if not kreisfrei]
    real = {g["ags"] for g in geo["gemeinden"]}
    template = {k: next(g for g in geo["gemeinden"] if g["ags"].startswith(k)) for k in kreise}
    communes = []
    for i in range(n):
        kreis = kreise[i % len(kreise)]
        number = 999 - i // len(kreise)
        ags = f"{kreis}{number:03d}"
        assert ags not in real and number > 0, "synthetic AGS range exhausted"
        geo["gemeinden"].append({**template[kreis], "ags": ags, "name": f"Beispielstadt {i + 1}"})
        communes.append({
            "slug": f"beispielstadt-{i + 1}", "name": f"Beispielstadt {i + 1}",
            "official_name": f"Stadt Beispielstadt {i + 1}", "type": "kreisangehoerige-stadt",
            "cohort": 2012 if i % 2 else 2017, "ags": ags,
            "sources": [{"url": f"https://example.org/{i}/{j}", "publisher": "Beispielverlag",
                         "title": f"Meldung {j}", "date": "2017-01-11"} for j in range(3)],
            "statements": [{**copy.deepcopy(STATEMENT), "id": f"beispiel-{j + 1}"} for j in range(3)],
        })
    geo["gemeinden"].sort(key=lambda g: g["ags"])
    (project / "data" / "nrw-geo.json").write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")
    (project / "data" / "communes.yaml").write_text(
        yaml.dump({"stand": "2026-11-21", "communes": communes}, Dumper=_QuotedStrings, allow_unicode=True,
                  sort_keys=False), encoding="utf-8")
    return project


def bare_project(n: int, where: Path) -> Path:
    """Plain Material: the same theme settings, `n` plain pages, kept out of the sidebar like ours."""
    project = where / f"bare-{n}"
    docs = project / "docs" / "kommunen"
    docs.mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    body = "\n\n".join(["Ein Absatz mit etwas Text über die Kommune und ihre Quellen."] * 12)
    for i in range(n):
        page = docs / f"beispielstadt-{i + 1}"
        page.mkdir()
        (page / "index.md").write_text(f"# Beispielstadt {i + 1}\n\n{body}\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Bare\nsite_url: http://127.0.0.1:8000/\n"
        "theme: {name: material, language: de, font: false}\n"
        "plugins: [{search: {lang: de}}]\n"
        "nav: [index.md]\nnot_in_nav: |\n  /kommunen/*/index.md\n", encoding="utf-8")
    return project


def timed_build(project: Path, runs: int) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KEKIZ_REGISTRY", None)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                                cwd=project, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    parser.add_argument("--runs", type=int, default=2, help="builds per size; the fastest counts")
    args = parser.parse_args()
    print(f"{'Kommunen':>8} {'kekiz s':>9} {'s/Kommune':>10} {'bare s':>8} {'ratio':>6}")
    times = {}
    with tempfile.TemporaryDirectory(prefix="kekiz-bench-") as tmp:
        for n in args.sizes:
            runs = args.runs if n < 4000 else 1
            ours = timed_build(synthetic_project(n, Path(tmp)), runs)
            bare = timed_build(bare_project(n, Path(tmp)), runs)
            times[n] = ours
            print(f"{n:>8} {ours:>9.2f} {ours / n:>10.4f} {bare:>8.2f} {ours / bare:>6.2f}", flush=True)
    if 400 in times and 4000 in times:
        print(f"t(4000)/t(400) = {times[4000] / times[400]:.1f}")


if __name__ == "__main__":
    main()
