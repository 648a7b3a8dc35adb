"""The last build's search bundle, taken again when every searchable page is byte for byte the same.

Reads the searchable pages just written, a record in CACHE_PATH of what the last bundle was built from,
and that bundle in the folder the site will replace; writes the copied bundle, or, after Pagefind ran,
the new record. Pagefind has no incremental mode: any change to a searchable page (or to Pagefind's
version) indexes everything again, but a rebuild with no change, or one that only touched stylesheets,
listings or settings that no searchable page shows, skips it. The bundle is copied only if each of its
files still has the size and modification time recorded when it was written.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from hub_content import cache

RECORD_FORMAT = 1
Manifest = tuple[tuple[str, int, int], ...]


def pages_digest(output: Path, pages: Sequence[str]) -> bytes:
    """What Pagefind would read: the searchable pages' paths and bytes, and Pagefind's version."""
    digest = hashlib.sha256(f"{RECORD_FORMAT}\0{metadata.version('pagefind_bin')}\0".encode())
    for page in pages:
        digest.update(page.encode() + b"\0" + (output / page).read_bytes() + b"\0")
    return digest.digest()


def manifest(bundle: Path) -> Manifest:
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    return tuple((p.relative_to(bundle).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


class BundleRecord:
    """The record of the bundle in the published folder: the pages it was built from, and its files."""

    def __init__(self, record_file: Path) -> None:
        self.record_file = record_file

    def take(self, digest: bytes, previous: Path, target: Path) -> bool:
        """Copy `previous` to `target` if it was built from pages with this digest and is intact."""
        version, recorded_digest, recorded_files = cache.load(self.record_file) or (None, None, None)
        if version != RECORD_FORMAT or recorded_digest != digest or not previous.is_dir():
            return False
        if manifest(previous) != recorded_files:
            return False
        shutil.copytree(previous, target, copy_function=shutil.copy2)  # keeps sizes and times
        return True

    def save(self, digest: bytes, bundle: Path) -> None:
        cache.store(self.record_file, (RECORD_FORMAT, digest, manifest(bundle)))


def record_file(cache_path: Path, published: Path) -> Path:
    return cache.cache_file(cache_path, "search", published)
