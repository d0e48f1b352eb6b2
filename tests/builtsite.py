"""What the quality gates need to know about a built site, found from the files alone.

The gates cover every page in the built folder, so a page another module adds tomorrow is
checked without editing a test. Pages are grouped into URL families ("kommunen/*/"), so the
phone-width runs take one page of every family instead of all of them.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
REDIRECT_RE = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)


def tools_required() -> bool:
    """In CI a missing browser, Node tool or Java is a failure, locally a skip."""
    return bool(os.environ.get("KEKIZ_REQUIRE_BROWSER") or os.environ.get("CI"))


def missing_tool(message: str):
    if tools_required():
        pytest.fail(message + " (in CI this is an error: .ci/run installs it)")
    pytest.skip(message + " — skipped locally; `make test` in CI runs it")


def node_tool(relative: str) -> Path:
    """A file from node_modules (installed by `make setup` from package-lock.json)."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing_tool(f"{path} fehlt: `make setup` installiert die Node-Werkzeuge (braucht npm)")
    return path


def java() -> str:
    found = shutil.which("java")
    if not found:
        missing_tool("java fehlt (Nu Html Checker): `apt-get install -y default-jre-headless`")
    return found


def page_url(path: Path, site: Path) -> str:
    """Site-relative URL of an HTML file: "" for the home page, "kommunen/ahlen/", "404.html"."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_redirect(text: str) -> bool:
    return REDIRECT_RE.search(text) is not None


def pages(site: Path) -> list[str]:
    """URLs of every real page (redirect stubs excluded: a browser leaves them at once)."""
    return [page_url(p, site) for p in html_files(site) if not is_redirect(p.read_text(encoding="utf-8"))]


def family(url: str) -> str:
    """URL family: top-level pages are their own family; deeper pages group by depth under
    their first folder, e.g. "kommunen/ahlen/" -> "kommunen/*/"."""
    parts = [p for p in url.split("/") if p]
    if len(parts) <= 1:
        return url
    return parts[0] + "/" + "*/" * (len(parts) - 1)


def page_types(urls: list[str], extra: list[str] = ()) -> list[str]:
    """One page of every family (the first in sort order), plus `extra` pages chosen by the
    caller (e.g. a Kommune of each type); order kept, no duplicates."""
    chosen: dict[str, str] = {}
    for url in sorted(urls):
        chosen.setdefault(family(url), url)
    out = list(chosen.values()) + [u for u in extra if u in urls]
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- links


_LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
               "source": "src", "iframe": "src", "use": "href", "image": "href", "form": "action"}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url)


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(attrs[key])
        line = self.getpos()[0]
        target = attrs.get(_LINK_ATTRS.get(tag, "")) or (attrs.get("xlink:href") if tag in ("use", "a", "image") else None)
        if target is not None:
            self.page.links.append((line, target))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)$", attrs.get("content", ""), re.I)
            if match:
                self.page.links.append((line, match.group(1).strip()))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> ParsedPage:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def broken_links(site: Path, site_url: str) -> list[str]:
    """Every internal link or anchor that leads nowhere, as "page:line: url — why".

    Internal: relative URLs, and absolute ones under `site_url` (canonical links, sitemap).
    A fragment must name an id (or a's name) on the target page, including other pages.
    """
    parsed = {page_url(p, site): parse_page(p) for p in html_files(site)}
    sitemap = site / "sitemap.xml"
    if sitemap.exists():  # its addresses are absolute, under site_url
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        parsed["sitemap.xml"] = ParsedPage(links=[(0, loc) for loc in locs])
    base = urlsplit(site_url)
    problems = []
    for url, page in parsed.items():
        here = site_url + url
        for line, link in page.links:
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            target = urlsplit(urljoin(here, link))
            if (target.scheme, target.netloc) != (base.scheme, base.netloc):
                continue
            path = unquote(target.path)
            if not path.startswith(base.path):
                problems.append(f"{url or 'index.html'}:{line}: {link} — außerhalb der Website")
                continue
            rel = path[len(base.path):]
            file = site / rel
            if rel == "" or rel.endswith("/"):
                file = file / "index.html"
                key = rel
            elif file.is_dir():
                problems.append(f"{url or 'index.html'}:{line}: {link} — Ordner ohne abschließenden Schrägstrich")
                continue
            else:
                key = rel
            if not file.is_file():
                problems.append(f"{url or 'index.html'}:{line}: {link} — Datei fehlt")
                continue
            if target.fragment:
                fragment = unquote(target.fragment)
                target_page = parsed.get(key)
                if target_page is None:
                    problems.append(f"{url or 'index.html'}:{line}: {link} — Anker auf einer Nicht-HTML-Datei")
                elif fragment not in target_page.ids:
                    problems.append(f"{url or 'index.html'}:{line}: {link} — Anker #{fragment} fehlt")
    return problems
