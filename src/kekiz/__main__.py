"""Command line: `python -m kekiz check` validates the registry without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import RegistryError
from .registry import load_project, project_registry_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kekiz", description="Werkzeuge für die KeKiz-Website")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="Register prüfen (data/communes.yaml, data/programme.yaml)")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="Projektordner (Standard: aktueller Ordner)")
    args = parser.parse_args(argv)

    try:
        registry = load_project(args.root)
    except RegistryError as error:
        print(error.report(), file=sys.stderr)
        return 1
    path = project_registry_path(args.root)
    shown = path.relative_to(args.root) if path.is_relative_to(args.root) else path
    print(f"{shown}: {len(registry.communes)} Kommunen, "
          f"{sum(len(c.statements) for c in registry.communes)} Äußerungen – alles in Ordnung.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
