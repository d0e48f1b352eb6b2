"""In Chromium, as a visitor: overview → Kommune page, map keyboard use, no other host, no console error.

Playwright drives Debian's /usr/bin/chromium (no browser download). The site is served from a
built folder on 127.0.0.1; the browser cannot resolve any other host, and every request to
one is recorded and fails the test.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from kekiz.sources.registry import load_project

from browser_audit import serve  # noqa: F401  (also imported from here by test_legal)
from conftest import ROOT, run_mkdocs_build
from registry_fixtures import BASE

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

REGISTRY = load_project(ROOT)
SCREENSHOTS = ROOT / "test-results" / "screenshots"


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
    """Tab reaches every map area in the order of the key below the map, each named; the
    focused (or hovered) area gets the same black-on-white ring in both schemes, drawn
    above its neighbours; the map page is photographed in light and dark scheme for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        visit = Visit(browser, server, color_scheme=scheme)
        page = visit.page
        page.goto(server + "karte/")
        expected_scheme = "slate" if scheme == "dark" else "default"
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{expected_scheme}'")
        links = page.locator("svg.kekiz-map--large a")
        labels = links.evaluate_all("els => els.map(a => a.getAttribute('aria-label'))")
        assert len(labels) == 53 + sum(c.is_town_in_kreis for c in REGISTRY.communes) and all(labels), labels
        key = page.locator(".kekiz-map-figure--large .kekiz-map-key__areas a").all_inner_texts()
        assert key == [label.split(" — ")[0] for label in labels]

        links.first.focus()
        page.keyboard.press("Shift+Tab")
        reached = []
        for _ in labels:
            page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
            active = page.evaluate("""() => {
                const a = document.activeElement;
                const svg = a.closest('svg.kekiz-map--large');
                const top = svg && svg.querySelector('#' + a.id.replace('-a', '-t'));
                const shown = svg ? [...svg.querySelectorAll('.kekiz-map__top')]
                    .filter(g => getComputedStyle(g).display !== 'none') : [];
                return {label: a.getAttribute('aria-label'), inMap: !!svg,
                        shown: shown.map(g => g.id), top: top && top.id,
                        onTop: !!top && top.parentNode.lastElementChild.compareDocumentPosition(
                            svg.querySelector('.kekiz-map__areas > a:last-of-type')) === Node.DOCUMENT_POSITION_PRECEDING,
                        ring: top && getComputedStyle(top.querySelector('.kekiz-map__ring')).stroke,
                        outline: getComputedStyle(a).outlineStyle};
            }""")
            assert active["inMap"], f"Tab left the map after {reached}"
            assert active["shown"] == [active["top"]], active  # exactly the focused area's ring
            assert active["onTop"] and active["ring"] == "rgb(0, 0, 0)", active
            reached.append(active["label"])
        assert reached == labels, "tab order must follow the order of the key"

        page.locator("svg.kekiz-map--large").screenshot(path=str(SCREENSHOTS / f"karte-{scheme}.png"))
        fill_2012 = "getComputedStyle(document.querySelector('.kekiz-fill--2012 .kekiz-map__area')).fill"
        screen_fill = page.evaluate(fill_2012)
        page.emulate_media(media="print")
        assert page.evaluate(fill_2012) == "rgb(26, 87, 148)", "print uses the light palette"
        assert (screen_fill == "rgb(26, 87, 148)") == (scheme == "light")
        page.emulate_media(media="screen")
        # hovering shows the ring too
        page.mouse.move(0, 0)
        box = page.locator('svg.kekiz-map--large a[aria-label^="Hochsauerlandkreis"]').bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hovered = page.evaluate("""() => [...document.querySelectorAll('svg.kekiz-map--large .kekiz-map__top')]
            .filter(g => getComputedStyle(g).display !== 'none').map(g => g.id)""")
        assert "karte-t05958" in hovered, hovered
        page.screenshot(path=str(SCREENSHOTS / f"karte-seite-{scheme}.png"), full_page=True)
        assert visit.foreign == [], visit.foreign
        assert visit.errors == [], visit.errors
        visit.close()


@pytest.mark.parametrize("width", [390, 320])
def test_every_map_area_has_a_finger_sized_named_target_on_a_phone(browser, server, width):
    """The key lists every area of the map as a link of at least 24 × 24 px with its name."""
    visit = Visit(browser, server)
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("karte/", ""):
        page.goto(server + path)
        if not path:
            page.locator(".kekiz-map-key__details summary").click()
        svg_links = page.locator("svg.kekiz-map a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        targets = page.locator(".kekiz-map-key__areas a").evaluate_all(
            "els => els.map(a => { const r = a.getBoundingClientRect();"
            " return {href: a.getAttribute('href'), w: r.width, h: r.height, text: a.innerText}; })")
        assert [t["href"] for t in targets] == svg_links
        small = [t for t in targets if t["w"] < 24 or t["h"] < 24 or not t["text"].strip()]
        assert not small, small
        width_of = "document.querySelector('svg.kekiz-map').getBoundingClientRect().right"
        assert page.evaluate(width_of) <= width, "the map fits the screen"
    visit.close()


def test_home_map_is_not_wider_than_the_map_page(browser, server):
    visit = Visit(browser, server)
    widths = {}
    for path in ("", "karte/"):
        visit.page.goto(server + path)
        widths[path] = visit.page.evaluate("document.querySelector('svg.kekiz-map').getBoundingClientRect().width")
    assert 0 < widths[""] <= widths["karte/"], widths
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


@pytest.mark.parametrize("scheme, script, expected", [
    ("light", True, ["nrw-hell.svg"]),
    ("dark", True, ["nrw-dunkel.svg"]),   # first visit: the page turns dark once Material's script runs
    ("dark", False, ["nrw-hell.svg"]),    # without script the page stays light, and so does its map
])
def test_a_locator_map_loads_one_base_map_the_one_of_its_scheme(browser, server, scheme, script, expected):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844},
                                  java_script_enabled=script)
    page = context.new_page()
    base_maps: list[str] = []
    page.on("request", lambda r: base_maps.append(r.url.rsplit("/", 1)[1]) if "/assets/karte/" in r.url else None)
    for visit in range(2):  # the first visit (no palette stored yet) and the next
        base_maps.clear()
        page.goto(server + "gemeinden/herten/", wait_until="networkidle")
        assert base_maps == expected or (visit and base_maps == []), (visit, base_maps)  # [] : from the cache
    context.close()
