"""Which pages may share a theme part (kekiz.themecache.SharedParts)."""

from __future__ import annotations

from types import SimpleNamespace

from kekiz.themecache import SharedParts


def _page(url: str, **meta) -> SimpleNamespace:
    return SimpleNamespace(url=url, meta=meta)


PARTS = SharedParts({"", "kommunen/", "programm/", "programm/zeitleiste/"})


def test_pages_of_one_folder_outside_the_navigation_share_nav_and_footer():
    for part in ("nav", "footer"):
        krefeld, aachen = PARTS.key(_page("kommunen/krefeld/"), part), PARTS.key(_page("kommunen/aachen/"), part)
        assert krefeld is not None and krefeld == aachen
        assert krefeld != PARTS.key(_page("gemeinden/herten/"), part)  # other folder, other relative links
        assert krefeld != PARTS.key(_page("kommunen/krefeld/", hide=["footer"]), part)


def test_pages_in_the_navigation_render_their_own_nav_and_footer():
    for part in ("nav", "footer"):
        assert PARTS.key(_page("programm/zeitleiste/"), part) is None  # marks itself as active
        assert PARTS.key(_page(""), part) is None
    # The footer links the legal pages in the root folder and marks the current one.
    assert PARTS.key(_page("impressum/"), "footer") is None
    assert PARTS.key(_page("impressum/"), "nav") is not None


def test_the_settings_script_is_shared_by_depth_and_the_rest_by_all():
    assert PARTS.key(_page("kommunen/krefeld/"), "config") == PARTS.key(_page("gemeinden/herten/"), "config")
    assert PARTS.key(_page("programm/"), "config") != PARTS.key(_page(""), "config")
    assert PARTS.key(_page(""), "search") == PARTS.key(_page("kommunen/krefeld/"), "search")
    assert PARTS.key(None, "search") is None  # the 404 page renders everything itself
