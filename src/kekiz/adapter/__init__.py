"""The MkDocs adapter: the only code that imports mkdocs, material, watchdog or livereload.
hooks/kekiz_hooks.py binds MkDocs' events to one KekizSite."""

from kekiz.adapter.events import KekizSite

__all__ = ["KekizSite"]
