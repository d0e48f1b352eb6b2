"""Gates over the whole built site, without a browser: valid HTML (Nu Html Checker), no broken
internal link or anchor, size budgets, and the same site from ProperDocs as from MkDocs.

Every file in the built folder is covered, so pages added later are gated without edits here.
The browser gates (axe, requests to other hosts) are in test_accessibility.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import builtsite
from conftest import ROOT

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when KEKIZ_SITE_URL is unset
KB = 1000

# --------------------------------------------------------------------------- valid HTML

# The one accepted Nu checker message: Material puts autocomplete="off" on its drawer and
# search toggles (checkboxes) so that browsers do not restore their state on "back"; HTML
# allows the attribute only on text-like inputs. It is the theme's deliberate choice; any
# other element with the same message still fails.
THEME_CHECKBOX_AUTOCOMPLETE = "Attribute “autocomplete” is only allowed when the input type is"


def accepted(message: dict) -> bool:
    flagged = message.get("extract", "")[message.get("hiliteStart", 0):][:message.get("hiliteLength", 0)]
    return (message["message"].startswith(THEME_CHECKBOX_AUTOCOMPLETE)
            and 'type="checkbox"' in flagged and 'class="md-toggle"' in flagged)


def test_every_page_is_valid_html(built_site):
    vnu = builtsite.node_tool("vnu-jar/build/dist/vnu.jar")
    java = builtsite.java()
    # one run over the whole folder: the JVM starts once
    result = subprocess.run([java, "-Xss4m", "-jar", str(vnu), "--skip-non-html", "--errors-only",
                             "--format", "json", str(built_site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error") and not accepted(m)]
    lines = [f"{urlsplit(m.get('url', '')).path.replace(str(built_site), '')}:{m.get('lastLine')}: {m['message']}"
             for m in errors]
    assert not errors, f"{len(errors)} Fehler:\n" + "\n".join(lines[:60])
    # proof that the checker read every page: each theme page carries the two accepted messages
    reported = {Path(urlsplit(m["url"]).path) for m in messages if accepted(m)}
    theme_pages = {p for p in builtsite.html_files(built_site) if 'class="md-toggle"' in p.read_text(encoding="utf-8")}
    assert theme_pages and reported == theme_pages, sorted(map(str, theme_pages ^ reported))[:10]


def test_autocomplete_filter_accepts_only_the_theme_checkboxes():
    theme = {"message": THEME_CHECKBOX_AUTOCOMPLETE + " “color”…", "hiliteStart": 0, "hiliteLength": 200,
             "extract": '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'}
    ours = {**theme, "extract": '<input type="checkbox" id="x" autocomplete="off">'}
    other = {**theme, "message": "Element “div” not allowed as child of element “figure” in this context."}
    assert accepted(theme) and not accepted(ours) and not accepted(other)


# --------------------------------------------------------------------------- links


def test_no_broken_internal_link_or_anchor(built_site):
    problems = builtsite.broken_links(built_site, SITE_URL)
    assert not problems, f"{len(problems)} kaputte Verweise:\n" + "\n".join(problems[:80])


def test_link_checker_finds_what_is_broken(tmp_path):
    """The checker itself: a missing page, a missing anchor on another page, a redirect stub
    to nowhere and a folder link without slash are found; good links and anchors are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "gone").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">T</h1><a href="a/#teil">ok</a><a href="a/#fehlt">x</a><a href="b/">x</a>'
        '<a href="#top">ok</a><a href="a">x</a><a href="https://example.org/#x">extern</a>'
        f'<link rel="canonical" href="{SITE_URL}a/">', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="teil">Teil</h2><a name="alt"></a><a href="../#top">ok</a>',
                                              encoding="utf-8")
    (tmp_path / "gone" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../nirgends/">', encoding="utf-8")
    problems = builtsite.broken_links(tmp_path, SITE_URL)
    assert len(problems) == 4, problems
    assert any("#fehlt" in p for p in problems) and any("b/" in p for p in problems)
    assert any("nirgends" in p for p in problems) and any("Schrägstrich" in p for p in problems)


def test_the_build_prints_no_unrecognized_links(build_log):
    """Hand-written pages link to generated pages by their address ("../kommunen/ahlen/"), which
    MkDocs cannot check (test_no_broken_internal_link_or_anchor does); editors see no English
    lines about them (mkdocs.yml: validation.links.unrecognized_links)."""
    assert "unrecognized relative link" not in build_log, build_log
    assert "Documentation built" in build_log  # the log is the build's


# --------------------------------------------------------------------------- budgets

_CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_RESOURCE_RE = re.compile(r'<(?:link[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|manifest)"[^>]*\bhref'
                          r'|script[^>]*\bsrc|img[^>]*\bsrc|source[^>]*\bsrc)="([^"]+)"')


def loaded_files(site: Path) -> dict[Path, set[str]]:
    """Every local file some page loads, with the pages that load it: stylesheets, scripts,
    images, the search worker and its index (the worker fetches search/search_index.json)."""
    out: dict[Path, set[str]] = {}
    for html in builtsite.html_files(site):
        text = html.read_text(encoding="utf-8")
        url = builtsite.page_url(html, site)
        base = SITE_URL + url
        refs = _RESOURCE_RE.findall(text)
        config = _CONFIG_RE.search(text)
        if config:
            conf = json.loads(config.group(1))
            if conf.get("search"):
                root = conf.get("base", ".") + "/"
                refs += [root + conf["search"], root + "search/search_index.json"]
        for ref in refs:
            target = urlsplit(urljoin(base, ref))
            if target.netloc != urlsplit(SITE_URL).netloc:
                continue  # other hosts are the privacy gates' business
            path = site / target.path.lstrip("/")
            out.setdefault(path, set()).add(url)
    return out


def test_budgets_for_files_pages_load(built_site):
    files = loaded_files(built_site)
    index = built_site / "search" / "search_index.json"
    assert index in files and any("bundle" in p.name for p in files), sorted(map(str, files))
    too_big = []
    for path, users in files.items():
        assert path.is_file(), f"{path} fehlt (geladen von {sorted(users)[:3]})"
        limit = 500 * KB if path == index else 300 * KB
        if path.stat().st_size > limit:
            too_big.append(f"{path.relative_to(built_site)}: {path.stat().st_size} B > {limit} B")
    for html in builtsite.html_files(built_site):
        if html.stat().st_size > 300 * KB:
            too_big.append(f"{html.relative_to(built_site)}: {html.stat().st_size} B > 300 KB")
    assert not too_big, "\n".join(too_big)


PAGE_BUDGETS = {"kommunen/*/": 40 * KB, "gemeinden/*/": 25 * KB, "gemeinden/*/*/": 25 * KB}
MAP_SVG_BUDGET = 80 * KB
_MAP_SVG_RE = re.compile(r'<svg\b[^>]*\bclass="[^"]*\bkekiz-map\b[^"]*".*?</svg>', re.S)


def over_page_budget(site: Path, families: set[str]) -> tuple[int, list[str]]:
    counted, over = 0, []
    for html in builtsite.html_files(site):
        url = builtsite.page_url(html, site)
        family = builtsite.family(url)
        if family not in families:
            continue
        text = html.read_text(encoding="utf-8")
        if builtsite.is_redirect(text):
            continue
        counted += 1
        if len(text.encode()) > PAGE_BUDGETS[family]:
            over.append(f"/{url}: {len(text.encode())} B > {PAGE_BUDGETS[family]} B")
    return counted, over


def test_kommune_page_budget(built_site):
    counted, over = over_page_budget(built_site, {"kommunen/*/"})
    assert counted >= 40
    assert not over, "\n".join(over)


def test_gemeinde_page_budget(built_site):
    _, over = over_page_budget(built_site, {"gemeinden/*/", "gemeinden/*/*/"})
    assert not over, "\n".join(over)


def test_map_svg_budget(built_site):
    over, maps = [], 0
    for html in builtsite.html_files(built_site):
        for svg in _MAP_SVG_RE.findall(html.read_text(encoding="utf-8")):
            maps += 1
            if len(svg.encode()) > MAP_SVG_BUDGET:
                over.append(f"/{builtsite.page_url(html, built_site)}: Karten-SVG {len(svg.encode())} B > {MAP_SVG_BUDGET} B")
    assert maps >= 2  # home and /karte/
    assert not over, "\n".join(over)


# --------------------------------------------------------------------------- ProperDocs

_GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(tmp_path, built_site):
    """ProperDocs (the continuation of MkDocs 1.6) reads mkdocs.yml, runs the hook and gives
    the same bytes; only the generator tag names the other tool."""
    properdocs = Path(sys.executable).with_name("properdocs")
    if not properdocs.exists():
        pytest.fail("properdocs fehlt: `make setup` installiert die Test-Abhängigkeiten (pyproject.toml [test])")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KEKIZ_REGISTRY", None)
    site = tmp_path / "properdocs-site"
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    mine = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert mine == theirs
    different = []
    for rel in mine:
        a, b = (built_site / rel).read_bytes(), (site / rel).read_bytes()
        if a != b and _GENERATOR_RE.sub(b"", a) != _GENERATOR_RE.sub(b"", b):
            different.append(str(rel))
    assert not different, different[:20]


# --------------------------------------------------------------------------- skip link

_SKIP_RE = re.compile(r'<a href="#([^"]+)" class="md-skip">')
_H1_RE = re.compile(r'<h1 id="([^"]+)"')


def test_skip_link_lands_on_the_h1(built_site):
    """"Zum Inhalt" jumps to the page's h1, not past the heading, facts and map to an h2."""
    checked = 0
    for html in builtsite.html_files(built_site):
        text = html.read_text(encoding="utf-8")
        skip = _SKIP_RE.search(text)
        if skip is None:
            continue
        checked += 1
        h1 = _H1_RE.search(text)
        assert h1 and skip.group(1) == h1.group(1), f"{html.relative_to(built_site)}: #{skip.group(1)}"
    assert checked >= 40
