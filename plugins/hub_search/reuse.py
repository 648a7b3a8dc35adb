"""The last build's search bundle, taken again when every searchable page is byte for byte the same.

Reads the searchable pages just written, a record in CACHE_PATH of what the last bundle was built from, and
that bundle in the folder the site will replace; writes the bundle taken again (hard links to the last one's
files), or, after Pagefind ran, the new record. Pagefind has no incremental mode: any change to a searchable
page (or to Pagefind's version, or to the code that runs it) runs it again (into a clone of the last bundle,
indexer.py), but a rebuild with no change, or one that only touched stylesheets, listings or settings that
no searchable page shows, skips it. The bundle is taken only if each of its files still has the size and
modification time recorded when it was written (the same record tells Pagefind's clone which files it may
link). Each page's hash is kept with its file's size and time, so a page taken unchanged from the last build
is not read again.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from hub_core import cache
from hub_core.fingerprint import Fingerprint
from hub_core.hardlinks import share

from .bundle import Manifest
from .parts import SearchPart

RECORD_FORMAT = 3


def part_digests(output: Path, parts: Sequence[SearchPart], memo: cache.FileMemo[bytes]) -> dict[str, bytes]:
    """What each part of the bundle is made from, by its folder: the part's searchable pages' paths and
    bytes, Pagefind's version and the code that runs it (its options are set there).

    Each page's own hash comes from `memo`, so a page copied unchanged from the last build is not read.
    """
    code = Fingerprint("search").add(RECORD_FORMAT).code("hub_search", "hub_core").packages("pagefind_bin")
    digests = {}
    for part in parts:
        key = code.copy().add(part.folder, len(part.pages))
        for page in part.pages:
            file = output / page
            page_hash = memo.get(page, file, functools.partial(_sha256_of, file))
            key.add(page).add_bytes(page_hash)
        digests[part.folder] = key.digest()
    return digests


def bundle_digest(digests: Mapping[str, bytes]) -> bytes:
    """What the whole bundle is made from: its parts, in order, each by its digest."""
    key = Fingerprint("search bundle")
    for folder, digest in digests.items():
        key.add(folder).add_bytes(digest)
    return key.digest()


def _sha256_of(file: Path) -> bytes:
    return hashlib.sha256(file.read_bytes()).digest()


def manifest(bundle: Path) -> Manifest:
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    stats = ((p.relative_to(bundle).as_posix(), p.stat()) for p in files)
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


class BundleRecord:
    """The record of the bundle in the published folder: the pages it was built from, part by part, and
    its files."""

    def __init__(self, record_file: Path) -> None:
        self.record_file = record_file
        version, *recorded = cache.load(self.record_file) or (None,)
        self.digest: bytes | None
        self.files: Manifest | None
        self.parts: dict[str, bytes]
        self.digest, self.files, hashes, self.parts = (
            recorded if version == RECORD_FORMAT else (None, None, {}, {})
        )
        self.memo = cache.FileMemo[bytes](hashes)  # each searchable page's hash

    def take(self, digest: bytes, previous: Path, target: Path) -> bool:
        """Link `previous` into `target` if it was built from pages with this digest and is intact."""
        if self.digest != digest or not previous.is_dir() or manifest(previous) != self.files:
            return False
        shutil.copytree(previous, target, copy_function=share)  # hard links: the same sizes and times
        self.save(digest, target, self.parts)  # the pages' times may have changed, their bytes not
        return True

    def unchanged(self, digests: Mapping[str, bytes]) -> frozenset[str]:
        """The folders of the parts built from the very same pages as the same part of the last bundle
        (whether its files are still intact is checked as they are taken: indexer.py)."""
        if self.files is None:
            return frozenset()
        return frozenset(folder for folder, digest in digests.items() if self.parts.get(folder) == digest)

    def save(self, digest: bytes, bundle: Path, parts: Mapping[str, bytes]) -> None:
        record = (RECORD_FORMAT, digest, manifest(bundle), self.memo.entries, dict(parts))
        cache.store(self.record_file, record)


def record_file(cache_path: Path, published: Path) -> Path:
    return cache.cache_file(cache_path, "search", published)
