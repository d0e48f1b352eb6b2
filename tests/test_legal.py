"""Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit and the citizens' correction route.

The operator is unknown in the repository, so the real build shows the pages "without settings";
a copy of the project with operator settings shows them "with settings".
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.config import load_config

from kekiz.__main__ import main as cli
from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.accessibility import ACCESSIBILITY_FILE, load_accessibility_statement
from kekiz.model.accessibility import STATUS_WORDING
from kekiz.site.pages.legal import legal_pages
from kekiz.model.operator import OPTIONAL, SETTINGS, Operator
from kekiz.sources.operator import SettingsError, load_operator, operator_from_extra, read_operator
from kekiz.site.context import SiteContext
from kekiz.site.pages.communes import commune_page
from kekiz.sources.registry import load_project

from conftest import ROOT, read_page

REGISTRY = load_project(ROOT)
STATEMENT = load_accessibility_statement(ROOT / ACCESSIBILITY_FILE, ACCESSIBILITY_FILE.as_posix())
LEGAL = {"impressum": "impressum/", "datenschutz": "datenschutz/", "barrierefreiheit": "barrierefreiheit/"}

FULL = {
    "name": "Beispiel-Stelle für Prävention",
    "kind": "kommune-nrw",
    "address": "Musterstraße 1\n40213 Düsseldorf",
    "represented_by": "Erika Beispiel, Leitung",
    "email": "redaktion@example.org",
    "phone": "+49 211 1234-0",
    "responsible": "Max Beispiel, Musterstraße 1, 40213 Düsseldorf",
    "data_protection_officer": "Datenschutzbeauftragte der Beispiel-Stelle, datenschutz@example.org",
    "hosting": "Der Webhoster speichert Zugriffsdaten sieben Tage.",
    "legal_basis": "Art. 6 Abs. 1 Buchst. e DSGVO",
    "accessibility_contact": "barrierefrei@example.org",
}
REQUIRED = [s.key for s in SETTINGS if s.key not in OPTIONAL]
NOT_YET = '<span class="kekiz-missing">Noch nicht eingetragen</span>'
REVIEWED = date(STATEMENT.reviewed.year, STATEMENT.reviewed.month, STATEMENT.reviewed.day)  # `make check` on that day


def render(operator: Operator) -> dict[str, str]:
    site = SiteContext(site_name="Test", operator=operator, geo_attribution="© GeoBasis-DE / BKG 2016")
    return {page.path: page.html for page in legal_pages(REGISTRY, site, STATEMENT)}


def article(text: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
    assert match, "page has no article"
    return match.group(1)


# --- settings ------------------------------------------------------------------------------

def test_no_settings_means_every_required_setting_is_missing():
    for extra in (None, {}, {"operator": None}, {"operator": {key: "" for key in FULL}},
                  {"operator": {key: None for key in FULL}}):
        operator = operator_from_extra(extra)
        assert [s.key for s in operator.missing()] == REQUIRED
        assert not operator.is_complete


def test_full_settings_are_complete_and_accessibility_contact_falls_back_to_email():
    operator = operator_from_extra({"operator": FULL})
    assert operator.is_complete and operator.missing() == []
    assert operator.feedback_email == "barrierefrei@example.org"
    assert operator.phone_uri == "tel:+4921112340"
    without = operator_from_extra({"operator": {**FULL, "accessibility_contact": ""}})
    assert without.is_complete and without.feedback_email == "redaktion@example.org"


def test_unusable_settings_are_all_reported_at_once():
    with pytest.raises(SettingsError) as caught:
        operator_from_extra({"operator": {"emial": "a@b.de", "email": "keine Adresse", "phone": "ruf an",
                                          "name": 42, "accessibility_contact": "x@y"}})
    report = caught.value.report()
    assert "mkdocs.yml:1:1: extra.operator.emial: unbekannte Einstellung — meinten Sie „email“?" in report
    assert "extra.operator.email: „keine Adresse“ ist keine E-Mail-Adresse" in report
    assert "extra.operator.phone: „ruf an“ ist keine Telefonnummer" in report
    assert "extra.operator.name: muss Text sein, gefunden: 42" in report
    assert "extra.operator.accessibility_contact: „x@y“ ist keine E-Mail-Adresse" in report
    assert "5 Fehler in mkdocs.yml gefunden" in report
    with pytest.raises(SettingsError, match="hier werden Einstellungen erwartet"):
        operator_from_extra({"operator": "Stadt Beispiel"})
    # a value cannot forge a second message line
    with pytest.raises(SettingsError) as caught:
        operator_from_extra({"operator": {"email": "a\nmkdocs.yml:1:1: gefälscht"}})
    assert len(caught.value.report().splitlines()) == 2


def test_missing_settings_are_notices_unless_the_publishing_build_requires_them():
    operator, notices = read_operator({"operator": {**FULL, "hosting": ""}})
    assert notices == [n for n in notices if n.startswith("HINWEIS: mkdocs.yml: extra.operator.hosting ist leer")]
    assert len(notices) == 1
    with pytest.raises(SettingsError, match="KEKIZ_REQUIRE_OPERATOR"):
        read_operator({"operator": {**FULL, "hosting": ""}, "kekiz": {"require_operator": True}})
    assert read_operator({"operator": FULL, "kekiz": {"require_operator": True}})[1] == []


def test_project_config_has_every_setting_and_they_are_empty():
    """mkdocs.yml lists every setting (with a comment for the operator), all empty until the operator is known."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert re.search(rf'^    {setting.key}: ""\s+# \S', text, re.M), setting.key
    operator, notices = load_operator(ROOT)
    assert operator == Operator() and len(notices) == len(REQUIRED)


