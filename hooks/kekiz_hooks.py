"""The site's MkDocs entry (mkdocs.yml `hooks:`): binds MkDocs' events to the adapter, nothing else.

All state lives in one object, kekiz.adapter.KekizSite. MkDocs keeps this module loaded across
`mkdocs serve` rebuilds, so the object, and what one build hands the next, lives as long.
"""

from kekiz.adapter import KekizSite

site = KekizSite()

on_startup = site.on_startup
on_serve = site.on_serve
on_config = site.on_config
on_files = site.on_files
on_nav = site.on_nav
on_env = site.on_env
on_page_content = site.on_page_content
on_post_page = site.on_post_page
on_post_build = site.on_post_build
