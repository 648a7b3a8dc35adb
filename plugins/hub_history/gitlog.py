"""Parse what git prints: one `git log` of the whole content folder, and one `git cat-file --batch`.

Reads what `repository.py` gets from git: the log's bytes, and the stream of cat-file's output, read as it
arrives; writes nothing and runs nothing, so it is tested on captured samples. The log is asked for with
`LOG_FORMAT` and `-z --raw --no-abbrev --no-renames --cc`, which prints, for each commit, its
NUL-separated header fields and then one raw entry per file it touched:

    <hash> NUL <committer time> NUL <Change-note trailers> NUL <Minor-edit trailers> NUL LF
    :<old mode> <new mode> <old blob> <new blob> <status> NUL <path> NUL   (once per file)

A trailer's value is printed unfolded (its continuation lines joined), and several trailers with the same
key joined by a space; a commit without one prints an empty field. The subject is never read: a commit's
message is about the code as often as the content, and only its `Change-note:` is written for readers.

Paths are printed unquoted (`-z`) and relative to the repository's root. A merge (`--cc`) lists only the
files it changed itself, while resolving a conflict, with one colon, mode, blob and status letter per
parent (`::<mode> <mode> <result mode> <blob> <blob> <result blob> MM`), after an empty field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import IO

from hub_content import chars

CHANGE_NOTE = "Change-note"
"""The trailer that says, for readers, what a commit changed in the content."""
MINOR_EDIT = "Minor-edit"
"""The trailer that marks a commit as a typo fix (`Minor-edit: yes`): no "updated" date is owed for it."""
TRAILER = "%(trailers:key={},valueonly,separator=%x20,unfold)"
LOG_FORMAT = f"%H%x00%ct%x00{TRAILER.format(CHANGE_NOTE)}%x00{TRAILER.format(MINOR_EDIT)}"
"""Full hash, committer date (Unix time), the change note, the minor-edit mark: four NUL-terminated fields
per commit (git 2.22 or later reads `%(trailers:key=...)`)."""

MAX_SUBJECT = 200
"""Characters of a change note shown; a longer one is cut with an ellipsis (git sets no limit)."""

FILE_MODES = frozenset({"100644", "100755"})
"""Regular files; symlinks (120000) and submodules (160000) have no text to show."""


MAX_HEADER = 200
"""Bytes of a `cat-file --batch` header line: an object id, a type and a size are far shorter."""
CHUNK = 2**20
"""Bytes read at a time from an object that is not kept."""


class Unread(Enum):
    """Why the text of a version git printed was not kept."""

    TOO_LARGE = "too large"
    """Larger than a source file may be (`hub_content.files.MAX_SOURCE_BYTES`): never compared."""
    NO_ROOM = "no room"
    """The versions already read fill the memory the build gives history."""


Blob = bytes | Unread | None
"""A version's text; `Unread` when it was read and dropped; None when git could not provide it."""


class GitOutputError(ValueError):
    """git printed something the parser does not understand."""


@dataclass(frozen=True)
class Commit:
    hash: str
    date: dt.date
    """The committer date, as a day in UTC, so the same commit gives the same day on every machine."""
    note: str = ""
    """The `Change-note:` trailer as pages show it (`shown_subject`); empty when the commit has none."""
    minor: bool = False
    """Marked `Minor-edit: yes`: a typo fix, listed as a minor edit unless it has a note."""

    @property
    def short(self) -> str:
        """A fixed-length abbreviation (git's own grows with the repository, which would change pages)."""
        return self.hash[:7]


@dataclass(frozen=True)
class Revision:
    """A commit that changed one file: what the file's content (its blob) was after the commit."""

    commit: Commit
    status: str
    """A (added), M (modified), T (type changed) or D (deleted)."""
    blob: str
    """The object id of the file after the commit; all zeros when the commit deleted it."""

    @property
    def deleted(self) -> bool:
        return self.status == "D"


def commit_day(timestamp: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC).date()


def parse_log(raw: bytes) -> Mapping[str, tuple[Revision, ...]]:
    """Each path's revisions in the log's order (newest first); symlinks and submodules left out."""
    by_path: dict[str, list[Revision]] = {}
    fields = _fields(raw)
    commit: Commit | None = None
    for field in fields:
        text = field.decode("utf-8", "surrogateescape")
        if text in ("", "\n"):
            continue  # the separator between a merge's header and its entries
        if text.startswith(("\n:", ":")):
            if commit is None:
                raise GitOutputError(f"a file entry before any commit: {text.strip()!r}")
            path = next(fields, None)
            if path is None:
                raise GitOutputError(f"a file entry without a path: {text.strip()!r}")
            revision = _revision(commit, text.lstrip("\n"))
            if revision is not None:
                by_path.setdefault(path.decode("utf-8", "surrogateescape"), []).append(revision)
        else:
            commit = _commit(text, fields)
    return MappingProxyType({path: tuple(revisions) for path, revisions in by_path.items()})


