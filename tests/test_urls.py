"""Site-relative links: the fast segment arithmetic gives what posixpath.relpath gives."""

from __future__ import annotations

import posixpath
from itertools import product

from kekiz.site.urls import relative


def _by_posixpath(target: str, page: str) -> str:
    """The former implementation, kept as the reference."""
    path, _, fragment = target.partition("#")
    base = posixpath.dirname(page.rstrip("/") + "/x") if page else "."
    link = ""
    if path:
        link = posixpath.relpath(path, base or ".")
        if path.endswith("/") and not link.endswith("/"):
            link += "/"
    return f"{link}#{fragment}" if fragment else (link or "./")


PAGES = ["", "kommunen/", "kommunen/krefeld/", "gemeinden/herten/", "presse/kommunen/aachen/", "programm/drei-teile/"]
TARGETS = ["", "#top", "kommunen/", "kommunen/krefeld/", "kommunen/krefeld/#aeusserungen", "kommunen/krefeld/vorschau.png",
           "assets/karte/nrw-hell.svg", "programm/", "daten/kekiz-kommunen.csv", "presse/kommunen/aachen/", "./", "."]


def test_relative_links_equal_posixpath_relpath_for_every_pair():
    for target, page in product(TARGETS, PAGES):
        assert relative(target, page) == _by_posixpath(target, page), (target, page)


def test_examples():
    assert relative("programm/", "kommunen/krefeld/") == "../../programm/"
    assert relative("kommunen/krefeld/", "kommunen/krefeld/") == "./"
    assert relative("kommunen/", "") == "kommunen/"
    assert relative("#quellen", "kommunen/krefeld/") == "#quellen"
    assert relative("kommunen/krefeld/#quelle-1", "presse/") == "../kommunen/krefeld/#quelle-1"
