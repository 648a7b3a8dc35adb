"""Pagefind's bundle as a set of files: which are named by their content, which the bundle refers to,
and the clone of the last bundle that Pagefind writes into.

Reads the last published bundle and the one Pagefind just wrote; writes hard links into Pagefind's working
folder (`clone`) and removes from it the files the new bundle no longer refers to (`prune`). `placing`
holds a lock (flock on the output's parent folder; nothing is written) while a bundle is put in place.

Pagefind names its fragments, word index chunks, filter indexes and per-language `pf_meta` files after
their content, and skips writing any such file already present in its output folder; the files with
fixed names (`pagefind.js`, `pagefind-entry.json`, the `wasm.*` and `pagefind-*ui*` files) it writes
every time, into the existing file. So the clone holds only the content-named files: Pagefind then writes
only what changed, and never opens a cloned file, which is the published site's own (a hard link).
After it ran, the entry file names each language's `pf_meta`, and each `pf_meta` (gzip, a signature,
then CBOR) names that language's fragments, chunks and filters; every other content-named file is left
over from the clone and removed, so the bundle holds what Pagefind writes into an empty folder.

A cloned file can stand in for a new one only if their names (a 28-bit prefix of a hash) collide: the
stale files are those the edit replaced, so the odds are about (files replaced x files written) / 2**28.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import cbor2

from hub_core.hardlinks import is_regular, share

ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
# Content-named files: `<folder>/<lang>_<hash>.pf_<kind>` and `pagefind.<lang>_<hash>.pf_meta`.
_NAMED_BY_CONTENT = re.compile(
    r"(?:fragment/[^/]+\.pf_fragment|index/[^/]+\.pf_index|filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta)"
)
Manifest = tuple[tuple[str, int, int], ...]


@contextlib.contextmanager
def placing(output: Path) -> Iterator[None]:
    """While held, no other process puts a bundle in place in `output`, nor takes one from it.

    The devserver puts each new bundle into its served output while a build for it runs; the build
    carries the served bundle into its staging folder and swaps that folder in. Both hold this lock (on
    the folder holding the output, so no file is left behind) so that a build never swaps back in an
    older bundle than the one served. Released when the process ends, however it ends."""
    fd = os.open(output.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def entry_inode(bundle: Path) -> int | None:
    """Which bundle this is: its entry file's inode (each bundle put in place has an entry file of its own;
    a hard-link copy of it shares the inode)."""
    try:
        return (bundle / ENTRY).stat().st_ino
    except OSError:
        return None


def manifest(bundle: Path) -> Manifest:
    """Every file of the bundle with its size and time now, for `clone` (a file gone meanwhile is left out:
    Pagefind writes it again if it needs it)."""
    files = []
    for path in sorted(bundle.rglob("*")):
        status = is_regular(path)
        if status is not None:
            files.append((path.relative_to(bundle).as_posix(), status.st_size, status.st_mtime_ns))
    return tuple(files)


class BundleFormatError(Exception):
    """The bundle's entry or meta files are not what this Pagefind version was seen to write."""


def named_by_content(name: str) -> bool:
    """Whether Pagefind names the file (relative to the bundle) after its content, and so skips it when
    it is already there."""
    return _NAMED_BY_CONTENT.fullmatch(name) is not None


def clone(previous: Path, work: Path, files: Manifest) -> int:
    """Hard-link into `work` the content-named files of the last bundle that still have the size and time
    recorded when it was written (`files`); return how many. A file changed or replaced since is left
    out, and Pagefind writes it again if it still needs it."""
    linked = 0
    for name, size, mtime in files:
        if not named_by_content(name):
            continue
        source = previous / name
        status = is_regular(source)
        if status is None or (status.st_size, status.st_mtime_ns) != (size, mtime):
            continue
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        share(source, target)
        linked += 1
    return linked


def referenced(bundle: Path) -> set[str]:
    """Every content-named file the bundle's entry file names, directly or through its `pf_meta` files."""
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        hashes = [language["hash"] for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BundleFormatError(f"{ENTRY} does not name the languages' meta files ({exc})") from None
    names = set()
    for value in hashes:
        meta = f"pagefind.{value}.pf_meta"
        names.add(meta)
        names.update(_named_by_meta(meta, _decoded(bundle / meta)))
    return names


def _decoded(file: Path) -> Any:
    try:
        data = gzip.decompress(file.read_bytes())
    except (OSError, EOFError) as exc:
        raise BundleFormatError(f"{file.name} cannot be read ({exc})") from None
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{file.name} does not start with Pagefind's signature")
    try:
        return cbor2.loads(data[len(SIGNATURE) :])
    except (cbor2.CBORDecodeError, ValueError) as exc:
        raise BundleFormatError(f"{file.name} is not CBOR ({exc})") from None


def _named_by_meta(name: str, meta: Any) -> Iterable[str]:
    """A `pf_meta`'s files: [version, pages as [hash, words], word chunks as [from, to, hash], filters as
    [name, hash], sorts (inline), ...] in Pagefind 1.x."""
    try:
        _version, pages, chunks, filters, *_ = meta
        yield from (f"fragment/{page[0]}.pf_fragment" for page in pages)
        yield from (f"index/{chunk[2]}.pf_index" for chunk in chunks)
        yield from (f"filter/{entry[1]}.pf_filter" for entry in filters)
    except (ValueError, TypeError, IndexError) as exc:
        raise BundleFormatError(f"{name} does not list pages, word chunks and filters ({exc})") from None


def prune(bundle: Path) -> int:
    """Remove the content-named files the bundle does not refer to; return how many. Every file it refers
    to must be there."""
    present = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    wanted = referenced(bundle)
    if missing := sorted(wanted - present):
        named = ", ".join(missing[:3])
        raise BundleFormatError(f"the bundle refers to files Pagefind did not write: {named}")
    stale = sorted(name for name in present - wanted if named_by_content(name))
    for name in stale:
        (bundle / name).unlink()
    return len(stale)


def page_url(page: str) -> str:
    """The address Pagefind records for a page file (relative to the site): `index.html` left off, as
    written (no escaping)."""
    url = "/" + page
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def page_ids(bundle: Path) -> dict[str, str]:
    """Each page's address in the bundle, with the id Pagefind's search gives its results (the name of its
    fragment). Only the start of each fragment is decompressed: the address comes first."""
    ids = {}
    for name in referenced(bundle):
        if name.startswith("fragment/"):
            page = name[len("fragment/") : -len(".pf_fragment")]
            ids[_fragment_url(bundle / name)] = page
    return ids


_URL_FIELD = re.compile(rb'^\{"url":("(?:[^"\\]|\\.)*")')


def _fragment_url(file: Path) -> str:
    try:
        data = file.read_bytes()
        start = zlib.decompressobj(wbits=31).decompress(data, 1024)
        if not start.startswith(SIGNATURE):
            raise BundleFormatError(f"{file.name} does not start with Pagefind's signature")
        found = _URL_FIELD.match(start[len(SIGNATURE) :])
        if found is None:  # an address longer than the start read: the whole fragment, then
            found = _URL_FIELD.match(gzip.decompress(data)[len(SIGNATURE) :])
        if found is None:
            raise BundleFormatError(f"{file.name} does not begin with the page's address")
        return str(json.loads(found.group(1)))
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise BundleFormatError(f"{file.name} cannot be read ({exc})") from None
