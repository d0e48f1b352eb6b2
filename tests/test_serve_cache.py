"""While `mkdocs serve` rebuilds, unchanged pages are printed from the previous build
(kekiz.adapter.theme): the result must be the very bytes a build from scratch gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from registry_fixtures import BASE

# Builds as `mkdocs serve` runs them: one process, the hook module kept, site_url set to the
# local server. Prints how many pages came from the cache in each build.
_SERVE_BUILDS = r"""
import json, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

registry, edits = Path(sys.argv[1]), json.loads(sys.argv[3])
replayed = []
for i, text in enumerate(edits):
    registry.write_text(text, encoding="utf-8")
    config = load_config("mkdocs.yml", site_dir=f"{sys.argv[2]}/{i}")
    config.site_url = "http://127.0.0.1:8000/"
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=config.site_url)
    hook = next(iter(config["hooks"].values()))
    replayed.append(hook.site.replay.replayed)
print(json.dumps(replayed))
"""


def _serve_builds(tmp_path: Path, name: str, registries: list[str]) -> list[int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEKIZ_REGISTRY": str(tmp_path / f"{name}.yaml")}
    result = subprocess.run([sys.executable, "-c", _SERVE_BUILDS, env["KEKIZ_REGISTRY"], str(tmp_path / name),
                             json.dumps(registries)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_rebuild_after_an_edit_equals_a_fresh_build_and_reuses_the_unchanged_pages(tmp_path):
    edited = BASE.replace("- text: Wir freuen uns.\n", "- text: Wir freuen uns sehr.\n")  # page body only
    assert edited != BASE
    replayed = _serve_builds(tmp_path, "serve", [BASE, edited])
    assert _serve_builds(tmp_path, "fresh", [edited]) == [0]  # a first build reuses nothing

    assert replayed[0] == 0  # nothing to reuse in the first build
    rebuilt, scratch = _files(tmp_path / "serve" / "1"), _files(tmp_path / "fresh" / "0")
    assert rebuilt.keys() == scratch.keys()
    differing = [path for path in rebuilt if rebuilt[path] != scratch[path]]
    assert not differing, f"pages differ from a fresh build: {differing[:10]}"
    assert "Wir freuen uns sehr." in rebuilt["kommunen/ahlen/index.html"].decode()
    # Most of the ~420 pages do not mention the name and come from the cache; the few that do do not.
    assert 300 < replayed[1] < len([p for p in rebuilt if p.endswith(".html")])


def test_a_rebuild_after_a_kreis_changed_renders_its_gemeinden_again(tmp_path):
    """Gemeinde pages are kept from the previous build (the caches in kekiz.site.pages.gemeinden)
    only while what they show is unchanged: here Kreis Warendorf's cohort changes, so its towns'
    pages must change too."""
    edited = BASE.replace("    cohort: 2012\n", "    cohort: 2017\n", 1)
    assert edited != BASE
    _serve_builds(tmp_path, "serve", [BASE, edited])
    _serve_builds(tmp_path, "fresh", [edited])
    rebuilt, scratch = _files(tmp_path / "serve" / "1"), _files(tmp_path / "fresh" / "0")
    assert rebuilt.keys() == scratch.keys()
    assert [path for path in rebuilt if rebuilt[path] != scratch[path]] == []
    first = _files(tmp_path / "serve" / "0")
    assert first["gemeinden/beelen/index.html"] != rebuilt["gemeinden/beelen/index.html"]  # a town of Kreis Warendorf
    assert first["gemeinden/herten/index.html"] == rebuilt["gemeinden/herten/index.html"]
