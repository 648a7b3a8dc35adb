"""The site in each of its languages: the graph as a language's pages show it, and the links between the
language versions of one page.

Reads the `Site` graph (with its translations) and the languages of the settings; writes nothing.
`edition()` gives the graph the Spanish pages are planned from: every document replaced by its Spanish
translation where there is one (an untranslated one stays the original, whose `lang` is "" so the page
marks it as English), every issue and jurisdiction by its Spanish version, the reverse links and
orders kept. `with_alternates()` then links each page to the same page in the other languages (same
path under `<lang>/`), for the hreflang links, the sitemap and the language switch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType

from hub_core.views import Alternate, PageView
from hub_i18n import language_name
from hub_model import Document, Issue, Site


def edition(site: Site, lang: str) -> Site:
    """The graph as the pages in `lang` show it ("" gives the site itself)."""
    if not lang:
        return site
    shown = {d.url: site.translation(d, lang) or d for d in site.documents}

    def docs(items: Iterable[Document]) -> tuple[Document, ...]:
        return tuple(shown[d.url] for d in items)

    issues = sorted((i.in_language(lang) for i in site.issues.values()), key=_issue_order)
    places = {slug: j.in_language(lang) for slug, j in site.jurisdictions.items()}
    return dataclasses.replace(
        site,
        issues=MappingProxyType({i.slug: i for i in issues}),
        jurisdictions=MappingProxyType(places),
        documents=docs(site.documents),
        by_type=_each(site.by_type, docs),
        by_issue=_each(site.by_issue, docs),
        by_jurisdiction=_each(site.by_jurisdiction, docs),
        children=MappingProxyType(
            {slug: tuple(places[j.slug] for j in within) for slug, within in site.children.items()}
        ),
        related=MappingProxyType({shown[url].url: docs(found) for url, found in site.related.items()}),
    )


def _issue_order(issue: Issue) -> tuple[str, str]:
    return (issue.title.casefold(), issue.slug)


def _each(
    index: Mapping[str, tuple[Document, ...]], docs: Callable[[Iterable[Document]], tuple[Document, ...]]
) -> Mapping[str, tuple[Document, ...]]:
    return MappingProxyType({key: docs(found) for key, found in index.items()})


def with_alternates(views: Sequence[PageView], languages: Sequence[str]) -> list[PageView]:
    """Each view with the same page in every language it exists in (none for a page in one language).

    `languages` are every language of the site, the default first; a page in language L lives at the
    same path as the default one, under `L/`.
    """
    codes = {lang: ("" if n == 0 else lang) for n, lang in enumerate(languages)}
    paths = {view.path for view in views}
    out = []
    for view in views:
        base = view.path[len(view.prefix) :]
        found = tuple(
            Alternate(code, _url(f"{edition}/{base}" if edition else base), language_name(code))
            for code, edition in codes.items()
            if (f"{edition}/{base}" if edition else base) in paths
        )
        out.append(dataclasses.replace(view, alternates=found) if len(found) > 1 else view)
    return out


def _url(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path
