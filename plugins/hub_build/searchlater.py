"""The devserver's search: the bundle follows the served pages, right after them, by Pagefind's own run.

Reads the served output folder's searchable pages (the list the last build, or a fast render, gave) and
its bundle; writes each new bundle beside the output, then puts it in place of `pagefind/` in one atomic
exchange, so a search in the browser finds either the old index or the new one, never half of either.
The bundle replaced is kept beside the output until the next exchange (`previous_bundle`): a search
begun before still asks for its files, which the devserver then serves from there (devhandler.py).

The first build's bundle is Pagefind's run in that build (hub_search): it is current as soon as that
build is. After a save, Pagefind runs again over the searchable pages into a hard-link clone of the
bundle served (hub_search/bundle.py): it skips every content-named file already there and writes only
what the changed pages changed (at 2,000 documents: 8.6 s, where a run into an empty folder takes 16.7 s
and filling Pagefind's service mode page by page took minutes). Work starts as soon as a fast
render has written the changed pages, while the build runs: search is "current" once the bundle put in
place holds every searchable page's bytes as they were when the run started, and no build has finished
since with pages it has not compared. When the build is done, its searchable pages are compared by their
bytes with those the served bundle holds, and only a difference (or a bundle the build replaced) starts
another run, and says "updating" again. One worker thread does all of it: a save made meanwhile makes the
bundle being written stale (it is never put in place). Tells the `BuildState` whether search is
"updating", "current" or "failed" (the pages show it: assets/reload.js).

Before that full run, a save that changed few searchable pages is indexed apart into an overlay inside
the served bundle (overlay.py), which the search page merges in: search is "current" as soon as the
overlay is in place, with `indexing` set until the full run's bundle (which has none) replaces it.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from hashlib import sha256
from pathlib import Path

from hub_build.guard import mark_site
from hub_search.bundle import BundleFormatError, entry_inode, manifest, page_ids, placing
from hub_search.indexer import BUNDLE, IndexRun

from . import overlay
from .build import exchange
from .rebuilds import BuildState


class SearchUpdater:
    """Keeps the served bundle up to date with the served pages, in a worker thread of its own."""

    def __init__(self, output: Path, state: BuildState) -> None:
        self.output, self.state = output.resolve(), state
        self._changed = threading.Condition()
        self._pending: tuple[str, ...] | None = None
        self._generation = 0  # every save and every stop moves it on: work begun before is stale
        self._running = False
        self._served: Mapping[str, bytes] | None = None  # each page the bundle in place holds, by digest
        self._placed: int | None = None  # the inode of the entry file of that bundle
        self._covered: Mapping[str, bytes] | None = None  # the pages that bundle and its overlay hold
        self._ids: tuple[int, dict[str, str]] | None = None  # its result ids by address, by entry inode
        self._warm: int | None = None  # a bundle put in place whose result ids are read while idle
        self._stopped = False
        self._worker: threading.Thread | None = None

    def indexed(self, pages: Sequence[str]) -> None:
        """A build ran Pagefind itself over `pages` and its bundle is served: search is current."""
        served = _digests(self.output, pages)
        with self._changed:
            if self._pending is not None or self._running or served is None:
                self._request(tuple(pages))
                return
            self._served, self._placed = served, entry_inode(self.output / BUNDLE)
            self._covered = None
            self.state.bundle_served(None)
            self.state.set_search("current")
            self._warm = self._placed
            self._wake()

    def start(self, pages: Sequence[str]) -> None:
        """Bring the bundle up to `pages` of the output folder, in the background."""
        with self._changed:
            self._request(tuple(pages))

    def built(self, pages: Sequence[str]) -> None:
        """The build after a save is done: search is current if the bundle served holds these very pages;
        otherwise it is brought up to them."""
        digests = _digests(self.output, pages)
        with self._changed:
            if self._pending is None and not self._running and self._holds(digests):
                self._drop_overlay()
                self.state.set_search("current")
                return
            # Found through the overlay already: the full run follows without saying "updating" again.
            self._request(tuple(pages), quiet=digests is not None and digests == self._covered)

    def build_failed(self) -> None:
        """The build after a save failed (its errors are shown): search covers the pages served."""
        with self._changed:
            if self._pending is None and not self._running:
                self.state.set_search("current")

    def cancel(self) -> None:
        """A save is about to be built: the bundle being written now, if any, is never put in place."""
        with self._changed:
            self._generation += 1
            self._pending = None
            self.state.set_search("updating")

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._generation += 1
            self._pending = None
            self._changed.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=60)
        shutil.rmtree(previous_bundle(self.output).parent, ignore_errors=True)

    def _request(self, pages: tuple[str, ...], quiet: bool = False) -> None:
        """(Holding the lock.) The newest pages to index; what runs now finishes and may still be placed.
        `quiet`: the overlay already holds them, so search stays "current" while the full run goes on."""
        self._pending = pages
        if quiet:
            self.state.set_search("current", indexing=True)
        else:
            self.state.set_search("updating")
        self._wake()

    def _wake(self) -> None:
        """(Holding the lock.) The worker has something to do: started if it is not yet."""
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="hub-search", daemon=True)
            self._worker.start()
        self._changed.notify_all()

    def _holds(self, digests: Mapping[str, bytes] | None) -> bool:
        """(Holding the lock.) Whether the bundle served is the one put in place last and holds the pages
        with these digests."""
        if digests is None or self._served is None:
            return False
        return self._placed == entry_inode(self.output / BUNDLE) and digests == self._served

    def _work(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(
                    lambda: self._stopped or self._pending is not None or self._warm is not None
                )
                if self._stopped:
                    return
                pages, generation, self._pending = self._pending, self._generation, None
                warm = self._warm if pages is None else None
                self._warm = None if pages is None else self._warm
                self._running = pages is not None
            if pages is None:  # idle: the next save's overlay will need the served bundle's result ids
                with contextlib.suppress(BundleFormatError, OSError):
                    self._page_ids(warm)  # type: ignore[arg-type]
                continue
            # Read before Pagefind links them: a page replaced meanwhile is then seen as changed next time.
            digests = _digests(self.output, pages)
            with self._changed:
                if self._holds(digests):  # the build changed no searchable page: nothing to run
                    self._drop_overlay()
                    self._finished(generation, "current")
                    continue
            self._overlay(generation, digests)
            self._update(pages, generation, digests)

    def _overlay(self, generation: int, digests: Mapping[str, bytes] | None) -> None:
        """Index apart the pages that differ from the served bundle's, when they are few, and put them in
        place as its overlay: search is then current while the full run goes on."""
        with self._changed:
            served, placed, covered = self._served, self._placed, self._covered
        if digests is None or served is None or placed is None or digests == covered:
            return
        diff = overlay.difference(served, digests)
        if diff.size == 0 or diff.size > overlay.LIMIT:
            return
        started = time.perf_counter()
        work = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-search-", dir=self.output.parent))
        mark_site(work)
        try:
            made = overlay.write(self.output, diff, self._page_ids(placed), work / overlay.OVERLAY)
        except Exception as exc:  # the full run follows and says what failed, if it fails too
            print(f"search overlay skipped: {type(exc).__name__}: {exc}", file=sys.stderr)
            shutil.rmtree(work, ignore_errors=True)
            return
        with self._changed:
            if generation == self._generation:
                with placing(self.output):
                    if entry_inode(self.output / BUNDLE) == placed:
                        _put_in_place(work / overlay.OVERLAY, self.output / BUNDLE / overlay.OVERLAY)
                        self._covered = digests
                        self.state.bundle_served(made)
                        seconds = time.perf_counter() - started
                        print(f"search overlaid: {len(diff.changed)} pages indexed apart ({seconds:.1f} s)")
                        if self._pending is None:
                            self.state.set_search("current", indexing=True)
        shutil.rmtree(work, ignore_errors=True)

    def _drop_overlay(self) -> None:
        """(Holding the lock.) The pages are back to those the served bundle holds: its overlay, if any,
        would hide them behind older words."""
        if self._covered is None:
            return
        with placing(self.output):
            gone = self.output / BUNDLE / overlay.OVERLAY
            if gone.is_dir():
                aside = gone.with_name(f".{overlay.OVERLAY}-old")
                shutil.rmtree(aside, ignore_errors=True)
                gone.rename(aside)
                shutil.rmtree(aside, ignore_errors=True)
        self._covered = None
        self.state.bundle_served(None)

    def _page_ids(self, placed: int) -> dict[str, str]:
        """The served bundle's result ids by page address, read once per bundle."""
        if self._ids is None or self._ids[0] != placed:
            ids = page_ids(self.output / BUNDLE)
            if entry_inode(self.output / BUNDLE) != placed:
                raise BundleFormatError("the bundle was replaced while its pages were read")
            self._ids = (placed, ids)
        return self._ids[1]

    def _update(self, pages: tuple[str, ...], generation: int, digests: Mapping[str, bytes] | None) -> None:
        started = time.perf_counter()
        work = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-search-", dir=self.output.parent))
        mark_site(work)  # a devserver stopped midway leaves it: the next build may remove it
        try:
            if digests is None:
                raise OSError("a searchable page went missing while it was read: it is read again next time")
            served = self.output / BUNDLE
            last = (served, manifest(served)) if entry_inode(served) is not None else None
            report = IndexRun(self.output, pages, last).finish(work / BUNDLE)
        except Exception as exc:  # Pagefind failed, or a page moved under it: said; the next save tries again
            shutil.rmtree(work, ignore_errors=True)
            with self._changed:
                if generation == self._generation and self._pending is None:
                    print(f"search could not be updated: {type(exc).__name__}: {exc}", file=sys.stderr)
                self._finished(generation, "failed")
            return
        with self._changed:
            if generation == self._generation:  # else a newer save: this bundle is already stale
                with placing(self.output):
                    # The old bundle is kept: a search begun before still asks for its files.
                    _put_in_place(work / BUNDLE, self.output / BUNDLE, previous_bundle(self.output))
                    self._served, self._placed = digests, entry_inode(self.output / BUNDLE)
                    self._covered = None
                    self.state.bundle_served(None)
                    self._warm = self._placed
                seconds = time.perf_counter() - started
                print(
                    f"search updated: {len(pages)} pages, {report.cloned} files kept ({seconds:.1f} s)",
                    flush=True,
                )
            self._finished(generation, "current")
        shutil.rmtree(work, ignore_errors=True)

    def _finished(self, generation: int, state: str) -> None:
        """(Holding the lock.) Say `state` unless a newer save or request came while this ran."""
        self._running = False
        if generation == self._generation and self._pending is None:
            self.state.set_search(state)


