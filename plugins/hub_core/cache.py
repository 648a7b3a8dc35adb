"""The files of the hub's caches in CACHE_PATH: where each lives, and reading and writing them safely.

Reads and writes only the files it is given. A cache is only a cache: a missing, damaged or outdated
file reads as None, and a file is replaced whole (written beside, then renamed), so a build that stops
half-way never leaves half a cache behind. `FileMemo` keeps what was computed from each written file
with the file's size and modification time, so a page a rebuild copied unchanged is not read again;
`FileStore` keeps files a build made (cards, downloads) for the next, one file each.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def cache_file(cache_dir: Path, kind: str, folder: Path) -> Path:
    """One file per kind and per folder (content or output), so two sites built in turn keep theirs."""
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache_dir / "hub" / f"{kind}-{name}.pickle"


def load(path: Path | None) -> Any | None:
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, from another version, or damaged: it is only a cache
        return None


def store(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)


class FileMemo(Generic[T]):
    """Values computed from files, each kept with its file's size and modification time.

    `recorded` is what the last build kept (its `entries`): a file that still has the recorded size and
    time (the build copied it, times included, from the last build) is not read again.
    """

    def __init__(self, recorded: Mapping[str, tuple[int, int, T]] | None = None) -> None:
        self.recorded = recorded or {}
        self.entries: dict[str, tuple[int, int, T]] = {}

    def get(self, name: str, file: Path, compute: Callable[[], T]) -> T:
        """The value for `file` (kept as `name`): the recorded one, or `compute()` if the file changed."""
        stat = file.stat()
        entry = self.recorded.get(name)
        if entry is None or entry[:2] != (stat.st_size, stat.st_mtime_ns):
            entry = (stat.st_size, stat.st_mtime_ns, compute())
        self.entries[name] = entry
        return entry[2]


@dataclass(frozen=True)
class FileStore:
    """Files made by one build and kept for the next, one per key, in a folder of the cache.

    For what a build makes once and then only copies into the site (drawn cards, Word files): kept as
    files, no build holds them all in memory, a worker process puts each straight in, and the site takes
    each as a hard link (`OutputRegistry.copy`). A file is written beside and then renamed into place, so
    a build that stops half-way leaves no half file, and nothing ever writes into a stored file again:
    that is what makes the hard links safe (hub_core/hardlinks.py).
    """

    folder: Path
    suffix: str = ""

    @classmethod
    def beside(cls, record: Path, suffix: str = "") -> FileStore:
        """The store named as the cache file `record` (`cache_file`) without its extension."""
        return cls(record.with_suffix(""), suffix)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def put(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{key}.{os.getpid()}.tmp"
        partial.write_bytes(data)
        os.replace(partial, self.path(key))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove every file but these keys' (and what a stopped build left half-written)."""
        kept = {self.path(key).name for key in keys}
        for file in self.folder.iterdir() if self.folder.is_dir() else ():
            if file.name not in kept:
                file.unlink(missing_ok=True)
