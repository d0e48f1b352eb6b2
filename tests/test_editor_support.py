"""Editor support: the VS Code settings and the pre-commit hook point at the real files and check."""

from __future__ import annotations

import json
import re

from kekiz.sources.yamlsource import read_yaml

from conftest import ROOT


def _jsonc(path) -> dict:
    return json.loads(re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M))


def test_vscode_settings_map_each_data_file_to_its_schema():
    settings = _jsonc(ROOT / ".vscode" / "settings.json")
    schemas = settings["yaml.schemas"]
    assert schemas == {"./data/communes.schema.json": "data/communes.yaml",
                       "./data/programme.schema.json": "data/programme.yaml"}
    for schema, data in schemas.items():
        assert (ROOT / schema).is_file() and (ROOT / data).is_file()
    assert settings["yaml.yamlVersion"] == "1.2", "the build reads YAML 1.2 scalars too"
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    assert "redhat.vscode-yaml" in _jsonc(ROOT / ".vscode" / "extensions.json")["recommendations"]


def test_pre_commit_runs_the_registry_check_on_data_files():
    doc = read_yaml(ROOT / ".pre-commit-config.yaml", ".pre-commit-config.yaml")
    assert not doc.problems and not doc.structural
    (hook,) = [h for repo in doc.data["repos"] for h in repo["hooks"]]
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("data/communes.yaml") and pattern.search("data/programme.schema.json")
    assert not pattern.search("docs/index.md")
