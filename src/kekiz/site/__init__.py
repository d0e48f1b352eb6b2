"""Everything the site is built from, in one object: pages, page fragments and extra files.

`build_site` reads the validated inputs once into `SiteParts` and runs every output family of
`kekiz.site.outputs.OUTPUTS` in order; the parts of hand-written pages come from
`kekiz.site.markers`. The MkDocs adapter only asks the resulting `SiteBuild` for its parts;
another generator could do the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kekiz.model import gemeinden
from kekiz.model.glossary import Glossary
from kekiz.model.registry import Registry
from kekiz.site.head import head_tags
from kekiz.site import markers
from kekiz.site.context import RenderedPage, SiteContext, SiteParts
from kekiz.site.glossary import link_first_uses, protected_names
from kekiz.site.markers import MARKER_RE, UnknownMarker
from kekiz.site.outputs import OUTPUTS
from kekiz.sources import Inputs, messages
from kekiz.sources.signvideo import SignVideo

__all__ = ["MARKER_RE", "SiteBuild", "UnknownMarker", "build_site", "site_parts"]


@dataclass
class SiteBuild:
    registry: Registry
    context: SiteContext
    pages: dict[str, RenderedPage] = field(default_factory=dict)       # by src_uri
    files: dict[str, str | bytes] = field(default_factory=dict)        # extra output files by path
    fragments: dict[str, Callable[[str], str]] = field(default_factory=dict)  # name -> f(page_path)
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    place_names: frozenset[str] = frozenset()  # no glossary link inside these (see kekiz.site.glossary)

    def head(self, page_path: str, title: str, description: str) -> str:
        """Tags for the page's head: link previews, feed links, JSON-LD."""
        return head_tags(self.registry, self.context, page_path, title, description)

    def fill_markers(self, html: str, page_path: str, source_name: str) -> str:
        """Replace every marker in a hand-written page; an unknown name is an error, not a gap."""
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.fragments:
                known = ", ".join(sorted(self.fragments))
                raise UnknownMarker(messages.unknown_marker(source_name, name, known))
            return self.fragments[name](page_path)
        return MARKER_RE.sub(replace, html)

    def link_glossary(self, html: str, page_path: str) -> str:
        """Link Glossar terms at their first use on a page."""
        return link_first_uses(html, self.glossary, page_path, self.place_names)


def site_parts(inputs: Inputs, context: SiteContext, *, sign_video: SignVideo | None = None) -> SiteParts:
    """What every output family reads."""
    registry, geo = inputs.registry, inputs.geo
    return SiteParts(registry, replace(context, geo_attribution=geo.source.attribution), geo,
                     gemeinden.build(registry, geo), inputs.glossary, inputs.accessibility, inputs.population,
                     place_names=protected_names(registry, geo), sign_video=sign_video,
                     downloads=tuple(d for output in OUTPUTS for d in output.downloads))


def build_site(inputs: Inputs, context: SiteContext, *, sign_video: SignVideo | None = None) -> SiteBuild:
    """Render every page, page fragment and file from validated inputs."""
    site = site_parts(inputs, context, sign_video=sign_video)
    build = SiteBuild(site.registry, site.context, glossary=site.glossary, place_names=site.place_names)
    for output in OUTPUTS:
        for page in output.pages(site):
            _claim(build.pages, page.src_uri, output.name)
            build.pages[page.src_uri] = page
        for path, content in output.files(site).items():
            _claim(build.files, path, output.name)
            build.files[path] = content
    build.fragments = markers.fragments(site)
    return build


def _claim(made: dict, address: str, output: str) -> None:
    """Two outputs never write the same address: the later would silently replace the earlier."""
    if address in made:
        raise ValueError(f"{output}: {address} is made by an earlier output too")
