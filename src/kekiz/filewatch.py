"""Notice within a twentieth of a second that a data file was saved.

`mkdocs serve` looks at its watched folders every half second; for the registry, the file editors
save over and over, that wait was a third of the time from saving to the changed page. Looking at
a dozen files' status twenty times a second costs next to nothing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

INTERVAL = 0.05  # seconds between looks

_State = tuple[tuple[str, int, int, int] | None, ...]


def _file_state(path: str) -> tuple[str, int, int, int] | None:
    """What changes when a file is saved (also by writing a new file and renaming it over it)."""
    try:
        status = os.stat(path)
    except OSError:  # gone for a moment while an editor replaces it, or deleted: a change, too
        return None
    return path, status.st_mtime_ns, status.st_size, status.st_ino


def state(paths: Iterable[Path]) -> _State:
    """The state of each file, and of each file directly in each folder, of `paths`."""
    found: list[tuple[str, int, int, int] | None] = []
    for path in paths:
        try:
            with os.scandir(path) as entries:
                # not editors' swap and backup files (".communes.yaml.swp", "communes.yaml~")
                names = sorted(e.path for e in entries if e.is_file() and not e.name.startswith(".")
                               and not e.name.endswith("~"))
        except NotADirectoryError:
            names = [str(path)]
        except OSError:
            found.append(None)
            continue
        found.extend(_file_state(name) for name in names)
    return tuple(found)


class FileWatch:
    """Calls `on_change()` from a background thread after each change of the files or folders."""

    def __init__(self, paths: Iterable[Path], on_change: Callable[[], None], interval: float = INTERVAL):
        self.paths = tuple(paths)
        self._on_change = on_change
        self._interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kekiz-filewatch", daemon=True)

    def start(self) -> FileWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        last = state(self.paths)
        while not self._stopped.wait(self._interval):
            now = state(self.paths)
            if now != last:
                last = now
                self._on_change()
