"""Shared fixtures: the project root, site builds into temporary folders, the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def run_mkdocs_build(site_dir: Path, registry: Path | None = None, extra_env: dict | None = None,
                     strict: bool = True) -> subprocess.CompletedProcess:
    """Build the project's site into `site_dir` exactly as a user would, in a subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("KEKIZ_REGISTRY", None)
    if registry is not None:
        env["KEKIZ_REGISTRY"] = str(registry)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def read_page(site: Path, path: str) -> str:
    """The HTML of the page at site-relative directory `path` ("" for the home page)."""
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real registry, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    site.with_name(site.name + ".log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def build_log(built_site) -> str:
    """What that build printed."""
    return built_site.with_name(built_site.name + ".log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("KEKIZ_REQUIRE_BROWSER") or os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} fehlt: `apt-get install -y chromium` (CI installiert ihn in .ci/run)")
    pytest.skip(f"{CHROMIUM} not installed; browser tests skipped (they run in CI)")
