"""kekiz.schemacode: the compiled registry schema kept on disk gives the same verdicts, and a
cache that cannot be used only means compiling again."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from types import CodeType

import fastjsonschema
import pytest

from kekiz import contract, schemacode

from conftest import ROOT

SCHEMA = json.loads((ROOT / "data" / "communes.schema.json").read_text(encoding="utf-8"))
ENTRY = {"$ref": "#/definitions/commune", "definitions": SCHEMA["definitions"]}
GOOD = {"slug": "ahlen", "name": "Ahlen", "official_name": "Stadt Ahlen", "type": "kreisangehoerige-stadt",
        "cohort": 2017, "ags": "05570004", "sources": [{"url": "https://example.org/a", "publisher": "B"}],
        "statements": []}
BAD = [{**GOOD, "cohort": 2019}, {**GOOD, "slug": "Ahlen!"}, {**GOOD, "sources": []}, "kein Eintrag",
       {**GOOD, "sources": [{"url": "https://example.org/a", "publisher": "B", "date": "2017-02-30"}]}]


def verdicts(check) -> list[bool]:
    results = []
    for entry in [GOOD, *BAD]:
        try:
            check(entry)
            results.append(True)
        except fastjsonschema.JsonSchemaException:
            results.append(False)
    return results


@pytest.fixture
def cache_folder(tmp_path):
    folder = tmp_path / "schemas"
    schemacode.keep_in(folder)
    yield folder
    schemacode.keep_in(None)


def test_kept_code_is_written_once_and_judges_as_the_compiled_schema(cache_folder, monkeypatch):
    in_memory = fastjsonschema.compile(ENTRY, formats=contract._FAST_FORMATS)
    assert verdicts(in_memory) == [True, False, False, False, False, False]
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == verdicts(in_memory)
    kept = list(cache_folder.iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".marshal"

    def no_generating(*args, **kwargs):
        raise AssertionError("generated again although the code was kept")
    monkeypatch.setattr(fastjsonschema, "compile_to_code", no_generating)
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == verdicts(in_memory)
    other = {**ENTRY, "definitions": {**ENTRY["definitions"], "extra": {"type": "string"}}}
    monkeypatch.undo()
    schemacode.compiled_check(other, contract._FAST_FORMATS)  # another schema: kept under another name
    assert len(list(cache_folder.iterdir())) == 2


def test_a_damaged_or_unusable_cache_means_compiling_again(cache_folder, tmp_path):
    expected = verdicts(fastjsonschema.compile(ENTRY, formats=contract._FAST_FORMATS))
    schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)
    (kept,) = cache_folder.iterdir()
    kept.write_bytes(kept.read_bytes()[:100])  # cut short
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == expected
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == expected  # rewritten
    kept.write_bytes(marshal.dumps(42))  # readable, but no code
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == expected
    assert isinstance(marshal.loads(kept.read_bytes()), CodeType)  # rewritten
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    schemacode.keep_in(blocked / "schemas")
    assert verdicts(schemacode.compiled_check(ENTRY, contract._FAST_FORMATS)) == expected


_LOAD = r"""
import sys
from pathlib import Path
from kekiz import schemacode
from kekiz.registry import load_project
schemacode.keep_in(Path(sys.argv[1]))
load_project(Path(sys.argv[2]))
print("jsonschema" in sys.modules)
"""


def test_a_valid_registry_is_read_without_jsonschema_once_its_schema_was_checked(tmp_path):
    """jsonschema (a tenth of a second to import) is only for explaining findings, and for
    checking a schema the first time it is seen."""
    def imported() -> str:
        result = subprocess.run([sys.executable, "-c", _LOAD, str(tmp_path / "cache"), str(ROOT)],
                                capture_output=True, text=True, env={**os.environ, "KEKIZ_REGISTRY": ""})
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()
    assert imported() == "True"   # the schemas are checked once
    assert imported() == "False"  # then a valid registry never needs jsonschema
