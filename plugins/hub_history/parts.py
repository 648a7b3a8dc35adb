"""hub_history's page views: each ordinance's history page planned as a `PageView`, and the history on
the ordinance's own page added to its view.

Reads the `Site` graph and the build's `SiteHistory` (build.py); writes nothing (the generator renders
the views through hub_pages' renderer). `history_views()` plans `/ordinances/<slug>/history/` (kind
HISTORY, template `history.html`, which prints its `HistoryValues`); `history_part()` gives each document
page that has a history its `view.history`, which `history_summary.html` prints (last updated, the latest
changes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_core.outputs import source_of
from hub_core.views import Inputs, Kind, PageView, Values
from hub_model import Document, Site

from .build import history_of
from .views import DocumentHistory, SiteHistory

TEMPLATE = "history"


@dataclass(frozen=True)
class HistoryValues(Values):
    """What a history page prints: the ordinance, its versions, and whether older ones may be missing."""

    ordinance: Document
    history: DocumentHistory
    shallow: bool
    """Built from a shallow clone, so the oldest versions may be missing."""


def history_views(site: Site, history: SiteHistory, content: str | Path) -> Iterator[PageView]:
    """One view per document with a history, in the site's order; none when history is not available."""
    if not history.available:
        return
    for doc in site.documents:
        found = history.of(doc)
        if found is None:
            continue
        yield PageView(
            Kind.HISTORY,
            found.url + "index.html",
            TEMPLATE,
            doc,
            HistoryValues(doc, found, history.shallow),
            # Its versions count as the document's body (page reuse digests a body with its history).
            Inputs((doc.url,), bodies=(doc.url,), templates=(TEMPLATE,), settings=("HUB_HISTORY",)),
            section=doc.type.name,
            source=source_of(doc.source, content),
        )


def history_part(context: MutableMapping[str, Any]) -> Callable[[PageView], PageView]:
    """hub_history's part of every view: a document page's history (last updated, latest changes)."""

    def add_history(view: PageView) -> PageView:
        if view.kind is not Kind.DOCUMENT or not isinstance(view.subject, Document):
            return view
        found = history_of(context).of(view.subject)
        return view if found is None else dataclasses.replace(view, history=found)

    return add_history
