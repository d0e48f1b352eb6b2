"""Results kept from one build to the next, for `mkdocs serve`: after an edit of the registry most
Gemeinde pages are what they were, and rendering them again was a fifth of a rebuild.

A result is kept under a key made of everything its computation reads, compared with `==` (the
model is made of frozen dataclasses, so equal inputs give equal pages). Whatever a build did not
ask for is dropped when the next build starts, so the memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
_MISSING = object()


class Memo:
    def __init__(self) -> None:
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}
        self._versions: dict[str, tuple[Any, int]] = {}

    def start_build(self) -> None:
        self._previous, self._current = self._current, {}

    def version(self, name: str, value: Any) -> int:
        """A number that stays the same for as long as `value` stays equal. Large inputs shared by
        many keys (the boundary data, the Glossar) are compared once per build this way, not once
        per key."""
        before = self._versions.get(name)
        if before is not None and before[0] == value:
            return before[1]
        number = before[1] + 1 if before is not None else 0
        self._versions[name] = (value, number)
        return number

    def __call__(self, key: Hashable, compute: Callable[[], T]) -> T:
        value = self._current.get(key, _MISSING)
        if value is _MISSING:
            value = self._previous.get(key, _MISSING)
            if value is _MISSING:
                value = compute()
            self._current[key] = value
        return value


class NoMemo(Memo):
    """For a single build: compute everything, keep nothing."""

    def version(self, name: str, value: Any) -> int:
        return 0

    def __call__(self, key: Hashable, compute: Callable[[], T]) -> T:
        return compute()
