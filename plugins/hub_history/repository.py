"""Read the content folder's history from git with a fixed number of git processes, whatever its size.

Reads, through the `git` on PATH: where the repository is (`git rev-parse`, once), every commit that
touched the content folder with the files each one changed (`git log`, once) and the text of every
version asked for (`git cat-file --batch`, once, fed every object id at the same time, its output read as
it arrives, so a huge old version is dropped a chunk at a time instead of held whole). Writes nothing;
git is only asked, never told (no locks, no fetches, no changes to the repository or its index).

A file's versions are the commits that changed it, newest first in git's order: on side branches too, and
a merge only when it changed the file itself (resolving a conflict). Renames are not followed: a renamed
file's history starts at the rename. Outside a git checkout, without git, or when git fails,
`read_history` returns `Unavailable` with the reason instead of raising: the build goes on without history.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from subprocess import PIPE
from types import MappingProxyType
from typing import IO

from hub_content.files import MAX_SOURCE_BYTES

from .gitlog import LOG_FORMAT, Blob, GitOutputError, Revision, batch_input, parse_log, read_batch

# Settings that would change what git prints, pinned so a user's configuration cannot break the parser
# or make two machines build different pages from the same commit.
PINNED_CONFIG = (
    "core.quotepath=off",
    "color.ui=never",
    "log.showSignature=false",
    "log.follow=false",
    "diff.relative=false",
    "log.showRoot=true",
    "trailer.separators=:",  # `Change-note: ...` only, whatever separators a user's configuration adds
)
MAX_KEPT_BYTES = 64 * 2**20
"""Bytes of old versions kept in memory for the whole site: the demo's history holds under 0.1 MB of them.

Git stores versions as deltas, so a repository of a few megabytes can hold hundreds of different 2 MB
versions; past this, a version is read and dropped (`Unread.NO_ROOM`) and its changes are not shown.
"""
ENVIRONMENT = {
    "GIT_OPTIONAL_LOCKS": "0",  # never take the index lock
    "GIT_NO_LAZY_FETCH": "1",  # a partial clone must not reach the network for a missing blob
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
}


@dataclass(frozen=True)
class Unavailable:
    """Why there is no history: not a git checkout, git is missing, or git failed."""

    reason: str


@dataclass(frozen=True)
class ContentHistory:
    """The committed revisions of each file of the content folder, and the text of those asked for."""

    revisions: Mapping[str, tuple[Revision, ...]]
    """By path relative to the content folder (POSIX separators), newest first."""
    blobs: Mapping[str, Blob]
    """Text by object id; `Unread` when not kept; None when git could not provide it (a partial clone)."""
    shallow: bool
    """A shallow clone: history stops at the clone's depth."""

    def of(self, path: str) -> tuple[Revision, ...]:
        return self.revisions.get(path, ())


class _GitFailedError(Exception):
    pass


def read_history(content: Path, wanted: Iterable[str], depth: int) -> ContentHistory | Unavailable:
    """The history of the content folder, with the text of the newest `depth` versions of the `wanted` files.

    `wanted` are paths relative to the content folder. Exactly three git processes run (one when the
    folder is not in a git checkout), however many files and versions there are.
    """
    location = _location(content)
    if isinstance(location, Unavailable):
        return location
    prefix, shallow = location
    by_repo_path = _log(content)
    if isinstance(by_repo_path, Unavailable):
        return by_repo_path
    revisions = MappingProxyType(
        {path.removeprefix(prefix): revs for path, revs in by_repo_path.items() if path.startswith(prefix)}
    )
    needed = _newest_first(revisions, wanted, depth)
    if not needed:
        return ContentHistory(revisions, MappingProxyType({}), shallow)
    try:
        blobs = _cat_file(content, needed)
    except _GitFailedError as exc:
        return Unavailable(f"git cat-file failed ({exc})")
    except GitOutputError as exc:
        return Unavailable(f"git cat-file printed something unexpected ({exc})")
    return ContentHistory(revisions, blobs, shallow)


