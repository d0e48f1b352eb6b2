"""The page `mkdocs serve` shows instead of every page while the registry has errors.

Like Hugo's server: the editor sees in the browser what is wrong, where, and how to fix it;
live reload brings the real pages back as soon as the file is fixed. A whole, self-contained
HTML document (no theme, no request to anything), because the site cannot be built.
"""

from __future__ import annotations

from html import escape

from kekiz.sources import messages
from kekiz.sources.diagnostics import Diagnostic, one_line

_STYLE = """
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1b; --muted: #4a4a4a; --bad: #a1001a; --box: #f6f6f6; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121212; --fg: #ececec; --muted: #c4c4c4; --bad: #ff9aa8; --box: #1f1f1f; }
}
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.5 system-ui, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { color: var(--bad); font-size: 1.5rem; margin: 0 0 .5rem; }
ol { padding-left: 1.5rem; }
li { background: var(--box); margin: .75rem 0; padding: .75rem 1rem; border-left: .25rem solid var(--bad); }
code { font: .95rem/1.4 ui-monospace, monospace; overflow-wrap: anywhere; }
.where { display: block; font-weight: 600; }
.fix { color: var(--muted); }
p { max-width: 45rem; }
"""


def error_page(diagnostics: list[Diagnostic], *, reload_by_itself: bool = False) -> str:
    """The error list as a German HTML page. `reload_by_itself` for pages the live-reload
    script is not injected into (the server's 404 page): they ask again every few seconds."""
    items = "\n".join(_item(d) for d in diagnostics)
    count = len(diagnostics)
    heading = messages.errors_in_the_registry(count)
    refresh = '<meta http-equiv="refresh" content="3">\n' if reload_by_itself else ""
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{heading} – {messages.PREVIEW_STOPPED}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{messages.PREVIEW_ERROR_INTRO}</p>
<ol>
{items}
</ol>
<p class="fix">{messages.PREVIEW_ERROR_FOOT.format(serve="<code>make serve</code>", check="<code>make check</code>")}</p>
</main>
</body>
</html>
"""


def _item(d: Diagnostic) -> str:
    where = escape(one_line(f"{d.file}:{d.line}:{d.column}"))
    about = ": ".join(escape(one_line(part)) for part in (d.subject, d.field) if part)
    about_html = f" <span>{about}</span>" if about else ""
    return (f'<li><code class="where">{where}</code>{about_html}<br>'
            f"<strong>{escape(one_line(d.problem))}</strong><br>"
            f'<span class="fix">{messages.HOW_TO_FIX}: {escape(one_line(d.fix))}</span></li>')
