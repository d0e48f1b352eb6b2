"""Which pages may share a theme part (kekiz.themecache.SharedParts)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from kekiz.adapter.theme import CompiledTemplateCache, SharedParts


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


# --- compiled templates on disk (kekiz.themecache.CompiledTemplateCache) ----------------------------

def _environment(templates: dict[str, str], cache_dir) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=CompiledTemplateCache(cache_dir))


def test_a_later_build_reuses_the_compiled_templates_and_compiles_an_edited_one(tmp_path):
    first = _environment({"t.html": "Hallo {{ name }}"}, tmp_path / "cache")
    assert first.get_template("t.html").render(name="Welt") == "Hallo Welt"
    assert list((tmp_path / "cache").iterdir()), "nothing was kept"

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")
    later = _environment({"t.html": "Hallo {{ name }}"}, tmp_path / "cache")
    later.compile = no_compiling
    assert later.get_template("t.html").render(name="Welt") == "Hallo Welt"

    edited = _environment({"t.html": "Guten Tag {{ name }}"}, tmp_path / "cache")
    assert edited.get_template("t.html").render(name="Welt") == "Guten Tag Welt"


def test_a_cache_that_cannot_be_written_or_read_only_means_compiling(tmp_path):
    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner", encoding="utf-8")
    env = _environment({"t.html": "Hallo {{ name }}"}, blocked / "cache")  # its parent is a file
    assert env.get_template("t.html").render(name="Welt") == "Hallo Welt"
    env = _environment({"t.html": "Hallo"}, tmp_path / "cache")
    env.get_template("t.html")
    for kept in (tmp_path / "cache").iterdir():
        kept.write_bytes(kept.read_bytes()[:20])  # cut short
    assert _environment({"t.html": "Hallo"}, tmp_path / "cache").get_template("t.html").render() == "Hallo"
