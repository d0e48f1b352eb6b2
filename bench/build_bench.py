"""Build-time benchmark: our build against a bare Material build with the same page count.

    make bench                  # or: .venv/bin/python bench/build_bench.py [--rounds 9] [--sizes real max]

Goal (issue 18): a full build takes ≤ 1.3× a bare Material build with the same number of pages
(search on, German), at two sizes:

- real: the project as it is;
- max:  the domain's maximum, every Kreis (31), kreisfreie Stadt (22) and kreisangehörige
        Gemeinde (374) of NRW as a Kommune, 427 in all, generated from data/nrw-geo.json. Each
        borrows the cohort, sources, statements and notes of a real entry in turn, so its page
        carries what a real one does. The site has a page for each of the 396 Gemeinden; at
        this size every Gemeinde is a Kommune, so those pages are redirects to the Kommune pages.

A third build answers what the goal leaves open, how much of the difference is the content: bare
Material with our content ("same content"). Its pages carry the article of each page our build
wrote, as raw HTML in Markdown files, and every other file our build wrote (feeds, downloads, map
data, our stylesheet and scripts, redirect stubs) lies in its docs as a static file. What ours
takes beyond that is what reading the inputs, rendering the content and our hooks cost.

Both are built through the CLI (`mkdocs build`, as `make build` does, without KEKIZ_SITE_URL) in a
copy of the project; the max registry is handed over in KEKIZ_REGISTRY. The bare site gets as
many plain pages as our build writes (redirect stubs not counted). Times are wall-clock and CPU
(user + system of the build and of any process it forks); on a shared machine CPU is the steadier
figure. Ours and bare build in turns, `--rounds` times each; the table shows the medians and the
ratios of the medians.

No kekiz module is imported: the benchmark measures whatever the CLI builds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MKDOCS = Path(sys.executable).with_name("mkdocs")  # the CLI of the venv that runs this script
PROJECT_PARTS = ("docs", "data", "hooks", "overrides")
DOMAIN_MAXIMUM = 427  # 31 Kreise + 396 Gemeinden (22 of them kreisfreie Städte)


def project_copy(where: Path) -> Path:
    """A copy of the project as it is, so the benchmark never touches the working tree."""
    project = where / "kekiz"
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def slugify(name: str) -> str:
    """As the registry writes slugs: ä → ae, ö → oe, ü → ue, ß → ss, anything else → a hyphen."""
    slug = name.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        slug = slug.replace(umlaut, spelled)
    return re.sub(r"[^a-z0-9]+", "-", slug).strip("-")


def kreis_name(name: str) -> str:
    """ "Kleve" → "Kreis Kleve"; names that already say what they are stay ("Märkischer Kreis",
    "Hochsauerlandkreis", "Städteregion Aachen")."""
    return name if re.search(r"kreis|region", name, re.IGNORECASE) else f"Kreis {name}"


class _QuotedStrings(yaml.SafeDumper):
    """Text in quotation marks, as the registry writes it: YAML 1.2 (editors, the build) reads a
    bare 05162996 as a number, where PyYAML's YAML 1.1 would leave it unquoted.
    No anchors either: Kommunen that borrow from the same real entry get copies, as an editor writes."""

    def ignore_aliases(self, data) -> bool:
        return True


_QuotedStrings.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def domain_maximum_registry(path: Path) -> None:
    """Write a registry holding every Kreis and Gemeinde of NRW as a Kommune."""
    geo = json.loads((DATA / "nrw-geo.json").read_text(encoding="utf-8"))
    special = json.loads((DATA / "special-cases.json").read_text(encoding="utf-8"))
    real = yaml.safe_load((DATA / "communes.yaml").read_text(encoding="utf-8"))
    kreisfrei = {k["ags"] for k in geo["kreise"] if k["kind"] == "Kreisfreie Stadt"}
    # Aachen lies in the StädteRegion (its AGS starts 05334) but the registry must call it a
    # kreisfreie Stadt: the build's own rule, read from the same file.
    kreisfrei_in_kreis = {e["ags"] for e in special["kreisfreie_staedte_in_kreisen"]}

    areas = [(k["ags"], kreis_name(k["name"]), kreis_name(k["name"]), "kreis")
             for k in geo["kreise"] if k["kind"] == "Kreis"]
    for g in geo["gemeinden"]:
        city = g["ags"][:5] in kreisfrei or g["ags"] in kreisfrei_in_kreis  # the Kreis is the first 5 digits
        # The schema knows no "Gemeinde" type: a Gemeinde in a Kreis is filed as kreisangehörige Stadt.
        official = f"{'Stadt' if g['kind'] == 'Stadt' else 'Gemeinde'} {g['name']}"
        areas.append((g["ags"], g["name"], official, "kreisfreie-stadt" if city else "kreisangehoerige-stadt"))
    assert len(areas) == DOMAIN_MAXIMUM, f"{len(areas)} areas in data/nrw-geo.json, expected {DOMAIN_MAXIMUM}"

    donors = real["communes"]
    communes = []
    for i, (ags, name, official, kind) in enumerate(sorted(areas)):
        donor = donors[i % len(donors)]
        communes.append({"slug": slugify(name), "name": name, "official_name": official, "type": kind,
                         "cohort": donor["cohort"], "ags": ags,
                         **{k: donor[k] for k in ("sources", "statements", "notes") if k in donor}})
    assert len({c["slug"] for c in communes}) == len(communes), "two generated Kommunen share a slug"
    path.write_text(yaml.dump({"stand": real["stand"], "communes": communes}, Dumper=_QuotedStrings,
                              allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def bare_project(pages: int, project: Path) -> Path:
    """Plain Material: the same theme settings, `pages` plain pages, kept out of the sidebar like ours."""
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


_ARTICLE_RE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)


def same_content_project(ours: Path, bare: Path, project: Path) -> Path:
    """Plain Material whose docs hold what our build wrote (`ours`): each page's article as raw HTML
    in a Markdown page, every other file as it is, except what Material writes itself (the files of
    a bare build, `bare`)."""
    docs = project / "docs"
    theirs = {p.relative_to(bare).as_posix() for p in bare.rglob("*") if p.is_file()}
    for path in sorted(ours.rglob("*")):
        relative = path.relative_to(ours).as_posix()
        if not path.is_file() or relative in theirs and not relative.endswith("index.html"):
            continue
        text = path.read_text(encoding="utf-8") if path.name == "index.html" else None
        if text is not None and 'http-equiv="refresh"' not in text[:2000]:
            article = _ARTICLE_RE.search(text)
            target = docs / Path(relative).with_suffix(".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            # a <div> keeps the whole article one raw HTML block, as Markdown passes it on
            target.write_text(f"<div>\n{article.group(1) if article else ''}\n</div>\n", encoding="utf-8")
        elif relative not in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
            (docs / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, docs / relative)
    (project / "mkdocs.yml").write_text(
        "site_name: Bare\nsite_url: http://127.0.0.1:8000/\n"
        "theme: {name: material, language: de, font: false}\n"
        "plugins: [{search: {lang: de, separator: '[\\s\\-]+', pipeline: [stopWordFilter]}}]\n"
        "nav: [index.md]\nnot_in_nav: |\n  /*.md\n  /**/*.md\n", encoding="utf-8")
    return project


def build(project: Path, site: Path, registry: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KEKIZ_SITE_URL", None)  # as `make build`: no link-preview images
    env.pop("KEKIZ_REGISTRY", None)
    if registry is not None:
        env["KEKIZ_REGISTRY"] = str(registry)
    # RUSAGE_CHILDREN counts every process we have waited for, with what they waited for in turn.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "-q", "-d", str(site)], cwd=project, env=env,
                            capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def page_count(site: Path) -> int:
    """Pages a build wrote: every index.html but redirect stubs."""
    return sum(1 for p in site.rglob("index.html")
               if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000])


def compare(label: str, project: Path, rounds: int, where: Path, registry: Path | None = None) -> None:
    site = where / f"site-{label}"
    # One build of each first, not counted: it tells the page count, and it leaves the on-disk
    # template cache and the OS file cache as every later build (and every developer's) finds them.
    build(project, site, registry)
    pages = page_count(site)
    bare = bare_project(pages, where / f"bare-{label}")
    build(bare, bare / "site")
    content = same_content_project(site, bare / "site", where / f"content-{label}")
    build(content, content / "site")
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": [], "content": []}
    for _ in range(rounds):  # in turns, so a slow spell of a shared machine weighs on all three
        runs["ours"].append(build(project, site, registry))
        runs["bare"].append(build(bare, bare / "site"))
        runs["content"].append(build(content, content / "site"))
    medians = {name: [statistics.median(r[k] for r in done) for k in (0, 1)] for name, done in runs.items()}
    ours, plain, same = medians["ours"], medians["bare"], medians["content"]
    print(f"{label:>6} {pages:>6} {ours[0]:>8.2f} {ours[1]:>8.2f} {plain[0]:>8.2f} {plain[1]:>8.2f}"
          f" {ours[0] / plain[0]:>7.2f} {ours[1] / plain[1]:>7.2f}"
          f" {same[0]:>8.2f} {same[1]:>8.2f} {ours[0] / same[0]:>7.2f} {ours[1] / same[1]:>7.2f}", flush=True)
    for other in ("bare", "content"):
        cpu_ratios = sorted(o[1] / b[1] for o, b in zip(runs["ours"], runs[other]))
        print(f"{'':>6} CPU ratio per round against {other}: {cpu_ratios[0]:.2f}–{cpu_ratios[-1]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="builds of ours and of bare, in turns (default 9)")
    parser.add_argument("--sizes", nargs="+", choices=("real", "max"), default=["real", "max"])
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{'site':>6} {'pages':>6} {'ours s':>8} {'cpu s':>8} {'bare s':>8} {'cpu s':>8} {'ratio':>7} {'cpu':>7}"
          f" {'same s':>8} {'cpu s':>8} {'ratio':>7} {'cpu':>7}   (medians of {args.rounds} rounds;"
          f" same = bare Material with our content)", flush=True)
    with tempfile.TemporaryDirectory(prefix="kekiz-bench-") as tmp:
        where = Path(tmp)
        project = project_copy(where)
        if "real" in args.sizes:
            compare("real", project, args.rounds, where)
        if "max" in args.sizes:
            registry = where / "communes-max.yaml"
            domain_maximum_registry(registry)
            compare("max", project, args.rounds, where, registry)
    print(f"goal: ratio against bare ≤ 1.3 (wall and CPU); run took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
