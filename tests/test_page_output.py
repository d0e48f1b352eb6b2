"""Finished pages: the theme's blank lines and indentation go (white space kept as written stays),
and the parts held back from the search index are printed."""

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


def test_parts_held_back_from_the_search_are_printed_without_markers():
    from kekiz.searchtext import UNSEARCHED_END, UNSEARCHED_START, printed, searched
    parts = [f"<p>Absatz {i}</p>{UNSEARCHED_START}<span>Zitiervorschlag {i}</span>{UNSEARCHED_END}"
             f"<svg><path d='M{i} 0'/></svg>" for i in range(3000)]
    page = "<h1>Presse</h1>" + "".join(parts)
    for generated in (False, True):
        index = searched(page, generated=generated)
        assert "Zitiervorschlag" not in index and "<svg" not in index and "Absatz 2999" in index
    assert printed(page) == page.replace(UNSEARCHED_START, "").replace(UNSEARCHED_END, "")
    assert "kekiz:unsearched" not in printed(page) and printed(page).count("Zitiervorschlag") == 3000


def test_a_held_back_part_that_is_not_closed_leaves_the_rest_to_the_indexer():
    from kekiz.searchtext import UNSEARCHED_END, UNSEARCHED_START, searched
    page = f"<p>a</p>{UNSEARCHED_START}<p>b</p>{UNSEARCHED_END}<p>c</p><svg><p>d</p></svg><p>e</p><svg><p>f</p>"
    assert searched(page, generated=False) == "<p>a</p><p>c</p><p>e</p><svg><p>f</p>"


def test_holding_back_reads_the_page_a_bounded_number_of_times():
    """The press pages hold thousands of held-back parts and no SVG: once, looking for the next
    SVG from every part to the end of the page made a 5 MB page take minutes."""
    from kekiz.searchtext import UNSEARCHED_END, UNSEARCHED_START, searched

    class CountedPage(str):
        """A page that counts the characters its searches read."""
        read = 0

        def find(self, sub, start=0, *rest):
            found = str.find(self, sub, start, *rest)
            CountedPage.read += (found if found >= 0 else len(self)) - start
            return found

    page = CountedPage("".join(f"<p>Absatz {i}</p>{UNSEARCHED_START}<p>Zitat {i}</p>{UNSEARCHED_END}<svg></svg>"
                               if i % 100 == 0 else f"<p>Absatz {i}</p>{UNSEARCHED_START}<p>Zitat {i}</p>{UNSEARCHED_END}"
                               for i in range(5_000)))
    assert searched(page, generated=False).count("Absatz") == 5_000
    assert CountedPage.read < 4 * len(page), CountedPage.read / len(page)


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
    """They have no Markdown: only the hand-written pages in docs/ are converted (the hook's
    on_page_markdown skips the rest, a quarter of a millisecond a page)."""
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
