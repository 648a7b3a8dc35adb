"""The checks run on the written site before it may replace the published one.

Reads the output folder (through `links.read_pages`) and the content graph; writes nothing. Returns
problems as sentences naming the page and the link, so a failed build says exactly what to fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from hub_content.errors import display_path
from hub_model import Document, Site, named_jurisdictions

from .links import Page, Resolver, Target, page_url


def broken_links(
    files: Iterable[str],
    pages: dict[str, Page],
    site_url: str,
    sources: dict[str, str] | None = None,
    checked: Iterable[str] | None = None,
) -> list[str]:
    """Every internal link and image must lead to one of the site's `files`; a #fragment to an id on
    that page.

    `sources` maps a page to the content file it was made from, so staff are told which file to edit.
    `checked` names the pages whose links are checked (default: all; `since.pages_to_check`).
    """
    sources = sources or {}
    problems = []
    exists, resolve = frozenset(files).__contains__, Resolver(site_url)
    for page in pages.values() if checked is None else (pages[name] for name in checked):
        for link in dict.fromkeys(page.links):
            target = resolve(page, link)
            if target is None:
                continue
            if not exists(target.path) and exists(target.path + "/index.html"):
                target = type(target)(target.path + "/index.html", target.fragment)
            if not exists(target.path):
                shown = _as_written(link, target)
                problems.append(f"{_where(page, sources)}: broken link to {shown} (no file {target.path})")
            elif target.fragment and target.path in pages and target.fragment not in pages[target.path].ids:
                shown = _as_written(link, target)
                problem = f"broken link to {shown} (no id '{target.fragment}' on that page)"
                problems.append(f"{_where(page, sources)}: {problem}")
    return problems


def _as_written(link: str, target: Target) -> str:
    """A relative link as staff write it, from the site's root: the build turns `/ordinances/x/` in a
    document into `../../ordinances/x/`, which would not say which page was meant."""
    if link.startswith("../"):
        return "/" + page_url(target.path) + (f"#{target.fragment}" if target.fragment else "")
    return link


def _where(page: Page, sources: dict[str, str]) -> str:
    """The page, and the content file it was made from (only for problems: it costs a path lookup)."""
    source = sources.get(page.path)
    return page.path + (f" (from {display_path(source)})" if source else "")


def unreachable_documents(site: Site, pages: dict[str, Page], site_url: str) -> list[str]:
    """Each document must be linked from its issues', its jurisdictions' and their states' pages.

    A page "links" a document when the page or any page below it (its paginated listings) does.
    """
    needed = {doc.url: list(_hubs(site, doc)) for doc in site.documents}
    hubs = {url for urls in needed.values() for url in urls}
    linked_from: dict[str, set[str]] = defaultdict(set)  # hub URL -> URLs linked from it or below it
    resolve = Resolver(site_url)
    for page in pages.values():
        hub = _hub_of(page_url(page.path))
        if hub not in hubs:  # a document's own page, a type listing: no document must be reached there
            continue
        for link in page.links:
            target = resolve(page, link)
            if target is not None:
                linked_from[hub].add(page_url(target.path))
    problems = []
    for doc in site.documents:
        for hub_url in needed[doc.url]:
            if doc.url not in linked_from[hub_url]:
                problems.append(f"{doc.url} cannot be reached from {hub_url} or the pages under it")
    return problems


def _hub_of(url: str) -> str:
    """`issues/housing/ordinances/page/2/` -> `issues/housing/`: the page a listing belongs to."""
    return "/".join(url.split("/")[:2]) + "/"


def _hubs(site: Site, doc: Document) -> Iterable[str]:
    """The issue, jurisdiction and state pages that must lead to a document."""
    urls = [site.issues[slug].url for slug in doc.issues]
    for slug in named_jurisdictions(doc):
        jurisdiction = site.jurisdictions[slug]
        urls += [jurisdiction.url, site.jurisdictions[jurisdiction.state].url]
    return dict.fromkeys(urls)
