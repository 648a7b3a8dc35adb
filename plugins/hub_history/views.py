"""What the history summary and the history page show, computed before any template runs.

Reads the ordinances, their committed revisions and texts (from `repository.py`) and their working-copy
text; writes nothing. Each ordinance gets a frozen `DocumentHistory`: its versions newest first, each with
the diff of the model text from the version before it and its commit's date, and the date it was last
updated, which is the document's own `updated` (else `date`), as at the top of its page.

The working copy counts as the newest version ("not yet committed") only when its text differs from the
newest commit's, and it carries no date (never the clock's, never a file's time), so a build of a clean
checkout depends on the commit alone: `make publish` is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from hub_content import chars
from hub_content.files import MAX_SOURCE_BYTES
from hub_model import Document, OrdinanceDetails

from .diff import VERSION_ROOM, Diff, Size, diff, model_text
from .gitlog import Blob, Commit, Revision, Unread
from .repository import ContentHistory

PAGE_ROOM = Size(changed=2_000, rows=4_000, chars=400_000)
"""The most of all the diffs one history page shows (each version's own limit is `diff.VERSION_ROOM`).

At about 250 bytes of markup a row, and up to 5 bytes for a character that must be escaped, the diffs
of a page stay under 3 MB however long and strange its history.
"""
RECENT = 5
"""Changes listed on the ordinance's own page."""
HISTORY_PATH = "history/"
"""The history page, under the document's own URL."""
UNCOMMITTED_ANCHOR = "version-uncommitted"
MAX_VERSIONS = 200
"""Versions listed on a history page, newest first; an older one is counted, not listed.

A commit costs its author nothing, and each listed version adds its heading to the page: a history of
100,000 commits would make a page of tens of megabytes. The demo's models have two versions each.
"""


class NoDiff(Enum):
    """Why a version is listed without the changes to its model text."""

    FIRST = "first"
    """The oldest version: there is nothing to compare it with."""
    UNREADABLE = "unreadable"
    """Git could not provide its text or the text before (a partial clone)."""
    TOO_LARGE = "too-large"
    """It or the version before is larger than a source file may be (`MAX_SOURCE_BYTES`)."""
    NO_ROOM = "no-room"
    """The page holds all the changes it may (`PAGE_ROOM`), or the memory the build gives the texts of old
    versions is full (`repository.MAX_KEPT_BYTES`)."""


@dataclass(frozen=True)
class Version:
    """One version of an ordinance: a commit, or (commit None) the working copy's uncommitted edits."""

    anchor: str
    """The id of the version on the history page."""
    commit: Commit | None
    diff: Diff | None
    """The model text's changes since the version before; None when `no_diff` says why not."""
    no_diff: NoDiff | None

    @property
    def first(self) -> bool:
        """The oldest version: nothing to compare it with."""
        return self.no_diff is NoDiff.FIRST

    @property
    def committed(self) -> bool:
        return self.commit is not None


@dataclass(frozen=True)
class DocumentHistory:
    url: str
    """The history page, `/ordinances/<slug>/history/`."""
    last_updated: dt.date | None
    """The document's `updated`, else its `date`: what its page says at the top (never a commit's date)."""
    versions: tuple[Version, ...]
    """Newest first, at most `MAX_VERSIONS`; empty when history is not available."""
    unlisted: int = 0
    """Older versions left off the page."""
    available: bool = True
    """False when the build has no history (outside a git checkout or without git): only the dates."""

    @property
    def recent(self) -> tuple[Version, ...]:
        return self.versions[:RECENT]


@dataclass(frozen=True)
class SiteHistory:
    available: bool
    """False outside a git checkout or without git: pages say so and no history page is written."""
    shallow: bool
    """Built from a shallow clone, so the oldest versions may be missing."""
    documents: Mapping[str, DocumentHistory]
    """By document URL, for every document that has a history (ordinances)."""

    def of(self, document: Document) -> DocumentHistory | None:
        return self.documents.get(document.url)


def has_history(document: Document) -> bool:
    return isinstance(document.details, OrdinanceDetails)


def history_url(document: Document) -> str:
    return document.url + HISTORY_PATH


def unavailable(documents: Sequence[Document]) -> SiteHistory:
    """Every document with only its own dates, for a build without git."""
    return SiteHistory(
        available=False,
        shallow=False,
        documents=MappingProxyType(
            {
                d.url: DocumentHistory(history_url(d), d.updated or d.date, (), available=False)
                for d in documents
            }
        ),
    )


def site_history(
    documents: Sequence[Document],
    paths: Mapping[str, str],
    found: ContentHistory,
    working_copy: Callable[[Document], bytes],
) -> SiteHistory:
    """Each document's history; `paths` maps its URL to its path relative to the content folder."""
    return SiteHistory(
        available=True,
        shallow=found.shallow,
        documents=MappingProxyType(
            {
                d.url: document_history(d, found.of(paths[d.url]), found.blobs, working_copy(d))
                for d in documents
            }
        ),
    )


def document_history(
    document: Document,
    revisions: Sequence[Revision],
    blobs: Mapping[str, Blob],
    working_copy: bytes,
) -> DocumentHistory:
    """The document's versions, newest first: uncommitted edits (if any), then every commit of the file.

    Each version's text is read when it is compared, and dropped after the comparison with the version
    before it: at most two versions' lines are held at a time, however long the history. The diffs share
    the page's room, newest first; once it is full, older versions are listed without their changes.
    """
    committed = [r for r in revisions if not r.deleted]
    sources: list[tuple[Commit | None, Blob]] = [(r.commit, blobs.get(r.blob)) for r in committed]
    if not sources or _uncommitted(sources[0][1], working_copy):
        sources.insert(0, (None, working_copy))
    unlisted = max(0, len(sources) - MAX_VERSIONS)
    out, room = [], PAGE_ROOM
    held: tuple[str, ...] | NoDiff | None = None  # this version's lines, read by the step before
    for index, (commit, blob) in enumerate(sources[:MAX_VERSIONS]):
        anchor = f"version-{commit.hash[:12]}" if commit is not None else UNCOMMITTED_ANCHOR
        if index + 1 == len(sources):
            out.append(Version(anchor, commit, None, NoDiff.FIRST))
            break
        if not Size(1, 1, 1).within(room):
            out.append(Version(anchor, commit, None, NoDiff.NO_ROOM))
            continue  # and so will every older version: none is read
        this = held if held is not None else _lines(blob)
        held = before = _lines(sources[index + 1][1])
        if isinstance(this, NoDiff):
            out.append(Version(anchor, commit, None, this))
        elif isinstance(before, NoDiff):
            out.append(Version(anchor, commit, None, before))
        else:
            change = diff(before, this, room=VERSION_ROOM.least(room))
            room -= change.size
            out.append(Version(anchor, commit, change, None))
    # The date the document's page shows as "Updated" (or its publication date): one date for both, kept
    # true by `make check`, which warns when a commit changed the file after it (hub_history/freshness.py).
    last_updated = document.updated or document.date
    return DocumentHistory(history_url(document), last_updated, tuple(out), unlisted)


def _uncommitted(newest: Blob, working_copy: bytes) -> bool:
    """Whether the working copy's text differs from the newest commit's (when that could be read)."""
    if not isinstance(newest, bytes) or len(newest) > MAX_SOURCE_BYTES:
        return False
    return _text(newest) != _text(working_copy)


def _lines(blob: Blob) -> tuple[str, ...] | NoDiff:
    """A version's model text, or why it cannot be compared: older than the checks, no check read it.

    A version over the size the check allows for a source file is not compared (comparing it would take
    the build's time and memory).
    """
    if blob is None:
        return NoDiff.UNREADABLE
    if blob is Unread.NO_ROOM:
        return NoDiff.NO_ROOM
    if not isinstance(blob, bytes) or len(blob) > MAX_SOURCE_BYTES:
        return NoDiff.TOO_LARGE
    return model_text(_text(blob))


def _text(raw: bytes) -> str:
    """Text as hub_content reads it (no byte-order mark, Unix line endings), with the characters a content
    file may not hold shown as U+FFFD."""
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return chars.FORBIDDEN.sub("\ufffd", text)
