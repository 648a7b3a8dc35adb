"""An Atom 1.0 (RFC 4287) checker for tests: the MUST rules that can be checked from the XML alone.

`problems(data)` lists every rule a feed breaks, as "where: what" strings; `assert_valid(data)` fails a test
with all of them. Besides the structural rules (checked with ElementTree), a feed must parse in
feedparser as Atom 1.0 with no error, as feed readers see it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter

import feedparser

NS = "http://www.w3.org/2005/Atom"
A = f"{{{NS}}}"

# RFC 3339 date-time, with RFC 4287 section 3.3's uppercase "T" and "Z".
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
# An absolute IRI (RFC 3987): a scheme, a colon, and no white space.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
_TEXT_TYPES = {"text", "html", "xhtml"}
_DATE_ELEMENTS = ("updated", "published")
_FEED_AT_MOST_ONE = ("generator", "icon", "logo", "rights", "subtitle")
_ENTRY_AT_MOST_ONE = ("content", "published", "rights", "source", "summary")
_TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")


def problems(data: bytes) -> list[str]:
    """Every RFC 4287 MUST this feed breaks that the checker can see, plus feedparser's complaints."""
    return _structure(data) + _feedparser_problems(data)


def _structure(data: bytes) -> list[str]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{A}feed":
        return [f"the root element is {root.tag}, not atom:feed in the {NS} namespace"]
    found = _container(root, "feed", _FEED_AT_MOST_ONE)
    entries = root.findall(f"{A}entry")
    for n, entry in enumerate(entries, 1):
        where = f"entry {n}"
        found += _container(entry, where, _ENTRY_AT_MOST_ONE)
        has_alternate = any(_rel(link) == "alternate" for link in entry.findall(f"{A}link"))
        content = entry.find(f"{A}content")
        if not has_alternate and content is None:
            found.append(f"{where}: has neither a link rel='alternate' nor a content element")
        if content is not None and content.get("src") and entry.find(f"{A}summary") is None:
            found.append(f"{where}: content has src, so a summary is required")
    if root.find(f"{A}author") is None:
        for n, entry in enumerate(entries, 1):
            source = entry.find(f"{A}source")
            if entry.find(f"{A}author") is None and (source is None or source.find(f"{A}author") is None):
                found.append(f"entry {n}: no author, and the feed has none")
    return found


def assert_valid(data: bytes, name: str = "feed") -> None:
    found = problems(data)
    assert not found, f"{name} is not valid Atom:\n  " + "\n  ".join(found)


def _container(element: ET.Element, where: str, at_most_one: tuple[str, ...]) -> list[str]:
    """The rules atom:feed and atom:entry share: required children, ids, dates, links, people."""
    found: list[str] = []
    counts = Counter(child.tag for child in element)
    for name in ("id", "title", "updated"):
        if counts[f"{A}{name}"] != 1:
            found.append(f"{where}: has {counts[f'{A}{name}']} {name} elements, not exactly one")
    for name in at_most_one:
        if counts[f"{A}{name}"] > 1:
            found.append(f"{where}: has {counts[f'{A}{name}']} {name} elements, at most one is allowed")
    for id_ in element.findall(f"{A}id"):
        if not _ABSOLUTE_IRI.fullmatch((id_.text or "").strip()):
            found.append(f"{where}: id {id_.text!r} is not an absolute IRI")
    for name in _DATE_ELEMENTS:
        for date in element.findall(f"{A}{name}"):
            if not _is_date_time((date.text or "").strip()):
                found.append(f"{where}: {name} {date.text!r} is not an RFC 3339 date-time")
    for name in _TEXT_CONSTRUCTS:
        for text in element.findall(f"{A}{name}"):
            kind = text.get("type", "text")
            if kind not in _TEXT_TYPES:
                found.append(f"{where}: {name} has type {kind!r}, not text, html or xhtml")
            elif kind != "xhtml" and len(text):
                found.append(f"{where}: {name} of type {kind} contains child elements")
    alternates: Counter[tuple[str, str]] = Counter()
    for link in element.findall(f"{A}link"):
        if not link.get("href"):
            found.append(f"{where}: a link has no href")
        if _rel(link) == "alternate":
            alternates[(link.get("type", ""), link.get("hreflang", ""))] += 1
    for (kind, lang), count in alternates.items():
        if count > 1:
            found.append(f"{where}: {count} alternate links with type {kind!r} and hreflang {lang!r}")
    for category in element.findall(f"{A}category"):
        if not category.get("term"):
            found.append(f"{where}: a category has no term")
    for role in ("author", "contributor"):
        for person in element.findall(f"{A}{role}"):
            if len(person.findall(f"{A}name")) != 1:
                found.append(f"{where}: an {role} does not have exactly one name")
    return found


def _rel(link: ET.Element) -> str:
    return link.get("rel", "alternate")


def _is_date_time(text: str) -> bool:
    if not _DATE_TIME.fullmatch(text):
        return False
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _feedparser_problems(data: bytes) -> list[str]:
    parsed = feedparser.parse(data)
    found = []
    if parsed.bozo:
        found.append(f"feedparser: {parsed.get('bozo_exception')!r}")
    if parsed.version != "atom10":
        found.append(f"feedparser: read as {parsed.version!r}, not 'atom10'")
    return found
