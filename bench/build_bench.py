"""Build-time benchmark: the real site and synthetic registries against a bare Material build
with the same number of pages, in one run; and the live-reload latency of `mkdocs serve`.

    make bench                      # or: .venv/bin/python bench/build_bench.py [--sizes 400 4000] [--runs 2]

Goals (issue 10): full build ≤ 1.3× bare Material with the same page count (search on, German),
at the real size and at 4,000 synthetic Kommunen; t(4000)/t(400) ≤ 11; after saving the registry,
the changed page is served by `make serve` within 1.5 s at 40 Kommunen.

Each synthetic Kommune is a kreisangehörige Stadt with three sources and three statements; its
outline is a copy of a real Gemeinde of its Kreis, so every page carries a real locator map. The
396 real Gemeinden get their pages as in the real site. The bare site gets as many plain pages
as our build writes (redirect stubs not counted). Times are wall-clock and CPU (user + system of
the build process and of the second process it forks from 200 Kommunen on, kekiz.parallel): on a
shared machine the CPU time is the steadier figure. Ours and bare build
in turns, `--runs` times each (also at 4,000), and the fastest of each counts: a slow spell of the
machine then weighs on both.

Builds run without KEKIZ_SITE_URL, as `make build` and `make serve` do; the row "real, published"
sets it, as the Pages workflow does, which adds the link-preview images (about 4 ms each).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kekiz import nrw  # noqa: E402

STATEMENT = {
    "text": "Wir wollen allen Kindern gute Chancen geben, unabhängig von ihrer Herkunft.",
    "form": "quote", "speaker": "Erika Beispiel", "role": "Bürgermeisterin", "date": "2017-01",
    "source": {"url": "https://example.org/presse", "publisher": "Beispielstadt", "title": None},
}
PROJECT_PARTS = ("docs", "hooks", "overrides")


def real_project(where: Path) -> Path:
    """A copy of the project as it is (so the benchmark never touches the working tree)."""
    project = where / "kekiz-real"
    for part in PROJECT_PARTS + ("data",):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


class _QuotedStrings(yaml.SafeDumper):
    """Text in quotation marks, as the registry writes it: YAML 1.2 (editors, the build) reads a
    bare 05162996 as a number, where PyYAML's YAML 1.1 would leave it unquoted."""


_QuotedStrings.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def synthetic_project(n: int, where: Path) -> Path:
    """A copy of the project whose registry and boundary file hold `n` synthetic towns."""
    project = where / f"kekiz-{n}"
    for part in PROJECT_PARTS:
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
            "statements": [dict(copy.deepcopy(STATEMENT), id=f"s{j}", added="2026-12-01") for j in range(3)],
        })
    geo["gemeinden"].sort(key=lambda g: g["ags"])
    (project / "data" / "nrw-geo.json").write_text(json.dumps(geo, ensure_ascii=False), encoding="utf-8")
    (project / "data" / "communes.yaml").write_text(
        yaml.dump({"stand": "2026-11-21", "communes": communes}, Dumper=_QuotedStrings, allow_unicode=True,
                  sort_keys=False), encoding="utf-8")
    return project


def bare_project(pages: int, where: Path) -> Path:
    """Plain Material: the same theme settings, `pages` plain pages, kept out of the sidebar like ours."""
    project = where / f"bare-{pages}"
    if project.exists():  # the same page count again (the published real site)
        return project
    docs = project / "docs" / "kommunen"
    docs.mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    body = "\n\n".join(["Ein Absatz mit etwas Text über die Kommune und ihre Quellen."] * 12)
    for i in range(pages - 1):
        page = docs / f"beispielstadt-{i + 1}"
        page.mkdir()
        (page / "index.md").write_text(f"# Beispielstadt {i + 1}\n\n{body}\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Bare\nsite_url: http://127.0.0.1:8000/\n"
        "theme: {name: material, language: de, font: false}\n"
        # The search settings of ours (German's defaults, written out), so that saving the plugin's
        # look-up does not count as our gain.
        "plugins: [{search: {lang: de, separator: '[\\s\\-]+', pipeline: [stopWordFilter]}}]\n"
        "nav: [index.md]\nnot_in_nav: |\n  /kommunen/*/index.md\n", encoding="utf-8")
    return project


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    env.pop("KEKIZ_REGISTRY", None)
    if not extra or "KEKIZ_SITE_URL" not in extra:
        env.pop("KEKIZ_SITE_URL", None)
    return env


