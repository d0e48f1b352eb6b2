"""Do one part of a build in a second process while this one does the rest.

At thousands of Kommunen the press pages, feeds and downloads take about as long as the Kommune
pages. A forked child gets the validated model for free (its memory is a copy of ours, nothing
is pickled on the way in), renders its part on the second core and sends the result back
through a pipe.

Only where forking is safe and pays: on Linux, from a process that runs no other thread (so never
under `mkdocs serve`, whose web server is a thread), with at least two cores to use. If the child
fails in any way, this process does the work itself, so the result (or the error raised) is the
same as without a child.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return (sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1
            and len(os.sched_getaffinity(0)) >= 2)


class BackgroundWork(Generic[T]):
    """`work()` started in a child process; `result()` waits for it. Use it in a `with` block, so
    a child whose result is not needed (the build stopped early) is ended."""

    def __init__(self, work: Callable[[], T], *, fork: bool = True):
        self._work = work
        self._pid: int | None = None
        self._pipe: int | None = None
        if fork and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process left: do the work here later
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            # The child: work, send, and leave at once. os._exit skips the parent's clean-ups
            # (atexit, buffered output) and prints no traceback: a failure is reported by the exit
            # status only, and the parent then does the work itself.
            status = 1
            try:
                os.close(read_end)
                payload = pickle.dumps(self._work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> T:
        if self._pid is None:
            return self._work()
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = self._pipe = None
        if status == 0:
            try:
                return pickle.loads(payload)
            except Exception:  # a truncated or broken payload: fall through and do the work here
                pass
        return self._work()

    def __enter__(self) -> BackgroundWork[T]:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._pid is not None:  # result() was never asked for
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._pipe)
            self._pid = self._pipe = None