# --- the pages ---------------------------------------------------------------------------------

def test_pages_without_settings_say_what_is_missing():
    pages = render(Operator())
    shown_on = {"impressum/": ["name", "address", "represented_by", "email", "phone", "responsible"],
                "datenschutz/": ["name", "kind", "address", "email", "data_protection_officer", "hosting"],
                "barrierefreiheit/": ["kind", "email", "address", "phone"]}
    labels = {s.key: s.label for s in SETTINGS}
    for path, keys in shown_on.items():
        body = pages[path]
        assert "Diese Seite ist noch nicht vollständig." in body
        notice = body.split("</div>", 1)[0]
        for key in keys:
            assert f"<li>{html.escape(labels[key])}</li>" in notice, (path, key)
        assert NOT_YET in body, path
        assert "extra.operator" not in body and "mkdocs.yml" not in body and "make check" not in body, path
        assert "mailto:redaktion" not in body and "tel:" not in body
    # without the operator's kind the law is not known either, and the pages say so
    for path in ("datenschutz/", "barrierefreiheit/"):
        assert "Wer die Website betreibt, steht noch nicht fest." in pages[path], path


def test_pages_with_settings_show_them_and_nothing_missing():
    pages = render(operator_from_extra({"operator": FULL}))
    for path, body in pages.items():
        assert "noch nicht vollständig" not in body and "Noch nicht eingetragen" not in body, path
    impressum = pages["impressum/"]
    for key in ("name", "represented_by", "responsible"):
        assert html.escape(FULL[key]) in impressum
    assert "Musterstraße 1<br>40213 Düsseldorf" in impressum
    assert '<a href="mailto:redaktion@example.org">redaktion@example.org</a>' in impressum
    assert '<a href="tel:+4921112340">+49 211 1234-0</a>' in impressum
    assert "© GeoBasis-DE / BKG 2016" in impressum
    privacy = pages["datenschutz/"]
    for key in ("data_protection_officer", "hosting", "legal_basis"):
        assert html.escape(FULL[key]) in privacy
    assert 'href="mailto:barrierefrei@example.org?subject=Barriere%20auf%20der%20Website"' in pages["barrierefreiheit/"]


def test_operator_values_are_escaped():
    hostile = {key: '<script>alert(1)</script> " onmouseover="x' for key in FULL
               if key not in ("email", "phone", "accessibility_contact", "kind")}
    pages = render(operator_from_extra({"operator": hostile}))
    for body in pages.values():
        assert "<script>alert" not in body and 'onmouseover="x' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34; onmouseover=&#34;x" in pages["impressum/"]
    # an e-mail address cannot carry markup either: it is rejected before it reaches a page
    with pytest.raises(SettingsError):
        operator_from_extra({"operator": {"email": '"><script>@x.de'}})


