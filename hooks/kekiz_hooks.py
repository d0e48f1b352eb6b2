"""MkDocs adapter for the kekiz core. Thin on purpose: events only hand data to and from
`kekiz.site`, which knows nothing about MkDocs.

MkDocs caches hook modules across `mkdocs serve` rebuilds, so nothing is read at import
time: the registry is loaded again in `on_config` on every build.

A registry error stops `mkdocs build` before site/ is touched. During `mkdocs serve` it does
not stop the server: every page (also those only the last good build had) shows the error
list from `kekiz.errorpage`, and live reload brings the pages back once the file is fixed.
"""

from __future__ import annotations

import gc
import gzip
import json
import logging
import os
import re
from functools import cache
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from kekiz import schemacode, searchtext
from kekiz.compact import compact_html
from kekiz.diagnostics import Diagnostic, RegistryError
from kekiz.errorpage import error_page
from kekiz.explainers import VideoSettingError
from kekiz.filewatch import FileWatch
from kekiz.geo import GeoDataError
from kekiz.memo import Memo
from kekiz.operator_settings import SettingsError, read_operator
from kekiz.pages import SiteContext
from kekiz.registry import load_project, project_registry_path
from kekiz.site import MARKER_RE, SiteBuild, UnknownMarker, build_site
from kekiz.templating import keep_compiled_templates
from kekiz.themecache import (REPLAY_TEMPLATE, CompiledTemplateCache, MemoryBytecodeCache, PageReplay, SharedParts,
                              files_fingerprint)
from kekiz.urls import public_site_url

_build: SiteBuild | None = None
_serving = False                         # set by on_startup for `mkdocs serve`
_errors: list[Diagnostic] = []           # while serving with a broken registry
_last_pages: dict[str, dict] = {}        # src_uri -> meta of the last good build's generated pages
_log = logging.getLogger("mkdocs.hooks.kekiz")
# Logged at INFO on purpose: a warning would fail `mkdocs build --strict` on every fresh clone.
NO_SITE_URL = ("KEKIZ_SITE_URL ist nicht gesetzt: Seiten, Feeds und Downloads nennen keine dauerhaften "
               "Adressen (nur relative). Für die Veröffentlichung KEKIZ_SITE_URL=https://… setzen.")
_HEADING_RE = re.compile(r'<h([12]) id="([^"]+)">(.*?)</h\1>')
_TAG_RE = re.compile(r"<[^>]+>")


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_serve(server, config, builder):
    """Rebuild when a data file changes: data/ and the registry, also one outside it (KEKIZ_REGISTRY)."""
    root = Path(config.config_file_path).parent
    data, registry = root / "data", project_registry_path(root)
    watched = [path for path in (data, registry) if path.exists()]
    if registry.resolve().parent == data.resolve():
        watched = [data]
    if watched and not _watch_quickly(server, watched, Path(config.docs_dir)):
        for path in watched:
            server.watch(str(path))
    return server


def _watch_quickly(server, paths: list[Path], docs_dir: Path) -> bool:
    """Tell the server about a saved data file at once (kekiz.filewatch), not at its next look
    half a second later. The news travels as an event of the server's own watch on docs/, whose
    handler rebuilds on any file event. False (the server then watches the paths itself) if this
    server is not built as expected."""
    docs = os.path.abspath(docs_dir)
    try:
        from watchdog.events import FileModifiedEvent
        observer = server.observer
        docs_watch = next(e.watch for e in observer.emitters if os.path.abspath(e.watch.path) == docs)
        events = observer.event_queue
    except (ImportError, AttributeError, StopIteration):
        return False
    FileWatch(paths, lambda: events.put((FileModifiedEvent(str(paths[0])), docs_watch))).start()
    _log.info("Datendateien werden auf Änderungen beobachtet: " + ", ".join(f"'{_shown_path(p)}'" for p in paths))
    return True


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _stop(error: RegistryError) -> None:
    """Abort a build; while serving, show the errors in the browser instead."""
    global _build, _errors
    if not _serving:
        raise Abort(error.report("die Website wurde nicht gebaut, site/ bleibt unverändert")) from None
    _build, _errors = None, error.diagnostics
    _log.error(error.report("die Vorschau zeigt die Fehler, bis die Datei in Ordnung ist"))


