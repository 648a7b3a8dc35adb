"""Feeds as data: which documents each Atom feed lists, with every id, link and date ready to print.

Reads the `Site` graph; writes nothing and imports no Pelican, so it is tested on its own. Each feed is a
frozen `Feed` of frozen `Entry` records whose strings the template prints as they are:

- ids are `urn:uuid:` names derived from the page's path alone (never from where the site is hosted or
  from the build time), so an entry keeps its id when the site moves or is rebuilt;
- links are absolute when SITEURL is an absolute URL, else root-relative, under SITEURL when it is a
  folder like `/hub` (RFC 4287 allows relative references);
- dates are midnight UTC of the document's dates, and a feed's `updated` comes from its documents (or the
  site's newest document when it lists none), never from the clock, so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from hub_model import DocType, Document, Issue, Jurisdiction, Site
from hub_model.model import SITE_FEED_URL

ID_PREFIX = "hub:"
"""Prefixed to a page's path before it is hashed into a UUID: part of every id, so it must never change."""
EPOCH = "1970-01-01T00:00:00Z"
"""The `updated` of an empty feed on a site without a single dated document."""

Subject = DocType | Issue | Jurisdiction | None
"""What a feed is about: a listed type, an issue, a jurisdiction, or (None) the whole site."""


@dataclass(frozen=True)
class Publisher:
    """Where the site is served from (SITEURL, may be empty) and its name (the default author)."""

    url: str
    name: str


@dataclass(frozen=True)
class Category:
    term: str
    label: str


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: str
    published: str
    summary: str
    authors: tuple[str, ...]
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class Feed:
    """One Atom feed: written at `path`, about `subject` (what `kind` says; None for the whole site)."""

    kind: str
    """'site', 'type', 'issue' or 'jurisdiction': the template names the feed by it."""
    subject: Subject
    path: str
    id: str
    self_link: str
    alternate_link: str
    updated: str
    entries: tuple[Entry, ...]
    lang: str = ""
    """The language of its entries and words: "" for the site's own, else a translation language."""


def atom_id(path: str) -> str:
    """A permanent id for the page or feed at `path` (relative to the site root), the same on every host."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ID_PREFIX + path)}"


def link(siteurl: str, path: str) -> str:
    """The address of `path`: under SITEURL when it is absolute (or a root-relative folder), else from /."""
    base = siteurl.rstrip("/")
    if base.startswith(("http://", "https://", "/")):
        return f"{base}/{path}"
    return f"/{path}"


def atom_date(day: dt.date) -> str:
    """An RFC 3339 date-time: the day's midnight in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def newest(documents: Iterable[Document], size: int) -> tuple[Document, ...]:
    """The first `size` dated documents, in the order given (the site's order: newest first)."""
    return tuple(islice((d for d in documents if d.type.dated and d.date is not None), size))


def entry(site: Site, doc: Document, publisher: Publisher) -> Entry:
    """A dated document as a feed entry; its authors, or the site when it names none."""
    if doc.date is None:
        raise ValueError(f"{doc.source}: only dated documents go into feeds")
    return Entry(
        id=atom_id(doc.url),
        title=doc.title,
        link=link(publisher.url, doc.url),
        updated=atom_date(doc.updated or doc.date),
        published=atom_date(doc.date),
        summary=doc.summary,
        authors=tuple(site.network.person(name).name for name in doc.authors) or (publisher.name,),
        categories=tuple(
            Category(slug, site.issues[slug].in_language(doc.lang).title) for slug in doc.issues
        ),
    )


def _entry(site: Site, doc: Document, publisher: Publisher, made: dict[str, Entry]) -> Entry:
    found = made.get(doc.url)
    if found is None:
        found = made[doc.url] = entry(site, doc, publisher)
    return found


def site_updated(site: Site) -> str:
    """The newest date of any document on the site, or the epoch when there is none."""
    days = [day for day in (d.updated or d.date for d in site.documents) if day is not None]
    return atom_date(max(days)) if days else EPOCH


def feed(
    site: Site,
    documents: Sequence[Document],
    *,
    kind: str,
    subject: Subject,
    path: str,
    page: str,
    publisher: Publisher,
    size: int,
    lang: str = "",
    made: dict[str, Entry] | None = None,
) -> Feed:
    """The feed at `path` of the newest `size` of `documents`, for the HTML page at `page`; `made` keeps
    each document's entry by URL, so a document listed in many feeds is made one entry."""
    made = {} if made is None else made
    entries = tuple(_entry(site, d, publisher, made) for d in newest(documents, size))
    # The strings are all YYYY-MM-DDT00:00:00Z, so the greatest string is the latest date.
    updated = max(e.updated for e in entries) if entries else site_updated(site)
    return Feed(
        kind=kind,
        subject=subject,
        path=path,
        id=atom_id(path),
        self_link=link(publisher.url, path),
        alternate_link=link(publisher.url, page),
        updated=updated,
        entries=entries,
        lang=lang,
    )


def feeds(site: Site, publisher: Publisher, size: int, languages: Sequence[str] = ()) -> tuple[Feed, ...]:
    """Every feed of the site: the whole site, each listed type, each issue, each jurisdiction page;
    then, for each other language in `languages`, the whole site's and each issue's translations."""

    made: dict[str, Entry] = {}

    def make(kind: str, subject: Subject, documents: Sequence[Document], path: str, page: str) -> Feed:
        return feed(
            site, documents, kind=kind, subject=subject, path=path, page=page, publisher=publisher, size=size,
            made=made,
        )  # fmt: skip

    listed = [t for t in site.types if t.listed]
    return (
        make("site", None, site.documents, SITE_FEED_URL, ""),
        *(make("type", t, site.documents_of(t), t.feed_url, t.listing_url) for t in listed),
        *(make("issue", i, site.documents_on(i), i.feed_url, i.url) for i in site.issues.values()),
        *(
            make("jurisdiction", j, site.documents_in(j), j.feed_url, j.url)
            for j in site.jurisdictions_with_pages
        ),
        *(f for lang in languages for f in translated_feeds(site, publisher, size, lang)),
    )


def translated_feeds(site: Site, publisher: Publisher, size: int, lang: str) -> tuple[Feed, ...]:
    """A language's feeds: everything translated into it, and each issue's translations (an issue's feed
    exists in every language, empty until a document on it is translated, so a reader can subscribe)."""
    documents = tuple(d for d in site.translations if d.lang == lang)

    made: dict[str, Entry] = {}

    def make(kind: str, subject: Subject, listed: Sequence[Document], path: str, page: str) -> Feed:
        return feed(
            site, listed, kind=kind, subject=subject, path=path, page=page, publisher=publisher, size=size,
            lang=lang, made=made,
        )  # fmt: skip

    issues = [issue.in_language(lang) for issue in site.issues.values()]
    return (
        make(
            "site", None, sorted(documents, key=lambda d: d.sort_key), f"{lang}/{SITE_FEED_URL}", f"{lang}/"
        ),
        *(make("issue", i, [d for d in documents if i.slug in d.issues], i.feed_url, i.url) for i in issues),
    )
