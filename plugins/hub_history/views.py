"""What the history summary and the history page show, computed before any template runs.

Reads the ordinances, their committed revisions and texts (from `repository.py`) and their working-copy
text; writes nothing. Each ordinance gets a frozen `DocumentHistory`: its versions newest first, each with
the diff of the model text from the version before it, and the date it was last updated.

The working copy counts as the newest version ("not yet committed") only when its text differs from the
newest commit's, and it carries no date (never the clock's, never a file's time), so a build of a clean
checkout depends on the commit alone: `make publish` is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from hub_content import chars
from hub_content.files import MAX_SOURCE_BYTES
from hub_model import Document, OrdinanceDetails

from .diff import Diff, diff, model_text
from .gitlog import Commit, Revision
from .repository import ContentHistory

RECENT = 5
"""Changes listed on the ordinance's own page."""
HISTORY_PATH = "history/"
"""The history page, under the document's own URL."""
UNCOMMITTED_ANCHOR = "version-uncommitted"


@dataclass(frozen=True)
class Version:
    """One version of an ordinance: a commit, or (commit None) the working copy's uncommitted edits."""

    anchor: str
    """The id of the version on the history page."""
    commit: Commit | None
    diff: Diff | None
    """The model text's changes since the version before; None for the first version or unreadable text."""
    first: bool
    """The oldest version: nothing to compare it with."""

    @property
    def committed(self) -> bool:
        return self.commit is not None


@dataclass(frozen=True)
class DocumentHistory:
    url: str
    """The history page, `/ordinances/<slug>/history/`."""
    last_updated: dt.date | None
    """The newest commit's date; the document's `updated` or `date` when it has never been committed."""
    versions: tuple[Version, ...]
    """Newest first; empty when history is not available."""

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
            {d.url: DocumentHistory(history_url(d), d.updated or d.date, ()) for d in documents}
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
    blobs: Mapping[str, bytes | None],
    working_copy: bytes,
) -> DocumentHistory:
    """The document's versions, newest first: uncommitted edits (if any), then every commit of the file."""
    committed = [r for r in revisions if not r.deleted]
    versions: list[tuple[Commit | None, str | None]] = [
        (r.commit, _text(blobs.get(r.blob))) for r in committed
    ]
    working = _text(working_copy)
    if not versions or (versions[0][1] is not None and _normal(versions[0][1]) != _normal(working or "")):
        versions.insert(0, (None, working))
    out = []
    for index, (commit, text) in enumerate(versions):
        first = index == len(versions) - 1
        older = None if first else versions[index + 1][1]
        change = diff(model_text(older), model_text(text)) if older is not None and text is not None else None
        anchor = f"version-{commit.hash[:12]}" if commit is not None else UNCOMMITTED_ANCHOR
        out.append(Version(anchor, commit, change, first))
    last_updated = committed[0].commit.date if committed else document.updated or document.date
    return DocumentHistory(history_url(document), last_updated, tuple(out))


def _text(raw: bytes | None) -> str | None:
    """A version's text, or None when it cannot be shown: older than the checks, it was never read by them.

    A version over the size the check allows for a source file is not compared (comparing it would take
    the build's time and memory); characters a content file may not hold are shown as U+FFFD.
    """
    if raw is None or len(raw) > MAX_SOURCE_BYTES:
        return None
    return chars.FORBIDDEN.sub("\ufffd", _normal(raw.decode("utf-8", "replace")))


def _normal(text: str) -> str:
    """Text as hub_content reads it: no byte-order mark, Unix line endings."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
