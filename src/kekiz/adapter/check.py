"""`python -m kekiz check`, the part that needs MkDocs: mkdocs.yml read first by the project's own
reader (German syntax messages, keys written twice), then by MkDocs itself (with its !ENV tags),
then `extra.kekiz` checked by the same typed config the build uses."""

from __future__ import annotations

import logging
from pathlib import Path

from kekiz.adapter.config import check_settings
from kekiz.sources.settingsfile import settings_file_problems


def settings_problems(root: Path) -> list[str]:
    """German lines, one per problem in mkdocs.yml's extra.kekiz; empty when all is well."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the check prints its own verdict
    config_file = root / "mkdocs.yml"
    unreadable = settings_file_problems(config_file)  # in German, before MkDocs' English reader
    if unreadable:
        return [problem.format() for problem in unreadable]
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        return [f"mkdocs.yml: {error}"]
    return check_settings(config, config_file).problems
