"""Files of the last build, or of the cache's file stores (drawn cards, toolkit downloads), taken into the
new one as hard links rather than copies.

Reads nothing; creates each target as a second name of the source's file, so it has the source's bytes,
size and modification time (what the reuse records compare) without a byte being copied. The file is
then shared by the published site and the staging folder, which is safe only because no writer of a
build opens an existing file for writing: the output registry creates every file exclusively (`xb`),
Pagefind's clone holds only the files it skips (hub_search/bundle.py), the site's marker is replaced
by rename (hub_build/guard.py), and a file goes into a file store by rename too (`cache.FileStore`).
Where the file system refuses a link (another device, no hard links, a file at its link limit, links
forbidden to this user), the file is copied with its times instead.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from typing import TypeAlias

StrPath: TypeAlias = str | os.PathLike[str]  # a Path, or the str shutil.copytree passes

# What a file system answers when it cannot make the link; any other error (a missing source, a target
# that exists) is a defect and is raised.
REFUSED = frozenset(
    {errno.EXDEV, errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}
)


class NotAFileError(OSError):
    """The last build's entry is not a regular file (a link, a folder): it is never taken into the site."""


def share(source: StrPath, target: StrPath) -> None:
    """Create `target` as a hard link to the regular file `source`, or as a copy where links are refused.

    Never follows a symbolic link: a link planted in the published folder must not bring the file it
    points at into the new site.
    """
    if not stat.S_ISREG(os.lstat(source).st_mode):
        raise NotAFileError(errno.EINVAL, "not a regular file", str(source))
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in REFUSED:
            raise
        shutil.copy2(source, target, follow_symlinks=False)


def is_regular(path: StrPath) -> os.stat_result | None:
    """The file's own status if `path` is a regular file (not a link to one), else None."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None
