"""The devserver's builds, run by one long-lived build process (session.py) that keeps the last build.

Sends that process the files saved and reads back, as `BuildResult`s, the pages it rendered at once (a
save that changed only a document's text) and the build that followed, with its errors at their files
and lines. Keeps the last `BuildResult` and the state of search in a `BuildState`, where the browser's
event streams wait for the next change.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .overlay import Overlay

PLUGINS = Path(__file__).resolve().parent.parent
POLL = 0.5  # seconds between checks for shutdown in every loop (event streams, watcher, server)


@dataclass(frozen=True)
class BuildError:
    path: str
    """As the build printed it (relative to the working folder when inside it); empty when not a file's."""
    line: int
    message: str


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    summary: str
    """The build's closing line: 'built 26 pages into output' or 'build failed: ...'."""
    errors: tuple[BuildError, ...] = ()
    seconds: float = 0.0
    pages: tuple[str, ...] = ()
    """A fast render's pages (relative to the output folder); empty for a build, which may change any."""
    more: bool = False
    """A fast render's pages that others of the same save follow (search waits for the last)."""
    searchable: tuple[str, ...] | None = None
    """After a devserver's build: the pages Pagefind is to index (None after a failed build)."""
    indexed: bool = False
    """The build ran Pagefind itself over `searchable` (the devserver's first): its bundle is current."""


