"""`mkdocs serve` with a broken registry: the server keeps running and every page shows the errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from registry_fixtures import BASE, replace_line


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait_for(url: str, predicate, timeout: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if predicate(status, body):
            return status, body
        time.sleep(0.5)
    pytest.fail(f"{url} did not reach the expected state in {timeout} s; last status {status}:\n{body[:2000]}")


class _Server:
    """`mkdocs serve` of the project with the registry at `registry`, on a free port."""

    def __init__(self, tmp_path):
        self.registry = tmp_path / "communes.yaml"
        self.registry.write_text(BASE, encoding="utf-8")
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEKIZ_REGISTRY": str(self.registry)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def stop(self) -> str:
        """End the server; its log."""
        self.process.terminate()
        try:
            output, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        assert "Traceback" not in output, output[-3000:]
        return output


@pytest.fixture
def serve(tmp_path):
    server = _Server(tmp_path)
    try:
        yield server.registry, server.base
    finally:
        server.stop()


def test_errors_show_in_the_browser_and_pages_come_back_when_fixed(serve):
    registry, base = serve
    page = base + "kommunen/ahlen/"
    _wait_for(page, lambda status, body: status == 200 and "Ahlen" in body and "Fehler im Register" not in body)

    registry.write_text(replace_line(BASE, 16, "    cohrot: 2017"), encoding="utf-8")
    status, body = _wait_for(page, lambda status, body: "Fehler im Register" in body)
    assert status == 200
    assert f"{registry}:16:5" in body
    assert "unbekanntes Feld „cohrot“" in body and "meinten Sie „cohort“?" in body
    assert "So beheben:" in body
    assert "livereload" in body, "the server injects live reload into the error page"
    for other in ("", "kommunen/", "kommunen/kreis-warendorf/"):  # every page of the last good build
        status, body = _get(base + other)
        assert status == 200 and "Fehler im Register" in body, other
    status, body = _get(base + "gibt-es-nicht/")
    assert status == 404 and "Fehler im Register" in body and 'http-equiv="refresh"' in body

    registry.write_text(BASE, encoding="utf-8")
    _wait_for(page, lambda status, body: status == 200 and "Fehler im Register" not in body and "Ahlen" in body)


def test_error_page_escapes_registry_text():
    from kekiz.sources.diagnostics import Diagnostic
    from kekiz.adapter.errorpage import error_page
    html = error_page([Diagnostic("a.yaml", 3, 1, "<x>", "Name", "„<script>“\nfalsch", "so & so")])
    assert "<script>" not in html and "&lt;script&gt;" in html and "so &amp; so" in html
    assert "\\n" in html and 'lang="de"' in html and "</body>" in html


def test_one_save_of_the_registry_rebuilds_once(tmp_path):
    """The server watches data/ (the adapter's on_serve asks it to, with MkDocs' documented
    server.watch); one save starts one rebuild, not two."""
    server = _Server(tmp_path)
    try:
        page = server.base + "kommunen/ahlen/"
        _wait_for(page, lambda status, body: status == 200 and "Ahlen" in body)
        server.registry.write_text(BASE.replace("official_name: Stadt Ahlen", "official_name: Stadt Ahlen Neu"),
                                   encoding="utf-8")
        _wait_for(page, lambda status, body: "Stadt Ahlen Neu" in body)
        time.sleep(2)  # well past the server's own look at its folders (every half second)
    finally:
        output = server.stop()
    assert output.count("Detected file changes") == 1, output[-3000:]
    polled = next(line for line in output.splitlines() if "Watching paths for changes" in line)
    assert "data" in polled or server.registry.name in polled, polled


def test_the_terminal_shows_the_editors_errors_and_no_english_warnings(tmp_path):
    """While the preview shows errors, the terminal names them; MkDocs adds no warnings of its
    own (edit links without a repository address, addresses of the last good build)."""
    server = _Server(tmp_path)
    try:
        page = server.base + "kommunen/ahlen/"
        _wait_for(page, lambda status, body: status == 200 and "Ahlen" in body)
        server.registry.write_text(replace_line(BASE, 16, "    cohrot: 2017"), encoding="utf-8")
        _wait_for(page, lambda status, body: "Fehler im Register" in body)
    finally:
        output = server.stop()
    assert "unbekanntes Feld „cohrot“" in output, output[-3000:]
    assert "WARNING" not in output and "edit_uri" not in output, output[-3000:]
