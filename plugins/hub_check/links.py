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
from functools import lru_cache
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


def read_pages(output: Path) -> dict[str, Page]:
    pages = {}
    for file in sorted(output.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        path = file.relative_to(output).as_posix()
        links = tuple(html.unescape(link) for link in _LINK.findall(text))
        pages[path] = Page(path, frozenset(html.unescape(i) for i in _ID.findall(text)), links)
    return pages


def resolve(page: Page, link: str, site_url: str) -> Target | None:
    """The file inside the site a link leads to, or None for links that leave the site."""
    if link.startswith("/") and not link.startswith("//"):
        return _resolve_rooted(link, site_url)  # the same on every page: computed once per link
    return _resolve(page, link, site_url)


@lru_cache(maxsize=65536)
def _resolve_rooted(link: str, site_url: str) -> Target | None:
    return _resolve(Page("", frozenset(), ()), link, site_url)


def _resolve(page: Page, link: str, site_url: str) -> Target | None:
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
