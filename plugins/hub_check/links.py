"""Read the written site back: every page's ids and every internal link or image it points to.

Reads the HTML files of an output folder; writes nothing. Links are taken only from inside tags (code
samples are escaped, so they never count), resolved against the page's own URL, and mapped to the file a
static web server would send.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_LINK = re.compile(r"<[a-zA-Z][^>]*?\s(?:href|src)=\"([^\"]*)\"")
_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")


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


def read_pages(output: Path) -> dict[str, Page]:
    pages = {}
    for file in sorted(output.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        path = file.relative_to(output).as_posix()
        links = tuple(html.unescape(link) for link in _LINK.findall(text))
        pages[path] = Page(path, frozenset(html.unescape(i) for i in _ID.findall(text)), links)
    return pages


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
