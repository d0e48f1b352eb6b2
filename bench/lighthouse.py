"""Lighthouse report for the built site: mobile and desktop, median of three runs per page.

A report, not a test (Lighthouse's performance score varies by a few points between runs on a
busy 2-core machine). Uses npm `lighthouse` from node_modules (`make setup`) and Debian's
Chromium; the browser resolves no host but 127.0.0.1, so the site is measured offline.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--site DIR] [PAGE ...]

Without --site the site is built first (into a temporary folder). Pages default to the home
page, the map and the largest Kommune page. Results: a table on stdout and
bench/results/lighthouse.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_audit import HOST_RULES, serve  # noqa: E402  (the tests' local server)

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def largest_kommune(site: Path) -> str:
    pages = [p for p in (site / "kommunen").glob("*/index.html") if "http-equiv=\"refresh\"" not in p.read_text()]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return f"kommunen/{biggest.parent.name}/"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} fehlt: `make setup` installiert Lighthouse (braucht npm)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        pages = args.pages or ["", "karte/", largest_kommune(site)]
        results: dict = {}
        with serve(site) as base:
            for form in ("mobile", "desktop"):
                for page in pages:
                    runs = [run_lighthouse(base + page, form, Path(tmp) / f"lh-{form}-{i}.json")
                            for i in range(args.runs)]
                    median = {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}
                    metrics = {m: statistics.median(r["metrics"][m] for r in runs) for m in METRICS}
                    results[f"{form} /{page}"] = {
                        "median": median, "runs": [r["scores"] for r in runs], "metrics": metrics,
                        "render_blocking": runs[0]["render_blocking"], "failed_audits": runs[0]["failed"],
                    }
                    perf = [r["scores"]["performance"] for r in runs]
                    print(f"{form:8} /{page:28} perf {median['performance']:>5} {perf}  a11y {median['accessibility']:>3}"
                          f"  bp {median['best-practices']:>3}  seo {median['seo']:>3}"
                          f"  FCP {metrics['first-contentful-paint'] / 1000:.1f} s  LCP {metrics['largest-contentful-paint'] / 1000:.1f} s"
                          f"  TBT {metrics['total-blocking-time']:.0f} ms  blocking {len(runs[0]['render_blocking'])}"
                          + (f"  failed: {', '.join(runs[0]['failed'])}" if runs[0]["failed"] else ""), flush=True)
    out = ROOT / "bench" / "results" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"→ {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
