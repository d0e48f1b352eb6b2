"""Finished pages: the theme's blank lines and indentation go (white space kept as written stays),
and the parts held back from the search index come back in place."""

from __future__ import annotations

from kekiz.compact import compact_html


def test_blank_lines_and_indentation_go():
    page = "<ul>\n    <li>eins</li>\n  \n\n    <li>zwei\n      drei</li>\n</ul>\n"
    assert compact_html(page) == "<ul>\n<li>eins</li>\n<li>zwei\ndrei</li>\n</ul>\n"


def test_text_keeps_a_white_space_where_it_had_one():
    # "zwei" and "drei" stay two words: the line break between them remains.
    assert "zwei\ndrei" in compact_html("<p>zwei\n        drei</p>")


def test_pages_with_preformatted_text_are_left_alone():
    for page in ("<pre>\n    eingerückt\n\n</pre>\n  <p>x</p>", "<TEXTAREA>\n  a\n</TEXTAREA>"):
        assert compact_html(page) == page


def test_built_pages_have_no_blank_lines(built_site):
    for path in ("index.html", "kommunen/krefeld/index.html", "gemeinden/herten/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert "\n\n" not in html and "\n " not in html, path


def test_parts_held_back_from_the_search_come_back_in_place():
    from kekiz.site import UNSEARCHED_END, UNSEARCHED_START, SiteBuild
    parts = [f"<p>Absatz {i}</p>{UNSEARCHED_START}<span>Zitiervorschlag {i}</span>{UNSEARCHED_END}"
             f"<svg><path d='M{i} 0'/></svg>" for i in range(3000)]
    page = "<h1>Presse</h1>" + "".join(parts)
    searched, held = SiteBuild.defer_unsearched(page)
    assert "Zitiervorschlag" not in searched and "<svg" not in searched and "Absatz 2999" in searched
    assert len(held) == 6000
    assert SiteBuild.restore(searched, held) == page.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")