def _digests(output: Path, pages: Sequence[str]) -> Mapping[str, bytes] | None:
    try:
        return {page: sha256((output / page).read_bytes()).digest() for page in pages}
    except OSError:
        return None


def previous_bundle(output: Path) -> Path:
    """Where the bundle served before the last exchange is kept, beside the output (never in it: the
    served site stays what a build writes), until the next exchange replaces it."""
    return output.parent / f".{output.name}-search-previous" / BUNDLE


def _put_in_place(fresh: Path, bundle: Path, keep: Path | None = None) -> None:
    """The new bundle at `bundle`, in one exchange where the system can; the old one is moved to `keep`
    (replacing what was there), or deleted."""
    if not bundle.exists():
        fresh.rename(bundle)
        return
    if not exchange(fresh, bundle):
        old = bundle.with_name(f".{bundle.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        bundle.rename(old)
        fresh.rename(bundle)
        fresh = old
    if keep is not None:
        with contextlib.suppress(OSError):  # kept for searches begun before; a search may do without
            keep.parent.mkdir(exist_ok=True)
            mark_site(keep.parent)
            aside = keep.with_name(f".{keep.name}-old")
            shutil.rmtree(aside, ignore_errors=True)
            if keep.exists():
                keep.rename(aside)
            fresh.rename(keep)
            shutil.rmtree(aside, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)
