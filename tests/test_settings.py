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


def test_a_setting_name_from_the_file_is_shown_escaped_and_placed():
    """The name of an unknown setting is the file's text: shown escaped, so a bidi control cannot
    reorder the message, and placed in its section."""
    with pytest.raises(SettingsProblem) as caught:
        read_settings({"kekiz": {"a\u202eb\nmkdocs.yml:1:1: gefälscht": 1}}, CONFIG)
    (line,) = str(caught.value).splitlines()
    section = next(n for n, text in enumerate(CONFIG.read_text(encoding="utf-8").splitlines(), 1)
                   if text.strip() == "kekiz:")
    written = int(line.split(":")[1])  # the section's first setting: the name itself is not in the file
    assert section < written < section + 10 and "a\\u202eb\\nmkdocs.yml" in line
    assert "\u202e" not in line


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


@pytest.mark.parametrize("site_url, words", [
    ('https://kekiz.example.org/a"b/', "nicht vorkommt"),            # would land raw in every page's head
    ("ftp://kekiz.example.org/", "https://"),
    ("https://nutzer:geheim@kekiz.example.org/", "Benutzernamen"),
    ("https://kekiz.example.org/?seite=1", "Anfang jeder Seitenadresse"),
    ("https://kekiz.example.org/#oben", "Anfang jeder Seitenadresse"),
    ("https://https://kekiz.example.org/", "Servername"),
    ("https://kekiz example.org/", "Leerzeichen"),
    ("https://kekiz.example.org/\u202e/", "nicht vorkommt"),
    ("https://kekiz.example.org/\x85/", "Steuerzeichen"),
])
def test_a_public_address_that_cannot_work_is_refused(site_url, words):
    from kekiz.adapter.config import address_problems
    (problem,) = [p.format() for p in address_problems(site_url, None, CONFIG)]
    line = next(n for n, text in enumerate(CONFIG.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("site_url:"))
    # at the line of the setting, as every other message: the value may come from KEKIZ_SITE_URL
    assert problem.startswith(f"mkdocs.yml:{line}:1: site_url (KEKIZ_SITE_URL): ") and words in problem
    assert "\u202e" not in problem and "\x85" not in problem  # values shown escaped, never raw


@pytest.mark.parametrize("site_url", ["https://kekiz.example.org/", "https://www.example.org/kekiz/",
                                      "https://münchen.example/", "http://127.0.0.1:8000/", None])
def test_usable_and_local_addresses_pass(site_url):
    from kekiz.adapter.config import address_problems
    assert address_problems(site_url, "https://github.com/example/kekiz", CONFIG) == []


def test_a_repository_address_with_a_quote_is_refused_and_the_build_writes_nothing(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEKIZ_REPO_URL": 'https://github.com/example/kekiz"><script>'}
    env.pop("KEKIZ_REGISTRY", None)
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "repo_url (KEKIZ_REPO_URL)" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("email, words", [
    ("a\x00b@example.org", "U+0000"), ("redaktion\u202e@example.org", "U+202E"),
    ("redaktion@example.org?subject=Hallo", "keine E-Mail-Adresse"), ("a@b@example.org", "keine E-Mail-Adresse"),
    ("redaktion@localhost", "keine E-Mail-Adresse"), ("redaktion@exa mple.org", "keine E-Mail-Adresse"),
])
def test_an_operator_e_mail_address_that_a_mail_link_cannot_use_is_refused(email, words):
    from kekiz.sources.operator import SettingsError, read_operator
    with pytest.raises(SettingsError) as caught:
        read_operator({"operator": {"email": email}})
    (problem,) = caught.value.diagnostics
    assert words in problem.problem and "\u202e" not in problem.format() and "\x00" not in problem.format()


@pytest.mark.parametrize("email", ["redaktion@example.org", "max.muster+kekiz@example.org", "info@münchen.de"])
def test_usable_e_mail_addresses_pass(email):
    from kekiz.sources.operator import read_operator
    operator, _ = read_operator({"operator": {"email": email}})
    assert operator.email == email


def test_an_operator_text_with_a_right_to_left_override_is_refused():
    from kekiz.sources.operator import SettingsError, read_operator
    with pytest.raises(SettingsError) as caught:
        read_operator({"operator": {"name": "Stadt \u202eDortmund"}})
    assert "U+202E" in caught.value.diagnostics[0].problem


def test_a_wrong_setting_and_a_broken_registry_are_reported_together(tmp_path):
    """All errors at once: a wrong address in the settings does not hide the registry's problems."""
    registry = tmp_path / "communes.yaml"
    registry.write_text("communes: [\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEKIZ_REGISTRY": str(registry), "KEKIZ_SITE_URL": "ftp://x.org/"}
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    # the registry's bracket is named where it opens (line 1, column 11)
    assert result.returncode == 1 and "site_url (KEKIZ_SITE_URL)" in output and f"{registry}:1:11:" in output
    assert "Traceback" not in output and not (tmp_path / "out").exists()