def _location(content: Path) -> tuple[str, bool] | Unavailable:
    """The content folder's path in its repository (`prefix/` or empty), and whether the clone is shallow."""
    try:
        location = _git(content, "rev-parse", "--show-prefix", "--is-shallow-repository")
    except FileNotFoundError:
        return Unavailable("git is not installed")
    except _GitFailedError as exc:
        return Unavailable(f"{content} is not in a git checkout ({exc})")
    lines = location.decode("utf-8", "surrogateescape").split("\n")
    return lines[0], lines[1:2] == ["true"]


def _log(content: Path) -> Mapping[str, tuple[Revision, ...]] | Unavailable:
    """Each repository path's revisions under the content folder (none in a repository without commits)."""
    try:
        log = _git(
            content,
            "log",
            "-z",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--cc",
            "--encoding=UTF-8",
            f"--format={LOG_FORMAT}",
            "--",
            ".",
        )
        return parse_log(log)
    except _GitFailedError as exc:
        if "does not have any commits yet" in str(exc):
            return MappingProxyType({})
        return Unavailable(f"git log failed ({exc})")
    except GitOutputError as exc:
        return Unavailable(f"git log printed something unexpected ({exc})")


def _newest_first(
    revisions: Mapping[str, tuple[Revision, ...]], wanted: Iterable[str], depth: int
) -> list[str]:
    """The object ids of each wanted file's newest `depth` versions: every file's newest, then every file's
    one before, and so on, so that what fills the bytes history may keep is what the pages show first."""
    kept = ([r.blob for r in revisions.get(path, ()) if not r.deleted] for path in sorted(set(wanted)))
    columns = [blobs[:depth] for blobs in kept]
    return list(dict.fromkeys(blob for row in zip_longest(*columns) for blob in row if blob is not None))


def _git(folder: Path, *args: str) -> bytes:
    """Run one git command in the folder and return what it printed; raise _GitFailedError on failure."""
    result = subprocess.run(_command(folder, *args), input=b"", capture_output=True, env=_env(), check=False)
    if result.returncode != 0:
        raise _GitFailedError(_last_line(result.stderr, result.returncode))
    return result.stdout


def _cat_file(folder: Path, ids: Iterable[str]) -> Mapping[str, Blob]:
    """The objects' text from one `git cat-file --batch`, read while git prints it (see `read_batch`)."""
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            _command(folder, "cat-file", "--batch"), stdin=PIPE, stdout=PIPE, stderr=errors, env=_env()
        ) as git,
    ):
        assert git.stdin is not None and git.stdout is not None  # both are pipes: stdin=PIPE, stdout=PIPE
        # Fed from a thread: git answers while it reads, and once the output pipe is full it stops
        # reading until this process reads, which it cannot do while it is still writing.
        feeder = threading.Thread(target=_feed, args=(git.stdin, batch_input(ids)), daemon=True)
        feeder.start()
        try:
            blobs = read_batch(git.stdout, MAX_SOURCE_BYTES, MAX_KEPT_BYTES)
        except BaseException:
            git.kill()
            raise
        finally:
            feeder.join()
        code = git.wait()
        errors.seek(0)
        message = errors.read(4096)
    if code != 0:
        raise _GitFailedError(_last_line(message, code))
    return blobs


def _feed(pipe: IO[bytes], data: bytes) -> None:
    try:
        with pipe:
            pipe.write(data)
    except OSError:
        pass  # git stopped reading (it failed, or its output was refused): its exit status says why


def _command(folder: Path, *args: str) -> list[str]:
    config = [part for setting in PINNED_CONFIG for part in ("-c", setting)]
    return ["git", "-C", str(folder), *config, *args]


def _env() -> dict[str, str]:
    return {**os.environ, **ENVIRONMENT}


def _last_line(stderr: bytes, code: int) -> str:
    message = stderr.decode("utf-8", "replace").strip().splitlines()
    return message[-1][:200] if message else f"exit status {code}"
