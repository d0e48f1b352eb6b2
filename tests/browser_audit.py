"""Open many pages of a served site in one headless Chromium, a few at a time, and record per
page: axe-core violations, requests to any other host (page, workers, resource hints), console
errors and failed same-origin requests.

Used by tests/test_accessibility.py. One browser for all pages; every page gets its own
context (viewport, colour scheme, request log) so nothing leaks from one page to the next.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# WCAG 2.0/2.1/2.2 A and AA; any other rule counts only at impact serious or critical.
WCAG_TAGS = frozenset({"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"})
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# Loopback only: any other host fails at once, and the request is still recorded.
HOST_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", HOST_RULES]
# axe's `target-size` (WCAG 2.2, 2.5.8) is off by default; the gate wants it.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations'],
                                          rules: {'target-size': {enabled: true}}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, tags: v.tags, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 3).join(' '))}));
}"""


@dataclass(frozen=True)
class Job:
    url: str            # site-relative
    width: int
    scheme: str         # "light" | "dark"
    height: int = 900
    search: bool = True  # False: the search worker gets an empty script (see _worker)


@dataclass
class Finding:
    job: Job
    violations: list[dict] = field(default_factory=list)   # gate-relevant axe violations only
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)         # console errors, page errors
    failed: list[str] = field(default_factory=list)         # same-origin requests that failed or 4xx/5xx

    @property
    def where(self) -> str:
        return f"/{self.job.url} @ {self.job.width}px {self.job.scheme}"


def gate_relevant(violation: dict) -> bool:
    return bool(WCAG_TAGS & set(violation["tags"])) or violation["impact"] in BLOCKING_IMPACTS


AXE_PATH = "/__gates__/axe.min.js"  # served next to the site, so the browser caches it


class _Handler(http.server.SimpleHTTPRequestHandler):
    axe_js: Path | None = None

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if self.axe_js is not None and path.split("?")[0] == AXE_PATH:
            return str(self.axe_js)
        return super().translate_path(path)


@contextlib.contextmanager
def serve(directory: Path, axe_js: Path | None = None, base: type = None, **settings):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; `base` and `settings`: another
    handler class and its class attributes (bench/lighthouse.py serves gzipped)."""
    handler = type("Handler", (base or _Handler,), {"axe_js": axe_js, **settings})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


async def _worker(browser, base: str, jobs: list[Job], out: list[Finding]) -> None:
    """One context and one tab for a run of jobs with the same viewport and scheme: the
    browser's cache then holds the theme's files and axe after the first page."""
    local = urlsplit(base).netloc
    first = jobs[0]
    context = await browser.new_context(viewport={"width": first.width, "height": first.height},
                                        color_scheme=first.scheme)
    current: list[Finding] = [Finding(first)]

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == local:
            return
        current[-1].foreign.append(request.url)

    def on_response(response):
        if response.status >= 400 and urlsplit(response.url).netloc == local:
            current[-1].failed.append(f"{response.status} {response.url}")

    def on_failed(request):
        # ERR_ABORTED: cut off by going on to the next page (the search worker's files)
        if urlsplit(request.url).netloc == local and request.failure != "net::ERR_ABORTED":
            current[-1].failed.append(f"{request.failure} {request.url}")

    context.on("request", on_request)  # context level: also worker requests and resource hints
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    if not first.search:
        # Building the search index in a worker on every one of hundreds of pages was most of
        # the run's CPU. The worker's own requests are the same on every page; the runs with
        # search on (every page type) record them.
        await context.route("**/assets/javascripts/workers/search.*.js",
                            lambda route: route.fulfill(body="", content_type="text/javascript"))
    page = await context.new_page()
    page.on("console", lambda m: current[-1].errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: current[-1].errors.append(str(e)))
    scheme = "slate" if first.scheme == "dark" else "default"
    try:
        for job in jobs:
            finding = Finding(job)
            current.append(finding)
            await page.goto(base + job.url, wait_until="load")
            await page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'")
            await page.add_script_tag(url=AXE_PATH)
            violations = await page.evaluate(AXE_RUN)
            finding.violations = [v for v in violations if gate_relevant(v)]
            out.append(finding)
        # the last page's search worker asks for its index after load: wait for it
        with contextlib.suppress(Exception):
            await page.wait_for_load_state("networkidle", timeout=3000)
    finally:
        await context.close()


async def _audit(chromium: Path, base: str, jobs: list[Job], parallel: int) -> list[Finding]:
    from playwright.async_api import async_playwright

    groups: dict[tuple, list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.width, job.height, job.scheme, job.search), []).append(job)
    # cut the groups into runs of about equal length, `parallel` of them at a time
    size = max(1, -(-len(jobs) // parallel))
    runs = [group[i:i + size] for group in groups.values() for i in range(0, len(group), size)]
    out: list[Finding] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        limit = asyncio.Semaphore(parallel)

        async def run(chunk):
            async with limit:
                await _worker(browser, base, chunk, out)
        try:
            await asyncio.gather(*(run(r) for r in runs))
        finally:
            await browser.close()
    return out


def audit(chromium: Path, site: Path, jobs: list[Job], axe_js: Path, parallel: int = 2) -> list[Finding]:
    """Serve `site`, run every job in one browser (`parallel` tabs at a time)."""
    with serve(site, axe_js) as base:
        return asyncio.run(_audit(chromium, base, jobs, parallel))


def report(findings: list[Finding], attribute: str) -> str:
    lines = []
    for f in findings:
        items = getattr(f, attribute)
        if not items:
            continue
        lines.append(f.where)
        for item in items:
            if isinstance(item, dict):
                lines.append(f"  {item['id']} ({item['impact']}): {item['help']}")
                lines.extend(f"    {node}" for node in item["nodes"])
            else:
                lines.append(f"  {item}")
    return "\n".join(lines)
