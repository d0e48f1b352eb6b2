"""Gates in Chromium over the whole built site: accessibility (axe-core), privacy (no request
to another host), no console error, no broken resource.

* every page at 1280 px (light scheme);
* one page of every page type at 390 px, in the light and the dark scheme: every URL family
  (home, each top-level page, the 404 page, the first page of every generated family such as
  kommunen/*/) plus a Kommune of each type.

Pages are found in the built folder, so new pages are gated without editing this file.
axe: 0 violations of the WCAG 2.0/2.1/2.2 A and AA rules (target-size included) and 0 of
impact serious or critical of any rule. No rule is switched off.
"""

from __future__ import annotations

import pytest

from kekiz.sources.registry import load_project

import builtsite
from browser_audit import Job, audit, report
from conftest import ROOT

pytest.importorskip("playwright.async_api")
pytestmark = pytest.mark.browser


def phone_pages(urls: list[str]) -> list[str]:
    registry = load_project(ROOT)
    one_of_each_type = {}
    for commune in registry.communes:
        one_of_each_type.setdefault(commune.type, f"kommunen/{commune.slug}/")
    return builtsite.page_types(urls, extra=list(one_of_each_type.values()))


@pytest.fixture(scope="module")
def findings(built_site, chromium):
    axe_js = builtsite.node_tool("axe-core/axe.min.js")
    urls = builtsite.pages(built_site)
    jobs = [Job(url, 1280, "light", search=False) for url in urls]
    jobs += [Job(url, 390, scheme, height=844) for scheme in ("light", "dark") for url in phone_pages(urls)]
    results = audit(chromium, built_site, jobs, axe_js)
    assert len(results) == len(jobs)
    return results


def test_every_page_is_audited(built_site, findings):
    audited = {f.job.url for f in findings if f.job.width == 1280}
    assert audited == set(builtsite.pages(built_site))
    phone = {f.job.url for f in findings if f.job.width == 390}
    for must in ("", "404.html", "kommunen/", "karte/"):
        assert must in phone, must
    assert sum(u.startswith("kommunen/") and u != "kommunen/" for u in phone) >= 3  # one Kommune per type


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_no_violations(findings, width):
    selected = [f for f in findings if f.job.width == width]
    assert selected
    assert not any(f.violations for f in selected), "axe-core:\n" + report(selected, "violations")


def test_no_request_to_another_host(findings):
    assert not any(f.foreign for f in findings), "Anfragen an andere Hosts:\n" + report(findings, "foreign")


def test_no_console_error_and_no_broken_resource(findings):
    assert not any(f.errors for f in findings), report(findings, "errors")
    assert not any(f.failed for f in findings), report(findings, "failed")
