"""Build a site safely: into a fresh staging folder, swapped into place only when everything passed.

Reads a settings file and a content folder; writes the output folder, and only on success. Pelican runs
in-process with every logged error or warning treated as fatal (a plugin that fails to load, a template
problem), so a build either publishes a complete site or leaves the previous one untouched.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hub_content import InvalidContentError, SettingsError
from hub_content.errors import SiteCheckError, display_path
from hub_core.context import BACKGROUND_KEY, PREVIEW_KEY, PUBLISHED_KEY
from hub_core.outputs import DuplicateOutputError
from hub_core.preview import Preview
from hub_core.workers import Background
from hub_search.bundle import entry_inode, placing
from hub_search.indexer import BUNDLE, link_tree

from . import guard
from .guard import MARKER, OLD, STAGING, UnsafeOutputError, check_output, leftovers, mark_site, removable
from .overlay import MANIFEST, OVERLAY


class BuildFailedError(Exception):
    """The build did not complete; the message says why, the output folder was not touched."""


class SupersededError(BuildFailedError):
    """The devserver saved newer content while this build ran: its site was discarded, not published."""


class OutputRefusedError(BuildFailedError):
    """The output folder is one a build must not replace (guard.py); nothing was written or deleted."""


class _HubMessages(logging.Handler):
    """Shows the plugins' own notes (hub_* loggers, INFO and up) on the command line, once each; with
    `shown` (the devserver's builds), a warning printed by an earlier build is not printed again."""

    def __init__(self, shown: set[str] | None = None) -> None:
        super().__init__(level=logging.INFO)
        self.addFilter(lambda record: record.name.startswith("hub_"))
        self.shown = shown

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.shown is not None and message.startswith("warning: "):  # hub_content's, at their lines
            if message in self.shown:
                return
            self.shown.add(message)
        print(f"note: {message}", file=sys.stderr)


class _Counter(logging.Handler):
    """Remembers every warning or error Pelican logs, so none can pass unnoticed."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(
    settings_file: Path,
    content: Path,
    output: Path,
    cache: Path | None = None,
    preview: Preview | None = None,
    ready: Callable[[], bool] | None = None,
) -> int:
    """Build the site; return the number of pages written. Raise BuildFailedError or InvalidContentError.

    The output folder is checked first (guard.check_output): a folder the build must not replace is
    refused with OutputRefusedError before anything is written or deleted. With `preview` (the
    devserver's builds), the plugins leave in it what the devserver keeps between saves, and search is
    left to the devserver (hub_core/preview.py). `ready` is asked once the whole site is staged, just
    before it is swapped into place: False (newer content was saved meanwhile) discards it with
    SupersededError.
    """
    _checked(output, content, settings_file)
    target = output.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target):
        if _checked(output, content, settings_file) != target:  # again: it may have changed while we waited
            raise OutputRefusedError(f"the output folder {output} moved while this build waited: build again")
        _clear_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-{STAGING}-", dir=target.parent))
        mark_site(staging)  # from now on, a build stopped midway leaves a folder the next one may delete
        try:
            pages = _generate(settings_file, content, target, staging, cache, preview)
            if ready is not None and not ready():
                raise SupersededError("a newer save came while this build ran: it was not published")
            _publish(staging, target, preview)
            return pages
        except (InvalidContentError, SettingsError, BuildFailedError):
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except (DuplicateOutputError, SiteCheckError) as exc:  # say what and where: no type name needed
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailedError(f"build stopped: {exc}") from exc
        except Exception as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailedError(f"{type(exc).__name__}: {exc}") from exc


def _checked(output: Path, content: Path, settings_file: Path) -> Path:
    try:
        return check_output(output, content, settings_file)
    except UnsafeOutputError as exc:
        raise OutputRefusedError(str(exc)) from None


def _generate(
    settings_file: Path,
    content: Path,
    output: Path,
    staging: Path,
    cache: Path | None,
    preview: Preview | None,
) -> int:
    """Run Pelican into the staging folder; the number of pages written, or an error if anything failed."""
    from pelican import Pelican

    counter = _Counter()
    with _build_logging(counter, preview.notes_shown if preview is not None else None):
        settings = _pelican_settings(settings_file, content, staging, cache)
        settings[BACKGROUND_KEY] = background = Background()
        settings[PUBLISHED_KEY] = str(output)  # unchanged pages may be copied from it (hub_pages/reuse.py)
        if preview is not None:
            settings[PREVIEW_KEY] = preview
        # Pelican's closing summary counts its own articles and pages, which the hub does not use: it
        # would always read "0 articles", so it is swallowed and the driver reports the real count.
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                Pelican(settings).run()
        finally:
            background.stop_all()  # after a failure, nothing may go on writing beside the output
        if counter.records:
            problems = "\n".join(f"  {r.levelname.lower()}: {r.getMessage()}" for r in counter.records)
            raise BuildFailedError(f"Pelican reported problems:\n{problems}")
        return sum(1 for _ in staging.rglob("*.html"))


def _pelican_settings(
    settings_file: Path, content: Path, staging: Path, cache: Path | None
) -> dict[str, Any]:
    """The settings file's settings, reading `content` and writing into `staging` (with `cache`, if given)."""
    from pelican.settings import read_settings

    # The staging folder is new and empty: whatever the settings file says, Pelican deletes nothing.
    override = {
        "PATH": str(content.resolve()),
        "OUTPUT_PATH": str(staging),
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    if cache is not None:
        override["CACHE_PATH"] = str(cache.resolve())
    settings = read_settings(str(settings_file), override=override)
    # The staging folder is new and empty: whatever the settings file says, Pelican deletes nothing.
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    return settings


@contextlib.contextmanager
def _build_logging(counter: _Counter, shown: set[str] | None = None) -> Iterator[None]:
    """While a build runs: Pelican's records go to `counter`, and the hub's own notes are shown."""
    logger = logging.getLogger("pelican")
    logger.addHandler(counter)
    notes, root = _HubMessages(shown), logging.getLogger()
    root.addHandler(notes)
    previous_level = root.level
    root.setLevel(min(previous_level, logging.INFO))
    try:
        yield
    finally:
        logger.removeHandler(counter)
        root.removeHandler(notes)
        root.setLevel(previous_level)


@contextlib.contextmanager
def _exclusive(output: Path) -> Iterator[None]:
    """Hold the lock file beside the output, so two builds into one folder run one after the other.

    The second build waits (the lock goes with the process, so a killed build never leaves it held). The
    file is deleted on release; a build that was waiting on a deleted file takes a fresh one.
    """
    path = output.parent / f".{output.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"note: waiting for another build into {output} to finish", file=sys.stderr, flush=True)
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: no other build can have it yet
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _clear_leftovers(output: Path) -> None:
    """Delete the staging folders and replaced sites a stopped build left beside the output."""
    for folder in leftovers(output):
        if removable(folder):
            _remove_in_background(folder)
        else:
            print(f"note: left {folder} in place: it has no {MARKER} marker", file=sys.stderr)


def _publish(staging: Path, output: Path, preview: Preview | None = None) -> None:
    """Swap the finished site into place; the old one is removed only after the new one is there."""
    mark_site(staging)  # written again last, so its bytes are always the hub's own
    staging.chmod(0o755)  # mkdtemp makes it private; web servers must read it
    if preview is not None and preview.search_deferred:
        # The devserver may have put a newer bundle in place since this build carried the last one over:
        # carried over again, under the lock it places bundles under, so the swap never brings back an
        # older bundle than the one served (the pages it serves may already be indexed only in that one).
        with placing(output):
            _carry_bundle(output, staging)
            replaced = swap_in(staging, output)
    else:
        replaced = swap_in(staging, output)
    if replaced is not None:
        _remove_in_background(replaced)


def _carry_bundle(output: Path, staging: Path) -> None:
    served, carried = output / BUNDLE, staging / BUNDLE
    if entry_inode(served) is None or _bundle_identity(served) == _bundle_identity(carried):
        return
    shutil.rmtree(carried, ignore_errors=True)
    link_tree(served, carried)


def _bundle_identity(bundle: Path) -> tuple[int | None, int | None]:
    """Which bundle this is, with which overlay (overlay.py): the inodes of their entry files."""
    try:
        overlay = (bundle / OVERLAY / MANIFEST).stat().st_ino
    except OSError:
        overlay = None
    return entry_inode(bundle), overlay


def swap_in(staging: Path, output: Path) -> Path | None:
    """Put the staging folder at the output's place; return where the replaced site now is, if any.

    Where the system can (Linux, on most filesystems), the two folders trade places in one step: a reader
    finds either the whole old site or the whole new one, never nothing. Elsewhere the old site is moved
    aside and the new one moved in: two renames, between which the output is missing for an instant.
    """
    if not os.path.lexists(output):
        os.rename(staging, output)
        return None
    if exchange(staging, output):
        return staging
    old = output.parent / f".{output.name}-{OLD}-{staging.name.rsplit('-', 1)[1]}"
    os.rename(output, old)
    try:
        os.rename(staging, output)
    except OSError:
        os.rename(old, output)
        raise
    return old


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE); False where it is not supported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # the kernel or the filesystem cannot
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's renameat2 (glibc 2.28 and later, musl), or None on other systems."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _remove_in_background(folder: Path) -> None:
    """Delete a replaced site in a process of its own, which outlives this one.

    The new site is already in place, so the build does not wait while thousands of files are unlinked
    (seconds, for a large site). A removal cut short is finished by the next build into the same folder;
    guard.py deletes only a folder with the marker (or an empty one), and the marker last.
    """
    subprocess.Popen(
        [sys.executable, "-I", guard.__file__, "remove", folder],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def report_failure(exc: Exception, output: Path) -> None:
    print(str(exc), file=sys.stderr)
    if isinstance(exc, OutputRefusedError):
        print("build refused: nothing was written or deleted", file=sys.stderr)
        return
    state = "was left unchanged" if output.exists() else "was not created"
    print(f"build failed: the site in {output} {state}", file=sys.stderr)


def errors_json(exc: Exception) -> str:
    """The errors of a failed build as JSON for tools (the devserver): a list of {path, line, message}.

    Content errors keep their file and line; any other failure is one entry with an empty path and line 0.
    """
    if isinstance(exc, InvalidContentError):
        items = [{"path": display_path(e.path), "line": e.line, "message": e.message} for e in exc.errors]
    elif isinstance(exc, SettingsError):  # one entry per problem, as the content's errors
        items = [{"path": "", "line": 0, "message": problem} for problem in exc.problems]
    else:
        items = [{"path": "", "line": 0, "message": str(exc)}]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"
