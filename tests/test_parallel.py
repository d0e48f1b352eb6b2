"""The second process of a build (kekiz.parallel): same result as without it, never a lost error,
never a child left behind."""

from __future__ import annotations

import os
import threading

import pytest

from kekiz import parallel
from kekiz.pages import SiteContext
from kekiz.registry import load_project
from kekiz.site import build_site

from conftest import ROOT

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forking is not possible here (one core or threads)")


@needs_fork
def test_the_work_runs_in_a_child_and_its_result_comes_back():
    with parallel.BackgroundWork(lambda: (os.getpid(), "ä" * 200_000)) as work:  # larger than a pipe's buffer
        assert work.forked
        pid, text = work.result()
    assert pid != os.getpid()
    assert text == "ä" * 200_000


@needs_fork
def test_an_error_in_the_child_is_raised_here_as_without_a_child():
    def fails():
        raise ValueError("kaputt")
    with parallel.BackgroundWork(fails) as work:
        assert work.forked
        with pytest.raises(ValueError, match="kaputt"):
            work.result()


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process():
    parent = os.getpid()

    def dies_in_the_child():
        if os.getpid() != parent:
            os._exit(3)
        return "hier gemacht"
    with parallel.BackgroundWork(dies_in_the_child) as work:
        assert work.forked
        assert work.result() == "hier gemacht"


@needs_fork
def test_a_child_whose_result_is_not_needed_is_ended():
    with parallel.BackgroundWork(lambda: threading.Event().wait(60)) as work:
        pid = work._pid
        assert pid is not None
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)


def test_no_child_when_told_not_to_or_when_threads_run():
    assert not parallel.BackgroundWork(os.getpid, fork=False).forked
    assert parallel.BackgroundWork(os.getpid, fork=False).result() == os.getpid()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()  # as under `mkdocs serve`: its web server is a thread
        assert not parallel.BackgroundWork(os.getpid).forked
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_the_site_is_the_same_with_and_without_the_second_process(monkeypatch):
    started = []

    class Recorded(parallel.BackgroundWork):
        def _start(self):
            super()._start()
            started.append(self.forked)
    monkeypatch.setattr(parallel, "BackgroundWork", Recorded)
    registry = load_project(ROOT)
    context = SiteContext(site_name="Test")
    forked, alone = build_site(registry, context, ROOT, fork=True), build_site(registry, context, ROOT, fork=False)
    assert started == [True]
    build_site(registry, context, ROOT)  # the real registry is too small to be worth a second process
    assert started == [True]
    assert list(forked.pages) == list(alone.pages)  # also their order (MkDocs lists files in it)
    assert forked.pages == alone.pages
    assert list(forked.files) == list(alone.files)
    assert forked.files == alone.files
