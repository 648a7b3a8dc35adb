"""Read the written site back: every page's ids and every internal link or image it points to.

Reads the HTML files of an output folder; writes nothing. Pages are parsed with the HTML5 parser the
content check uses (lexbor), so links are taken only from real attributes (code samples and data blocks
never count), resolved against the page's own URL, and mapped to the file a
static web server would send. A page whose file still has the size and modification time recorded for
it by the last check (a page the build copied from the last build) is not read again.
"""

from __future__ import annotations

import functools
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from hub_core.cache import FileMemo
from hub_core.fingerprint import Fingerprint


@dataclass(frozen=True)
class Page:
    path: str  # relative to the output folder, like "ordinances/x/index.html"
    ids: frozenset[str]
    links: tuple[str, ...]  # as written, unescaped


@dataclass(frozen=True)
class Target:
    path: str  # the file the link leads to, relative to the output folder
    fragment: str


_ROOT = Page("", frozenset(), ())


def site_files(output: Path) -> list[str]:
    """Every file of the output folder, relative to it, in sorted order."""
    files = []
    for folder, _, names in os.walk(output):
        prefix = os.path.relpath(folder, output).replace(os.sep, "/")
        files += [name if prefix == "." else f"{prefix}/{name}" for name in names]
    return sorted(files)


def read_pages(
    output: Path, files: list[str] | None = None, memo: FileMemo[Page] | None = None
) -> dict[str, Page]:
    """The HTML pages among `files` (default: all of the output); `memo` spares reading them again."""
    memo = memo or FileMemo()
    names = site_files(output) if files is None else files
    # The nav, footer and listing links repeat on thousands of pages: each distinct string is kept once,
    # not once per page (at 10,000 documents the pages' links would otherwise be the build's largest
    # item in memory).
    shared: dict[str, str] = {}
    return {
        name: memo.get(name, output / name, functools.partial(_read_page, output, name, shared))
        for name in names
        if name.endswith(".html")
    }


def reader_key() -> bytes:
    """What a `Page` read here depends on besides its file: this plugin's code (the Page record and how
    it is read), the shared cache code that keeps it, and the HTML parser's version."""
    return Fingerprint("check").code("hub_check", "hub_core").packages("selectolax").digest()


def _read_page(output: Path, path: str, shared: dict[str, str] | None = None) -> Page:
    """Parsed as a browser parses it (lexbor): an `href` or `id` written inside another attribute's
    value, a code sample or a script's data (the JSON-LD carries titles as written) is text, not a link.

    `shared` holds the strings already read on other pages; a link or id found again is taken from it."""
    shared = {} if shared is None else shared
    tree = LexborHTMLParser((output / path).read_text(encoding="utf-8"))
    links, ids = [], set()
    for node in tree.css("*"):
        attributes = node.attributes
        for name in ("href", "src"):
            if name in attributes:
                value = attributes[name] or ""
                links.append(shared.setdefault(value, value))
        if "id" in attributes:
            value = attributes["id"] or ""
            ids.add(shared.setdefault(value, value))
    return Page(path, frozenset(ids), tuple(links))


class Resolver:
    """Resolves the links of one check. A site-rooted link means the same on every page, so it is
    resolved once per check (the nav and footer links repeat on every page)."""

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url
        self._rooted: dict[str, Target | None] = {}

    def __call__(self, page: Page, link: str) -> Target | None:
        if not link.startswith("/") or link.startswith("//"):
            return resolve(page, link, self.site_url)
        if link not in self._rooted:
            self._rooted[link] = resolve(_ROOT, link, self.site_url)
        return self._rooted[link]


def resolve(page: Page, link: str, site_url: str) -> Target | None:
    base_path = urlsplit(site_url).path.rstrip("/")
    if site_url and link.startswith(site_url + "/"):
        link, base_path = link[len(site_url) :], ""  # now relative to the site's root
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        if base_path and not (parts.path + "/").startswith(base_path + "/"):
            return Target(parts.path.lstrip("/"), parts.fragment)  # outside the site's folder: broken
        path = parts.path[len(base_path) :].lstrip("/")
    elif parts.path:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), parts.path))
        path = "" if path == "." else path + ("/" if parts.path.endswith("/") else "")
    else:
        path = page.path
    if path == "" or path.endswith("/"):
        path += "index.html"
    return Target(path, parts.fragment)


def page_url(path: str) -> str:
    """`ordinances/x/index.html` -> `ordinances/x/`, the form documents' URLs take."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
