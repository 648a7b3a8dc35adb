"""Read the content folder's history from git with a fixed number of git processes, whatever its size.

Reads, through the `git` on PATH: where the repository is (`git rev-parse`, once), every commit that
touched the content folder with the files each one changed (`git log`, once) and the text of every
version asked for (`git cat-file --batch`, once, fed every object id at the same time). Writes nothing;
git is only asked, never told (no locks, no fetches, no changes to the repository or its index).

A file's versions are the commits that changed it, newest first in git's order: on side branches too, and
a merge only when it changed the file itself (resolving a conflict). Renames are not followed: a renamed
file's history starts at the rename. Outside a git checkout, without git, or when git fails,
`read_history` returns `Unavailable` with the reason instead of raising: the build goes on without history.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .gitlog import LOG_FORMAT, GitOutputError, Revision, batch_input, parse_batch, parse_log

# Settings that would change what git prints, pinned so a user's configuration cannot break the parser
# or make two machines build different pages from the same commit.
PINNED_CONFIG = (
    "core.quotepath=off",
    "color.ui=never",
    "log.showSignature=false",
    "log.follow=false",
    "diff.relative=false",
    "log.showRoot=true",
)
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
    blobs: Mapping[str, bytes | None]
    """Text by object id; None when git could not provide it (a partial clone)."""
    shallow: bool
    """A shallow clone: history stops at the clone's depth."""

    def of(self, path: str) -> tuple[Revision, ...]:
        return self.revisions.get(path, ())


class _GitFailedError(Exception):
    pass


def read_history(content: Path, wanted: Iterable[str]) -> ContentHistory | Unavailable:
    """The history of the content folder, with the text of every version of the `wanted` files.

    `wanted` are paths relative to the content folder. Exactly three git processes run (one when the
    folder is not in a git checkout), however many files and versions there are.
    """
    try:
        location = _git(content, "rev-parse", "--show-prefix", "--is-shallow-repository")
    except FileNotFoundError:
        return Unavailable("git is not installed")
    except _GitFailedError as exc:
        return Unavailable(f"{content} is not in a git checkout ({exc})")
    lines = location.decode("utf-8", "surrogateescape").split("\n")
    prefix, shallow = lines[0], lines[1:2] == ["true"]
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
        by_repo_path = parse_log(log)
    except _GitFailedError as exc:
        if "does not have any commits yet" in str(exc):
            by_repo_path = MappingProxyType({})
        else:
            return Unavailable(f"git log failed ({exc})")
    except GitOutputError as exc:
        return Unavailable(f"git log printed something unexpected ({exc})")
    revisions = MappingProxyType(
        {path.removeprefix(prefix): revs for path, revs in by_repo_path.items() if path.startswith(prefix)}
    )
    needed = dict.fromkeys(
        r.blob for path in sorted(set(wanted)) for r in revisions.get(path, ()) if not r.deleted
    )
    if not needed:
        return ContentHistory(revisions, MappingProxyType({}), shallow)
    try:
        blobs = parse_batch(_git(content, "cat-file", "--batch", stdin=batch_input(needed)))
    except _GitFailedError as exc:
        return Unavailable(f"git cat-file failed ({exc})")
    except GitOutputError as exc:
        return Unavailable(f"git cat-file printed something unexpected ({exc})")
    return ContentHistory(revisions, blobs, shallow)


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command in the folder and return what it printed; raise _GitFailedError on failure."""
    config = [part for setting in PINNED_CONFIG for part in ("-c", setting)]
    result = subprocess.run(
        ["git", "-C", str(folder), *config, *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env={**os.environ, **ENVIRONMENT},
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailedError(message[-1] if message else f"exit status {result.returncode}")
    return result.stdout
