"""`extra.kekiz` in mkdocs.yml is typed MkDocs config (kekiz.adapter.config): a misspelt or wrong
setting stops the build and `make check` with a German message instead of being ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kekiz.adapter.config import SettingsProblem, read_settings

from conftest import ROOT

CONFIG = ROOT / "mkdocs.yml"


def test_the_project_settings_are_valid():
    settings = read_settings({"kekiz": {"require_operator": False, "dgs_video": None}}, CONFIG)
    assert settings.require_operator is False and settings.branch == "main"


@pytest.mark.parametrize("text, expected", [("true", True), ("ja", True), ("false", False), ("nein", False),
                                            ("", False), (True, True)])
def test_require_operator_reads_what_an_env_tag_gives(text, expected):
    """`!ENV [KEKIZ_REQUIRE_OPERATOR, false]` hands over text: "false" must not switch the check on."""
    assert read_settings({"kekiz": {"require_operator": text}}, CONFIG).require_operator is expected


@pytest.mark.parametrize("kekiz, words", [
    ({"dgs_vidoe": None}, ["extra.kekiz.dgs_vidoe", "gibt es nicht", "dgs_video"]),
    ({"require_operator": "vielleicht"}, ["extra.kekiz.require_operator", "true oder false"]),
    ({"branch": ["main"]}, ["extra.kekiz.branch", "ein Text"]),
    ({"dgs_video": "video.mp4"}, ["extra.kekiz.dgs_video", "name: wert"]),
    ({"dgs_video": {"file": "a.mp4", "caption": "x", "lang": "de"}}, ["extra.kekiz.dgs_video.lang", "gibt es nicht"]),
    (["require_operator"], ["extra.kekiz", "name: wert"]),
    ("true", ["extra.kekiz", "name: wert"]),
])
def test_a_wrong_setting_is_named_with_what_to_do(kekiz, words):
    with pytest.raises(SettingsProblem) as caught:
        read_settings({"kekiz": kekiz}, CONFIG)
    for word in words:
        assert word in str(caught.value)
    assert "Traceback" not in str(caught.value) and "Expected" not in str(caught.value)


def test_make_check_and_the_build_refuse_a_misspelt_setting(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides", "hooks"):
        (project / name).symlink_to(ROOT / name)
    text = CONFIG.read_text(encoding="utf-8").replace("    dgs_video: null", "    dgs_vidoe: null")
    assert "dgs_vidoe" in text
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "kekiz", "check", "--root", str(project)], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "extra.kekiz.dgs_vidoe: diese Einstellung gibt es nicht" in check.stderr
    build = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d", str(tmp_path / "out")],
                           cwd=project, env=env, capture_output=True, text=True, timeout=300)
    output = build.stdout + build.stderr
    assert build.returncode == 1 and "dgs_vidoe" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, required", [("false", False), ("nein", False), ("true", True), (True, True)])
def test_make_check_reads_require_operator_as_the_build_does(text, required):
    from kekiz.sources.operator import SettingsError, read_operator
    if required:
        with pytest.raises(SettingsError):
            read_operator({"operator": {}, "kekiz": {"require_operator": text}})
    else:
        operator, notices = read_operator({"operator": {}, "kekiz": {"require_operator": text}})
        assert notices and not operator.is_complete
