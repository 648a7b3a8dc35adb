"""Read many source files fast: each file once per change, on every core.

Reads the source files of a content folder and, when given, a cache file of earlier results; writes the
cache file back when anything changed. A result depends only on the file's bytes, its path, the names of
the files under images/ and files/ (which the checks look up) and the code that reads it, so that is the
cache key; everything else (references between files) is checked after reading, every time.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from hub_core import cache
from hub_core.workers import map_in_chunks

from .body import BodyRenderer
from .reader import ReadResult, read_document, read_issue, read_jurisdictions
from .schemas import DOC_TYPES

CHUNK = 64  # files per task: enough to amortize starting a Markdown converter, small enough to balance
PARALLEL_FROM = 2 * CHUNK  # fewer misses than this are read in this process: forking would cost more
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Job:
    kind: str  # "issue", "jurisdictions" or a document type's name
    path: Path


def cache_file(cache_dir: Path, root: Path) -> Path:
    """The reading cache of one content folder."""
    return cache.cache_file(cache_dir, "content", root)


def read_all(root: Path, jobs: Sequence[Job], cache_file: Path | None) -> list[ReadResult]:
    """Results in the order of `jobs`; unchanged files come from the cache, the rest are read."""
    salt = _salt(root)
    keys = [_key(job, salt) for job in jobs]
    cached = cache.load(cache_file) or {}
    results: dict[int, ReadResult] = {i: cached[k] for i, k in enumerate(keys) if k in cached}
    misses = [i for i in range(len(jobs)) if i not in results]
    for i, result in zip(misses, _read([jobs[i] for i in misses], root), strict=True):
        results[i] = result
    if cache_file is not None and (misses or len(cached) != len(keys)):
        cache.store(cache_file, {k: results[i] for i, k in enumerate(keys)})
    return [results[i] for i in range(len(jobs))]


def _read(jobs: Sequence[Job], root: Path) -> list[ReadResult]:
    return map_in_chunks(read_chunk, root, jobs, CHUNK, PARALLEL_FROM)


def read_chunk(root: Path, jobs: list[Job]) -> list[ReadResult]:
    """Read a batch of files with one Markdown converter (run in a worker process or here)."""
    renderer = BodyRenderer(root)
    types = {t.name: t for t in DOC_TYPES}
    results = []
    for job in jobs:
        if job.kind == "issue":
            results.append(read_issue(job.path, root, renderer))
        elif job.kind == "jurisdictions":
            results.append(read_jurisdictions(job.path, root))
        else:
            results.append(read_document(job.path, root, types[job.kind], renderer))
    return results


def _salt(root: Path) -> bytes:
    """What every result depends on besides its own file: the static files' names and our code."""
    digest = hashlib.sha256(_code_version())
    for folder in ("images", "files"):
        if (root / folder).is_dir():
            for path in sorted((root / folder).rglob("*")):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
    return digest.digest()


def _code_version() -> bytes:
    # A read result depends on the libraries that parse, render and sanitize a file, not only on our code.
    versions = "|".join(metadata.version(name) for name in ("markdown", "pyyaml", "nh3", "selectolax"))
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{versions}".encode())
    for package in ("hub_content", "hub_model"):
        folder = Path(sys.modules[package].__path__[0])  # the package's folder
        for source in sorted(folder.glob("*.py")):
            digest.update(source.read_bytes())
    return digest.digest()


def _key(job: Job, salt: bytes) -> str:
    digest = hashlib.sha256(salt)
    digest.update(f"{job.kind}|{job.path}".encode() + b"\0")
    digest.update(job.path.read_bytes())
    return digest.hexdigest()
