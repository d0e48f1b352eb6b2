"""Element names from the HTML standard that the modules reading our own HTML need."""

from __future__ import annotations

# Elements without content or end tag ("void elements").
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "source", "track", "wbr"})
