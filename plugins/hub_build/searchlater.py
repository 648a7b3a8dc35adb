"""The devserver's search: Pagefind runs once the pages a save changed are served, and catches up with
the build that follows.

Reads the served output folder's searchable pages (the list the last build, or a fast render, gave) and
its current bundle; writes a new bundle beside the output, then puts it in place of `pagefind/` in one
atomic exchange, so a search in the browser finds either the old index or the new one, never half of
either. Pagefind starts as soon as a fast render has written the changed pages, while the build runs;
once the build is done, its searchable pages are compared, by their bytes, with those indexed: the same
pages keep the run (and its bundle, if the build carried it over), others start a new one. A newer save
cancels a run. Tells the `BuildState` whether search is "updating", "current" or "failed" (the pages
show it: assets/reload.js). Runs in a thread of the devserver.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hub_search.bundle import Manifest
from hub_search.indexer import BUNDLE, IndexRun, SearchIndexError
from hub_search.reuse import manifest

from .build import exchange
from .rebuilds import BuildState

ENTRY = "pagefind-entry.json"


@dataclass
class _Run:
    pages: tuple[str, ...]
    cancelled: threading.Event
    thread: threading.Thread | None = None
    index: IndexRun | None = None
    digest: bytes | None = None
    """The indexed pages' paths and bytes, once Pagefind has them."""
    placed: int | None = None
    """The inode of the bundle's entry file once in place: a build that carried it over keeps it."""
    done: bool = False


class SearchUpdater:
    """At most one Pagefind run at a time, for the newest save; `cancel()` ends it before the next."""

    def __init__(self, output: Path, state: BuildState) -> None:
        self.output, self.state = output.resolve(), state
        self._lock = threading.Lock()
        self._run: _Run | None = None
        self._building = False

    def start(self, pages: Sequence[str], building: bool = False) -> None:
        """Index `pages` of the output folder in the background (cancelling any run going on); with
        `building`, a build is under way: search is current only once `built()` confirms the pages."""
        self.cancel()
        run = _Run(tuple(pages), threading.Event())
        run.thread = threading.Thread(target=self._update, args=(run,), name="hub-search", daemon=True)
        with self._lock:
            self._run, self._building = run, building
            self.state.set_search("updating")
        run.thread.start()

    def built(self, pages: Sequence[str]) -> None:
        """The build after a save is done and serves `pages`: keep the run if it indexed the same bytes."""
        digest = pages_digest(self.output, pages)
        with self._lock:
            self._building = False
            run = self._run
            same = run is not None and run.pages == tuple(pages)
            same = same and run is not None and (run.index is None or run.digest == digest)
            if same and run is not None and run.done:
                same = run.placed == _entry_inode(self.output / BUNDLE)
                if same:
                    self.state.set_search("current")
            if same:
                return
        self.start(pages)

    def build_failed(self) -> None:
        """The build after a save failed (its errors are shown): search covers the pages served."""
        with self._lock:
            self._building = False
            if self._run is not None and self._run.done:
                self.state.set_search("current")

    def cancel(self) -> None:
        """Stop the run going on, if any; its bundle is never put in place."""
        with self._lock:
            run = self._run
            if run is None:
                return
            run.cancelled.set()
            index = run.index
        if index is not None:
            index.stop()
        if run.thread is not None:
            run.thread.join()

    def _update(self, run: _Run) -> None:
        started = time.perf_counter()
        try:
            with self._lock:
                if run.cancelled.is_set():
                    return
                run.index = IndexRun(self.output, run.pages, _last(self.output / BUNDLE))
                run.digest = pages_digest(run.index.work / "pages", run.pages)
            fresh = run.index.work.parent / f"{run.index.work.name}-{BUNDLE}"
            report = run.index.finish(fresh)
        except (SearchIndexError, OSError) as exc:
            if not run.cancelled.is_set():
                print(f"search could not be updated: {exc}", file=sys.stderr, flush=True)
                self.state.set_search("failed")
            return
        with self._lock:
            if run.cancelled.is_set():
                shutil.rmtree(fresh, ignore_errors=True)
                return
            _put_in_place(fresh, self.output / BUNDLE)
            run.placed, run.done = _entry_inode(self.output / BUNDLE), True
            if not self._building:
                self.state.set_search("current")
            seconds = time.perf_counter() - started
            print(f"search updated: {report.pages} pages indexed ({seconds:.1f} s)", flush=True)


def pages_digest(folder: Path, pages: Sequence[str]) -> bytes | None:
    """The pages' paths and bytes in `folder` (None when one is missing: never the same as any other)."""
    digest = hashlib.sha256()
    try:
        for page in pages:
            digest.update(page.encode() + b"\0" + hashlib.sha256((folder / page).read_bytes()).digest())
    except OSError:
        return None
    return digest.digest()


def _last(bundle: Path) -> tuple[Path, Manifest] | None:
    """The served bundle, for Pagefind to write into a clone of its content-named files (it was put in
    place by this devserver, or carried over by a build, so its files are as they were written)."""
    return (bundle, manifest(bundle)) if bundle.is_dir() else None


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