# A publishing build: with a public address the link-preview images are drawn too.
PUBLISHED = {"KEKIZ_SITE_URL": "https://kekiz.example.org/"}


def timed_build(project: Path, runs: int, extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the fastest of `runs` builds."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                                cwd=project, env=_env(extra_env), capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if result.returncode != 0:
            sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
        best = min(best, (wall, cpu), key=lambda t: t[1])
    return best


def page_count(site: Path) -> int:
    """Pages a build wrote: every index.html but redirect stubs (and the 404 page)."""
    return sum(1 for p in site.rglob("index.html")
               if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000])


def compare(label: str, project: Path, runs: int, where: Path,
            extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    # Ours and bare take turns, so a slow spell of this shared machine weighs on both.
    ours = timed_build(project, 1, extra_env)
    bare_site = bare_project(page_count(project / "site"), where)
    bare = timed_build(bare_site, 1)
    for _ in range(runs - 1):
        ours = min(ours, timed_build(project, 1, extra_env), key=lambda t: t[1])
        bare = min(bare, timed_build(bare_site, 1), key=lambda t: t[1])
    pages = page_count(project / "site")
    print(f"{label:>16} {pages:>6} {ours[0]:>8.2f} {ours[1]:>8.2f} {bare[0]:>8.2f} {bare[1]:>8.2f}"
          f" {ours[0] / bare[0]:>7.2f} {ours[1] / bare[1]:>7.2f}", flush=True)
    return ours


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_latency(where: Path, edits: int = 5) -> list[float]:
    """Seconds from saving data/communes.yaml to `mkdocs serve` serving the changed Kommune page."""
    project = real_project(where / "serve")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/kommunen/krefeld/"
    try:
        deadline = time.time() + 120
        while "Krefeld" not in _fetch(url):
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        registry = project / "data" / "communes.yaml"
        original = registry.read_text(encoding="utf-8")
        latencies = []
        for i in range(edits):
            marker = f"Messmarke{i}"
            changed, count = re.subn(r'(official_name: "Stadt Krefeld)', rf"\1 {marker}", original, count=1)
            assert count == 1, "Krefeld's official_name not found in the registry"
            time.sleep(1.0)  # let the watcher settle after the previous build
            start = time.perf_counter()
            registry.write_text(changed, encoding="utf-8")
            while marker not in _fetch(url):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("the change never appeared")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[400, 4000], help="synthetic Kommunen")
    parser.add_argument("--runs", type=int, default=2, help="builds per size, ours and bare in turns; the fastest counts")
    parser.add_argument("--no-serve", action="store_true", help="skip the live-reload measurement")
    args = parser.parse_args()
    print(f"{'site':>16} {'pages':>6} {'kekiz s':>8} {'cpu s':>8} {'bare s':>8} {'cpu s':>8} {'ratio':>7} {'cpu':>7}")
    times = {}
    with tempfile.TemporaryDirectory(prefix="kekiz-bench-") as tmp:
        where = Path(tmp)
        real = real_project(where)
        compare("real", real, args.runs, where)
        compare("real, published", real, args.runs, where, PUBLISHED)
        for n in args.sizes:
            times[n] = compare(f"{n} Kommunen", synthetic_project(n, where), args.runs, where)
        if 400 in times and 4000 in times:
            print(f"t(4000)/t(400) = {times[4000][0] / times[400][0]:.1f} (wall), "
                  f"{times[4000][1] / times[400][1]:.1f} (CPU)")
        if not args.no_serve:
            latencies = serve_latency(where)
            print("serve: registry saved → Kommune page changed: "
                  + ", ".join(f"{t:.2f} s" for t in latencies) + f" (median {statistics.median(latencies):.2f} s)")


if __name__ == "__main__":
    main()
