"""In Chromium, as a visitor: overview → Kommune page, map keyboard use, no other host, no console error.

Playwright drives Debian's /usr/bin/chromium (no browser download). The site is served from a
built folder on 127.0.0.1; the browser cannot resolve any other host, and every request to
one is recorded and fails the test.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kekiz.model import sort_key
from kekiz.registry import load_project

from conftest import ROOT, run_mkdocs_build
from registry_fixtures import BASE

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

REGISTRY = load_project(ROOT)
SCREENSHOTS = ROOT / "test-results" / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
        )
        yield browser
        browser.close()


class Visit:
    """A browser page that records foreign requests and console errors."""

    def __init__(self, browser, server, color_scheme="light"):
        self.context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        local = urlsplit(server).netloc
        self.context.on("request", lambda r: None if urlsplit(r.url).netloc in (local, "")
                        or r.url.startswith(("data:", "blob:")) else self.foreign.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self):
        self.context.close()


def test_overview_to_commune_page(browser, server):
    visit = Visit(browser, server)
    page = visit.page
    page.goto(server + "kommunen/")
    assert page.locator("h1").inner_text().startswith("Kommunen")
    assert page.locator("article table tbody tr").count() == 40
    page.get_by_role("link", name="Krefeld", exact=True).first.click()
    page.wait_for_url("**/kommunen/krefeld/")
    assert page.locator("h1").inner_text() == "Krefeld"
    assert page.get_by_role("heading", name="Äußerungen").is_visible()
    assert page.locator("figure.kekiz-statement").count() == len(REGISTRY.by_slug["krefeld"].statements)
    assert visit.foreign == [], visit.foreign
    assert visit.errors == [], visit.errors
    visit.close()


def test_former_slug_lands_on_page_without_script(browser, tmp_path):
    """A press officer's old link: the generator's redirect stub, followed in a real browser."""
    registry = tmp_path / "communes.yaml"
    registry.write_text(BASE, encoding="utf-8")  # ahlen has former_slugs: [ahlen-alt]
    site = tmp_path / "site"
    result = run_mkdocs_build(site, registry=registry)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(site) as url:
        visit = Visit(browser, url)
        visit.page.goto(url + "kommunen/ahlen-alt/")
        visit.page.wait_for_url("**/kommunen/ahlen/")
        assert visit.page.locator("h1").inner_text() == "Ahlen"
        assert visit.foreign == [] and visit.errors == [], (visit.foreign, visit.errors)
        visit.close()


def test_map_keyboard_order_names_and_screenshots(browser, server):
    """Tab reaches every map link in DOM order (Kreis level A–Z, then towns A–Z), each named
    and visibly focused; the map page is photographed in light and dark scheme for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        visit = Visit(browser, server, color_scheme=scheme)
        page = visit.page
        page.goto(server + "karte/")
        expected_scheme = "slate" if scheme == "dark" else "default"
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{expected_scheme}'")
        links = page.locator("svg.kekiz-map--large a")
        labels = links.evaluate_all("els => els.map(a => a.getAttribute('aria-label'))")
        assert len(labels) == 40 and all(labels), labels

        page.locator("svg.kekiz-map--large a").first.focus()
        reached = []
        for _ in labels:
            active = page.evaluate("""() => {
                const a = document.activeElement;
                const path = a.querySelector('path');
                return {label: a.getAttribute('aria-label'), inMap: !!a.closest('svg.kekiz-map--large'),
                        stroke: getComputedStyle(path).strokeWidth,
                        name: a.getAttribute('aria-label') || a.textContent};
            }""")
            assert active["inMap"], f"Tab left the map after {reached}"
            reached.append(active["label"])
            page.keyboard.press("Tab")
        assert reached == labels, "tab order must follow the documented DOM order"
        towns = sum(c.is_town_in_kreis for c in REGISTRY.communes)
        for layer in (labels[:-towns], labels[-towns:]):  # Kreis level first, then the towns on top
            assert layer == sorted(layer, key=sort_key), layer

        links.first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
        focused = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).strokeWidth")
        unfocused = page.evaluate(
            "getComputedStyle(document.querySelectorAll('svg.kekiz-map--large a path')[1]).strokeWidth")
        assert focused != unfocused, "the focused area must look different"

        page.locator("svg.kekiz-map--large").screenshot(path=str(SCREENSHOTS / f"karte-{scheme}.png"))
        fill_2012 = "getComputedStyle(document.querySelector('.kekiz-map__area--2012')).fill"
        screen_fill = page.evaluate(fill_2012)
        page.emulate_media(media="print")
        assert page.evaluate(fill_2012) == "rgb(26, 87, 148)", "print uses the light palette"
        assert (screen_fill == "rgb(26, 87, 148)") == (scheme == "light")
        page.emulate_media(media="screen")
        page.screenshot(path=str(SCREENSHOTS / f"karte-seite-{scheme}.png"), full_page=True)
        assert visit.foreign == [], visit.foreign
        assert visit.errors == [], visit.errors
        visit.close()


def test_map_link_opens_commune_page(browser, server):
    visit = Visit(browser, server)
    visit.page.goto(server + "karte/")
    visit.page.locator('svg.kekiz-map--large a[aria-label^="Ahlen"]').click()
    visit.page.wait_for_url("**/kommunen/ahlen/")
    assert visit.page.locator("svg.kekiz-locator").get_attribute("role") == "img"
    assert visit.foreign == [] and visit.errors == []
    visit.close()


def test_commune_pages_fit_a_320px_phone_and_source_references_jump_to_the_list(browser, server):
    """No page scrolls sideways at 320 px; a short source reference leads to its entry in the list."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    too_wide = []
    for path in ["kommunen/"] + [c.path for c in REGISTRY.communes]:
        page.goto(server + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            too_wide.append((path, widths))
    assert too_wide == []
    page.goto(server + "kommunen/kreis-unna/")
    reference = page.locator("#gemeinsame-bewerbung + p .kekiz-sources a").first
    target = reference.get_attribute("href")
    reference.click()
    assert page.evaluate("location.hash") == target
    entry = page.locator(f"li{target}")
    assert entry.is_visible() and "presse-service.de" in entry.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "kreis-unna-320.png"), full_page=True)
    context.close()
