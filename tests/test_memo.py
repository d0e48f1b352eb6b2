"""kekiz.memo: results kept for one more build, under keys of everything they read."""

from __future__ import annotations

from kekiz.memo import Memo, NoMemo


def test_a_result_is_kept_for_the_next_build_and_dropped_after_one_without_it():
    memo, calls = Memo(), []

    def compute(value):
        calls.append(value)
        return value * 2
    memo.start_build()
    assert memo(("a", 1), lambda: compute(1)) == 2
    assert memo(("a", 1), lambda: compute(1)) == 2  # the same build
    memo.start_build()
    assert memo(("a", 1), lambda: compute(1)) == 2  # the next build
    assert memo(("a", 2), lambda: compute(2)) == 4  # another key
    assert calls == [1, 2]
    memo.start_build()  # a build that does not ask for ("a", 1) ...
    memo.start_build()
    assert memo(("a", 1), lambda: compute(1)) == 2  # ... lets it go
    assert calls == [1, 2, 1]


def test_a_version_changes_exactly_when_its_value_does():
    memo = Memo()
    first = memo.version("geo", ("x", (1, 2)))
    assert memo.version("geo", ("x", (1, 2))) == first  # equal, not the same object
    second = memo.version("geo", ("y", (1, 2)))
    assert second != first
    assert memo.version("geo", ("x", (1, 2))) not in (second,)
    assert memo.version("other", ("x", (1, 2))) == 0


def test_no_memo_computes_every_time():
    memo, calls = NoMemo(), []
    memo.start_build()
    for _ in range(2):
        memo("k", lambda: calls.append(1))
    assert calls == [1, 1]
