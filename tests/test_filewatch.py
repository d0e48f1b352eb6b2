"""kekiz.filewatch: a saved data file is noticed, editors' swap files are not."""

from __future__ import annotations

import os
import threading

from kekiz.filewatch import FileWatch, state


def test_state_changes_with_a_saved_or_replaced_file_not_with_swap_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    registry = data / "communes.yaml"
    registry.write_text("a", encoding="utf-8")
    before = state([data])
    (data / ".communes.yaml.swp").write_text("x", encoding="utf-8")
    (data / "communes.yaml~").write_text("x", encoding="utf-8")
    assert state([data]) == before
    replacement = data / "neu.tmp"
    replacement.write_text("a", encoding="utf-8")
    os.replace(replacement, registry)  # how many editors save: a new file renamed over the old one
    assert state([data]) != before
    before = state([data])
    registry.unlink()
    assert state([data]) != before
    assert state([tmp_path / "gibt-es-nicht"]) == (None,)
    outside = tmp_path / "register.yaml"  # KEKIZ_REGISTRY: a single file
    outside.write_text("a", encoding="utf-8")
    assert state([outside])[0][0] == str(outside)


def test_the_watch_calls_back_after_a_change(tmp_path):
    registry = tmp_path / "communes.yaml"
    registry.write_text("a", encoding="utf-8")
    changed = threading.Event()
    watch = FileWatch([tmp_path], changed.set, interval=0.01).start()
    try:
        assert not changed.wait(0.1)
        registry.write_text("ab", encoding="utf-8")
        assert changed.wait(30)
    finally:
        watch.stop()
