"""Command line: `python -m kekiz check` checks every input the build reads (data files, the markers of
the hand-written pages, the settings in mkdocs.yml) as the build checks them, without writing anything."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from kekiz.adapter.check import settings_problems
from kekiz.site import build_site
from kekiz.site.context import SiteContext
from kekiz.sources import load_inputs, messages
from kekiz.sources.diagnostics import RegistryError
from kekiz.sources.accessibility import ACCESSIBILITY_FILE, load_accessibility_statement, review_notice
from kekiz.sources.operator import SettingsError, load_operator
from kekiz.sources.pages import marker_problems
from kekiz.sources.registry import PROGRAMME_FILE, project_registry_path
from kekiz.sources.settingsfile import settings_file_problems


def main(argv: list[str] | None = None, *, today: date | None = None) -> int:
    """`today` is for the tests; the yearly-review reminder compares the statement with it."""
    parser = argparse.ArgumentParser(prog="python -m kekiz", description=messages.CLI_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help=messages.CLI_CHECK_HELP)
    check.add_argument("--root", type=Path, default=Path.cwd(), help=messages.CLI_ROOT_HELP)
    settings = sub.add_parser("settings", help=messages.CLI_SETTINGS_HELP)
    settings.add_argument("--root", type=Path, default=Path.cwd(), help=messages.CLI_ROOT_HELP)
    args = parser.parse_args(argv)
    if args.command == "settings":
        return _check_settings_file(args.root)

    registry_file = _shown(project_registry_path(args.root), args.root)
    checked = messages.files_checked(registry_file, PROGRAMME_FILE.as_posix())
    try:
        inputs = load_inputs(args.root)
        # The build's own check of the hand-written pages' markers, against the parts it would make.
        markers = marker_problems(args.root / "docs", args.root, build_site(inputs, SiteContext(site_name="")).fragments)
        if markers:
            raise RegistryError(markers)
    except RegistryError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print(messages.check_failed(checked, error.summary()), file=sys.stderr)
        _check_legal(args.root, today, reported={d.format() for d in error.diagnostics})  # all problems at once
        return 1
    registry = inputs.registry
    print(messages.check_passed(checked, len(registry.communes), sum(len(c.statements) for c in registry.communes),
                                len(registry.programme.milestones), len(inputs.glossary.terms)))
    return _check_legal(args.root, today)


def _check_legal(root: Path, today: date | None = None, reported: frozenset[str] | set[str] = frozenset()) -> int:
    """The legal pages' inputs: the accessibility statement's data and the operator settings.
    `reported`: messages already printed (each problem is printed once)."""
    problems = []
    notices: list[str] = []
    statement = operator = None
    try:
        statement = load_accessibility_statement(root / ACCESSIBILITY_FILE, ACCESSIBILITY_FILE.as_posix())
    except RegistryError as error:
        problems += error.diagnostics
    try:
        operator, notices = load_operator(root)
    except SettingsError as error:
        problems += error.diagnostics
    problems = [d for d in problems if d.format() not in reported]
    reported = set(reported) | {d.format() for d in problems}
    settings = [line for line in settings_problems(root) if line not in reported]
    for line in settings:
        print(line, file=sys.stderr)
    if problems:
        print(RegistryError(problems).report(messages.ONLY_CHECKED), file=sys.stderr)
    if problems or settings or reported:
        return 1
    review = review_notice(statement, operator, today or date.today()) if statement and operator else None
    if review:
        print(review)
    for line in notices:
        print(line)
    if notices:
        print(messages.operator_settings_missing(len(notices)))
    else:
        print(messages.OPERATOR_SETTINGS_COMPLETE)
    return 0


def _check_settings_file(root: Path) -> int:
    """mkdocs.yml read by the project's reader: MkDocs' own would answer a slip in English."""
    problems = settings_file_problems(root / "mkdocs.yml")
    if problems:
        print(RegistryError(problems).report(), file=sys.stderr)
        return 1
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
