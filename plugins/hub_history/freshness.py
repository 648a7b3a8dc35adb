"""The check that a document's "updated" date is not older than its last change in git.

Reads the content folder's git log (one `git rev-parse` and one `git log`, no file texts: see
repository.py) and each document's front matter lines; writes nothing. A document's page and its history
both say it was last updated on its `updated` date (else its `date`): this check keeps that date true.
It warns when the newest commit that changed the document's file, other than the one that added it and
those marked `Minor-edit: yes`, is dated after that date. Days are compared in UTC, as the history lists
its commits. Outside git, without git or in a shallow clone (whose oldest commits are missing) it says
nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hub_content.errors import ContentError
from hub_model import Document, Site

from .gitlog import MINOR_EDIT, Revision
from .repository import ContentHistory, read_history

_FIELD = re.compile(r"^(updated|date)\s*:")


def stale_updates(site: Site, content: Path) -> list[ContentError]:
    """A warning for each document changed in git after its `updated` (or `date`), at that field's line."""
    found = read_history(content, (), 0)
    if not isinstance(found, ContentHistory) or found.shallow:
        return []
    warnings = []
    for doc in site.documents:
        said = doc.updated or doc.date
        newest = _newest_change(found, _relative(doc, content))
        if said is None or newest is None or newest.commit.date <= said:
            continue
        warnings.append(_warning(doc, said, newest))
    return warnings


def _relative(doc: Document, content: Path) -> str:
    try:
        return Path(doc.source).resolve().relative_to(content.resolve()).as_posix()
    except ValueError:  # not under the content folder: no history to compare with
        return ""


def _newest_change(found: ContentHistory, path: str) -> Revision | None:
    """The newest commit that changed the file's text, other than adding it and minor edits.

    The commit that added the file is its publication, and a document may be added after its `date` (an
    older statement brought into the hub keeps the day it was made); a deletion is not a version.
    """
    for revision in found.of(path):
        if revision.status in ("A", "D") or revision.commit.minor:
            continue
        return revision
    return None


def _warning(doc: Document, said: dt.date, newest: Revision) -> ContentError:
    name = "updated" if doc.updated else "date"
    day = newest.commit.date.isoformat()
    return ContentError(
        doc.source,
        _line_of(doc.source, name),
        f"changed in git on {day} (commit {newest.commit.short}) but {name}: says {said.isoformat()}: "
        f"set updated: {day}, or mark a typo fix with the commit trailer {MINOR_EDIT}: yes",
    )


def _line_of(source: str, name: str) -> int:
    """The line of a top-level field of the front matter (validated already); 1 if it cannot be found."""
    try:
        lines = Path(source).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        match = _FIELD.match(line)
        if match and match.group(1) == name:
            return number
    return 1
