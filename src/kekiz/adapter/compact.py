"""Leaner HTML: the theme's templates leave blank lines and deep indentation (a tenth of every
page). Between tags a line break and the spaces after it render as one space, exactly as a line
break alone does, so both can go — except where white space is kept as written (<pre>,
<textarea>): a page with one of those is left as it is.
"""

from __future__ import annotations

import re

_KEEPS_WHITESPACE = re.compile(r"<(pre|textarea)\b", re.I)
# A line break with the blank lines and spaces after it (not \s: a no-break space is content).
_BLANK_OR_INDENT = re.compile(r"\n[ \t\n]+")


def compact_html(html: str) -> str:
    """`html` without blank lines and without the indentation at the start of each line."""
    if _KEEPS_WHITESPACE.search(html):
        return html
    return _BLANK_OR_INDENT.sub("\n", html)
