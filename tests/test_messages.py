"""One catalogue of German messages: kekiz.sources.messages words every problem and fix text that
kekiz.sources, the adapter (settings, the preview's error page) and the command line (`python -m
kekiz`) produce, and holds nothing that no code uses.

"Where do I fix a wrong message?" has one answer: in sources/messages.py (or, for a field's rule,
in its schema in data/). These tests keep it so: a German sentence written into another module of
those fails, and so does a catalogue entry that nothing calls. The site's pages are German content,
not messages: their text lives in kekiz.site and its templates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

SOURCES = ROOT / "src" / "kekiz" / "sources"
CATALOGUE = SOURCES / "messages.py"
# Every module that speaks to editors and operators: messages, notices, help texts.
SPEAKERS = sorted([*SOURCES.glob("*.py"), *(ROOT / "src" / "kekiz" / "adapter").glob("*.py"),
                   ROOT / "src" / "kekiz" / "__main__.py"])
MIN_LENGTH = 25

# Small words of nearly every German problem or fix text, lower-case as inside a sentence.
_GERMAN_WORD_RE = re.compile(
    r"(?<!\w)(?:die|der|das|den|dem|ist|nicht|kein|keine|gibt|oder|und|mit|wird|werden|steht|fehlt|"
    r"eintragen|angeben|prüfen|löschen|setzen|ändern)(?!\w)")

# German texts that may stay outside the catalogue: (module, the start of the text) → why.
ALLOWED = {
    ("contract.py", "Leerer Text oder Steuerzeichen"):
        "matched, not produced: the start of the schemas' own patternErrorMessage "
        "(data/*.schema.json), to say which of the two it is",
}


def _text(node: ast.AST) -> str | None:
    """A string literal as written; an f-string with {} for each placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def german_sentences(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in `path` that reads like a German message.

    Docstrings and other bare string statements are documentation, not output: skipped, as are
    the pieces of an f-string (the f-string is judged whole)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and _text(node.value) is not None:
            skip.update(id(n) for n in ast.walk(node.value))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        text = _text(node)
        if text is None or id(node) in skip:
            continue
        if len(text) >= MIN_LENGTH and " " in text and _GERMAN_WORD_RE.search(text):
            found.append((node.lineno, text))
    return sorted(found)


def _allowed(module: str, text: str) -> bool:
    return any(module == m and text.startswith(start) for m, start in ALLOWED)


def test_no_module_but_the_catalogue_words_a_message():
    wrong = [f"{path.relative_to(ROOT)}:{line}: {text!r}"
             for path in SPEAKERS if path != CATALOGUE
             for line, text in german_sentences(path) if not _allowed(path.name, text)]
    assert not wrong, "move the wording into kekiz.sources.messages (or list it in ALLOWED with a reason):\n" \
        + "\n".join(wrong)


def test_every_allowed_exception_is_still_needed():
    for (module, start), reason in ALLOWED.items():
        assert reason
        assert any(text.startswith(start) for _, text in german_sentences(SOURCES / module)), \
            f"{module}: {start!r} is gone: drop it from ALLOWED"


@pytest.mark.parametrize("text", [
    "das ist ein Ordner, keine Datei",
    "den Pfad prüfen (für das Register auch die Variable KEKIZ_REGISTRY)",
])
def test_the_check_recognises_a_german_message(tmp_path, text):
    for literal in (repr(text), f"f'{{where}}: {text}'"):
        module = tmp_path / "m.py"
        module.write_text(f'"""A docstring: die Datei ist leer, das steht hier nicht."""\n\nX = {literal}\n',
                          encoding="utf-8")
        assert [line for line, _ in german_sentences(module)] == [3]


def _public_names(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


def _used_names() -> set[str]:
    """Names of kekiz.sources.messages that code under src/ uses: messages.NAME or imported by name."""
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        if path == CATALOGUE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "kekiz.sources.messages":
                used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module == "kekiz.sources":
                aliases.update(alias.asname or alias.name for alias in node.names if alias.name == "messages")
            elif isinstance(node, ast.Import):
                aliases.update(alias.asname for alias in node.names
                               if alias.name == "kekiz.sources.messages" and alias.asname)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                used.add(node.attr)
    return used


def test_every_entry_of_the_catalogue_is_used():
    unused = sorted(_public_names(CATALOGUE) - _used_names())
    assert not unused, f"no code under src/ uses these entries of sources/messages.py: {unused}"


def test_the_catalogue_names_only_what_it_has():
    """A call of messages.NAME that the catalogue lacks would fail only when that problem occurs."""
    missing = sorted(_used_names() - _public_names(CATALOGUE))
    assert not missing, missing
