"""Work the theme need not repeat: parts shared by many pages (the navigation, the footer, the
settings script, the search form), and — while
`mkdocs serve` rebuilds after every save — pages whose every input is unchanged.

Nothing here knows MkDocs; the hook hands in plain values. A build's output never depends on
these caches: a cached piece is used only where rendering it again gives the same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

# The theme template that prints a page kept from the previous build (overrides/).
REPLAY_TEMPLATE = "kekiz-replay.html"


class SharedParts:
    """Theme parts rendered once and printed again on every page they are the same for
    (overrides/main.html, partials/nav.html and partials/header.html ask for them by name with
    `{% call kekiz_parts.once(page, "footer") %}…{% endcall %}`):

    - "nav", "footer": the same for every page of a folder outside the navigation (their links
      are relative to the folder; no item is active, no previous or next page is named). Pages
      in the root folder render their own footer: it marks the legal page it links to as current;
    - "config": the theme's settings script, the same for every page at one depth (it names
      only addresses relative to the site's root);
    - "breadcrumb": the way back from a page outside the navigation, the same for every page of
      a folder;
    - "search", "palette": the same on every page.
    """

    def __init__(self, nav_urls: set[str]):
        self._nav_urls = nav_urls
        self._html: dict[str, str] = {}

    def key(self, page, part: str) -> str | None:
        if page is None:
            return None
        if part in ("nav", "footer"):
            folder = page.url.rstrip("/").rpartition("/")[0]
            if page.url in self._nav_urls or (part == "footer" and not folder):
                return None  # marks the page itself as current, or names its neighbours
            hide = (page.meta or {}).get("hide")
            return f"{part}:{folder}:{hide!r}"
        if part == "breadcrumb":  # the way back: the same for every page of a folder
            return f"breadcrumb:{page.url.rstrip('/').rpartition('/')[0]}"
        if part == "config":
            return f"config:{page.url.count('/')}"
        return part

    def once(self, page, part: str, caller) -> str:
        """The part's HTML on `page`: rendered by `caller` (the body of a Jinja `{% call %}`
        block) where it is not shared or not yet rendered, else as rendered before."""
        key = self.key(page, part)
        if key is None:
            return caller()
        if key not in self._html:
            self._html[key] = caller()
        return self._html[key]


class PageReplay:
    """Finished pages of the previous build, by a digest of everything their HTML is made of.

    After an editor saves the registry, most pages are the same as before; printing them again
    from here spares the theme (the largest part of a rebuild). Entries not asked for in a build
    are dropped at its end, so the cache never outgrows the site.
    """

    def __init__(self):
        self._html: dict[str, str] = {}
        self._used: set[str] = set()
        self._hits = 0
        self.replayed = 0  # pages the last finished build printed from here

    @staticmethod
    def key(*inputs: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in inputs:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))  # length-prefixed: no two splits collide
            digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> str | None:
        self._used.add(key)
        html = self._html.get(key)
        self._hits += html is not None
        return html

    def keep(self, key: str, html: str) -> None:
        self._html[key] = html

    def end_build(self) -> None:
        self._html = {k: v for k, v in self._html.items() if k in self._used}
        self._used = set()
        self.replayed, self._hits = self._hits, 0


def files_fingerprint(paths: list[Path]) -> str:
    """Digest of the given files and of every file below the given folders (config, templates):
    a change to any of them makes every kept page stale."""
    parts = []
    for root in paths:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                parts += [path.as_posix(), path.read_bytes().decode("utf-8", "replace")]
    return PageReplay.key(*parts)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory across `mkdocs serve` rebuilds (MkDocs makes a
    new Jinja environment, and so compiles every template again, for every build). Jinja checks
    each template's source checksum, so an edited template is compiled anew."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class CompiledTemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk for the next `mkdocs build` (a fresh process compiles
    every template again: a sixth of a build of the real site). Jinja checks each template's
    source checksum and its own version, so an edited template is compiled anew. A folder that
    cannot be written only means compiling again: never a failed build."""

    def __init__(self, directory: Path):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(directory))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 — unreadable, cut short, another format: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass
