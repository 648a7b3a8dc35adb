"""Read many source files fast: each file once per change, on every core.

Reads the source files of a content folder and, when given, a cache file of earlier results; writes the
cache file back when anything changed. A result depends only on the file's bytes, its path, the names of
the files under images/, files/ and enacted/ (which the checks look up), the code that reads it and the
versions of the libraries it uses, so that is the cache key (a `hub_core.fingerprint`); everything else
(references between files) is checked after reading, every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hub_core import cache
from hub_core.fingerprint import Fingerprint
from hub_core.workers import map_in_chunks

from .body import BodyRenderer
from .digests import read_digest
from .people import read_partner, read_person
from .preemption import read_preemptions
from .reader import ReadResult, read_document, read_enacted, read_issue, read_jurisdictions
from .schemas import DOC_TYPES, ENACTED_FOLDER

CHUNK = 64  # files per task: enough to amortize starting a Markdown converter, small enough to balance
PARALLEL_FROM = 2 * CHUNK  # fewer misses than this are read in this process: forking would cost more
CACHE_FORMAT = 1
# The reader, the model it builds, the shared helpers, and the toolkit's section anchors (provisions.py)
CODE = ("hub_content", "hub_model", "hub_core", "hub_toolkit.sections")
LIBRARIES = ("markdown", "pyyaml", "nh3", "selectolax")  # parse, render and sanitize a file


@dataclass(frozen=True)
class Job:
    # "issue", "jurisdictions", "preemption", "enacted", "digest", "person", "partner" or a document type's
    # name
    kind: str
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
        elif job.kind == "preemption":
            results.append(read_preemptions(job.path, root))
        elif job.kind == "digest":
            results.append(read_digest(job.path, root))
        elif job.kind == "enacted":
            results.append(read_enacted(job.path))
        elif job.kind == "person":
            results.append(read_person(job.path, root, renderer))
        elif job.kind == "partner":
            results.append(read_partner(job.path, root, renderer))
        else:
            results.append(read_document(job.path, root, types[job.kind], renderer))
    return results


def _salt(root: Path) -> Fingerprint:
    """What every result depends on besides its own file: the static files' names, and the code and
    libraries that parse, render and sanitize a file."""
    salt = Fingerprint("content").add(CACHE_FORMAT).code(*CODE).packages(*LIBRARIES)
    for folder in ("images", "files", ENACTED_FOLDER):
        if (root / folder).is_dir():
            salt.add([path.relative_to(root).as_posix() for path in sorted((root / folder).rglob("*"))])
    return salt


def _key(job: Job, salt: Fingerprint) -> str:
    return salt.copy().add(job.kind, str(job.path)).add_bytes(job.path.read_bytes()).hexdigest()
