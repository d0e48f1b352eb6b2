"""Live-reload latency: seconds from saving the registry to `mkdocs serve` serving the changed page.

    .venv/bin/python bench/serve_latency.py [--edits 5]

Goal (issue 18): median of five edits ≤ 1.5 s.

Runs `mkdocs serve` (live reload on, 127.0.0.1 only) in a copy of the project, so the working tree
is never touched; `kekiz` comes from the venv (installed editable). Each edit appends a distinct
marker to the first note of the first Kommune that has one (free text that shows on that
Kommune's page only), written in place as an editor saves; then the page is fetched every 20 ms
until the marker is in it.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from build_bench import project_copy  # the same copy of the project as the build benchmark

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")  # the CLI of the venv that runs this script
START_TIMEOUT = 180  # seconds for the first build
EDIT_TIMEOUT = 30  # seconds for one change to show
SETTLE = 2.0  # seconds between edits: a save can fire two file events, the second a rebuild of its own



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page, or "" while the server is not up or has no such page."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def editor(registry: str) -> tuple[str, Callable[[str], str]]:
    """The slug of the Kommune to edit, and a function: marker → the registry with it in that
    Kommune's first note."""
    commune = next(c for c in yaml.safe_load(registry)["communes"] if c.get("notes"))
    slug, note = commune["slug"], commune["notes"][0]["text"]
    needle = f'text: "{note}"'
    # Search from the Kommune's own entry on; a note written with escapes or over several lines
    # would not be found here and stops the run with a ValueError.
    at = registry.index(needle, registry.index(f'slug: "{slug}"'))
    return slug, lambda marker: f'{registry[:at]}text: "{note} {marker}"{registry[at + len(needle):]}'


def measure(project: Path, port: int, edits: int) -> list[float]:
    registry = project / "data" / "communes.yaml"
    slug, edited = editor(registry.read_text(encoding="utf-8"))
    url = f"http://127.0.0.1:{port}/kommunen/{slug}/"
    latencies = []
    for i in range(edits):
        marker = f"Messmarke{i}"
        time.sleep(SETTLE)
        start = time.perf_counter()
        registry.write_text(edited(marker), encoding="utf-8")
        while marker not in fetch(url):
            if time.perf_counter() - start > EDIT_TIMEOUT:
                raise RuntimeError(f"edit {i + 1}: the marker did not appear on {url} within {EDIT_TIMEOUT} s")
            time.sleep(0.02)
        latencies.append(time.perf_counter() - start)
        print(f"edit {i + 1}: {latencies[-1]:.2f} s", flush=True)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KEKIZ_REGISTRY", None)  # the copy's own data/communes.yaml is the one edited
    env.pop("KEKIZ_SITE_URL", None)  # as `make serve`
    with tempfile.TemporaryDirectory(prefix="kekiz-serve-") as tmp:
        project = project_copy(Path(tmp))
        port = free_port()
        log = (Path(tmp) / "serve.log").open("w", encoding="utf-8")
        server = subprocess.Popen([str(MKDOCS), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.perf_counter() + START_TIMEOUT
            while not fetch(f"http://127.0.0.1:{port}/"):
                if server.poll() is not None or time.perf_counter() > deadline:
                    raise RuntimeError("mkdocs serve did not come up")
                time.sleep(0.2)
            latencies = measure(project, port, args.edits)
        except Exception:  # show what the server said
            log.flush()
            print((Path(tmp) / "serve.log").read_text(encoding="utf-8")[-3000:], file=sys.stderr)
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    print(f"registry saved → Kommune page served: median {statistics.median(latencies):.2f} s "
          f"of {len(latencies)} edits (goal ≤ 1.5 s)")


if __name__ == "__main__":
    main()