class BuildState:
    """The last build's result, how many builds have finished and the state of search; event streams
    wait here for the next change."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0
        self._result: BuildResult | None = None
        self._search = "updating"  # until the first build's pages are indexed
        self._search_count = 0
        self.run_id = secrets.token_hex(4)
        """Tells this devserver run from the next one, so open tabs reload after a restart too."""
        self._open: Counter[str] = Counter()  # the pages open in a browser (their event streams), by file
        self._building = True  # the first build starts with the devserver
        self._indexing = False  # search is current through an overlay; the full Pagefind run goes on
        self._bundles = 0  # bundles put in place so far: the search page reads the index again on a change
        self._overlay: Overlay | None = None
        self._saves = 0  # saves handed to the build process (the first build is the first)

    def page_opened(self, page: str) -> None:
        """A tab showing `page` (relative to the output folder) connected its event stream."""
        with self._changed:
            self._open[page] += 1

    def page_closed(self, page: str) -> None:
        with self._changed:
            self._open[page] -= 1
            if self._open[page] <= 0:
                del self._open[page]

    def open_pages(self) -> tuple[str, ...]:
        """The pages open in a browser now: a fast render writes these first."""
        with self._changed:
            return tuple(sorted(self._open))

    def building(self) -> int:
        """A save is handed to the build process (the first build too): the save's number, which its
        replies give back. Pages rendered at once may come before its build ends."""
        with self._changed:
            self._saves += 1
            self._building = True
            return self._saves

    def is_last(self, save: int | None) -> bool:
        """Whether `save` (None: unknown, taken as the last) is the last save handed over."""
        with self._changed:
            return save is None or save == self._saves

    def publish(self, result: BuildResult, covers: int | None = None) -> bool:
        """A fast render's pages (which the build still follows), or the end of a build that covers the
        saves up to number `covers` (None: all). Whether that leaves no save to build."""
        with self._changed:
            self._count += 1
            self._result = result
            last = covers is None or covers == self._saves
            if not result.pages and last:
                self._building = False
            self._changed.notify_all()
            return last

    def set_search(self, state: str, indexing: bool = False) -> None:
        """ "updating" from a save until the bundle covers it, then "current" (or "failed"); `indexing`
        while it is current through an overlay (overlay.py) and the full run is still to come."""
        with self._changed:
            self._indexing = indexing
            if state != self._search:
                self._search = state
                self._search_count += 1
                self._changed.notify_all()

    def bundle_served(self, overlay: Overlay | None) -> None:
        """A new bundle was put in place (no overlay), or an overlay into the bundle served."""
        with self._changed:
            self._bundles += 1
            self._overlay = overlay

    def search_json(self) -> dict[str, object]:
        """What /__hub__/search.json says: which bundle is served, and its overlay if it has one."""
        with self._changed:
            overlay = self._overlay.json() if self._overlay is not None else None
            return {"bundle": self._bundles, "overlay": overlay}

    def result(self) -> BuildResult | None:
        with self._changed:
            return self._result

    def status(self) -> dict[str, object]:
        """What /__hub__/status.json says: builds finished (fast renders included), whether the last
        succeeded, whether a build is running, and search (with whether a full Pagefind run is still to
        come after an overlay made it current)."""
        with self._changed:
            ok = self._result is not None and self._result.ok
            return {
                "build": self._count,
                "ok": ok,
                "building": self._building,
                "search": self._search,
                "indexing": self._indexing,
            }

    def wait_any(self, seen: tuple[int, int] | None, timeout: float) -> tuple[int, int, str]:
        """(builds finished, search changes, search state), as soon as either count differs from `seen`."""
        with self._changed:
            self._changed.wait_for(lambda: (self._count, self._search_count) != seen, timeout)
            return self._count, self._search_count, self._search


class Builder:
    """Runs the builds in one long-lived `python -m hub_build session` process (session.py), which keeps
    the last build in memory between saves; `restart()` replaces it (after a change to the code or the
    templates), `stop()` ends it.

    `send()` hands it a save and returns at once. Its replies are read by a thread of their own, which
    tells `on_fast` of the pages rendered at once and `on_build` of each build's end, each with the number
    of the save it renders (or the last it covers). A save made while a build runs is answered at once by
    a stand-in (standin.py); the build it made stale is not published, and the one after it covers both.
    The process runs in a process group of its own, ended as a whole, and ends by itself if the
    devserver is killed.
    """

    def __init__(
        self,
        settings: Path,
        content: Path,
        output: Path,
        cache: Path | None,
        on_fast: Callable[[BuildResult, int | None], None],
        on_build: Callable[[BuildResult, int | None], None],
    ):
        self.command = [
            sys.executable,
            "-m",
            "hub_build",
            "session",
            "-s",
            str(settings),
            "-i",
            str(content),
            "-o",
            str(output),
            *(["--cache", str(cache)] if cache else []),
        ]
        path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH", "")) if p)
        self.env = {**os.environ, "PYTHONPATH": path, "HUB_DEVSERVER_PID": str(os.getpid())}
        self.on_fast, self.on_build = on_fast, on_build
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._started = time.monotonic()
        self._stopped = False

    def send(self, save: int, changed: Sequence[Path] = (), open_pages: Sequence[str] = ()) -> None:
        """Hand the build process save number `save`, of `changed` (nothing: the first build); the pages
        of `open_pages` are rendered first."""
        with self._lock:
            if self._stopped:
                return
            process = self._session()
            self._started = time.monotonic()
            request = {"id": save, "changed": [str(p) for p in changed], "open": list(open_pages)}
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
            except (OSError, ValueError):
                pass  # the process is gone: its reader says so, and the next save starts a fresh one

    def _session(self) -> subprocess.Popen[str]:
        """(Holding the lock.) The build process, started if there is none (or it ended)."""
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=self.env,
                process_group=0,  # its forked workers and stand-in with it: ended together (`_end`)
            )
            self._reader = threading.Thread(
                target=self._read, args=(self._process,), name="hub-builds", daemon=True
            )
            self._reader.start()
        return self._process

    def _read(self, process: subprocess.Popen[str]) -> None:
        """Tell of each reply of `process` until it ends; a process that ended by itself is a failure."""
        assert process.stdout is not None
        try:
            for line in process.stdout:
                reply = json.loads(line)
                kind = reply.get("kind")
                if kind == "fast":
                    self.on_fast(_fast_result(reply), _number(reply.get("id")))
                elif kind == "build" and reply.get("superseded"):
                    print("saved again while building: building again", flush=True)
                elif kind == "build":
                    with self._lock:
                        seconds = time.monotonic() - self._started
                    self.on_build(_build_result(reply, seconds), _number(reply.get("covers")))
        except (OSError, ValueError):
            pass
        with self._lock:
            if self._process is not process:  # restarted or stopped: nobody waits for its replies
                return
            self._process = None
            seconds = time.monotonic() - self._started
        _end(process)
        message = "the build process stopped unexpectedly: see the messages above"
        self.on_build(BuildResult(False, "build failed", (BuildError("", 0, message),), seconds), None)

    def restart(self) -> None:
        """End the build process; the next build starts a fresh one, with the code as it is now."""
        with self._lock:
            process, self._process = self._process, None
        _end(process)

    def stop(self) -> None:
        """Stop the build running now, if any, and start no other."""
        with self._lock:
            self._stopped = True
            process, self._process = self._process, None
            reader = self._reader
        _end(process)
        if reader is not None:
            reader.join(timeout=10)


def _end(process: subprocess.Popen[str] | None) -> None:
    """End the process and every process of its group: its build's workers, its stand-in, Pagefind."""
    if process is None:
        return
    _signal_group(process, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    _signal_group(process, signal.SIGKILL)  # whatever of the group is left (a worker that ignored SIGTERM)
    process.wait()


def _signal_group(process: subprocess.Popen[str], number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, number)


def _number(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _fast_result(reply: dict[str, Any]) -> BuildResult:
    pages = tuple(str(p) for p in reply.get("pages", ()))
    shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
    summary = f"rendered at once: {shown}"
    searchable = reply.get("searchable")
    return BuildResult(
        True,
        summary,
        seconds=float(reply.get("seconds", 0.0)),
        pages=pages,
        searchable=tuple(searchable) if searchable is not None else None,
        more=reply.get("final") is False,
    )


def _build_result(reply: dict[str, Any], seconds: float) -> BuildResult:
    errors = tuple(
        BuildError(str(e.get("path", "")), int(e.get("line", 0)), str(e.get("message", "")))
        for e in reply.get("errors", ())
    )
    searchable = reply.get("searchable")
    return BuildResult(
        bool(reply.get("ok")),
        str(reply.get("summary", "")),
        errors,
        seconds,
        searchable=tuple(searchable) if searchable is not None else None,
        indexed=bool(reply.get("indexed")),
    )
