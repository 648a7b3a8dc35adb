"""What a devserver's build leaves behind for the devserver, which keeps it between saves.

Reads and writes nothing. hub_build puts a `Preview` into the settings of each build it runs for the
devserver (under `PREVIEW_KEY`); hub_pages leaves there its page generator (the planned views, the
planners with the content graph, the view parts and the renderer, Jinja environments included), so a
later save that changes only a document's text re-renders that page without building the site again;
hub_search leaves the searchable pages and, once a bundle is served, does not run Pagefind, which the
devserver runs once the pages are served. A build without a `Preview` (every `make html` and `make
publish`) is not affected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Preview:
    """Filled in by one build, read by the devserver after it: never shared between two builds."""

    pages: Any = None
    """hub_pages' `PageGenerator` of the build, once its pages are written."""
    searchable: list[str] = field(default_factory=list)
    """The pages Pagefind indexes, relative to the output folder (hub_search's `searchable_pages`)."""
    notes_shown: set[str] = field(default_factory=set)
    """The warnings the devserver's builds printed already: each is printed once, not on every save."""
    search_deferred: bool = False
    """True once hub_search has left the index to the devserver (the served bundle carried over); False
    when it ran Pagefind itself, as it does when no bundle is served yet."""
