"""What the search index knows about each page: its filters, its sort date and its result metadata.

Reads the content graph and each planned page view; writes nothing. `facets_part()` adds the `Facets`
of a document, issue or jurisdiction page to its view, and the templates print `view.facets` as `<data>`
elements carrying Pagefind's `data-pagefind-filter`, `-meta` and `-sort` attributes. Filter values are
slugs, so a search URL reads `/search/?q=rent&issue=housing`; the search page holds the labels that go
with them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from hub_core.views import Facets, Kind, PageView
from hub_model import (
    AdoptionStatus,
    Document,
    Issue,
    Jurisdiction,
    OrdinanceDetails,
    Site,
    named_jurisdictions,
)

ISSUE_PAGE = "issue"
JURISDICTION_PAGE = "place"
PLACES_SHOWN = 4
FILTERS = ("type", "issue", "state", "jurisdiction", "adoption", "year")
"""The filters a page is indexed under, and a search URL narrows by (theme/js/search.js names the same)."""


INDEXED = frozenset({Kind.DOCUMENT, Kind.ISSUE, Kind.JURISDICTION})
"""The kinds of page the theme marks `data-pagefind-body` (`searchable_pages()` lists the same)."""


def document_facets(site: Site, doc: Document) -> Facets:
    named = [site.jurisdictions[s] for s in named_jurisdictions(doc)]
    filters = [("type", doc.type.name)]
    filters += [("issue", slug) for slug in doc.issues]
    filters += [("state", s) for s in dict.fromkeys(j.state for j in named)]
    filters += [("jurisdiction", j.slug) for j in named if not j.is_state]
    if isinstance(doc.details, OrdinanceDetails):
        statuses = dict.fromkeys(a.status for a in doc.details.adoptions)
        filters += [("adoption", s.value) for s in AdoptionStatus if s in statuses]
    if doc.date:
        filters.append(("year", str(doc.date.year)))
    # A few names are enough to tell results apart; the page itself lists them all.
    places = ", ".join(site.jurisdictions[s].name for s in doc.jurisdictions[:PLACES_SHOWN])
    places += " …" if len(doc.jurisdictions) > PLACES_SHOWN else ""
    meta = [("type", doc.type.name)] + ([("date", doc.date.isoformat())] if doc.date else [])
    meta += [("places", places)] if places else []
    return Facets(tuple(filters), tuple(meta), doc.date.isoformat() if doc.date else None)


def issue_facets(issue: Issue) -> Facets:
    return Facets((("type", ISSUE_PAGE), ("issue", issue.slug)), (("type", ISSUE_PAGE),))


def jurisdiction_facets(jurisdiction: Jurisdiction) -> Facets:
    filters = [("type", JURISDICTION_PAGE), ("state", jurisdiction.state)]
    if not jurisdiction.is_state:
        filters.append(("jurisdiction", jurisdiction.slug))
    return Facets(tuple(filters), (("type", JURISDICTION_PAGE),))


def facets_for(site: Site, item: Document | Issue | Jurisdiction) -> Facets:
    """The facets of any indexed page, by what it is about."""
    if isinstance(item, Document):
        return document_facets(site, item)
    if isinstance(item, Issue):
        return issue_facets(item)
    return jurisdiction_facets(item)


def facets_part(context: Mapping[str, Any]) -> Callable[[PageView], PageView]:
    """hub_search's part of every view: the facets of the pages it indexes."""

    def add_facets(view: PageView) -> PageView:
        from hub_content import site_from

        subject = view.subject
        if view.kind not in INDEXED or not isinstance(subject, Document | Issue | Jurisdiction):
            return view
        return dataclasses.replace(view, facets=facets_for(site_from(context)[0], subject))

    return add_facets
