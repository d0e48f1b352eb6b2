"""Small helpers shared by the hand-written SVG/HTML of maps and charts."""

from __future__ import annotations

import re
from html import escape

_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def esc(text: object) -> str:
    """HTML-escape text for element content and double-quoted attribute values."""
    return escape(str(text), quote=True)


def check_id_prefix(id_prefix: str) -> str:
    """Ids in inline SVG share the page's id space: allow only plain, valid identifiers."""
    if not _ID_RE.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must match {_ID_RE.pattern}, got {id_prefix!r}")
    return id_prefix
