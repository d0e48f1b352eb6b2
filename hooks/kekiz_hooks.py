"""MkDocs adapter for the kekiz core. Thin on purpose: events only hand data to and from
`kekiz.site`, which knows nothing about MkDocs.

MkDocs caches hook modules across `mkdocs serve` rebuilds, so nothing is read at import
time: the registry is loaded again in `on_config` on every build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from kekiz.diagnostics import RegistryError
from kekiz.geo import GeoDataError
from kekiz.pages import SiteContext
from kekiz.registry import load_project
from kekiz.site import MARKER_RE, SiteBuild, UnknownMarker, build_site

_build: SiteBuild | None = None
_H2_RE = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')
_TAG_RE = re.compile(r"<[^>]+>")


def on_config(config):
    """Validate before anything is written, so a bad registry leaves the last good site/ intact."""
    global _build
    root = Path(config.config_file_path).parent
    try:
        registry = load_project(root)
    except RegistryError as error:
        raise Abort(error.report()) from None
    if not config.repo_url:
        config.edit_uri = None  # no repository known: no edit links (and no warnings about them)
    extra = config.extra.get("kekiz", {}) or {}
    context = SiteContext(
        site_name=config.site_name,
        site_url=config.site_url or None,
        repo_url=config.repo_url or None,
        branch=extra.get("branch", "main"),
    )
    try:
        _build = build_site(registry, context, root)
    except RegistryError as error:
        raise Abort(error.report()) from None
    except GeoDataError as error:
        raise Abort(f"Gebietsdaten: {error}") from None
    return config


def on_files(files: Files, config) -> Files:
    for page in _build.pages.values():
        file = File.generated(config, page.src_uri, content=_front_matter(page))
        # "Edit" leads editors to the registry; without a repository address there is no link.
        file.edit_uri = _build.context.registry_file if config.repo_url else None
        files.append(file)
    return files


_deferred: dict[str, dict[str, str]] = {}  # src_uri -> SVGs held back from the search index


def on_page_content(html: str, page, config, files) -> str:
    rendered = _build.pages.get(page.file.src_uri)
    if rendered is not None:
        page.toc = _toc(rendered.html)
        html = rendered.html
    elif MARKER_RE.search(html):
        path = page.file.url if page.file.url != "." else ""
        try:
            html = _build.fill_markers(html, path.lstrip("/"), page.file.src_uri)
        except UnknownMarker as error:
            raise Abort(str(error)) from None
        page.toc = _toc(html)  # generated parts bring headings of their own
    html, _deferred[page.file.src_uri] = _build.defer_svgs(html)
    return html


def on_post_page(output: str, page, config) -> str:
    return _build.restore(output, _deferred.pop(page.file.src_uri, {}))


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    for path, text in _build.files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _front_matter(page) -> str:
    # JSON strings are valid YAML scalars: no registry text can break out of the front matter.
    return f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n" \
           f"description: {json.dumps(page.description, ensure_ascii=False)}\n---\n"


def _toc(html: str):
    """Table of contents for a generated page, from the h2 headings the core rendered."""
    tokens = [{"level": 2, "id": anchor, "name": _TAG_RE.sub("", name).rstrip("#"), "children": []}
              for anchor, name in _H2_RE.findall(html)]
    return get_toc(tokens)
