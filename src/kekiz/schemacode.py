"""The registry schema compiled by fastjsonschema, kept on disk for the next build.

fastjsonschema writes Python code for a schema and compiles it: 150 KB of code and 50 ms for the
Kommune entries, in every fresh `mkdocs build` (a twentieth of a build of the real site). With a
folder set (the hook sets `.cache/kekiz/schemas`, ignored by git), the compiled code is kept there,
named by a hash of the schema, the generator's version and Python's bytecode version (marshal, as
Jinja keeps its templates). It also notes there that a schema passed jsonschema's check of schemas,
so that a valid registry needs no jsonschema at all (kekiz.contract). A folder that cannot be used
only means compiling, and checking, in memory.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import CodeType
from typing import Any

import fastjsonschema

_directory: Path | None = None


def keep_in(directory: Path | None) -> None:
    global _directory
    _directory = directory


def compiled_check(schema: dict, formats: dict[str, Callable[[str], bool]]) -> Callable[[Any], Any]:
    """fastjsonschema's validator for `schema`: returns the data, raises on the first finding."""
    if _directory is not None:
        try:
            return _from_disk(schema, formats, _directory)
        except Exception:  # noqa: BLE001 — any doubt about the kept code: compile in memory
            pass
    return fastjsonschema.compile(schema, formats=formats)


def _from_disk(schema: dict, formats: dict[str, Callable[[str], bool]], directory: Path) -> Callable[[Any], Any]:
    # The code depends on the schema, the formats it knows by name, the generator and Python.
    name = _name("schema", [schema, sorted(formats), fastjsonschema.VERSION, sys.implementation.cache_tag])
    kept = directory / f"{name}.marshal"
    try:
        code = marshal.loads(kept.read_bytes())
        if not isinstance(code, CodeType):
            raise ValueError(f"{kept} holds no code")
    except (OSError, EOFError, ValueError, TypeError):  # not there yet, cut short or unreadable
        code = compile(fastjsonschema.compile_to_code(schema, formats=formats), name, "exec")
        directory.mkdir(parents=True, exist_ok=True)
        partial_file = directory / f"{name}.{os.getpid()}.tmp"  # never a half-written file under the name
        partial_file.write_bytes(marshal.dumps(code))
        os.replace(partial_file, kept)
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 — our own generated code, from our own cache folder
    return partial(namespace["validate"], custom_formats=formats)


def checked_once(schema: dict, check: Callable[[dict], None]) -> None:
    """`check(schema)`, unless it passed before for this very schema (a marker in the folder)."""
    marker = None
    if _directory is not None:
        marker = _directory / _name("checked", schema)
        if marker.is_file():
            return
    check(schema)
    if marker is not None:
        try:
            _directory.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass


def _name(kind: str, identity: Any) -> str:
    """A file name that changes whenever `identity` (JSON data) does."""
    return f"{kind}-" + hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8")).hexdigest()[:32]
