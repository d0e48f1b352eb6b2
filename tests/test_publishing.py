"""What the two workflows' builds do (.github/workflows/): the pull-request preview marks every page as
a preview (KEKIZ_PREVIEW=true: a banner in Material's announce block and noindex, overrides/main.html);
the publishing build refuses missing operator settings (KEKIZ_REQUIRE_OPERATOR=true)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import builtsite
from conftest import ROOT, run_mkdocs_build

BANNER = '<p class="kekiz-vorschau"><strong>Vorschau – nicht die veröffentlichte Website.</strong>'
NOINDEX = '<meta name="robots" content="noindex">'


def _real_pages(site: Path) -> dict[str, str]:
    """Every page a visitor sees (redirect stubs, which carry their own noindex, left out)."""
    texts = {builtsite.page_url(p, site): p.read_text(encoding="utf-8") for p in builtsite.html_files(site)}
    return {url: text for url, text in texts.items() if not builtsite.is_redirect(text)}


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("preview") / "site"
    result = run_mkdocs_build(site, extra_env={"KEKIZ_PREVIEW": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_every_page_of_a_preview_says_so_and_asks_not_to_be_indexed(preview_site):
    pages = _real_pages(preview_site)
    assert len(pages) > 100 and "" in pages and "404.html" in pages and "impressum/" in pages
    for url, text in pages.items():
        assert text.count(BANNER) == 1, url
        head, body = text.split("</head>", 1)
        assert NOINDEX in head, url
        # Material's banner, above the header, not a live region that interrupts a screen reader
        banner = re.search(r'<div data-md-component="announce">\s*<aside class="md-banner">(.*?)</aside>', body, re.S)
        assert banner and BANNER in banner.group(1), url
        assert body.index(BANNER) < body.index('<header class="md-header'), url
        assert 'role="alert"' not in banner.group(0) and "aria-live" not in banner.group(0), url


def test_the_published_build_has_no_preview_banner_and_no_noindex(built_site):
    pages = _real_pages(built_site)
    assert len(pages) > 100
    for url, text in pages.items():
        assert "kekiz-vorschau" not in text and "md-banner" not in text and "Vorschau – nicht" not in text, url
        assert NOINDEX not in text, url


@pytest.mark.parametrize("text, shown", [("false", False), ("nein", False), ("", False), ("ja", True),
                                         ("TRUE", True)])
def test_the_banner_reads_the_env_text_as_the_settings_do(tmp_path, text, shown):
    """`!ENV [KEKIZ_PREVIEW, false]` hands over text; the template reads it as kekiz.adapter.config does."""
    from kekiz.adapter.config import read_settings
    assert read_settings({"kekiz": {"preview": text}}, ROOT / "mkdocs.yml").preview is shown
    import jinja2
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    setting = re.search(r"\{%- set kekiz_preview = .*?-%\}\s*\{%- set kekiz_preview = .*?-%\}", main, re.S).group(0)
    template = jinja2.Environment().from_string(setting + "{{ kekiz_preview }}")
    assert template.render(config={"extra": {"kekiz": {"preview": text}}}) == str(shown)
    assert template.render(config={"extra": {"kekiz": {"preview": shown}}}) == str(shown)
    assert template.render(config={"extra": {}}) == "False"


@pytest.mark.browser
def test_the_preview_banner_passes_the_accessibility_gate(preview_site, chromium):
    """axe-core (WCAG 2.x A/AA, contrast included) with the banner, light and dark, desktop and phone.
    The banner is the same on every page: a few pages of different layouts suffice."""
    pytest.importorskip("playwright.async_api")
    from browser_audit import Job, audit, report
    axe_js = builtsite.node_tool("axe-core/axe.min.js")
    pages = builtsite.pages(preview_site)
    commune = next(u for u in sorted(pages) if u.startswith("kommunen/") and u != "kommunen/")
    urls = ["", "404.html", "kommunen/", "impressum/", commune]
    assert set(urls) <= set(pages)
    jobs = [Job(url, 1280, "light", search=False) for url in urls]
    jobs += [Job(url, 390, scheme, height=844, search=False) for scheme in ("light", "dark") for url in urls]
    findings = audit(chromium, preview_site, jobs, axe_js)
    assert len(findings) == len(jobs)
    assert not any(f.violations for f in findings), "axe-core:\n" + report(findings, "violations")
    assert not any(f.errors or f.failed or f.foreign for f in findings), report(findings, "errors")


def test_the_publishing_build_refuses_the_repositorys_empty_operator_settings(tmp_path):
    """As the Pages workflow builds (KEKIZ_REQUIRE_OPERATOR=true) with mkdocs.yml as it is: exit 1, one German
    message per missing setting naming mkdocs.yml at the line of that setting, and no output folder."""
    config_lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    operator_start = config_lines.index("  operator:")
    empty = {}
    for number, line in enumerate(config_lines[operator_start + 1:], operator_start + 2):
        if not line.startswith("    "):
            break
        key, _, value = line.strip().partition(":")
        if value.split("#")[0].strip() in ('""', "''", ""):
            empty[key] = number
    assert "name" in empty, "mkdocs.yml names an operator now: this test needs the repository's empty settings"

    site = tmp_path / "site"
    result = run_mkdocs_build(site, extra_env={"KEKIZ_REQUIRE_OPERATOR": "true"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert not site.exists(), "nothing may be written, not even an empty folder"
    messages = re.findall(r"^mkdocs\.yml:(\d+):\d+: extra\.operator\.(\w+): (.*)$", output, re.M)
    assert messages, output
    for line, key, text in messages:
        assert empty.get(key) == int(line), f"{key}: mkdocs.yml:{line}, the setting is on line {empty.get(key)}"
        assert "ist leer" in text and "für die Veröffentlichung (KEKIZ_REQUIRE_OPERATOR) aber nötig" in text
        assert "eintragen:" in text, text
    assert {"name", "address", "email"} <= {key for _, key, _ in messages}
    assert f"{len(messages)} Fehler in mkdocs.yml gefunden; die Website wurde nicht gebaut" in output


_PLACEHOLDERS = re.compile(r"noch nicht eingetragen|steht noch nicht fest|Betreiber nicht|noch nicht eingestellt",
                           re.IGNORECASE)


def test_a_published_build_with_the_operator_complete_shows_no_placeholder(tmp_path):
    """As the Pages workflow builds it (public address, the guard on), with every operator setting
    filled in: no page, feed or download says that something is still missing."""
    import json

    from test_legal import FULL

    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides", "hooks"):
        (project / name).symlink_to(ROOT / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = {**FULL, "contact_form": "https://example.org/kontakt", "contributor_id": "openNRW"}
    for key, value in settings.items():
        text, count = re.subn(rf'(?m)^    {key}: ""', f"    {key}: {json.dumps(value, ensure_ascii=False)}", text)
        assert count == 1, key
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEKIZ_SITE_URL": "https://kekiz.example.org/",
           "KEKIZ_REPO_URL": "https://github.com/example/kekiz", "KEKIZ_REQUIRE_OPERATOR": "true"}
    env.pop("KEKIZ_REGISTRY", None)
    site = tmp_path / "site"
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q", "-d", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml", ".rdf", ".json", ".csv", ".geojson") and path.name != "search_index.json":
            for match in _PLACEHOLDERS.finditer(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert not found, found[:20]
