"""A citizen on a phone (Chromium at 390×844 and 320×640): the answer on the first screen, a readable
header, a way back, nothing cut off at 320 px, and pages that print without blank sheets.

Each check measures what the browser laid out: positions against the viewport, scroll widths against
client widths, and the text on each sheet of the printed PDF.
"""

from __future__ import annotations

import io

import pytest

from test_browser import Visit, browser, playwright_api, server  # noqa: F401  (fixtures: Chromium, the built site)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 320, "height": 640}
# One page of every type a citizen meets.
PAGE_TYPES = ["", "karte/", "kommunen/", "kommunen/krefeld/", "kommunen/kreis-unna/", "gemeinden/",
              "gemeinden/herten/", "presse/", "presse/kommunen/krefeld/", "programm/", "programm/zeitleiste/",
              "fragen/", "glossar/", "leichte-sprache/", "daten/", "impressum/", "404.html"]


@pytest.fixture
def phone(browser, server):
    def open_page(path: str, viewport=PHONE):
        visit = Visit(browser, server)
        visit.page.set_viewport_size(viewport)
        visit.page.goto(server + path)
        opened.append(visit)
        return visit.page
    opened: list = []
    yield open_page
    for visit in opened:
        assert visit.foreign == [], visit.foreign
        visit.close()


def _in_first_screen(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }")


def test_home_answers_both_questions_on_the_first_screen(phone):
    page = phone("")
    assert page.evaluate("scrollY") == 0
    answer = page.locator(".kekiz-antwort__text")
    assert _in_first_screen(page, ".kekiz-antwort__text")
    text = answer.inner_text()
    assert "war ein Programm" in text and "2017" in text and "2020" in text and "kinderstark" in text
    # the sources one tap away, the town search right under the answer
    assert _in_first_screen(page, ".kekiz-antwort .kekiz-sources a")
    assert _in_first_screen(page, "#kekiz-stadt")
    assert page.get_by_role("searchbox", name="War meine Stadt dabei?").is_visible()
    assert _in_first_screen(page, "a.kekiz-stadtsuche__liste")
    assert page.locator("a.kekiz-stadtsuche__liste").get_attribute("href") == "gemeinden/"


def test_home_town_field_opens_the_site_search_with_the_name(phone):
    page = phone("")
    page.locator("#kekiz-stadt").fill("Herten")
    page.locator(".kekiz-stadtsuche button").click()
    page.wait_for_url("**/?q=Herten")
    page.wait_for_function("document.querySelector('.md-search-result__list a[href*=\"gemeinden/herten/\"]')")
    assert page.locator("input.md-search__input").input_value() == "Herten"


def test_leichte_sprache_starts_on_the_first_screen(phone):
    page = phone("leichte-sprache/")
    assert _in_first_screen(page, "article h1")
    assert _in_first_screen(page, "article h1 ~ p")


@pytest.mark.parametrize("viewport", [PHONE, SMALL], ids=["390", "320"])
def test_header_title_and_leichte_sprache_link_are_readable(phone, viewport):
    page = phone("kommunen/krefeld/", viewport)
    title = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.inner_text().strip() == "Kein Kind zurücklassen!"
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1")
    link = page.locator("a.kekiz-header-ls")
    label = link.locator(".kekiz-header-ls__text")
    assert label.is_visible() and label.inner_text().split() == ["Leichte", "Sprache"]
    box = label.bounding_box()
    assert box["width"] >= 30 and box["x"] + box["width"] <= viewport["width"]
    assert link.evaluate("el => el.getBoundingClientRect().height >= 24")


@pytest.mark.parametrize("path, back", [
    ("kommunen/krefeld/", ["Start", "Kommunen"]),
    ("gemeinden/herten/", ["Start", "War meine Stadt dabei?"]),
    ("presse/kommunen/krefeld/", ["Start", "Presse"]),
])
def test_pages_outside_the_navigation_show_the_way_back(phone, path, back):
    page = phone(path)
    crumbs = page.locator("nav.kekiz-breadcrumb a")
    assert crumbs.all_inner_texts() == back
    assert _in_first_screen(page, "nav.kekiz-breadcrumb")
    crumbs.last.click()
    assert page.url.endswith("/" + path.split("/")[0] + "/")


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_nothing_is_cut_off_at_320_px(phone, path):
    page = phone(path, SMALL)
    page.wait_for_load_state("load")
    wide = page.evaluate("""() => {
        const out = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth) out.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
        for (const el of document.querySelectorAll('article table, article .md-typeset__scrollwrap, article pre'))
          if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
        return out;
    }""")
    assert wide == [], (path, wide)


@pytest.mark.parametrize("path", ["", "karte/", "kommunen/krefeld/", "kommunen/kreis-unna/", "gemeinden/herten/",
                                  "gemeinden/olpe/", "gemeinden/essen/", "leichte-sprache/"])
def test_printed_pages_have_no_blank_sheet_and_no_heading_at_the_foot(phone, path):
    pypdf = pytest.importorskip("pypdf")
    page = phone(path, {"width": 1280, "height": 900})
    headings = {h.strip().rstrip("#¶").strip() for h in page.locator("article :is(h1, h2, h3, h4)").all_inner_texts()} - {""}
    page.emulate_media(media="print")
    sheets = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages
    texts = [(sheet.extract_text() or "").strip() for sheet in sheets]
    assert all(texts), (path, [len(t) for t in texts])  # no sheet without text
    for number, text in enumerate(texts[:-1], 1):
        last = text.splitlines()[-1].strip().rstrip("#¶").strip()
        assert last not in headings, (path, number, last)
