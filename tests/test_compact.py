"""The theme's blank lines and indentation go; white space that is kept as written stays."""

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
