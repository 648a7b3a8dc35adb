"""The pages the devserver writes itself: the reload script tag added to every HTML page, the page shown
while the first build runs and the page listing a failed build's errors.

Reads a page's bytes or a `BuildResult`; writes nothing (returns the HTML as bytes). The script and the
error page's stylesheet are served under PREFIX from assets/ (devhandler.py).
"""

from __future__ import annotations

import html

from .rebuilds import BuildResult

PREFIX = "/__hub__/"
RELOAD_TAG = b'<script type="module" src="/__hub__/reload.js"></script>'


def inject(page: bytes) -> bytes:
    """The page with the reload script added before its last `</body>` (at the end if it has none)."""
    index = page.lower().rfind(b"</body>")
    if index < 0:
        return page + RELOAD_TAG + b"\n"
    return page[:index] + RELOAD_TAG + b"\n" + page[index:]


def is_html_request(path: str) -> bool:
    """A folder address, an .html file or a name without a suffix: what a page request looks like."""
    name = path.rsplit("/", 1)[-1]
    return not name or name.endswith((".html", ".htm")) or "." not in name


def _page_html(title: str, content: str) -> bytes:
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{PREFIX}devserver.css">
</head>
<body>
<main>
<h1>{title}</h1>
{content}</main>
</body>
</html>
"""
    return inject(page.encode("utf-8"))


def waiting_page() -> bytes:
    """Shown for a page the first build has not written yet; it reloads when the build is done."""
    return _page_html("Building the site…", "<p>This page reloads by itself when the build is done.</p>\n")


def error_page(result: BuildResult) -> bytes:
    """The page shown for every HTML request while the last build failed: each error, escaped."""
    located = [e for e in result.errors if e.path]
    other = [e for e in result.errors if not e.path]
    count = len(result.errors)
    rows = "\n".join(
        f"<tr><td><code>{html.escape(e.path)}</code></td><td>{e.line}</td><td>{html.escape(e.message)}</td></tr>"
        for e in located
    )
    table = (
        '<table>\n<caption>Problems in the content</caption>\n<thead><tr><th scope="col">File</th>'
        '<th scope="col">Line</th><th scope="col">What is wrong</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        if located
        else ""
    )
    notes = "".join(f"<pre>{html.escape(e.message)}</pre>\n" for e in other)
    title = f"Build failed: {count} error{'s' if count != 1 else ''}"
    intro = (
        "<p>The site could not be built. Fix the problems below and save the file: this page reloads by "
        "itself, and the site comes back as soon as a build succeeds.</p>\n"
    )
    return _page_html(title, intro + table + notes)
