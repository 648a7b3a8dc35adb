"""sitemap.xml and robots.txt, from the pages a build wrote.

Reads the written pages (collected by `MetaGenerator` from Pelican's `content_written`, with the view
each was rendered from) and SITEURL; writes nothing itself: `sitemap_files()` and `robots_txt()` return
the files' text.

- sitemap.xml lists every HTML page whose kind is listed (`Kind.in_sitemap`: not the 404 page, the
  search page or the redirects from old addresses), sorted by address, with `<lastmod>` from the
  document's `updated` or `date` on each document's own page. The sitemap protocol wants
  absolute URLs: they are when SITEURL is absolute; otherwise they are root-relative, which is fine for
  preview but not for search engines, so a published site is built with HUB_SITEURL. Above 50,000
  pages (the protocol's limit per file) sitemap.xml becomes an index of `sitemaps/sitemap-N.xml`.
  A page in several languages lists each version as an `xhtml:link` hreflang alternate (with
  `x-default`, the site's language), as search engines read them; each version has its own `<url>`.
- robots.txt allows everything and, when SITEURL is absolute, names the sitemap (its `Sitemap:` line must
  be an absolute URL). Crawlers read robots.txt only at a host's root: a site served from a sub-folder
  needs the Sitemap line in the host's own robots.txt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hub_core.views import Kind, PageView
from hub_model import Document

from .identity import address, is_absolute

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
_XML_START = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class SitemapEntry:
    path: str
    """The page's address relative to the site root: `ordinances/x/`, or `` for the home page."""
    lastmod: dt.date | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    """(hreflang, path) of the page in each of its languages, `x-default` last; empty for one language."""


def page_url(path: str) -> str:
    """`ordinances/x/index.html` -> `ordinances/x/`; `index.html` -> `` (the home page)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def entry_for(output_file: str, view: PageView | None = None) -> SitemapEntry | None:
    """The sitemap entry of a written file; None for files that are not listed: not HTML, or a page of a
    kind that is not (the 404 and search pages, redirects). A file without a view is a plain page."""
    if not output_file.endswith(".html") or (view is not None and not view.kind.in_sitemap):
        return None
    subject = view.subject if view is not None and view.kind is Kind.DOCUMENT else None
    lastmod = (subject.updated or subject.date) if isinstance(subject, Document) else None
    found = tuple((a.lang, a.url) for a in view.alternates) if view is not None else ()
    alternates = (*found, ("x-default", found[0][1])) if found else ()
    return SitemapEntry(page_url(output_file), lastmod, alternates)


def _loc(site_url: str, path: str) -> str:
    return escape(address(site_url, path), {"'": "&apos;", '"': "&quot;"})


def urlset(entries: Sequence[SitemapEntry], site_url: str) -> str:
    languages = any(entry.alternates for entry in entries)
    xhtml = f' xmlns:xhtml="{XHTML}"' if languages else ""  # only a site in several languages needs it
    lines = [_XML_START, f'<urlset xmlns="{NAMESPACE}"{xhtml}>\n']
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{_loc(site_url, path)}"/>'
            for lang, path in entry.alternates
        )
        lines.append(f"<url><loc>{_loc(site_url, entry.path)}</loc>{lastmod}{links}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)


def sitemap_index(paths: Sequence[str], site_url: str) -> str:
    lines = [_XML_START, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    lines += [f"<sitemap><loc>{_loc(site_url, path)}</loc></sitemap>\n" for path in paths]
    lines.append("</sitemapindex>\n")
    return "".join(lines)


def sitemap_files(entries: Iterable[SitemapEntry], site_url: str, limit: int = MAX_URLS) -> dict[str, str]:
    """sitemap.xml, or above `limit` pages an index and its numbered parts, by path under the output."""
    ordered = sorted({e.path: e for e in entries}.values(), key=lambda e: e.path)
    if len(ordered) <= limit:
        return {SITEMAP: urlset(ordered, site_url)}
    parts = {
        f"sitemaps/sitemap-{n}.xml": urlset(ordered[start : start + limit], site_url)
        for n, start in enumerate(range(0, len(ordered), limit), 1)
    }
    return {SITEMAP: sitemap_index(list(parts), site_url), **parts}


def robots_txt(site_url: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    if is_absolute(site_url):
        text += f"\nSitemap: {address(site_url, SITEMAP)}\n"
    return text
