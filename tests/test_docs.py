"""The documentation files fit their readers and say what the repository really does.

README.md (everyone), CONTRIBUTING.md (editors), PUBLISHING.md (operators), ARCHITECTURE.md
(developers), bench/README.md and CHANGELOG.md: their links resolve, the README's make table and
settings match the Makefile and mkdocs.yml, every marker used in docs/ is explained to editors,
the operators' guide says what the Pages workflow sets, and the architecture's tree names every
module of src/kekiz/ and nothing that is not there.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "CONTRIBUTING.md", "PUBLISHING.md", "ARCHITECTURE.md", "CHANGELOG.md", "bench/README.md")
_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_the_readme_is_short_and_the_architecture_fits_in_300_lines():
    assert len(_text("README.md").splitlines()) <= 110
    assert len(_text("ARCHITECTURE.md").splitlines()) <= 300


@pytest.mark.parametrize("name", DOCS)
def test_relative_links_resolve(name):
    broken = []
    for target in _LINK_RE.findall(_text(name)):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        path = (ROOT / name).parent / target.split("#")[0]
        if not path.exists():
            broken.append(target)
    assert not broken, f"{name}: {broken}"


def test_the_readme_names_every_make_target_and_every_setting():
    readme = _text("README.md")
    phony = re.search(r"^\.PHONY:(.*)$", _text("Makefile"), re.M).group(1).split()
    assert [t for t in phony if f"`make {t}`" not in readme] == []
    env_vars = set(re.findall(r"!ENV \[(KEKIZ_[A-Z_]+)", _text("mkdocs.yml"))) | {"KEKIZ_REGISTRY"}
    assert env_vars and [v for v in sorted(env_vars) if v not in readme] == []
    for section in ("extra.operator", "extra.kekiz"):
        assert section in readme
    for doc in ("CONTRIBUTING.md", "PUBLISHING.md", "ARCHITECTURE.md", "bench/README.md", "CHANGELOG.md"):
        assert f"]({doc})" in readme, f"README does not link {doc}"


def test_every_marker_used_in_docs_is_explained_to_editors():
    contributing = _text("CONTRIBUTING.md")
    section = contributing.split("## Erklärseiten, Glossar, Leichte Sprache", 1)[1]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    used = {m for md in (ROOT / "docs").rglob("*.md")
            for m in re.findall(r"<!--\s*kekiz:([a-z0-9-]+)\s*-->", md.read_text(encoding="utf-8"))}
    assert used
    explained = set(re.findall(r"`(?:<!-- kekiz:)?([a-z0-9-]+)(?: -->)?`", table))
    assert sorted(used - explained) == []


def test_the_error_message_section_that_messages_point_to_exists():
    assert "\n## Fehlermeldungen\n" in _text("CONTRIBUTING.md")


def test_the_operators_guide_says_what_the_pages_workflow_sets():
    """The publishing workflow refuses missing operator settings, the preview marks its pages: PUBLISHING.md
    says both, names every KEKIZ_ variable the workflows set and the action versions they use."""
    publishing = _text("PUBLISHING.md")
    section = publishing.split("\n## Veröffentlichen\n", 1)[1].split("\n## ", 1)[0]
    flows = {name: yaml.safe_load(_text(f".github/workflows/{name}")) for name in ("pages.yml", "preview.yml")}
    steps = {name: [step for job in flow["jobs"].values() for step in job["steps"]] for name, flow in flows.items()}
    for name, flow_steps in steps.items():
        for variable in sorted({key for step in flow_steps for key in (step.get("env") or {}) if key.startswith("KEKIZ_")}):
            assert f"`{variable}`" in publishing, f"{name} sets {variable}"
        for step in flow_steps:
            if "uses" in step:
                assert f"`{step['uses']}`" in section, f"{name} uses {step['uses']}"

    def build_env(name: str) -> dict:
        (step,) = [step for step in steps[name] if step.get("run") == "make build"]
        return step["env"]

    assert build_env("pages.yml")["KEKIZ_REQUIRE_OPERATOR"] == "true"
    assert "`KEKIZ_REQUIRE_OPERATOR=true`" in section and "veröffentlicht er nichts" in section
    assert "setzt `KEKIZ_REQUIRE_OPERATOR` nicht" not in publishing and "setzt er **nicht**" not in publishing
    assert build_env("preview.yml")["KEKIZ_PREVIEW"] == "true" and "KEKIZ_PREVIEW" not in build_env("pages.yml")
    banner = re.search(r'<p class="kekiz-vorschau"><strong>(.*?)</strong>', _text("overrides/main.html")).group(1)
    assert "`KEKIZ_PREVIEW=true`" in section and f"„{banner}" in section


def test_the_properdocs_pin_in_the_operators_guide_is_the_one_installed():
    extras = tomllib.loads(_text("pyproject.toml"))["project"]["optional-dependencies"]["test"]
    (pin,) = [req for req in extras if req.startswith("properdocs")]
    assert f"`{pin}`" in _text("PUBLISHING.md")
    assert "properdocs build -f mkdocs.yml" in _text("README.md")


def test_the_bench_readme_keeps_a_place_for_the_latest_figures():
    bench = _text("bench/README.md")
    assert "\n## Latest figures\n" in bench and "\n## Goals" in bench and "make bench" in bench


# --------------------------------------------------------------------------- the tree

_GLYPHS = "│├└─ "


def _architecture_tree() -> set[str]:
    """Module paths named in ARCHITECTURE.md's tree (src/kekiz/… and hooks/…)."""
    block = _text("ARCHITECTURE.md").split("\n```\nsrc/kekiz/\n", 1)[1].split("\n```", 1)[0]
    named: set[str] = set()
    stack: list[str] = []
    for line in block.splitlines():
        if line.startswith("hooks/"):
            named.add(line.split()[0])
            continue
        stripped = line.lstrip(_GLYPHS)
        depth = (len(line) - len(stripped)) // 4 - 1
        head, *rest = re.split(r"\s{2,}", stripped, maxsplit=1)
        description = rest[0] if rest else ""
        del stack[depth:]
        folder = "src/kekiz/" + "".join(stack)
        if head.endswith("/"):
            stack.append(head)
            # A folder whose description is a list of its modules: "communes, gemeinden, …"
            listed = re.sub(r"\s*\(.*\)$", "", description)
            if re.fullmatch(r"[a-z_]+(, [a-z_]+)+", listed):
                named.update(f"{folder}{head}{name}.py" for name in listed.split(", "))
        else:
            named.update(f"{folder}{name}" for name in re.split(r",\s*", head) if name.endswith(".py"))
    return named


def test_the_architecture_tree_names_every_module_and_only_real_ones():
    named = _architecture_tree()
    assert "src/kekiz/__main__.py" in named and "hooks/kekiz_hooks.py" in named
    present = {p.relative_to(ROOT).as_posix() for p in (ROOT / "src" / "kekiz").rglob("*.py")}
    present |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "hooks").glob("*.py")}
    missing_from_tree = sorted(p for p in present - named if not p.endswith("/__init__.py"))
    not_in_repository = sorted(named - present)
    assert (missing_from_tree, not_in_repository) == ([], []), (
        "ARCHITECTURE.md's tree and src/kekiz/ differ: (modules the tree lacks, names with no module)")