def on_config(config):
    """Validate before anything is written, so a bad registry leaves the last good site/ intact."""
    global _build, _errors
    _errors = []
    gc.unfreeze()  # in case a build stopped half-way
    root = Path(config.config_file_path).parent
    if not _serving:  # while serving, the compiled schema stays in memory anyway
        schemacode.keep_in(_cache_dir(config) / "schemas")
    try:
        registry = load_project(root)
    except RegistryError as error:
        _stop(error)
        return config
    _freeze_what_lives_to_the_end()
    if not config.repo_url:
        config.edit_uri = None  # no repository known: no edit links (and no warnings about them)
    extra = config.extra.get("kekiz", {}) or {}
    try:
        operator, notices = read_operator(config.extra, Path(config.config_file_path))
    except SettingsError as error:  # e.g. a typo in extra.operator
        _stop(error)
        return config
    for line in notices:
        # INFO, not WARNING: `--strict` fails on warnings, and a fresh clone without operator must build.
        _log.info(line)
    site_url = public_site_url(config.site_url)
    if site_url is None:
        _log.info(NO_SITE_URL)
    context = SiteContext(
        site_name=config.site_name,
        site_url=site_url,
        repo_url=config.repo_url or None,
        branch=extra.get("branch", "main"),
        operator=operator,
    )
    if not _serving:  # while serving, the page templates stay compiled in memory anyway
        keep_compiled_templates(_compiled_templates(config))
    try:
        _build = build_site(registry, context, root, settings=extra, docs_dir=Path(config.docs_dir),
                            memo=_memo if _serving else None)
        _freeze_what_lives_to_the_end()
    except RegistryError as error:
        _stop(error)
    except GeoDataError as error:
        _stop(RegistryError([Diagnostic("data/nrw-geo.json", 1, 1, "", "", f"Gebietsdaten: {error}",
                                        "die Datei mit `make geodata` neu erzeugen (siehe data/README.md)")]))
    except VideoSettingError as error:
        raise Abort(str(error)) from None
    return config


def _freeze_what_lives_to_the_end() -> None:
    """The registry and the rendered site live until the build ends: frozen, Python's cycle
    collector stops walking them on each of its full passes (most of its time, and a twentieth
    of a build at 4,000 Kommunen). on_post_build thaws them, so `mkdocs serve` keeps no
    previous build."""
    gc.freeze()


def on_files(files: Files, config) -> Files:
    if _build is None:  # serving with errors: keep every address of the last good build alive
        for src_uri in _last_pages:
            files.append(File.generated(config, src_uri, content=""))
        return files
    _last_pages.clear()
    for page in _build.pages.values():
        _last_pages[page.src_uri] = _meta(page)
        # No Markdown and no front matter: on_page_markdown hands MkDocs the meta (reading it back
        # from YAML front matter cost more than the rest of the page's Markdown step).
        file = File.generated(config, page.src_uri, content="")
        # "Edit" leads editors to the registry; without a repository address there is no link.
        file.edit_uri = _build.context.registry_file if config.repo_url and page.editable else None
        files.append(file)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    meta = _last_pages.get(page.file.src_uri)
    if meta is not None and page.file.generated_by:
        page.meta = {key: dict(value) if isinstance(value, dict) else value for key, value in meta.items()}
        # There is no Markdown to convert: skip making a Markdown converter with every extension
        # (a quarter of a millisecond a page). on_page_content sets the content and its contents list.
        page.render = _nothing_to_render.__get__(page)
    return markdown


def _nothing_to_render(page, config, files) -> None:
    page.content = ""
    page.toc = get_toc([])


_nav_urls: set[str] = set()


