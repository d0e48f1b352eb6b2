"""Read untrusted YAML into plain Python values while remembering where each value stood.

PyYAML's loaders silently keep the last of two duplicate keys, turn 2017-01-11 into a
date object and (with the unsafe loaders) build arbitrary Python objects. Here the file
is only *composed* into nodes, and each node is converted by hand: standard scalar tags
only, duplicate keys and aliases reported, every value's line and column kept by path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic

Path_ = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_KEY = "\x00key"  # marks a key position in Document.positions, cannot clash with a field name
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass
class Document:
    """A parsed YAML file: its data, the position of every value, and problems found."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)  # the file could not be read at all
    # Problems inside the structure, by path: the validator names the Kommune and field for them.
    structural: list[tuple[Path_, int, int, str, str]] = field(default_factory=list)

    def is_broken(self, path: Path_) -> bool:
        """True if `path` or a parent already has a structural problem (report it only once)."""
        return any(path[: len(p)] == p for p, *_ in self.structural)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest known parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key at `path` (falls back to its value)."""
        return self.positions.get((_KEY,) + path) or self.where(path)


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def read_yaml(path: Path, display_name: str) -> Document:
    """Parse `path`. Syntax errors and structural problems end up in `Document.problems`."""
    doc = Document(file=display_name, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        doc.problems.append(Diagnostic(display_name, 1, 1, "", "", "die Datei gibt es nicht",
                                       "den Pfad prüfen (für das Register auch die Variable KEKIZ_REGISTRY)"))
        return doc
    except UnicodeDecodeError as exc:
        doc.problems.append(Diagnostic(display_name, 1, 1, "", "",
                                       f"die Datei ist nicht als UTF-8 lesbar (Byte {exc.start})",
                                       "die Datei im Editor als UTF-8 speichern"))
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "ungültiges YAML").strip()
        doc.problems.append(Diagnostic(display_name, line, col, "", "",
                                       f"YAML-Syntaxfehler: {problem}",
                                       "Einrückung (nur Leerzeichen), Doppelpunkte und Anführungszeichen "
                                       "in dieser Zeile und der Zeile davor prüfen"))
        return doc
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        doc.problems.append(Diagnostic(display_name, 1, 1, "", "", f"YAML-Fehler: {exc}",
                                       "die Datei im Editor prüfen"))
        return doc
    if node is None:
        doc.problems.append(Diagnostic(display_name, 1, 1, "", "", "die Datei ist leer",
                                       "die Datei muss mit „communes:“ und der Liste der Kommunen beginnen"))
        return doc
    doc.data = _Converter(doc).convert(node, ())
    return doc


# libyaml (bundled with PyYAML's wheels) composes ~10x faster and keeps line/column marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader used only to compose nodes and to construct standard scalars."""


class _Converter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = _Loader("")

    def problem(self, node: yaml.Node, path: Path_, problem: str, fix: str, *, at_key: bool = False) -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if at_key and (_KEY,) + path in self.doc.positions:
            line, col = self.doc.positions[(_KEY,) + path]
        self.doc.structural.append((path, line, col, problem, fix))

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        # An alias makes the composer hand out the same node twice; expanding it could blow
        # up exponentially ("billion laughs"), and editors never need it.
        if id(node) in self.seen:
            self.problem(node, path, "Verweise mit & und * werden nicht unterstützt",
                         "die Angaben an dieser Stelle ausschreiben", at_key=True)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any] | None:
        if node.tag != _MAP:
            return self._bad_tag(node, path)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                self.problem(key_node, path, f"„{shown}“ ist kein gültiger Feldname",
                             "Feldnamen sind Wörter wie slug, name oder ags, gefolgt von einem Doppelpunkt")
                continue
            key = key_node.value
            if key in out or (key == "<<"):
                if key == "<<":
                    self.problem(key_node, path + (key,), "„<<“ (YAML-Merge) wird nicht unterstützt",
                                 "die Felder an dieser Stelle ausschreiben")
                    continue
                first_line = self.doc.positions[(_KEY,) + path + (key,)][0]
                self.problem(key_node, path + (key,),
                             f"das Feld „{key}“ steht doppelt in diesem Eintrag (zuerst in Zeile {first_line})",
                             "eines der beiden Felder löschen; YAML würde sonst stillschweigend nur das letzte behalten")
                continue
            self.doc.positions[(_KEY,) + path + (key,)] = (key_node.start_mark.line + 1,
                                                            key_node.start_mark.column + 1)
            out[key] = self.convert(value_node, path + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value  # keep dates as written; PartialDate parses them later
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        return self.constructor.construct_object(node, deep=True)

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        self.problem(node, path, f"der YAML-Tag „{node.tag}“ ist nicht erlaubt",
                     "Tags wie !!python/… weglassen; das Register enthält nur Text, Zahlen und Listen")
        return None
