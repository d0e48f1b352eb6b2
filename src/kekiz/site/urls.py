"""Site-relative URLs: every link is relative, so the site works on any host, under any
sub-path (GitHub Pages project sites) and offline; only permalinks are absolute."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit


def relative(target: str, page: str) -> str:
    """Link from the page at directory path `page` ("kommunen/krefeld/") to `target`.

    Both are site-relative, without a leading slash; `target` may carry a "#fragment".
    Called for every link of every page, so it works on the path segments directly
    (posixpath.relpath asks the OS for the working directory on every call).
    """
    path, _, fragment = target.partition("#")
    if path == "":
        link = ""
    else:
        base, to = _segments(page), _segments(path)
        if base is None or to is None:  # "..", or an absolute path: let posixpath decide
            link = posixpath.relpath(path, posixpath.dirname(page.rstrip("/") + "/x") if page else ".")
        else:
            common = 0
            while common < min(len(base), len(to)) and base[common] == to[common]:
                common += 1
            link = "/".join((("..",) * (len(base) - common)) + to[common:]) or "."
        if path.endswith("/") and not link.endswith("/"):
            link += "/"
    return f"{link}#{fragment}" if fragment else (link or "./")


@lru_cache(maxsize=8192)  # a page asks for its own segments once per link
def _segments(path: str) -> tuple[str, ...] | None:
    if path.startswith("/"):
        return None
    parts = tuple(p for p in path.split("/") if p not in ("", "."))
    return None if ".." in parts else parts


def absolute(target: str, site_url: str | None) -> str | None:
    """Permalink for a site-relative path, or None when no public site URL is configured."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + target.lstrip("/")


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def public_site_url(site_url: str | None) -> str | None:
    """The configured address if it is a public one; None for unset or local addresses
    (`mkdocs serve` sets http://127.0.0.1:8000/), which must never be printed as permanent."""
    if not site_url:
        return None
    host = (urlsplit(site_url).hostname or "").lower()
    if host in _LOCAL_HOSTS or host.endswith(".localhost"):
        return None
    return site_url if site_url.endswith("/") else site_url + "/"
