"""What a newsletter digest shows: the documents published or updated in its window, grouped by issue,
and the events coming up after it.

Reads the `Site` graph; writes nothing. The one rule both the email (`make digest`) and the digest's page
on the site follow, so the two always show the same documents:

- A listed document (not a page like About) is in the window when its `date`, or else its `updated`,
  falls between `since` and `until`, both included. Drafts and scheduled documents are whatever the
  graph holds: a publish build's graph, and `make digest`'s, has none.
- Each document appears once, under its first issue (the one its file names first; every listed
  document names one), so a reader never meets the same item twice. With an issue given, only the
  documents on that issue are shown, in one group.
- Groups follow the site's order of issues (by name); within a group, newest first.
- Coming up: the site's events (`Site.events`, when the graph has them) starting after `until`, soonest
  first, at most `MAX_UPCOMING`; with an issue given, only its events. The section is left out when
  there are none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hub_model import Document, EventDetails, Issue, Site

MAX_UPCOMING = 10


@dataclass(frozen=True)
class Item:
    """A document in the window, on the day it counts from (`updated`: it was revised, not published)."""

    document: Document
    day: dt.date
    updated: bool = False


@dataclass(frozen=True)
class Group:
    """The items under one issue, newest first."""

    issue: Issue
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Upcoming:
    """An event coming up, as the digest prints it: its day (in the event's own zone) and its page."""

    title: str
    url: str
    day: dt.date


@dataclass(frozen=True)
class Selection:
    since: dt.date
    until: dt.date
    issue: Issue | None
    groups: tuple[Group, ...]
    upcoming: tuple[Upcoming, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.groups)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(item.document for group in self.groups for item in group.items)


def select(site: Site, since: dt.date, until: dt.date, issue: str | None = None, lang: str = "") -> Selection:
    """The digest of `since`..`until` (both included), on one issue or all; in `lang` ("" the site's
    language) where a document has a translation, else in its own words."""
    items = [item for doc in site.documents if (item := _in_window(doc, since, until))]
    if issue is not None:
        items = [item for item in items if issue in item.document.issues]
    order = {slug: n for n, slug in enumerate(site.issues)}
    first = {id(item): issue or item.document.issues[0] for item in items}
    slugs = sorted(set(first.values()), key=order.__getitem__)
    groups = [_group(site, slug, [i for i in items if first[id(i)] == slug], lang) for slug in slugs]
    chosen = _issue(site, issue, lang) if issue else None
    return Selection(since, until, chosen, tuple(groups), _upcoming(site, until, issue))


def _in_window(doc: Document, since: dt.date, until: dt.date) -> Item | None:
    if not doc.type.listed:
        return None
    if doc.date is not None and since <= doc.date <= until:
        return Item(doc, doc.date)
    if doc.updated is not None and since <= doc.updated <= until:
        return Item(doc, doc.updated, updated=True)
    return None


def _group(site: Site, slug: str, items: list[Item], lang: str) -> Group:
    newest = sorted(items, key=lambda i: (-i.day.toordinal(), i.document.type.name, i.document.slug))
    shown = tuple(Item(_in_language(site, i.document, lang), i.day, i.updated) for i in newest)
    return Group(_issue(site, slug, lang), shown)


def _issue(site: Site, slug: str, lang: str) -> Issue:
    issue = site.issues[slug]
    return issue.in_language(lang) if lang else issue


def _in_language(site: Site, doc: Document, lang: str) -> Document:
    return (site.translation(doc, lang) or doc) if lang else doc


def _upcoming(site: Site, until: dt.date, issue: str | None) -> tuple[Upcoming, ...]:
    """The site's events that start after the window, soonest first (the day in the event's own zone)."""
    found = [
        Upcoming(e.title, e.url, _day(e.details.start))
        for e in site.events
        if isinstance(e.details, EventDetails)
        and _day(e.details.start) > until
        and (issue is None or issue in e.issues)
    ]
    return tuple(sorted(found, key=lambda u: (u.day, u.title, u.url))[:MAX_UPCOMING])


def _day(start: dt.date) -> dt.date:
    """The day an event starts on, in its own zone (a datetime keeps its zone; `.date()` is that day)."""
    return start.date() if isinstance(start, dt.datetime) else start
