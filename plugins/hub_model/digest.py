"""A newsletter digest the network sent: the window of dates it covers, and the issue it keeps to, if any.

Reads nothing and writes nothing. `hub_content` reads each record from `content/digests/<name>.yaml`
(written by `make digest`); `hub_digest` chooses the documents in its window from the graph, both for the
email and for the digest's page on the site, so a record holds no text and no address of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FOLDER = "digests"


@dataclass(frozen=True)
class Digest:
    """`name` is the record's file name without `.yaml`; `since` and `until` are both included."""

    name: str
    since: dt.date
    until: dt.date
    issue: str | None = None
    source: str = ""

    @property
    def url(self) -> str:
        return f"{FOLDER}/{self.name}/"

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Newest first: the latest end, then the latest start, then by name."""
        return (-self.until.toordinal(), -self.since.toordinal(), self.name)


def digest_name(since: dt.date, until: dt.date, issue: str | None = None) -> str:
    """The file name `make digest` gives a window's record: `2025-10-01-to-2025-10-31[-housing]`."""
    return f"{since.isoformat()}-to-{until.isoformat()}" + (f"-{issue}" if issue else "")
