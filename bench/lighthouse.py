"""Lighthouse report for the built site beside a bare Material site: median of three runs per page.

A report, not a test (Lighthouse's performance score varies by a few points between runs on a
busy 2-core machine, so ours and bare are measured in turns, in one run). Uses npm `lighthouse`
from node_modules (`make setup`) and Debian's Chromium; the browser resolves no host but
127.0.0.1, so the site is measured offline. Both sites are served with gzip, as a web host
serves them (GitHub Pages does); `--no-gzip` serves the bytes as they are.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--site DIR] [--forms mobile,desktop] [--no-bare] [PAGE ...]

Without --site the site is built first (into a temporary folder). Pages default to one page of each
type a citizen meets: home, map, a Kommune, a Gemeinde, the A–Z page, press, Leichte Sprache. The
bare site (plain Material with our theme and search settings, `bench/build_bench.py`) is measured
on its home page and one plain page in the same rounds. Results: a table on stdout and
bench/results/lighthouse.json.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser_audit  # noqa: E402
from browser_audit import HOST_RULES  # noqa: E402
from build_bench import bare_project  # noqa: E402

PAGES = ["", "karte/", "kommunen/krefeld/", "gemeinden/herten/", "gemeinden/", "presse/", "leichte-sprache/"]
BARE_PAGES = ["", "kommunen/beispielstadt-1/"]
_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzipped when the browser asks for it (as a web host does)."""
    use_gzip = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (self.use_gzip and path.is_file() and path.suffix in _COMPRESSED
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # also the redirect from a folder without its "/"
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, use_gzip: bool = True):
    """Serve a folder on 127.0.0.1 (a free port) while the block runs, gzipped as a web host does."""
    return browser_audit.serve(directory, base=_Handler, use_gzip=use_gzip)


def build_bare(where: Path) -> Path:
    """A bare Material site with our theme, colour and search settings: a home page and a few plain pages."""
    project = bare_project(4, where / "bare")
    config = project / "mkdocs.yml"  # our colour schemes too: Material then loads its palette stylesheet
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme: {name: material, language: de, font: false}",
        "theme: {name: material, language: de, font: false, palette: ["
        "{media: '(prefers-color-scheme: light)', scheme: default, primary: indigo, accent: indigo,"
        " toggle: {icon: material/weather-night, name: Dunkel}},"
        "{media: '(prefers-color-scheme: dark)', scheme: slate, primary: indigo, accent: indigo,"
        " toggle: {icon: material/weather-sunny, name: Hell}}]}"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
                   cwd=project, env=env, check=True)
    return project / "site"


def run_lighthouse(url: str, form: str, out: Path) -> dict:
    name, value = HOST_RULES.split("=", 1)
    flags = f'--headless=new --no-sandbox --disable-gpu {name}="{value}"'  # Lighthouse splits on spaces outside quotes
    cmd = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    if form == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = {m: report["audits"][m]["numericValue"] for m in METRICS}
    blocking = report["audits"].get("render-blocking-resources", {}).get("details", {}).get("items", [])
    failed = sorted(a for c in CATEGORIES[1:] for a in
                    (r["id"] for r in report["categories"][c]["auditRefs"] if r.get("weight"))
                    if report["audits"][a].get("score") not in (None, 1))
    return {"scores": scores, "metrics": metrics, "render_blocking": [b["url"] for b in blocking], "failed": failed}


def _line(label: str, runs: list[dict]) -> tuple[dict, str]:
    median = {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}
    metrics = {m: statistics.median(r["metrics"][m] for r in runs) for m in METRICS}
    perf = [r["scores"]["performance"] for r in runs]
    text = (f"{label:40} perf {median['performance']:>5} {perf}  a11y {median['accessibility']:>3}"
            f"  bp {median['best-practices']:>3}  seo {median['seo']:>3}"
            f"  FCP {metrics['first-contentful-paint'] / 1000:.1f} s  LCP {metrics['largest-contentful-paint'] / 1000:.1f} s"
            f"  TBT {metrics['total-blocking-time']:.0f} ms  blocking {len(runs[0]['render_blocking'])}"
            + (f"  failed: {', '.join(runs[0]['failed'])}" if runs[0]["failed"] else ""))
    result = {"median": median, "runs": [r["scores"] for r in runs], "metrics": metrics,
              "render_blocking": runs[0]["render_blocking"], "failed_audits": runs[0]["failed"]}
    return result, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--forms", default="mobile,desktop", help="mobile, desktop or both (default)")
    parser.add_argument("--no-bare", action="store_true", help="do not measure a bare Material site beside ours")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} fehlt: `make setup` installiert Lighthouse (braucht npm)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        pages = args.pages or PAGES
        bare = None if args.no_bare else build_bare(Path(tmp))
        results: dict = {}
        with contextlib.ExitStack() as stack:
            base = stack.enter_context(serve(site, not args.no_gzip))
            bare_base = stack.enter_context(serve(bare, not args.no_gzip)) if bare else None
            for form in args.forms.split(","):
                # ours and bare in turns, round by round, so a busy spell weighs on both
                jobs = [(f"{form} /{page}", base + page) for page in pages]
                if bare_base:
                    jobs += [(f"{form} bare /{page}", bare_base + page) for page in BARE_PAGES]
                runs: dict[str, list] = {label: [] for label, _ in jobs}
                for i in range(args.runs):
                    for label, url in jobs:
                        runs[label].append(run_lighthouse(url, form, Path(tmp) / f"lh-{form}-{i}.json"))
                for label, _ in jobs:
                    results[label], text = _line(label, runs[label])
                    print(text, flush=True)
    out = ROOT / "bench" / "results" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"→ {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