def _fields(raw: bytes) -> Iterator[bytes]:
    parts = raw.split(b"\0")
    if parts and parts[-1].strip() == b"":
        parts.pop()  # the terminator after the last field
    return iter(parts)


def _commit(hash_: str, fields: Iterator[bytes]) -> Commit:
    timestamp, note, minor = next(fields, None), next(fields, None), next(fields, None)
    if not _is_hash(hash_) or timestamp is None or note is None or minor is None or not timestamp.isdigit():
        raise GitOutputError(f"expected a commit (hash, time, note, minor edit), got {hash_!r}")
    try:
        day = commit_day(timestamp.decode())
    except (ValueError, OverflowError):  # git keeps any number; a written commit can say year 3,000,000
        raise GitOutputError(
            f"commit {hash_[:12]} has a date no calendar holds ({timestamp[:20]!r})"
        ) from None
    shown = shown_subject(note.decode("utf-8", "replace"))
    return Commit(hash_, day, shown, is_minor(minor.decode("utf-8", "replace")))


def is_minor(values: str) -> bool:
    """Whether the Minor-edit trailers say yes (in any case); any other value is no mark at all."""
    return any(value.casefold() == "yes" for value in values.split(" "))


def shown_subject(subject: str) -> str:
    """A commit's note as pages show it: what a content file may not hold replaced, one line, at most
    MAX_SUBJECT characters.

    Whoever writes a commit writes its message, and no check reads it: it may hold control characters
    (which break the feeds' XML and terminals), direction overrides (which make it read differently from
    what it says) or megabytes, which every page listing its changes would repeat.
    """
    text = " ".join(chars.FORBIDDEN.sub("\ufffd", subject[: MAX_SUBJECT * 4]).split())
    return text if len(text) <= MAX_SUBJECT else text[: MAX_SUBJECT - 1].rstrip() + "\u2026"


def _revision(commit: Commit, meta: str) -> Revision | None:
    """One file's entry; a merge's entry has one more mode and blob than it has parents, the result last."""
    parents = len(meta) - len(meta.lstrip(":"))
    parts = meta[parents:].split(" ")
    if len(parts) != 2 * parents + 3:
        raise GitOutputError(f"unexpected file entry {meta!r}")
    old_modes, new_mode = parts[:parents], parts[parents]
    new_blob, status = parts[2 * parents + 1], parts[-1]
    if new_mode == "000000":
        return Revision(commit, "D", new_blob) if FILE_MODES & set(old_modes) else None
    if new_mode not in FILE_MODES:
        return None
    return Revision(commit, status[:1] if parents == 1 else "M", new_blob)


def _is_hash(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


def batch_input(blobs: Iterable[str]) -> bytes:
    """What `git cat-file --batch` reads: one object id a line (ids never contain a newline)."""
    return b"".join(f"{blob}\n".encode("ascii") for blob in blobs)


def read_batch(stream: IO[bytes], limit: int, budget: int) -> Mapping[str, Blob]:
    """Each requested object's content by id, read from `git cat-file --batch` output as it arrives.

    None for an object git reported missing. An object over `limit` bytes is `Unread.TOO_LARGE`, and one
    that would take the bytes kept past `budget` is `Unread.NO_ROOM`: either is read and dropped a chunk at
    a time, so a gigabyte committed once costs the build a chunk of memory, not a gigabyte.
    """
    out: dict[str, Blob] = {}
    kept = 0
    while header := stream.readline(MAX_HEADER):
        if not header.endswith(b"\n"):
            raise GitOutputError(f"unexpected cat-file header {header[:60]!r}")
        fields = header[:-1].decode("ascii", "replace").split(" ")
        if len(fields) == 2 and fields[1] in ("missing", "ambiguous"):
            out[fields[0]] = None
            continue
        if len(fields) != 3 or not fields[2].isdigit():
            raise GitOutputError(f"unexpected cat-file header {' '.join(fields)[:60]!r}")
        size = int(fields[2])
        if size > limit or kept + size > budget:
            blob: Blob = Unread.TOO_LARGE if size > limit else Unread.NO_ROOM
            complete = _discard(stream, size)
        else:
            blob = stream.read(size)
            complete, kept = len(blob) == size, kept + size
        if not complete or stream.read(1) != b"\n":
            raise GitOutputError(f"cat-file output for {fields[0]} is cut short")
        out[fields[0]] = blob
    return MappingProxyType(out)


def _discard(stream: IO[bytes], size: int) -> bool:
    """Read `size` bytes and keep none of them; False if the output ends first."""
    while size > 0:
        chunk = stream.read(min(size, CHUNK))
        if not chunk:
            return False
        size -= len(chunk)
    return True
