"""The forked Material partials in overrides/partials/ differ from the installed Material only by
their documented changes (each file's leading comment says which and why). A Material release that
changes one of these partials makes this fail, instead of the site silently keeping an old copy."""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
# Digest of the difference (Material's lines we dropped, ours we added), checked against Material 9.8.2.
DOCUMENTED = {
    "copyright.html": "0d97a82b8109b781",
    "header.html": "d606c78bd6176baf",
    "nav.html": "b9ed6ceb5c6616a7",
    "search.html": "2e5f45e49ad54342",
    "source.html": "2801a7dea398a2af",
    "toc.html": "6fd435dc01fd325a",
}


def _difference(name: str) -> list[str]:
    ours = re.sub(r"^\{#-.*?-#\}\n?", "", (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8"),
                  count=1, flags=re.S).splitlines()
    theirs = (MATERIAL_PARTIALS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_every_forked_partial_is_listed():
    assert sorted(p.name for p in (ROOT / "overrides" / "partials").glob("*.html")) == sorted(DOCUMENTED)


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_a_forked_partial_differs_from_material_only_by_its_documented_changes(name):
    difference = _difference(name)
    digest = hashlib.sha256("\n".join(difference).encode("utf-8")).hexdigest()[:16]
    assert digest == DOCUMENTED[name], (
        f"overrides/partials/{name} and Material's partials/{name} now differ otherwise than documented: "
        "compare them, carry Material's change over into our copy (or document ours), then update the "
        "digest here.\n" + "\n".join(difference))
