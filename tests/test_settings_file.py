"""mkdocs.yml read as data before MkDocs reads it (issue 19): syntax errors in German with their
place, and keys written twice, which MkDocs' reader would silently resolve to the last."""

from __future__ import annotations

from pathlib import Path

from kekiz.sources.settingsfile import settings_file_problems

ROOT = Path(__file__).resolve().parents[1]


def _problems(tmp_path: Path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return settings_file_problems(path)


def test_the_projects_own_settings_file_has_no_problems():
    assert settings_file_problems(ROOT / "mkdocs.yml") == []


def test_mkdocs_tags_are_left_to_mkdocs(tmp_path):
    text = ("site_name: X\nsite_url: !ENV [KEKIZ_SITE_URL, '']\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert _problems(tmp_path, text) == []


def test_a_key_written_twice_under_extra_operator_is_named_at_the_second(tmp_path):
    problems = _problems(tmp_path, "site_name: X\nextra:\n  operator:\n    name: A\n    email: a@b.de\n    name: B\n")
    assert [(p.line, p.column, p.field) for p in problems] == [(6, 5, "extra.operator.name")]
    assert "(zuerst in Zeile 4)" in problems[0].problem


def test_a_second_extra_section_is_named(tmp_path):
    problems = _problems(tmp_path, "site_name: X\nextra:\n  kekiz: {}\nnav: []\nextra:\n  operator: {}\n")
    assert [(p.line, p.field) for p in problems] == [(5, "extra")]


def test_a_syntax_error_is_german_with_its_place(tmp_path):
    problems = _problems(tmp_path, "site_name: X\nextra:\n  operator:\n    name: 'offen\n    email: a@b.de\n")
    assert [(p.line, p.column) for p in problems] == [(4, 11)]
    assert "Anführungszeichen" in problems[0].problem
    assert "while scanning" not in problems[0].format()


def test_make_check_names_a_broken_settings_file_once_in_german(tmp_path, capsys):
    import shutil

    from kekiz.__main__ import main

    for name in ("data", "docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(text + "\nextra:\n  operator:\n    name: 'offen\n", encoding="utf-8")
    line = text.count("\n") + 4
    assert main(["check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    message = f"mkdocs.yml:{line}:11: das Anführungszeichen ', das hier beginnt, wird nicht geschlossen"
    assert err.count(message) == 1, err
    assert "while scanning" not in err and "Traceback" not in err


def test_the_build_refuses_a_key_written_twice_and_leaves_the_output_folder(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    for name in ("data", "docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:\n" in text
    (tmp_path / "mkdocs.yml").write_text(text.replace("\nextra:\n", "\nextra:\n  generator: false\n  generator: true\n", 1),
                                         encoding="utf-8")
    line = text[: text.index("\nextra:\n")].count("\n") + 4  # the second of the two inserted lines
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("last good site", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:3: extra.generator: das Feld „generator“ steht doppelt" in said, said
    assert "Traceback" not in said
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "last good site"


def test_make_check_names_wrong_kekiz_settings_with_line_and_column_all_at_once(tmp_path, capsys):
    """issue 19: a typo under extra.kekiz and a dgs_video file that is not there, both at their place."""
    import shutil

    from kekiz.__main__ import main

    for name in ("data", "docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count("    dgs_video: null\n") == 1
    text = text.replace("    dgs_video: null\n",
                        "    dgs_vidoe: 1\n    dgs_video:\n      file: assets/nicht-da.mp4\n      caption: Erklärung\n")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    typo = text.splitlines().index("    dgs_vidoe: 1") + 1
    assert main(["check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{typo}:5: extra.kekiz.dgs_vidoe: diese Einstellung gibt es nicht" in err, err
    assert f"mkdocs.yml:{typo + 2}:7: extra.kekiz.dgs_video.file: die Datei docs/assets/nicht-da.mp4 gibt es nicht" in err


def test_python_m_kekiz_settings_reads_only_the_settings_file_in_german(tmp_path, capsys):
    from kekiz.__main__ import main

    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav: [a,\n", encoding="utf-8")
    assert main(["settings", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkdocs.yml:2:6: die eckige Klammer [, die hier eine Liste beginnt, wird nicht geschlossen")
    assert main(["settings", "--root", str(ROOT)]) == 0
