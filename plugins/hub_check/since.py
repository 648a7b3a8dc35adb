"""Which pages a check must read the links of: after a passing check, only those that may now differ.

Reads nothing itself: the record the last check kept (`generator.py`) and this check's pages, files and
memo. The verdict on a page's links depends only on its links, the site's address, which files the site
has and the ids of the pages its links point into. A page whose file is the one the last check read
(`FileMemo`: same size and time, so the same links) has the verdict it had then when the site's
address and its set of files are the same and no page read again has other ids; after a check that
passed, that verdict was "no problem". Any other change (a file added or removed, a page's ids changed,
another address, a check that failed) checks every page again, so a removed page still fails every page
that links to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from hub_core.cache import FileMemo

from .links import Page


@dataclass(frozen=True)
class Passed:
    """What a check that found no problem saw besides its pages: the site's address and its files."""

    site_url: str
    files: bytes
    """A digest of every file's name (`site_files`, sorted)."""

    @classmethod
    def of(cls, site_url: str, files: list[str]) -> Passed:
        digest = hashlib.sha256()
        for name in files:
            digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        return cls(site_url, digest.digest())


def pages_to_check(
    pages: Mapping[str, Page], memo: FileMemo[Page], now: Passed, last: Passed | None
) -> Collection[str]:
    """The pages whose links must be checked (module docstring): every page, or only those read again."""
    if last != now:
        return pages.keys()
    read = [name for name in pages if memo.entries.get(name) is not memo.recorded.get(name)]
    for name in read:
        before = memo.recorded.get(name)
        if before is None or before[2].ids != pages[name].ids:
            return pages.keys()
    return read
