"""The site as MkDocs sees it: one object that holds the state of a build (and, under
`mkdocs serve`, what one build hands the next) and one method per MkDocs event it needs.

Only documented MkDocs means are used: the events, `File.generated`, a Page subclass set as
`File.page` (kekiz.adapter.page), the config, `server.watch`, and theme blocks in overrides/.
Validation happens in on_config, before MkDocs touches site_dir: a bad input stops
`mkdocs build` with every problem listed and the last good site left as it was. Under
`mkdocs serve` it does not stop the server: every page shows the error list
(kekiz.adapter.errorpage), and live reload brings the pages back once the file is fixed.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from kekiz.adapter.compact import compact_html
from kekiz.adapter.config import check_settings
from kekiz.adapter.errorpage import error_page
from kekiz.adapter.page import GeneratedPage, page_meta, toc_of
from kekiz.adapter.search import fill, hold_back, search_worker
from kekiz.adapter.theme import REPLAY_TEMPLATE, CompiledTemplateCache, MemoryBytecodeCache, PageReplay, SharedParts, \
    files_fingerprint
from kekiz.site import MARKER_RE, SiteBuild, UnknownMarker, build_site
from kekiz.site.context import SiteContext
from kekiz.site.templating import keep_compiled_templates
from kekiz.site.urls import public_site_url
from kekiz.sources import load_inputs, messages
from kekiz.sources.diagnostics import Diagnostic, RegistryError
from kekiz.sources.operator import SettingsError, read_operator
from kekiz.sources.pages import marker_problems
from kekiz.sources.registry import project_registry_path
from kekiz.sources.settingsfile import settings_file_problems

_log = logging.getLogger("mkdocs.hooks.kekiz")


class KekizSite:
    def __init__(self):
        self.serving = False
        self.build: SiteBuild | None = None
        self.errors: list[Diagnostic] = []       # while serving with broken inputs
        self.last_pages: dict[str, dict] = {}    # src_uri -> meta of the last good build's generated pages
        self.nav_urls: set[str] = set()
        # Kept across `mkdocs serve` rebuilds: compiled theme templates, finished pages.
        self.bytecode = MemoryBytecodeCache()
        self.replay = PageReplay()
        self.shared_inputs = ""
        self.disk_templates: CompiledTemplateCache | None = None

    # -- events ----------------------------------------------------------------------------------
    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    def on_serve(self, server, config, builder):
        """Rebuild when a data file changes: data/ and the registry, also one outside it (KEKIZ_REGISTRY)."""
        root = Path(config.config_file_path).parent
        data, registry = root / "data", project_registry_path(root)
        for path in (data, registry):
            if path.exists() and not (path == registry and registry.resolve().parent == data.resolve()):
                server.watch(str(path))
        return server

    def on_config(self, config):
        """Read and check every input before anything is written."""
        self.build, self.errors = None, []
        if not config.repo_url:
            # no repository known: no edit links, and no English warnings about them (also while
            # the preview shows errors)
            config.edit_uri = None
        root = Path(config.config_file_path).parent
        config_file = Path(config.config_file_path)
        # keys written twice, which MkDocs' reader resolves to the last without a word
        setting_lines = [p.format() for p in settings_file_problems(config_file, config_file.name)]
        checked = check_settings(config, config_file)
        setting_lines += checked.problems
        settings, video = checked.settings, checked.video
        try:
            inputs = load_inputs(root)
            operator, notices = read_operator(config.extra, Path(config.config_file_path),
                                              required=settings.require_operator if settings else None)
        except (RegistryError, SettingsError) as error:
            if setting_lines:  # every problem at once: the settings' and the data files'
                raise Abort("\n".join([*setting_lines, error.report(messages.build_stopped())])) from None
            return self._stop(error, config)
        if setting_lines:
            raise Abort("\n".join(setting_lines))
        # INFO, not WARNING: `--strict` fails on warnings, and a fresh clone without operator must build.
        # Several missing settings are one line here (every build, every preview rebuild);
        # `make check` lists each with what belongs in it.
        missing = [s.key for s in operator.missing()]
        for line in notices if len(missing) < 2 else [messages.operator_settings_empty(missing)]:
            _log.info(line)
        site_url = public_site_url(config.site_url)
        if site_url is None:
            _log.info(messages.NO_SITE_URL)
        context = SiteContext(site_name=config.site_name, site_url=site_url, repo_url=config.repo_url or None,
                              branch=settings.branch, operator=operator)
        # Compiled page templates: kept in memory while serving, on disk for the next `mkdocs build`.
        keep_compiled_templates(self.bytecode if self.serving else self._disk_templates(config))
        try:
            self.build = build_site(inputs, context, sign_video=video)
        except RegistryError as error:
            return self._stop(error, config)
        problems = marker_problems(Path(config.docs_dir), root, self.build.fragments)
        if problems:
            return self._stop(RegistryError(problems), config)
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.build is None:  # serving with errors: keep every address of the last good build alive
            for src_uri in self.last_pages:
                files.append(File.generated(config, src_uri, content=""))
            return files
        self.last_pages.clear()
        titles = _nav_titles(config.nav)
        for page in self.build.pages.values():
            self.last_pages[page.src_uri] = page_meta(page)
            file = File.generated(config, page.src_uri, content="")
            # "Edit" leads editors to the registry; without a repository address there is no link.
            file.edit_uri = self.build.context.registry_file if config.repo_url and page.editable else None
            GeneratedPage(titles.get(page.src_uri), file, config, page)
            files.append(file)
        for path, content in self.build.files.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_nav(self, nav, config, files):
        self.nav_urls = {page.url for page in nav.pages}
        if self.serving:  # what shapes every page: config, templates, the navigation's addresses and titles
            watched = [Path(config.config_file_path)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
            self.shared_inputs = files_fingerprint(watched) + "|".join(
                sorted(f"{page.url}\t{page.title}" for page in nav.pages))
        return nav

    def on_env(self, env, config, files):
        env.globals["kekiz_parts"] = SharedParts(self.nav_urls)  # a new, empty one for every build
        env.filters["kekiz_fill"] = fill
        env.filters["kekiz_search_worker"] = search_worker
        env.bytecode_cache = self.bytecode if self.serving else self._disk_templates(config)
        return env

    def on_page_content(self, html: str, page, config, files) -> str:
        if self.build is None:
            return html
        if not isinstance(page, GeneratedPage):
            if MARKER_RE.search(html):
                path = page.file.url if page.file.url != "." else ""
                try:
                    html = self.build.fill_markers(html, path.lstrip("/"), page.file.src_uri)
                except UnknownMarker as error:
                    raise Abort(str(error)) from None
                page.toc = toc_of(html)  # generated parts bring headings of their own
            if page.meta.get("glossar"):
                html = self.build.link_glossary(html, page.file.url if page.file.url != "." else "")
            html, page.meta["kekiz_held_back"] = hold_back(html)
        self._head(page, config)
        if self.serving:
            self._replay_if_unchanged(page, html)
        return html

    def on_post_page(self, output: str, page, config) -> str:
        if self.build is None:
            return error_page(self.errors)
        output = compact_html(output)
        if "kekiz_replay_key" in page.meta:
            self.replay.keep(page.meta["kekiz_replay_key"], output)
        return output

    def on_post_build(self, config) -> None:
        self.replay.end_build()
        site_dir = Path(config.site_dir)
        if self.build is None:  # the server's 404 page gets no live-reload script: it reloads by itself
            (site_dir / "404.html").write_text(error_page(self.errors, reload_by_itself=True), encoding="utf-8")
            return
        _timeless_sitemap_gz(site_dir)

    # -- helpers ---------------------------------------------------------------------------------
    def _stop(self, error: RegistryError, config):
        """Abort a build; while serving, show the errors in the browser instead."""
        if not self.serving:
            raise Abort(error.report(messages.build_stopped())) from None
        self.build, self.errors = None, error.diagnostics
        _log.error(error.report(messages.preview_shows_errors()))
        return config

    def _disk_templates(self, config) -> CompiledTemplateCache:
        """Compiled templates in .cache/kekiz/templates of the project (ignored by git, safe to delete)."""
        directory = Path(config.config_file_path).parent / ".cache" / "kekiz" / "templates"
        if self.disk_templates is None or self.disk_templates.directory != str(directory):
            self.disk_templates = CompiledTemplateCache(directory)
        return self.disk_templates

    def _head(self, page, config) -> None:
        """Link previews, feed links and JSON-LD for the head (overrides/main.html prints them)."""
        path = "" if page.file.url in (".", "./") else page.file.url
        title = config.site_name if page.is_homepage else page.title
        description = page.meta.get("description") or config.site_description or ""
        page.meta["kekiz_head"] = self.build.head(path.lstrip("/"), title, description)

    def _replay_if_unchanged(self, page, html: str) -> None:
        """While serving: a page whose inputs all equal the previous build's is printed as it was
        (overrides/kekiz-replay.html) instead of being rendered by the theme again."""
        neighbours = [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)]
        key = self.replay.key(self.shared_inputs, page.url, str(page.title), html, _toc_text(page.toc),
                              json.dumps(page.meta, sort_keys=True, default=str), str(page.edit_url),
                              repr(neighbours))
        page.meta["kekiz_replay_key"] = key
        kept = self.replay.get(key)
        if kept is not None:
            page.meta["template"] = REPLAY_TEMPLATE
            page.meta["kekiz_replay"] = kept


def _nav_titles(nav) -> dict[str, str]:
    """src_uri -> title of the pages that mkdocs.yml's nav names with a title."""
    titles: dict[str, str] = {}

    def walk(items, title=None):
        if isinstance(items, str) and title is not None:
            titles[items] = title
        elif isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for key, value in items.items():
                walk(value, key)
    walk(nav or [])
    return titles


def _toc_text(items, depth: int = 0) -> str:
    return "".join(f"{depth}:{i.level}:{i.url}:{i.title}\n" + _toc_text(i.children, depth + 1) for i in items)


def _timeless_sitemap_gz(site_dir: Path) -> None:
    """MkDocs stamps sitemap.xml.gz with the build day (gzip header mtime); rewrite it without a
    time, so identical input gives identical bytes on any day."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        with open(site_dir / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(filename="sitemap.xml", fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(sitemap.read_bytes())
