"""The output families and the public addresses of the site.

A build runs the families of `kekiz.site.outputs.OUTPUTS` and nothing else, and each of them adds
to the real site; every public address is defined once, in `kekiz.site.paths`, and used there
from; no other module of kekiz.site names an address of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kekiz.site import build_site, paths, site_parts
from kekiz.site.context import SiteContext, SiteParts
from kekiz.site.outputs import OUTPUTS
from kekiz.sources import load_inputs

from conftest import ROOT

PACKAGE = ROOT / "src" / "kekiz"
SITE = PACKAGE / "site"
PATHS = SITE / "paths.py"
# With a public address, so the link-preview images are drawn too.
CONTEXT = SiteContext(site_name="Test", site_url="https://kekiz.example.org/")


@pytest.fixture(scope="module")
def parts() -> SiteParts:
    return site_parts(load_inputs(ROOT), CONTEXT)


@pytest.fixture(scope="module")
def made(parts) -> dict[str, tuple[list, dict]]:
    """Each family's pages and files, run on its own."""
    return {output.name: (list(output.pages(parts)), dict(output.files(parts))) for output in OUTPUTS}


def test_the_output_families_have_distinct_names():
    names = [output.name for output in OUTPUTS]
    assert len(names) == len(set(names)), names


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda output: output.name)
def test_every_output_family_adds_a_page_or_a_file_to_the_real_site(output, made):
    pages, files = made[output.name]
    assert pages or files, f"{output.name} adds nothing to a build of the real registry"


def test_a_build_is_what_the_output_families_make_in_their_order(made):
    build = build_site(load_inputs(ROOT), CONTEXT)
    assert list(build.pages.values()) == [page for pages, _ in made.values() for page in pages]
    assert build.files == {path: content for _, files in made.values() for path, content in files.items()}


def test_every_download_is_a_file_of_the_build_and_every_dataset_file_is_described(parts, made):
    written = {path for _, files in made.values() for path in files}
    names = [d.name for d in parts.downloads]
    assert len(names) == len(set(names)), names
    assert {"json", "schema", "communes_csv", "statements_csv", "communes_sheet", "statements_sheet", "geojson", "catalog",
            "feed"} <= set(names)
    for download in parts.downloads:
        assert download.path in written, download
        if download.dataset:
            assert download.title and download.format and download.media_type and download.licence, download


# --------------------------------------------------------------------------- addresses

def _module_level_names(path: Path) -> list[tuple[str, int]]:
    """(name, line) of every module-level constant of a file."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            found += [(n.id, node.lineno) for n in ast.walk(target) if isinstance(n, ast.Name)]
    return found


def _addresses() -> list[str]:
    """Every name kekiz.site.paths defines: its constants and its public patterns."""
    tree = ast.parse(PATHS.read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    return [name for name, _ in _module_level_names(PATHS)] + functions


def _names_used_from_paths(path: Path) -> set[str]:
    used = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "kekiz.site.paths":
            used |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "paths":
            used.add(node.attr)
    return used


def test_every_address_in_paths_is_used_by_some_module():
    used = set().union(*(_names_used_from_paths(p) for p in PACKAGE.rglob("*.py") if p != PATHS))
    unused = [name for name in _addresses() if name not in used]
    assert not unused, f"defined in kekiz.site.paths but used nowhere: {unused}"


def test_every_address_constant_says_what_it_is_on_its_line():
    lines = PATHS.read_text(encoding="utf-8").splitlines()
    bare = [name for name, line in _module_level_names(PATHS) if "#" not in lines[line - 1]]
    assert not bare, f"constants of kekiz.site.paths without a comment: {bare}"


def test_no_other_module_of_the_site_defines_an_address():
    """Addresses stay in one place: no other module of kekiz.site has a constant named like one,
    and no string in its code is (or starts with) a folder address of kekiz.site.paths."""
    folders = tuple(value for name, value in vars(paths).items()
                    if name.endswith("_PATH") and isinstance(value, str) and value.endswith("/"))
    assert "kommunen/" in folders and "daten/" in folders
    wrong = []
    for path in sorted(SITE.rglob("*.py")):
        if path == PATHS:
            continue
        where = path.relative_to(ROOT)
        wrong += [f"{where}:{line}: {name}" for name, line in _module_level_names(path)
                  if name.endswith(("_PATH", "_FILE", "_DIR"))]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and node.value.startswith(folders + ("feeds/", "assets/karte/"))):
                wrong.append(f"{where}:{node.lineno}: {node.value!r}")
    assert not wrong, f"addresses outside kekiz.site.paths: {wrong}"
