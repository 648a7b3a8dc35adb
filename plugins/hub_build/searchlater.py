"""The devserver's search: the index follows the served pages, after them, through Pagefind's service.

Reads the served output folder's searchable pages (the list the last build, or a fast render, gave);
writes each new bundle beside the output, then puts it in place of `pagefind/` in one atomic exchange,
so a search in the browser finds either the old index or the new one, never half of either. The index
is held open in Pagefind's service mode (heldindex.py): after a save, only the pages whose bytes changed
are sent again. Work starts as soon as a fast render has written the changed pages, while the build
runs; once the build is done, its searchable pages are compared by their bytes with those the index
holds, and only a difference (or a bundle the build replaced) sends more. One worker thread does all of
it, newest request first: a save made meanwhile makes the bundle being written stale (it is never put
in place). Tells the `BuildState` whether search is "updating", "current" or "failed" (the pages show it:
assets/reload.js).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from hub_build.guard import mark_site
from hub_search.indexer import BUNDLE

from .build import exchange
from .heldindex import HeldIndex
from .rebuilds import BuildState

ENTRY = "pagefind-entry.json"


@dataclass
class _Request:
    pages: tuple[str, ...]
    building: bool
    """A build is under way: search is current only once `built()` confirms the pages."""


class SearchUpdater:
    """Keeps the served bundle up to date with the served pages, in a worker thread of its own."""

    def __init__(self, output: Path, state: BuildState) -> None:
        self.output, self.state = output.resolve(), state
        self._changed = threading.Condition()
        self._pending: _Request | None = None
        self._generation = 0  # every request and every cancel moves it on: older work is stale
        self._placed: int | None = None  # the inode of the entry file of the bundle put in place last
        self._done = 0  # the generation of the last request the worker finished
        self._building = False
        self._stopped = False
        self._index: HeldIndex | None = None
        self._worker: threading.Thread | None = None

    def start(self, pages: Sequence[str], building: bool = False) -> None:
        """Bring the index up to `pages` of the output folder, in the background."""
        with self._changed:
            self._generation += 1
            self._pending = _Request(tuple(pages), building)
            self._building = building
            self.state.set_search("updating")
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="hub-search", daemon=True)
                self._worker.start()
            self._changed.notify_all()

    def built(self, pages: Sequence[str]) -> None:
        """The build after a save is done: search is current if the index holds these very pages and the
        bundle served is the one put in place last; otherwise it is brought up to them."""
        with self._changed:
            self._building = False
            busy = self._pending is not None or self._generation != self._done
        if not busy and self._holds(pages) and self._placed == _entry_inode(self.output / BUNDLE):
            self.state.set_search("current")
            return
        self.start(pages)

    def build_failed(self) -> None:
        """The build after a save failed (its errors are shown): search covers the pages served."""
        with self._changed:
            self._building = False
            if self._pending is None and self._generation == self._done:
                self.state.set_search("current")

    def cancel(self) -> None:
        """A save is about to be built: the bundle being written now, if any, is never put in place."""
        with self._changed:
            self._generation += 1
            self._pending = None

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._generation += 1
            self._pending = None
            self._changed.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=30)
        if self._index is not None:
            self._index.close()

    def _holds(self, pages: Sequence[str]) -> bool:
        held = self._index.held if self._index is not None else {}
        if set(held) != set(pages):
            return False
        try:
            return all(held[p] == sha256((self.output / p).read_bytes()).digest() for p in pages)
        except OSError:
            return False

    def _work(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._stopped or self._pending is not None)
                if self._stopped:
                    return
                request, generation, self._pending = self._pending, self._generation, None
            assert request is not None
            self._update(request, generation)

    def _update(self, request: _Request, generation: int) -> None:
        started = time.perf_counter()
        work = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-search-", dir=self.output.parent))
        mark_site(work)  # a devserver stopped midway leaves it: the next build may remove it
        try:
            if self._index is None:
                self._index = HeldIndex()
            sent = self._index.update(self.output, request.pages, work / BUNDLE)
        except Exception as exc:  # Pagefind failed or went away: say so, start a new service next time
            shutil.rmtree(work, ignore_errors=True)
            if self._index is not None:
                self._index.close_index()
            with self._changed:
                current = generation == self._generation
                self._done = generation
            if current:
                print(
                    f"search could not be updated: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True
                )
                self.state.set_search("failed")
            return
        with self._changed:
            self._done = generation
            if generation != self._generation:  # a newer save: this bundle is already stale
                shutil.rmtree(work, ignore_errors=True)
                return
            _put_in_place(work / BUNDLE, self.output / BUNDLE)
            self._placed = _entry_inode(self.output / BUNDLE)
            if not self._building:
                self.state.set_search("current")
            seconds = time.perf_counter() - started
            print(f"search updated: {sent} of {len(request.pages)} pages sent ({seconds:.1f} s)", flush=True)
        shutil.rmtree(work, ignore_errors=True)


def _entry_inode(bundle: Path) -> int | None:
    try:
        return (bundle / ENTRY).stat().st_ino
    except OSError:
        return None


def _put_in_place(fresh: Path, bundle: Path) -> None:
    """The new bundle at `bundle`, in one exchange where the system can; the old one is deleted."""
    if not bundle.exists():
        fresh.rename(bundle)
        return
    if not exchange(fresh, bundle):
        old = bundle.with_name(f".{bundle.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        bundle.rename(old)
        fresh.rename(bundle)
        fresh = old
    shutil.rmtree(fresh, ignore_errors=True)