def on_nav(nav, config, files):
    global _nav_urls, _shared_inputs
    _nav_urls = {page.url for page in nav.pages}
    if _serving:  # before the pages are read: what shapes every page (config, templates, nav)
        watched = [Path(config.config_file_path)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        _shared_inputs = files_fingerprint(watched) + "|".join(sorted(_nav_urls))
    return nav


# While serving: pages and compiled templates of the previous build, and what all pages share.
_memo = Memo()
_replay = PageReplay()
_bytecode = MemoryBytecodeCache()
_shared_inputs = ""


def on_env(env, config, files):
    env.globals["kekiz_parts"] = SharedParts(_nav_urls)  # a new, empty one for every build
    env.bytecode_cache = _bytecode if _serving else _compiled_templates(config)
    return env


def _cache_dir(config) -> Path:
    """Work kept on disk for the next build: .cache/kekiz/ in the project (ignored by git, safe to delete)."""
    return Path(config.config_file_path).parent / ".cache" / "kekiz"


def _compiled_templates(config) -> CompiledTemplateCache:
    return _compiled_templates_in(_cache_dir(config) / "templates")


@cache  # one for the page templates (on_config) and the theme (on_env)
def _compiled_templates_in(directory: Path) -> CompiledTemplateCache:
    return CompiledTemplateCache(directory)


_printed: dict[str, str] = {}  # src_uri -> the content to print, while the indexer reads less of it


def on_page_content(html: str, page, config, files) -> str:
    if _build is None:
        return html
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
    if rendered is None and page.meta.get("glossar"):
        html = _build.link_glossary(html, page.file.url if page.file.url != "." else "")
    _head(page, config)
    if _serving:
        _replay_if_unchanged(page, html)
    # The search plugin reads page.content in on_page_context; on_page_context below then puts
    # the full content back for the theme.
    _printed[page.file.src_uri] = searchtext.printed(html)
    if (page.meta.get("search") or {}).get("exclude"):
        return ""  # not indexed at all
    return searchtext.searched(html, generated=rendered is not None)


def on_page_context(context, page, config, nav):
    if page.file.src_uri in _printed:
        page.content = _printed.pop(page.file.src_uri)
    return context


def _head(page, config) -> None:
    """Link previews, feed links and JSON-LD for the head (overrides/main.html prints them)."""
    path = "" if page.file.url in (".", "./") else page.file.url
    title = config.site_name if page.is_homepage else page.title
    description = page.meta.get("description") or config.site_description or ""
    page.meta["kekiz_head"] = _build.head(path.lstrip("/"), title, description)


def _replay_if_unchanged(page, html: str) -> None:
    """While serving: a page whose inputs all equal the previous build's is printed as it was
    (overrides/kekiz-replay.html) instead of being rendered by the theme again."""
    neighbours = [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)]
    key = _replay.key(_shared_inputs, page.url, str(page.title), html, _toc_text(page.toc),
                      json.dumps(page.meta, sort_keys=True, default=str), str(page.edit_url), repr(neighbours))
    page.meta["kekiz_replay_key"] = key
    kept = _replay.get(key)
    if kept is not None:
        page.meta["template"] = REPLAY_TEMPLATE
        page.meta["kekiz_replay"] = kept


def _toc_text(items, depth: int = 0) -> str:
    return "".join(f"{depth}:{i.level}:{i.url}:{i.title}\n" + _toc_text(i.children, depth + 1) for i in items)


def on_post_page(output: str, page, config) -> str:
    if _build is None:
        return error_page(_errors)
    output = compact_html(output)
    if "kekiz_replay_key" in page.meta:
        _replay.keep(page.meta["kekiz_replay_key"], output)
    return output


def on_post_build(config) -> None:
    gc.unfreeze()
    _replay.end_build()
    site_dir = Path(config.site_dir)
    if _build is None:  # the server's 404 page gets no live-reload script: it reloads by itself
        (site_dir / "404.html").write_text(error_page(_errors, reload_by_itself=True), encoding="utf-8")
        return
    for path, text in _build.files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    _timeless_sitemap_gz(site_dir)


def _timeless_sitemap_gz(site_dir: Path) -> None:
    """MkDocs stamps sitemap.xml.gz with the build day (gzip header mtime); rewrite it without a
    time, so identical input gives identical bytes on any day."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        with open(site_dir / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(filename="sitemap.xml", fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(sitemap.read_bytes())


def _meta(page) -> dict:
    """What MkDocs and the theme read from a page's front matter."""
    meta = {"title": page.title, "description": page.description}
    if page.search_exclude:
        meta["search"] = {"exclude": True}
    elif page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    return meta


def _toc(html: str):
    """Table of contents for a generated page: the h1 with the h2s below it, as Markdown's
    toc would make it. The theme's skip link goes to the first entry, i.e. the h1."""
    tokens: list[dict] = []
    for level, anchor, name in _HEADING_RE.findall(html):
        token = {"level": int(level), "id": anchor, "name": _TAG_RE.sub("", name).rstrip("#"), "children": []}
        if tokens and tokens[0]["level"] == 1 and token["level"] == 2:
            tokens[0]["children"].append(token)
        elif token["level"] == 2 or not tokens:
            tokens.append(token)
    return get_toc(tokens)
