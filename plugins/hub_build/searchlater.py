"""The devserver's search: Pagefind runs after the pages are served, and a newer save cancels it.

Reads the served output folder's searchable pages (the list a build left in its `Preview`) and its
current bundle; writes a new bundle beside the output, then puts it in place of `pagefind/` in one
atomic exchange, so a search in the browser finds either the old index or the new one, never half of
either. Tells the `BuildState` whether search is "updating", "current" or "failed", which the pages show
(assets/reload.js). Runs in a thread of the devserver, started after each successful build.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from hub_search.indexer import BUNDLE, IndexRun, SearchIndexError

from .build import exchange
from .rebuilds import BuildState


class SearchUpdater:
    """At most one Pagefind run at a time, for the newest build; `cancel()` ends it before the next."""

    def __init__(self, output: Path, state: BuildState) -> None:
        self.output, self.state = output.resolve(), state
        self._lock = threading.Lock()
        self._run: IndexRun | None = None
        self._thread: threading.Thread | None = None
        self._cancelled = threading.Event()

    def start(self, pages: Sequence[str]) -> None:
        """Index `pages` of the output folder in the background (after cancelling any run going on)."""
        self.cancel()
        self._cancelled = cancelled = threading.Event()
        self.state.set_search("updating")
        self._thread = threading.Thread(
            target=self._update, args=(list(pages), cancelled), name="hub-search", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        """Stop the run going on, if any; its bundle is never put in place."""
        with self._lock:
            self._cancelled.set()
            run = self._run
        if run is not None:
            run.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _update(self, pages: list[str], cancelled: threading.Event) -> None:
        started = time.perf_counter()
        try:
            with self._lock:
                if cancelled.is_set():
                    return
                run = self._run = IndexRun(self.output, pages, previous=self.output / BUNDLE)
            fresh = run.work.parent / f"{run.work.name}-{BUNDLE}"
            report = run.finish(fresh)
        except (SearchIndexError, OSError) as exc:
            if not cancelled.is_set():
                print(f"search could not be updated: {exc}", file=sys.stderr, flush=True)
                self.state.set_search("failed")
            return
        finally:
            with self._lock:
                self._run = None
        with self._lock:
            if cancelled.is_set():
                shutil.rmtree(fresh, ignore_errors=True)
                return
            _put_in_place(fresh, self.output / BUNDLE)
            self.state.set_search("current")
            seconds = time.perf_counter() - started
            print(f"search updated: {report.pages} pages indexed ({seconds:.1f} s)", flush=True)


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
