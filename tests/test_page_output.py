"""Finished pages: the theme's blank lines and indentation go (white space kept as written stays),
and the parts held back from the search index are printed."""

from __future__ import annotations

from kekiz.adapter.compact import compact_html


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



_COUNT_MARKDOWN_CONVERTERS = r"""
import sys, markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config
made = []
original = markdown.Markdown.__init__
def counting(self, *args, **kwargs):
    made.append(1)
    original(self, *args, **kwargs)
markdown.Markdown.__init__ = counting
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
print(len(made))
"""


def test_generated_pages_make_no_markdown_converter(tmp_path):
    """They have no Markdown: only the hand-written pages in docs/ are converted (their
    pages are kekiz.adapter.page.GeneratedPage, a quarter of a millisecond a page saved)."""
    import os
    import subprocess
    import sys

    from conftest import ROOT
    result = subprocess.run([sys.executable, "-c", _COUNT_MARKDOWN_CONVERTERS, str(tmp_path / "site")], cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    hand_written = len(list((ROOT / "docs").rglob("*.md")))
    assert int(result.stdout.split()[-1]) <= hand_written + 1  # MkDocs may make one more of its own
    assert (tmp_path / "site" / "kommunen" / "krefeld" / "index.html").is_file()
