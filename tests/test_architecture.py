"""The layers stay visible: model ← sources ← site ← adapter, and only the adapter knows MkDocs.

A move to ProperDocs or a successor of MkDocs touches kekiz.adapter and hooks/ only; these tests
fail as soon as MkDocs, Material, watchdog or livereload leak into another layer, a layer imports
one above it, imports go round in a circle, a folder grows past what a reader takes in, the hook
file does more than bind events, or the adapter reaches into objects it does not own.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "kekiz"
HOOK = ROOT / "hooks" / "kekiz_hooks.py"
HOST_PACKAGES = {"mkdocs", "material", "watchdog", "livereload", "properdocs"}
# What each layer may import of kekiz (a layer may always import itself).
ALLOWED = {"model": {"model"}, "sources": {"model", "sources"}, "site": {"model", "sources", "site"},
           "adapter": {"model", "sources", "site", "adapter"}}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, also inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; the layers read better absolute"
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names
                      if f"{node.module}.{alias.name}" in MODULES]
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_the_package_has_the_four_layers():
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(ALLOWED)


def test_only_the_adapter_imports_mkdocs_material_watchdog_or_livereload():
    leaks = [f"{path.relative_to(ROOT)}:{line}: {name}" for module, path in MODULES.items()
             if _layer(module) != "adapter" for name, line in _imports(path) if name.split(".")[0] in HOST_PACKAGES]
    assert not leaks, leaks


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer):
    wrong = []
    for module, path in MODULES.items():
        if _layer(module) != layer:
            continue
        for name, line in _imports(path):
            target = _layer(name) if name.startswith("kekiz.") else None
            if target is not None and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert not wrong, wrong


def test_no_import_cycles():
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for name, _ in _imports(path):
            while name and name not in MODULES:  # `from kekiz.site.pages import press` → the module
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("kekiz."):
                graph[module].add(name)
    # A package's __init__ importing its own modules is no cycle of meaning: leave those edges out.
    for module in list(graph):
        graph[module] = {t for t in graph[module] if not (module in MODULES and MODULES[module].name == "__init__.py"
                                                          and t.startswith(module + "."))}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " → ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)


def test_no_folder_holds_more_than_fifteen_modules():
    crowded = {str(folder.relative_to(ROOT)): n for folder in [PACKAGE, *PACKAGE.rglob("*")] if folder.is_dir()
               and (n := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > 15}
    assert not crowded, crowded


def test_the_hook_file_only_binds_events_to_the_adapter():
    tree = ast.parse(HOOK.read_text(encoding="utf-8"))
    body = tree.body[1:] if isinstance(tree.body[0], ast.Expr) else tree.body  # the docstring
    imports = [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(n) for n in imports] == ["from kekiz.adapter import KekizSite"]
    rest = [n for n in body if n not in imports]
    assert ast.unparse(rest[0]) == "site = KekizSite()"
    bound = []
    for node in rest[1:]:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.unparse(node)
        name, value = node.targets[0].id, ast.unparse(node.value)
        assert name.startswith("on_") and value == f"site.{name}", ast.unparse(node)
        bound.append(name)
    assert {"on_config", "on_files", "on_page_content", "on_post_build"} <= set(bound)
    assert len(HOOK.read_text(encoding="utf-8").splitlines()) <= 40


# Data attributes of MkDocs objects that MkDocs documents for plugins to set.
_SETTABLE = {"edit_uri", "toc", "bytecode_cache", "meta", "content", "markdown"}


def test_the_adapter_sets_no_methods_and_reads_no_private_attributes():
    """No replaced methods on MkDocs' objects, no private attributes of MkDocs, Material,
    watchdog or livereload objects: what no release promises is what breaks on a move."""
    problems = []
    for module, path in MODULES.items():
        if _layer(module) != "adapter":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = ast.unparse(node.value)
                if owner not in ("self", "cls"):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for t in ast.walk(target) if isinstance(target, ast.Tuple) else [target]:
                        if isinstance(t, ast.Attribute) and ast.unparse(t.value) != "self" and t.attr not in _SETTABLE:
                            problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: sets {ast.unparse(t)}")
    assert not problems, problems