def test_accessibility_statement_names_standard_limitations_and_ombudsstelle():
    body = render(Operator(kind="kommune-nrw"))["barrierefreiheit/"]
    for term in ("BGG NRW", "BITV NRW", "EN 301 549", "WCAG 2.1", "Stufe AA", "§ 10d BGG NRW"):
        assert term in body, term
    assert f"<strong>{STATUS_WORDING[STATEMENT.status]}</strong>" in body
    assert len(STATEMENT.limitations) >= 3
    for item in STATEMENT.limitations:
        assert f">{html.escape(item.title, quote=False)}</h3>" in body
        for link in item.links:
            assert f'href="{link.url}"' in body and link.url.startswith("https://")
    assert "https://www.mags.nrw/ombudsstelle-barrierefreie-informationstechnik" in body
    assert f'<time datetime="{STATEMENT.created.iso}">' in body
    # the data file names what the automatic gates cannot show; the missing contact form comes from the settings
    titles = " ".join(item.title for item in STATEMENT.limitations)
    assert "Karten" in titles and "automatische Prüfungen" in titles
    assert '>Kein Kontaktformular</h3>' in body


def test_accessibility_data_errors_have_file_line_and_fix(tmp_path):
    shutil.copy(ROOT / "data" / "barrierefreiheit.schema.json", tmp_path)
    bad = tmp_path / "barrierefreiheit.yaml"
    bad.write_text('created: "2026-12"\nreviewed: "2026-12-01"\nstatus: fast\nmethod: x\n'
                   "limitations:\n  - title: Karte\n    text: y\n    tilte: z\n"
                   "    links:\n      - label: z\n        url: http://a.de\n", encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_accessibility_statement(bad, "data/barrierefreiheit.yaml")
    report = caught.value.report()
    assert "data/barrierefreiheit.yaml:1:10: Erstellt am: „2026-12“: kein vollständiges Datum" in report
    assert "data/barrierefreiheit.yaml:3:9: Vereinbarkeit: „fast“ ist kein erlaubter Wert" in report
    assert "data/barrierefreiheit.yaml:8:5: 1. Einschränkung, tilte: unbekanntes Feld „tilte“ — meinten Sie „title“?" in report
    assert "„http://a.de“: keine https-Adresse" in report
    assert "4 Fehler in data/barrierefreiheit.yaml" in report


def test_full_compliance_with_limitations_is_a_contradiction(tmp_path):
    shutil.copy(ROOT / "data" / "barrierefreiheit.schema.json", tmp_path)
    text = (ROOT / ACCESSIBILITY_FILE).read_text(encoding="utf-8").replace("status: teilweise", "status: vollständig")
    (tmp_path / "barrierefreiheit.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match="„vollständig“ passt nicht zu einer Liste von Einschränkungen"):
        load_accessibility_statement(tmp_path / "barrierefreiheit.yaml", "data/barrierefreiheit.yaml")


# --- "Angaben korrigieren" on a Kommune page ---------------------------------------------------------

def correction(operator: Operator, repo_url: str | None = None) -> str:
    commune = REGISTRY.by_slug["dortmund"]
    site = SiteContext(site_name="Test", repo_url=repo_url, operator=operator)
    page = commune_page(REGISTRY, commune, site).html
    return re.search(r"<dt>Angaben korrigieren</dt>(.*?)</dd>", page, re.S).group(1)


def test_correction_offers_the_operators_contact_and_keeps_the_editors_line():
    dd = correction(operator_from_extra({"operator": FULL}), repo_url="https://github.com/example/kekiz")
    assert 'href="mailto:redaktion@example.org?subject=Hinweis%20zur%20Seite%20Dortmund"' in dd
    assert '<a href="tel:+4921112340">+49 211 1234-0</a>' in dd
    assert dd.index("mailto:") < dd.index("Für die Redaktion:")
    line = REGISTRY.by_slug["dortmund"].line
    assert f'href="https://github.com/example/kekiz/blob/main/data/communes.yaml#L{line}"' in dd
    assert 'href="https://github.com/example/kekiz/edit/main/data/communes.yaml"' in dd
    assert "Zeile" not in dd and "data/communes.yaml</code>" not in dd  # the links are enough: no file or line for the public


def test_correction_without_contact_says_so_without_a_dead_link():
    dd = correction(Operator())
    assert "Eine Kontaktadresse für Hinweise ist noch nicht eingetragen." in dd
    assert "mailto:" not in dd and "tel:" not in dd
    assert re.findall(r'href="([^"]+)"', dd) == ["../../impressum/"]  # a page that exists


# --- make check ------------------------------------------------------------------------------------

def test_check_reports_missing_settings_and_passes(capsys):
    assert cli(["check", "--root", str(ROOT)], today=REVIEWED) == 0
    out = capsys.readouterr().out
    for key in REQUIRED:
        assert re.search(rf"^HINWEIS: mkdocs\.yml:\d+:5: extra\.operator\.{key} ist leer", out, re.M), key
    assert f"Betreiber-Angaben: {len(REQUIRED)} fehlen noch." in out


def project_copy(tmp_path: Path, operator: dict[str, str]) -> Path:
    """The project's build inputs in `tmp_path`, with `extra.operator` replaced."""
    for folder in ("docs", "overrides", "hooks", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  operator:\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    block = ["  operator:\n"] + [f"    {key}: {_yaml_string(value)}\n" for key, value in operator.items()]
    (tmp_path / "mkdocs.yml").write_text("".join(lines[:start] + block + lines[end:]), encoding="utf-8")
    return tmp_path


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_check_reports_unusable_settings_and_fails(tmp_path, capsys):
    root = project_copy(tmp_path, {**FULL, "emial": "x@y.de"})
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index('    emial: "x@y.de"') + 1
    assert cli(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{line}:5: extra.operator.emial: unbekannte Einstellung — meinten Sie „email“?" in err


def test_check_with_complete_settings(tmp_path, capsys):
    root = project_copy(tmp_path, FULL)
    assert cli(["check", "--root", str(root)], today=REVIEWED) == 0
    out = capsys.readouterr().out
    assert "HINWEIS" not in out and "Betreiber-Angaben (mkdocs.yml, extra.operator): vollständig." in out


# --- the real build ------------------------------------------------------------------------------

def build(root: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    for name in ("KEKIZ_REGISTRY", "KEKIZ_REPO_URL", "KEKIZ_REQUIRE_OPERATOR"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=root, env=environment, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("page", sorted(LEGAL.values()))
def test_built_pages_without_operator_say_what_is_missing(built_site, page):
    body = article(read_page(built_site, page))
    assert "Diese Seite ist noch nicht vollständig." in body
    assert NOT_YET in body and "extra.operator" not in body


def test_every_page_links_the_legal_pages_in_the_footer(built_site):
    for file in built_site.rglob("index.html"):
        text = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # redirect stubs of former slugs
        footer = text[text.index('<footer class="md-footer">'):]
        depth = len(file.relative_to(built_site).parts) - 1
        prefix = "../" * depth
        here = file.parent.relative_to(built_site).as_posix() + "/"
        for name, path in LEGAL.items():
            link = '<a href="./" aria-current="page">' if path == here else f'<a href="{prefix}{path}">'
            assert link in footer, (file, name)


def test_privacy_claims_match_the_configuration(built_site):
    """No cookies, no tracking, no request to another host: what the privacy page says."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.theme["font"] is False
    for asset in list(config.extra_javascript) + list(config.extra_css):
        assert not re.match(r"(https?:)?//", str(asset)), asset
    assert "analytics" not in config.extra and "consent" not in config.extra
    # A new plugin may load or send something: review the privacy page, then add it here.
    hooks = {name for name in config.plugins if name.startswith("hooks/")}
    assert set(config.plugins) - hooks <= {"search", "material/search", "material/privacy", "material/offline"}
    privacy = article(read_page(built_site, "datenschutz/"))
    assert "Keine Cookies." in privacy and "Kein Tracking." in privacy and "Keine Inhalte von anderen Servern." in privacy
    for file in built_site.rglob("*.js"):
        text = file.read_text(encoding="utf-8", errors="replace")
        assert "document.cookie=" not in text.replace(" ", ""), file


@pytest.fixture(scope="module")
def operator_build(tmp_path_factory):
    """A copy of the project with all settings but one, and a repository address."""
    tmp = tmp_path_factory.mktemp("operator")
    root = project_copy(tmp / "project", {**FULL, "hosting": "", "name": "Stelle <b>für</b> Prävention"})
    site = tmp / "site"
    result = build(root, site, KEKIZ_REPO_URL="https://github.com/example/kekiz")
    assert result.returncode == 0, result.stderr
    return result, site


def test_a_fresh_clone_builds_with_one_line_about_the_missing_operator(build_log):
    """The operator settings are empty in a fresh clone: the build says so in one line (every
    preview rebuild prints it), naming each; `make check` gives one line per setting."""
    notices = [line for line in build_log.splitlines() if "HINWEIS" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO"), notices
    assert f"{len(REQUIRED)} Betreiber-Angaben in extra.operator sind leer" in notices[0]
    assert all(key in notices[0] for key in REQUIRED) and "make check" in notices[0]


def test_build_notices_and_pages_with_operator(operator_build):
    """One notice in the log for the one missing setting, pages filled, strict still passes."""
    result, site = operator_build
    notices = [line for line in result.stderr.splitlines() if "HINWEIS" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO")
    assert "extra.operator.hosting ist leer" in notices[0]
    impressum = article(read_page(site, "impressum"))
    assert "noch nicht vollständig" not in impressum
    assert "Stelle &lt;b&gt;für&lt;/b&gt; Prävention" in impressum
    privacy = article(read_page(site, "datenschutz"))
    assert "<li>Webhoster und Server-Protokolle</li>" in privacy
    for path in LEGAL.values():  # legal pages are not in the registry: no "edit" link there
        assert "data/communes.yaml" not in read_page(site, path.rstrip("/"))
    commune = read_page(site, "kommunen/dortmund")
    assert "mailto:redaktion@example.org?subject=" in commune
    assert "https://github.com/example/kekiz/edit/main/data/communes.yaml" in commune


def test_no_request_to_another_host_with_a_repository_address(operator_build):
    """The privacy page promises no request to another host, also on the published site (repo_url set)."""
    _, site = operator_build
    for file in site.rglob("*.html"):
        assert 'data-md-component="source"' not in file.read_text(encoding="utf-8"), file


def test_publishing_build_stops_without_operator(tmp_path):
    result = build(ROOT, tmp_path / "site", KEKIZ_REQUIRE_OPERATOR="true")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{len(REQUIRED)} Fehler in mkdocs.yml gefunden; die Website wurde nicht gebaut" in output
    assert "extra.operator.name: ist leer (Name der Betreiberin oder des Betreibers), für die Veröffentlichung" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_check_fails_for_publishing_without_operator(monkeypatch, capsys):
    monkeypatch.setenv("KEKIZ_REQUIRE_OPERATOR", "true")  # read through mkdocs.yml's !ENV, as MkDocs does
    assert cli(["check", "--root", str(ROOT)]) == 1
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith('    email: ""'))
    assert f"mkdocs.yml:{line}:5: extra.operator.email: ist leer (E-Mail-Adresse), für die Veröffentlichung " \
           "(KEKIZ_REQUIRE_OPERATOR) aber nötig" in err


@pytest.mark.browser
def test_legal_pages_in_chromium(built_site, chromium):
    """As a visitor (desktop light, phone dark): no cookie, no other host, footer links easy to hit."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_browser import SCREENSHOTS, Visit, serve  # imported here: that module skips itself without playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"])
        for scheme, width in (("light", 1280), ("dark", 390)):
            visit = Visit(browser, url, color_scheme=scheme)
            visit.page.set_viewport_size({"width": width, "height": 900})
            for name, path in LEGAL.items():
                visit.page.goto(url + path)
                assert visit.page.locator("h1").first.is_visible()
                boxes = visit.page.eval_on_selector_all(
                    ".kekiz-legal-links a", "links => links.map(a => [a.offsetWidth, a.offsetHeight])")
                assert len(boxes) == 3 and all(w >= 24 and h >= 24 for w, h in boxes), (name, boxes)
                if width < 1280:  # for review, like the map's screenshots
                    visit.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
            # the footer link leads there from a Kommune page
            visit.page.goto(url + "kommunen/dortmund/")
            visit.page.locator(".kekiz-legal-links").get_by_role("link", name="Impressum").click()
            visit.page.wait_for_url("**/impressum/")
            assert visit.context.cookies() == []
            assert visit.page.evaluate("() => document.cookie") == ""
            assert visit.foreign == [] and visit.errors == [], (visit.foreign, visit.errors)
            visit.close()
        browser.close()


def test_build_stops_on_a_typo_in_the_operator_settings(tmp_path):
    root = project_copy(tmp_path / "project", {**FULL, "telefon": "+49 211 1"})
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index('    telefon: "+49 211 1"') + 1
    result = build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"mkdocs.yml:{line}:5: extra.operator.telefon: unbekannte Einstellung" in output
    assert not (tmp_path / "site").exists()
