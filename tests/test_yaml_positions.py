"""Messages that point where the editor has to look (issue 19, class 7): lines counted as
editors count them, unclosed quotes and brackets named where they open, over-long keys and
UTF-16 files named for what they are, and hostile values shortened in every message."""

from __future__ import annotations

import pytest

from kekiz.sources.diagnostics import Diagnostic
from kekiz.sources.yamlsource import read_yaml


def _read(tmp_path, text: str | bytes):
    path = tmp_path / "data.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return read_yaml(path, "data.yaml")


def _only_problem(doc) -> Diagnostic:
    assert len(doc.problems) == 1, [str(p) for p in doc.problems]
    return doc.problems[0]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_inside_a_quoted_text_is_no_line_break(tmp_path, separator):
    doc = _read(tmp_path, f'a: "eins{separator}zwei"\nb: drei\nc: [1,\nd: 4\n')
    problem = _only_problem(doc)
    assert (problem.line, problem.column) == (3, 4)  # the "[" of line 3, as the editor shows it


def test_values_after_a_line_separator_keep_their_editor_line(tmp_path):
    doc = _read(tmp_path, 'a: "eins\u2028zwei"\nb: drei\nc:\n  - vier\n')
    assert doc.data == {"a": "eins\u2028zwei", "b": "drei", "c": ["vier"]}
    assert doc.positions[("b",)] == (2, 4)
    assert doc.positions[("c", 0)] == (4, 5)


@pytest.mark.parametrize("quote", ["'", '"'])
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path, quote):
    doc = _read(tmp_path, f"a: 1\nb: {quote}offen\nc: 2\nd: 3\ne: 4\n")
    problem = _only_problem(doc)
    assert (problem.line, problem.column) == (2, 4)
    assert f"Anführungszeichen {quote}" in problem.problem and "nicht geschlossen" in problem.problem


@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{", "}")])
def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path, opener, closer):
    doc = _read(tmp_path, f"a: {opener}x: 1\nb: 3\nc: 4\n" if opener == "{" else "a: [1, 2\nb: 3\nc: 4\n")
    problem = _only_problem(doc)
    assert (problem.line, problem.column) == (1, 4)
    assert opener in problem.problem and closer in problem.fix


def test_a_missing_comma_inside_one_line_is_reported_at_its_place(tmp_path):
    doc = _read(tmp_path, "a: [1, 2 }\nb: 3\n")
    problem = _only_problem(doc)
    assert problem.line == 1 and problem.column > 4


def test_a_key_over_1024_characters_is_named_as_too_long(tmp_path):
    doc = _read(tmp_path, "a: 1\n" + "k" * 1100 + ": wert\n")
    problem = _only_problem(doc)
    assert (problem.line, problem.column) == (2, 1)
    assert "länger als 1024 Zeichen" in problem.problem
    assert "Doppelpunkt" not in problem.problem


def test_a_missing_colon_is_reported_on_the_line_that_lacks_it(tmp_path):
    doc = _read(tmp_path, "a: 1\nb\nc: 2\n")
    problem = _only_problem(doc)
    assert (problem.line, problem.column) == (2, 1)
    assert "Doppelpunkt" in problem.problem


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_byte_order_mark_is_named(tmp_path, encoding):
    doc = _read(tmp_path, ("a: 1\n" * 16 + "b: Düren\n").encode(encoding))
    problem = _only_problem(doc)
    assert "UTF-16" in problem.problem and "UTF-8" in problem.fix
    assert (problem.line, problem.column) == (1, 1)


def test_a_nul_inside_utf8_text_is_still_a_control_character(tmp_path):
    doc = _read(tmp_path, "a: eins\x00zwei\nb: drei\n")
    assert doc.problems and "UTF-16" not in doc.problems[0].problem
    assert "U+0000" in doc.problems[0].problem


def test_a_megabyte_slug_is_shortened_in_every_message():
    slug = "a" * 1_000_000
    message = Diagnostic("data/communes.yaml", 3, 5, slug, "Feld " * 100_000, "Problem", "Lösung").format()
    assert len(message) < 400
    assert message.startswith("data/communes.yaml:3:5: aaaa") and "…" in message


@pytest.mark.parametrize(("text", "where", "bracket"), [
    ("site_name: x\nnav: [a,\n", (2, 6), "["),
    ("a: 1\nb: {x: 1,\n", (2, 4), "{"),
    ("a: [1, [2,\n  3]\n", (1, 4), "["),
])
def test_a_bracket_left_open_at_the_end_of_the_file_is_named_where_it_opens(tmp_path, text, where, bracket):
    problem = _only_problem(_read(tmp_path, text))
    assert (problem.line, problem.column) == where
    assert f"Klammer {bracket}" in problem.problem
