"""The devserver's search overlay: the pages saved since the served bundle was written, indexed apart.

Pagefind has no incremental mode: each run reads every searchable page and writes the whole index, which
takes tens of seconds on a large site. So after a save the devserver first indexes only the pages that
differ from those the served bundle holds (a Pagefind run over a handful of pages takes about a second),
and puts that small bundle inside the served one, at `pagefind/overlay/`, with `overlay.json`: the
languages it holds and the ids of the served bundle's results it replaces (the pages changed or removed
since). The search page, in the devserver alone, merges the overlay into the served index and leaves
those results out (theme/static/js/search.js, told through `/__hub__/search.json`), so a save is found
within seconds while the full run goes on. The full run's bundle, put in place of the served one, has no
overlay: once the devserver is idle its output is a preview build's, byte for byte.

Reads the served pages and the served bundle; writes a new overlay folder beside the output, which
searchlater.py puts in place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hub_search.bundle import ENTRY, page_url
from hub_search.indexer import IndexRun

OVERLAY = "overlay"
MANIFEST = "overlay.json"
LIMIT = 200
"""Pages an overlay may hold: a save that changed more (a template, a renamed issue) waits for the full
run, which is then not much slower than indexing them apart."""


@dataclass(frozen=True)
class Difference:
    """The searchable pages (relative to the output) whose bytes differ from those the bundle indexed."""

    changed: tuple[str, ...]
    """New pages, and pages whose bytes changed."""
    removed: tuple[str, ...]
    """Pages the bundle indexed that are no longer searchable."""

    @property
    def size(self) -> int:
        return len(self.changed) + len(self.removed)


def difference(indexed: Mapping[str, bytes], now: Mapping[str, bytes]) -> Difference:
    """What differs between the pages' digests the bundle indexed and the pages' digests now."""
    changed = tuple(sorted(page for page, digest in now.items() if indexed.get(page) != digest))
    removed = tuple(sorted(page for page in indexed if page not in now))
    return Difference(changed, removed)


@dataclass(frozen=True)
class Overlay:
    languages: tuple[str, ...]
    stale: tuple[str, ...]
    """The served bundle's result ids that the overlay replaces, or that name removed pages."""

    def json(self) -> dict[str, list[str]]:
        return {"languages": list(self.languages), "stale": list(self.stale)}


def write(output: Path, diff: Difference, ids: Mapping[str, str], target: Path) -> Overlay:
    """Index `diff.changed` into the new folder `target`, with its manifest; `ids` are the served
    bundle's result ids by page address (hub_search.bundle.page_ids)."""
    if diff.changed:
        IndexRun(output, diff.changed).finish(target)
        entry = json.loads((target / ENTRY).read_text(encoding="utf-8"))
        languages = tuple(sorted(entry["languages"]))
    else:  # only removals: nothing to index, results to leave out
        target.mkdir()
        languages = ()
    addresses = (page_url(page) for page in (*diff.changed, *diff.removed))
    overlay = Overlay(languages, tuple(sorted({ids[a] for a in addresses if a in ids})))
    (target / MANIFEST).write_text(json.dumps(overlay.json()), encoding="utf-8")
    return overlay
